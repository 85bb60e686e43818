//! Writing the briefing from a release: the group's growth against the
//! nation, provinces above the national rate and a threshold, those above
//! 30 %, the top and bottom five, sub-regions, main products, trade, the
//! development gap and its change, plan attainment and year-end
//! projections, and the Tết reading in January and February. Every figure
//! in the text points at the table row it comes from.

use std::collections::BTreeMap;

use congthuong_charts::bars::{Bar, Ranking, Reference, Unit, ranking};
use congthuong_charts::map::{Choropleth, choropleth};
use congthuong_charts::scale::ColorScale;
use congthuong_core::display::{month, number, percent, signed_percent, year_to_date};
use congthuong_core::{AreaCode, BoundaryVersion, Geography, Lang, Period, Product};
use congthuong_engine::projection::Method;
use congthuong_engine::tet::{TetEffect, reading};
use congthuong_figures::ReleaseData;
use congthuong_figures::analysis::{gap, index_projections, indicator_projections, indicator_sum};
use congthuong_figures::overview::{Overview, OverviewQuery, overview};

use crate::model::{Briefing, Chart, Paragraph, Row, Section, Table};

/// What to write.
#[derive(Clone, Debug)]
pub struct Request {
    /// Group id (`north_28`).
    pub group: String,
    /// The month.
    pub period: Period,
    /// Language.
    pub lang: Lang,
    /// The growth threshold, % (11 by default).
    pub threshold: f64,
    /// Boundaries; `None`: those in force in the month.
    pub boundaries: Option<BoundaryVersion>,
    /// The group's key projects with late items, when the registers are
    /// kept (the caller reads them; the briefing does no I/O).
    pub late_projects: Option<LateProjects>,
}

/// The late items of a group's key projects on a day.
#[derive(Clone, Debug)]
pub struct LateProjects {
    /// The day they are counted on: (year, month, day). For a past month,
    /// its last day: the registers as they stood then.
    pub as_of: (i32, u32, u32),
    /// The boundaries the group's provinces and the projects' places are
    /// read on (the registers keep places on the 2025 map).
    pub boundaries: BoundaryVersion,
    /// Late items, most days late first.
    pub items: Vec<LateProject>,
}

/// One late item (a milestone, procedure or blocker past due, not done).
#[derive(Clone, Debug)]
pub struct LateProject {
    /// The project's id.
    pub project_id: String,
    /// Its name.
    pub project: String,
    /// Its provinces' names, joined.
    pub provinces: String,
    /// The item (milestone, procedure or blocker) in words.
    pub what: String,
    /// The agency that must act.
    pub agency: String,
    /// When it was due: (year, month, day).
    pub due: (i32, u32, u32),
    /// Days past due.
    pub days_late: i64,
}

/// Why a briefing cannot be written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BriefingError {
    /// No figures for the group or month.
    #[error("{0}")]
    NoFigures(String),
}

fn pick(lang: Lang, vi: &str, en: &str) -> String {
    lang.pick(vi, en).to_owned()
}

/// "tăng 10,3 %" / "rose 10.3 %" (or "giảm" / "fell" with the absolute value).
fn change(v: Option<f64>, lang: Lang) -> String {
    match v {
        Some(v) if v < 0.0 => format!(
            "{} {}",
            pick(lang, "giảm", "fell"),
            percent(Some(-v), 1, lang)
        ),
        Some(v) => format!(
            "{} {}",
            pick(lang, "tăng", "rose"),
            percent(Some(v), 1, lang)
        ),
        None => "–".into(),
    }
}

/// The same in the conditional: "tăng 10,3 %" / "rise 10.3 %".
fn projected_change(v: Option<f64>, lang: Lang) -> String {
    match (lang, v) {
        (Lang::En, Some(v)) if v < 0.0 => format!("fall {}", percent(Some(-v), 1, lang)),
        (Lang::En, Some(v)) => format!("rise {}", percent(Some(v), 1, lang)),
        _ => change(v, lang),
    }
}

fn names(o: &Overview, lang: Lang) -> BTreeMap<String, String> {
    o.members
        .iter()
        .map(|m| (m.code.clone(), lang.pick(&m.name_vi, &m.name_en).to_owned()))
        .collect()
}

/// Writes the briefing.
pub fn write(data: &ReleaseData, req: &Request) -> Result<Briefing, BriefingError> {
    let lang = req.lang;
    let geo = Geography::embedded();
    let p = req.period;
    let version = req
        .boundaries
        .unwrap_or_else(|| BoundaryVersion::in_force(p));
    let q = OverviewQuery {
        group: req.group.clone(),
        period: p,
        boundaries: version,
        threshold: req.threshold,
    };
    let o = overview(data, &q).map_err(|e| BriefingError::NoFigures(e.to_string()))?;
    let view = data
        .view_for(o.query.boundaries, p)
        .ok_or_else(|| BriefingError::NoFigures(format!("no figures for {p}")))?;
    let group = geo
        .group(&req.group)
        .map_err(|e| BriefingError::NoFigures(e.to_string()))?;
    let gname = lang.pick(&o.group_name_vi, &o.group_name_en).to_owned();
    let nm = names(&o, lang);
    let pct = |v: Option<f64>| signed_percent(v, 1, lang);
    let members: Vec<String> = o.members.iter().map(|m| m.code.clone()).collect();

    // ---- Tables -------------------------------------------------------
    let mut t1 = Table {
        id: "t1".into(),
        caption: pick(
            lang,
            "Bảng 1. Tăng trưởng IIP của các tỉnh so với cùng kỳ năm trước (%) và đóng góp vào tăng trưởng của vùng (điểm %)",
            "Table 1. IIP growth of the provinces on a year earlier (%) and contribution to the region's growth (pp)",
        ),
        columns: vec![
            "#".into(),
            pick(lang, "Tỉnh, thành phố", "Province"),
            month(p, lang),
            year_to_date(p, lang),
            pick(lang, "Đóng góp", "Contribution"),
        ],
        rows: Vec::new(),
    };
    for (i, m) in o.members.iter().enumerate() {
        t1.rows.push(Row {
            id: m.code.clone(),
            cells: vec![
                (i + 1).to_string(),
                nm[&m.code].clone(),
                pct(m.yoy),
                pct(m.ytd),
                number(m.contribution_ytd, 2, lang),
            ],
        });
    }
    let mut t2 = Table {
        id: "t2".into(),
        caption: pick(
            lang,
            "Bảng 2. Vùng, tiểu vùng và cả nước (%)",
            "Table 2. The region, its sub-regions and the country (%)",
        ),
        columns: vec![
            pick(lang, "Vùng", "Area"),
            month(p, lang),
            year_to_date(p, lang),
            pick(lang, "Đóng góp", "Contribution"),
        ],
        rows: vec![Row {
            id: "group".into(),
            cells: vec![
                gname.clone(),
                pct(o.group_yoy),
                pct(o.group_ytd),
                String::new(),
            ],
        }],
    };
    for s in &o.subregions {
        t2.rows.push(Row {
            id: s.id.clone(),
            cells: vec![
                lang.pick(&s.name_vi, &s.name_en).to_owned(),
                pct(s.yoy),
                pct(s.ytd),
                number(s.contribution_ytd, 2, lang),
            ],
        });
    }
    t2.rows.push(Row {
        id: "vn_compiled".into(),
        cells: vec![
            pick(
                lang,
                "Cả nước (tổng hợp từ các tỉnh)",
                "Country (compiled from the provinces)",
            ),
            pct(o.national.compiled_yoy),
            pct(o.national.compiled_ytd),
            String::new(),
        ],
    });
    if o.national.published_ytd.is_some() || o.national.published_yoy.is_some() {
        t2.rows.push(Row {
            id: "vn_published".into(),
            cells: vec![
                pick(
                    lang,
                    "Cả nước (Tổng cục Thống kê công bố)",
                    "Country (published by GSO)",
                ),
                pct(o.national.published_yoy),
                pct(o.national.published_ytd),
                String::new(),
            ],
        });
    }
    let national_row = if o.national.comparison_basis == "published" {
        "vn_published"
    } else {
        "vn_compiled"
    };

    // ---- 1. Industrial production ---------------------------------------
    let mut s1 = Vec::new();
    s1.push(
        Paragraph::default()
            .text(match lang {
                Lang::Vi => format!(
                    "{}, chỉ số sản xuất công nghiệp (IIP) của {} ",
                    year_to_date(p, lang),
                    gname
                ),
                Lang::En => format!(
                    "In {}, the index of industrial production (IIP) of the {} ",
                    year_to_date(p, lang),
                    gname
                ),
            })
            .fig(change(o.group_ytd, lang), "t2", "group")
            .text(pick(
                lang,
                " so với cùng kỳ năm trước (riêng ",
                " on the same period a year earlier (",
            ))
            .text(if lang == Lang::Vi {
                month(p, lang).to_lowercase()
            } else {
                month(p, lang)
            })
            .text(": ")
            .fig(change(o.group_yoy, lang), "t2", "group")
            .text(pick(lang, "); cả nước ", "); nationwide, the IIP "))
            .fig(change(o.national.comparison_ytd, lang), "t2", national_row)
            .text("."),
    );
    let above_30: Vec<&congthuong_figures::overview::MemberRow> = o
        .members
        .iter()
        .filter(|m| m.ytd.is_some_and(|v| v > 30.0))
        .collect();
    let mut p2 = Paragraph::default().text(match lang {
        Lang::Vi => format!(
            "{} trên {} tỉnh tăng trên {}, {} tỉnh tăng cao hơn mức chung cả nước",
            o.above_threshold,
            o.with_figures,
            percent(Some(req.threshold), 1, lang),
            o.above_national
        ),
        Lang::En => format!(
            "{} of {} provinces grew more than {}, {} faster than the country",
            o.above_threshold,
            o.with_figures,
            percent(Some(req.threshold), 1, lang),
            o.above_national
        ),
    });
    if above_30.is_empty() {
        p2 = p2.text(".");
    } else {
        p2 = p2.text(pick(
            lang,
            "; có tỉnh tăng trên 30 %: ",
            "; some grew more than 30 %: ",
        ));
        for (i, m) in above_30.iter().enumerate() {
            if i > 0 {
                p2 = p2.text(", ");
            }
            p2 = p2
                .text(format!("{} (", nm[&m.code]))
                .fig(pct(m.ytd), "t1", &m.code)
                .text(")");
        }
        p2 = p2.text(".");
    }
    let missing = o.members.len() - o.with_figures;
    if missing > 0 {
        p2 = p2.text(match lang {
            Lang::Vi => format!(" {missing} tỉnh chưa có số liệu kỳ này."),
            Lang::En => format!(" {missing} provinces have no figure for the period."),
        });
    }
    s1.push(p2);
    let listed = |mut para: Paragraph, rows: &[&congthuong_figures::overview::MemberRow]| {
        for (i, m) in rows.iter().enumerate() {
            if i > 0 {
                para = para.text(", ");
            }
            para = para
                .text(format!("{} ", nm[&m.code]))
                .fig(pct(m.ytd), "t1", &m.code);
        }
        para
    };
    let with: Vec<&congthuong_figures::overview::MemberRow> =
        o.members.iter().filter(|m| m.ytd.is_some()).collect();
    if with.len() >= 2 {
        let k = 5.min(with.len() / 2).max(1);
        let top = listed(
            Paragraph::default().text(pick(lang, "Các tỉnh tăng cao nhất: ", "Fastest growing: ")),
            &with[..k],
        );
        let bottom_rows: Vec<&congthuong_figures::overview::MemberRow> =
            with[with.len() - k..].iter().rev().copied().collect();
        let bottom = listed(
            top.text(pick(lang, ". Thấp nhất: ", ". Slowest: ")),
            &bottom_rows,
        )
        .text(".");
        s1.push(bottom);
    }
    if !o.subregions.is_empty() {
        let mut para = Paragraph::default().text(pick(lang, "Theo tiểu vùng: ", "By sub-region: "));
        for (i, s) in o.subregions.iter().enumerate() {
            if i > 0 {
                para = para.text("; ");
            }
            para = para.text(format!("{} ", lang.pick(&s.name_vi, &s.name_en)));
            para = match s.ytd {
                Some(_) => para.fig(change(s.ytd, lang), "t2", &s.id),
                None => para.text(pick(lang, "(chưa có chỉ số)", "(no index)")),
            };
            para = para.text(pick(lang, ", đóng góp ", ", contributing ")).fig(
                format!(
                    "{} {}",
                    number(s.contribution_ytd, 2, lang),
                    pick(lang, "điểm %", "pp")
                ),
                "t2",
                &s.id,
            );
        }
        s1.push(para.text("."));
    }
    if let Some(r) = reading(p.year(), p.month()) {
        let jan_feb = if p.month() == 2 {
            view.growth(&req.group, "TOTAL", p, congthuong_engine::Comparison::Ytd)
        } else {
            None
        };
        let text = match (r.effect, lang) {
            (TetEffect::None, Lang::Vi) => "Tết Nguyên đán năm nay và năm trước cùng rơi vào một tháng nên số liệu so sánh được.".to_owned(),
            (TetEffect::None, Lang::En) => "Tết fell in the same month this year and last, so the month compares fairly.".to_owned(),
            (TetEffect::Depressed, Lang::Vi) => format!("Lưu ý: Tết Nguyên đán năm nay rơi vào tháng {} (năm trước vào tháng {}), nên tăng trưởng của tháng này thấp hơn thực chất; nên đọc cùng số liệu gộp hai tháng 1–2.", r.tet_month, r.previous_tet_month),
            (TetEffect::Depressed, Lang::En) => format!("Note: Tết fell in month {} this year (month {} last year), which depresses this month's growth; read it with January–February together.", r.tet_month, r.previous_tet_month),
            (TetEffect::Boosted, Lang::Vi) => format!("Lưu ý: Tết Nguyên đán năm nay rơi vào tháng {} (năm trước vào tháng {}), nên tăng trưởng của tháng này cao hơn thực chất; nên đọc cùng số liệu gộp hai tháng 1–2.", r.tet_month, r.previous_tet_month),
            (TetEffect::Boosted, Lang::En) => format!("Note: Tết fell in month {} this year (month {} last year), which boosts this month's growth; read it with January–February together.", r.tet_month, r.previous_tet_month),
        };
        let mut para = Paragraph::default().text(text);
        if let Some(jf) = jan_feb {
            para = para
                .text(pick(
                    lang,
                    " Gộp hai tháng đầu năm: ",
                    " January and February together: ",
                ))
                .fig(change(Some(jf), lang), "t2", "group")
                .text(".");
        }
        s1.push(para);
    }

    // ---- 2. Main products ----------------------------------------------
    let mut t3 = Table {
        id: "t3".into(),
        caption: pick(
            lang,
            "Bảng 3. Sản phẩm công nghiệp chủ yếu của vùng",
            "Table 3. Main industrial products of the region",
        ),
        columns: vec![
            pick(lang, "Sản phẩm", "Product"),
            pick(lang, "Đơn vị tính", "Unit"),
            year_to_date(p, lang),
            pick(lang, "So cùng kỳ", "On a year earlier"),
        ],
        rows: Vec::new(),
    };
    let mut products: Vec<(String, String, f64)> = Vec::new();
    for pr in Product::basket() {
        let Some((ytd, last)) = view.output_ytd(&req.group, &pr.code, p) else {
            continue;
        };
        if ytd <= 0.0 {
            continue;
        }
        let g = last.filter(|l| *l > 0.0).map(|l| 100.0 * (ytd / l - 1.0));
        t3.rows.push(Row {
            id: pr.code.clone(),
            cells: vec![
                lang.pick(&pr.name_vi, &pr.name_en).to_owned(),
                lang.pick(&pr.unit_vi, &pr.unit_en).to_owned(),
                number(Some(ytd), 0, lang),
                pct(g),
            ],
        });
        if let Some(g) = g {
            products.push((
                pr.code.clone(),
                lang.pick(&pr.name_vi, &pr.name_en).to_lowercase(),
                g,
            ));
        }
    }
    let mut s2 = Vec::new();
    if !products.is_empty() {
        products.sort_by(|a, b| b.2.total_cmp(&a.2));
        let up: Vec<&(String, String, f64)> =
            products.iter().filter(|x| x.2 > 0.0).take(5).collect();
        let down: Vec<&(String, String, f64)> = products
            .iter()
            .rev()
            .filter(|x| x.2 < 0.0)
            .take(3)
            .collect();
        let mut para = Paragraph::default();
        if !up.is_empty() {
            para = para.text(pick(
                lang,
                "Nhiều sản phẩm chủ yếu tăng khá: ",
                "Main products that grew: ",
            ));
            for (i, x) in up.iter().enumerate() {
                if i > 0 {
                    para = para.text(", ");
                }
                para = para
                    .text(format!("{} ", x.1))
                    .fig(pct(Some(x.2)), "t3", &x.0);
            }
            para = para.text(".");
        }
        if !down.is_empty() {
            para = para.text(" ");
            para = para.text(pick(lang, "Giảm: ", "Down: "));
            for (i, x) in down.iter().enumerate() {
                if i > 0 {
                    para = para.text(", ");
                }
                para = para
                    .text(format!("{} ", x.1))
                    .fig(pct(Some(x.2)), "t3", &x.0);
            }
            para = para.text(".");
        }
        s2.push(para);
    }

    // ---- 3. Trade --------------------------------------------------------
    let mut t4 = Table {
        id: "t4".into(),
        caption: pick(
            lang,
            "Bảng 4. Tổng mức bán lẻ hàng hoá và doanh thu dịch vụ tiêu dùng (tỷ đồng) và kim ngạch xuất khẩu (triệu USD), cộng dồn",
            "Table 4. Retail sales of goods and services (billion VND) and exports (million USD), year to date",
        ),
        columns: vec![
            pick(lang, "Tỉnh, thành phố", "Province"),
            pick(lang, "Bán lẻ", "Retail sales"),
            pick(lang, "So cùng kỳ", "y/y"),
            pick(lang, "Xuất khẩu", "Exports"),
            pick(lang, "So cùng kỳ", "y/y"),
        ],
        rows: Vec::new(),
    };
    let ytd_of = |ind: &str, area_codes: &[String]| -> (Option<f64>, Option<f64>) {
        let sum = |r: congthuong_core::PeriodRange| -> Option<f64> {
            r.iter()
                .map(|m| indicator_sum(data, view.version, area_codes, ind, m))
                .sum()
        };
        (sum(p.year_to_date()), sum(p.year_to_date_last_year()))
    };
    let growth = |(now, before): (Option<f64>, Option<f64>)| match (now, before) {
        (Some(n), Some(b)) if b != 0.0 => Some(100.0 * (n / b - 1.0)),
        _ => None,
    };
    for m in &o.members {
        let one = [m.code.clone()];
        let (r, x) = (ytd_of("retail_sales", &one), ytd_of("exports", &one));
        if r.0.is_some() || x.0.is_some() {
            t4.rows.push(Row {
                id: m.code.clone(),
                cells: vec![
                    nm[&m.code].clone(),
                    number(r.0, 1, lang),
                    pct(growth(r)),
                    number(x.0, 1, lang),
                    pct(growth(x)),
                ],
            });
        }
    }
    let (gr, gx) = (
        ytd_of("retail_sales", &members),
        ytd_of("exports", &members),
    );
    let mut s3 = Vec::new();
    if gr.0.is_some() || gx.0.is_some() {
        t4.rows.push(Row {
            id: "group".into(),
            cells: vec![
                gname.clone(),
                number(gr.0, 1, lang),
                pct(growth(gr)),
                number(gx.0, 1, lang),
                pct(growth(gx)),
            ],
        });
        let mut para = Paragraph::default();
        if gr.0.is_some() {
            para = para
                .text(pick(
                    lang,
                    "Tổng mức bán lẻ hàng hoá và doanh thu dịch vụ tiêu dùng của vùng đạt ",
                    "Retail sales of goods and services in the region reached ",
                ))
                .fig(
                    format!(
                        "{} {}",
                        number(gr.0, 1, lang),
                        pick(lang, "tỷ đồng", "billion VND")
                    ),
                    "t4",
                    "group",
                )
                .text(", ")
                .fig(change(growth(gr), lang), "t4", "group")
                .text(pick(lang, " so với cùng kỳ.", " on a year earlier."));
        }
        if gx.0.is_some() {
            para = para
                .text(if gr.0.is_some() { " " } else { "" })
                .text(pick(lang, "Kim ngạch xuất khẩu đạt ", "Exports reached "))
                .fig(
                    format!(
                        "{} {}",
                        number(gx.0, 1, lang),
                        pick(lang, "triệu USD", "million USD")
                    ),
                    "t4",
                    "group",
                )
                .text(", ")
                .fig(change(growth(gx), lang), "t4", "group")
                .text(".");
        }
        s3.push(para);
    }

    // ---- 4. Development gap ------------------------------------------------
    let gp = gap(view, group, p);
    let mut t5 = Table {
        id: "t5".into(),
        caption: pick(
            lang,
            "Bảng 5. Chênh lệch phát triển giữa các tỉnh",
            "Table 5. The development gap between the provinces",
        ),
        columns: vec![
            pick(lang, "Chỉ số", "Measure"),
            year_to_date(p, lang),
            year_to_date(p.same_month_last_year(), lang),
        ],
        rows: Vec::new(),
    };
    let metric = |f: &dyn Fn(&congthuong_figures::analysis::GapMetrics) -> Option<f64>,
                  d: usize| {
        (
            number(f(&gp.now), d, lang),
            number(f(&gp.year_ago), d, lang),
        )
    };
    let rows: [(&str, String, (String, String)); 6] = [
        (
            "range",
            pick(
                lang,
                "Khoảng biến thiên của tăng trưởng (điểm %)",
                "Range of growth rates (pp)",
            ),
            metric(&|m| m.growth.map(|d| d.range), 1),
        ),
        (
            "sd",
            pick(
                lang,
                "Độ lệch chuẩn của tăng trưởng (điểm %)",
                "Standard deviation of growth (pp)",
            ),
            metric(&|m| m.growth.map(|d| d.std_dev), 1),
        ),
        (
            "cv",
            pick(lang, "Hệ số biến thiên", "Coefficient of variation"),
            metric(&|m| m.growth.and_then(|d| d.cv), 2),
        ),
        (
            "gini",
            pick(
                lang,
                "Hệ số Gini của giá trị sản xuất công nghiệp",
                "Gini coefficient of industrial output",
            ),
            metric(&|m| m.gini, 3),
        ),
        (
            "theil",
            pick(lang, "Chỉ số Theil (tổng)", "Theil index (total)"),
            metric(&|m| m.theil.as_ref().map(|t| t.total), 3),
        ),
        (
            "theil_between",
            pick(
                lang,
                "  trong đó giữa các tiểu vùng",
                "  of which between sub-regions",
            ),
            metric(&|m| m.theil.as_ref().map(|t| t.between), 3),
        ),
    ];
    for (id, label, (now, before)) in rows {
        t5.rows.push(Row {
            id: id.into(),
            cells: vec![label, now, before],
        });
    }
    let mut s4 = Vec::new();
    if let (Some(now), Some(before)) = (gp.now.growth, gp.year_ago.growth) {
        let narrowed = now.std_dev < before.std_dev;
        let mut para = Paragraph::default()
            .text(pick(lang, "Chênh lệch tăng trưởng giữa các tỉnh còn lớn: khoảng cách giữa tỉnh cao nhất và thấp nhất là ", "The gap between provinces remains wide: the fastest and the slowest are "))
            .fig(format!("{} {}", number(Some(now.range), 1, lang), pick(lang, "điểm %", "pp")), "t5", "range")
            .text(pick(lang, ", độ lệch chuẩn ", " apart, the standard deviation is "))
            .fig(number(Some(now.std_dev), 1, lang), "t5", "sd")
            .text(pick(lang, " (cùng kỳ năm trước ", " (a year earlier "))
            .fig(number(Some(before.std_dev), 1, lang), "t5", "sd")
            .text(match (narrowed, lang) {
                (true, Lang::Vi) => "), tức là đã thu hẹp.",
                (false, Lang::Vi) => "), tức là đã nới rộng.",
                (true, Lang::En) => "): it has narrowed.",
                (false, Lang::En) => "): it has widened.",
            });
        if let (Some(g), Some(t)) = (gp.now.gini, gp.now.theil.as_ref()) {
            para = para
                .text(pick(
                    lang,
                    " Mức độ tập trung của sản xuất công nghiệp: hệ số Gini ",
                    " Industrial output is concentrated: Gini ",
                ))
                .fig(number(Some(g), 3, lang), "t5", "gini")
                .text(pick(lang, ", chỉ số Theil ", ", Theil "))
                .fig(number(Some(t.total), 3, lang), "t5", "theil")
                .text(pick(
                    lang,
                    ", trong đó phần chênh lệch giữa các tiểu vùng là ",
                    ", of which between sub-regions ",
                ))
                .fig(number(Some(t.between), 3, lang), "t5", "theil_between")
                .text(".");
        }
        s4.push(para);
    }

    // ---- 5. Plan and projection ----------------------------------------------
    let mut t6 = Table {
        id: "t6".into(),
        caption: pick(
            lang,
            "Bảng 6. Ước tính cả năm theo hai phương pháp",
            "Table 6. Year-end projections by two methods",
        ),
        columns: vec![
            pick(lang, "Chỉ tiêu", "Indicator"),
            pick(lang, "Phương pháp", "Method"),
            pick(
                lang,
                "Ước cả năm so với năm trước",
                "Projected year on the last",
            ),
        ],
        rows: Vec::new(),
    };
    let mut projections = Vec::new();
    for pr in index_projections(view, &req.group, p) {
        let id = format!("iip_{}", method_id(pr.method));
        t6.rows.push(Row {
            id: id.clone(),
            cells: vec!["IIP".into(), pr.method.name(lang), pct(Some(pr.growth_pct))],
        });
        projections.push((id, pr));
    }
    for (ind, label) in [
        ("retail_sales", pick(lang, "Bán lẻ", "Retail sales")),
        ("exports", pick(lang, "Xuất khẩu", "Exports")),
    ] {
        for pr in indicator_projections(data, view.version, &members, ind, p) {
            t6.rows.push(Row {
                id: format!("{ind}_{}", method_id(pr.method)),
                cells: vec![
                    label.clone(),
                    pr.method.name(lang),
                    pct(Some(pr.growth_pct)),
                ],
            });
        }
    }
    let mut s5 = Vec::new();
    if p.month() < 12 && !projections.is_empty() {
        let mut para = Paragraph::default().text(pick(
            lang,
            "Nếu giữ được đà hiện nay, IIP cả năm của vùng ước ",
            "At the current pace, the region's IIP for the whole year would ",
        ));
        for (i, (id, pr)) in projections.iter().enumerate() {
            if i > 0 {
                para = para.text(pick(lang, " hoặc ", " or "));
            }
            para = para
                .fig(projected_change(Some(pr.growth_pct), lang), "t6", id)
                .text(format!(" ({})", pr.method.name(lang).to_lowercase()));
        }
        s5.push(para.text("."));
    }
    let mut t7 = Table {
        id: "t7".into(),
        caption: pick(
            lang,
            "Bảng 7. Thực hiện kế hoạch tăng trưởng IIP của các tỉnh",
            "Table 7. Provinces' IIP growth plans",
        ),
        columns: vec![
            pick(lang, "Tỉnh, thành phố", "Province"),
            pick(lang, "Kế hoạch (%)", "Plan (%)"),
            year_to_date(p, lang),
            pick(lang, "Ước cả năm", "Projected year"),
            pick(lang, "Đánh giá", "Assessment"),
        ],
        rows: Vec::new(),
    };
    let mut behind = Vec::new();
    for m in &o.members {
        // The target of the unit on the briefing's boundaries (none across the merger).
        let Some(target) = data
            .target_on(&m.code, view.version, p.year(), "iip_growth")
            .and_then(|t| t.value())
        else {
            continue;
        };
        let projected = congthuong_engine::projection::project(
            |x| view.level(&m.code, "TOTAL", x),
            p,
            Method::RecentGrowth { months: 3 },
        )
        .map(|x| x.growth_pct);
        let on_track = projected.is_some_and(|g| g >= target);
        if !on_track {
            behind.push(m.code.clone());
        }
        t7.rows.push(Row {
            id: m.code.clone(),
            cells: vec![
                nm[&m.code].clone(),
                number(Some(target), 1, lang),
                pct(m.ytd),
                pct(projected),
                pick(
                    lang,
                    if on_track {
                        "có thể đạt"
                    } else {
                        "khó đạt"
                    },
                    if on_track { "on track" } else { "at risk" },
                ),
            ],
        });
    }
    if !t7.rows.is_empty() {
        let mut para = Paragraph::default().text(match lang {
            Lang::Vi => format!("Theo kế hoạch năm {}, {} trên {} tỉnh có thể đạt mục tiêu tăng trưởng IIP nếu duy trì tốc độ tăng 3 tháng gần nhất", p.year(), t7.rows.len() - behind.len(), t7.rows.len()),
            Lang::En => format!("Against the {} plans, {} of {} provinces would meet their IIP growth target at the pace of the last three months", p.year(), t7.rows.len() - behind.len(), t7.rows.len()),
        });
        if !behind.is_empty() {
            para = para.text(pick(lang, "; khó đạt: ", "; at risk: "));
            for (i, c) in behind.iter().enumerate() {
                if i > 0 {
                    para = para.text(", ");
                }
                para = para.fig(nm[c].clone(), "t7", c);
            }
        }
        s5.push(para.text("."));
    }

    // ---- Charts ---------------------------------------------------------
    let bars: Vec<Bar> = o
        .members
        .iter()
        .map(|m| Bar {
            label: nm[&m.code].clone(),
            value: m.ytd,
            href: None,
        })
        .collect();
    let mut refs = vec![Reference {
        label: format!(
            "{} {}",
            pick(lang, "Ngưỡng", "Threshold"),
            percent(Some(req.threshold), 1, lang)
        ),
        value: req.threshold,
    }];
    if let Some(n) = o.national.comparison_ytd {
        refs.insert(
            0,
            Reference {
                label: format!("{} {}", pick(lang, "Cả nước", "Country"), pct(Some(n))),
                value: n,
            },
        );
    }
    let ranking_caption = pick(
        lang,
        "Hình 1. Tăng trưởng IIP cộng dồn của các tỉnh (%)",
        "Figure 1. Year-to-date IIP growth by province (%)",
    );
    let ranking_svg = ranking(&Ranking {
        title: &ranking_caption,
        bars: &bars,
        references: &refs,
        lang,
        decimals: 1,
        unit: Unit::Percent,
        scale: &ColorScale::growth(),
    });
    let values: BTreeMap<AreaCode, f64> = o
        .map
        .iter()
        .filter_map(|(c, v)| Some((AreaCode::parse(c).ok()?, *v)))
        .collect();
    let focus: Vec<AreaCode> = o
        .members
        .iter()
        .filter_map(|m| AreaCode::parse(&m.code).ok())
        .collect();
    let map_caption = pick(
        lang,
        "Hình 2. Bản đồ tăng trưởng IIP cộng dồn",
        "Figure 2. Map of year-to-date IIP growth",
    );
    let legend = pick(
        lang,
        "Tăng trưởng so với cùng kỳ",
        "Growth on a year earlier",
    );
    let map_svg = choropleth(&Choropleth {
        version: o.query.boundaries,
        title: &map_caption,
        values: &values,
        scale: &ColorScale::growth(),
        focus: Some(&focus),
        lang,
        decimals: 1,
        legend_title: &legend,
        href: None,
        labels: true,
    });

    // The charts' figures, for the table under each chart.
    let ranking_table = Table {
        id: "c1".into(),
        caption: ranking_caption.clone(),
        columns: vec![
            pick(lang, "Tỉnh, thành phố", "Province"),
            year_to_date(p, lang),
        ],
        rows: o
            .members
            .iter()
            .map(|m| Row {
                id: m.code.clone(),
                cells: vec![nm[&m.code].clone(), pct(m.ytd)],
            })
            .collect(),
    };
    let mut map_rows: Vec<(f64, Row)> = values
        .iter()
        .map(|(c, v)| {
            let name = geo.province(*c, o.query.boundaries).map_or_else(
                || c.to_string(),
                |pr| lang.pick(&pr.short_name_vi, &pr.name_ascii).to_owned(),
            );
            (
                *v,
                Row {
                    id: c.to_string(),
                    cells: vec![
                        name,
                        pct(Some(*v)),
                        if focus.contains(c) {
                            pick(lang, "Có", "Yes")
                        } else {
                            String::new()
                        },
                    ],
                },
            )
        })
        .collect();
    map_rows.sort_by(|a, b| b.0.total_cmp(&a.0));
    let map_table = Table {
        id: "c2".into(),
        caption: map_caption.clone(),
        columns: vec![
            pick(lang, "Tỉnh, thành phố", "Province"),
            year_to_date(p, lang),
            pick(lang, "Thuộc vùng", "In the region"),
        ],
        rows: map_rows.into_iter().map(|(_, r)| r).collect(),
    };

    let mut sections = vec![Section {
        heading: pick(lang, "Sản xuất công nghiệp", "Industrial production"),
        paragraphs: s1,
    }];
    for (heading, paras) in [
        (pick(lang, "Sản phẩm chủ yếu", "Main products"), s2),
        (pick(lang, "Thương mại", "Trade"), s3),
        (pick(lang, "Chênh lệch phát triển", "Development gap"), s4),
        (
            pick(
                lang,
                "Kế hoạch và ước cả năm",
                "Plan and year-end projection",
            ),
            s5,
        ),
    ] {
        if !paras.is_empty() {
            sections.push(Section {
                heading,
                paragraphs: paras,
            });
        }
    }
    for (i, s) in sections.iter_mut().enumerate() {
        s.heading = format!("{}. {}", i + 1, s.heading);
    }
    let mut t8 = Table {
        id: "t8".into(),
        caption: pick(
            lang,
            "Bảng 8. Dự án trọng điểm có hạng mục chậm tiến độ",
            "Table 8. Key projects with late items",
        ),
        columns: vec![
            pick(lang, "Dự án", "Project"),
            pick(lang, "Tỉnh", "Province"),
            pick(lang, "Hạng mục", "Item"),
            pick(lang, "Đơn vị phải xử lý", "Agency to act"),
            pick(lang, "Hạn", "Due"),
            pick(lang, "Số ngày chậm", "Days late"),
        ],
        rows: Vec::new(),
    };
    if let Some(late) = &req.late_projects {
        let (y, m, d) = late.as_of;
        let as_of = congthuong_core::display::date(y, m, d, lang);
        let mut projects: Vec<&str> = late.items.iter().map(|i| i.project_id.as_str()).collect();
        projects.sort_unstable();
        projects.dedup();
        let mut para = Paragraph::default();
        if late.items.is_empty() {
            para = para.text(match lang {
                Lang::Vi => format!(
                    "Đến ngày {as_of}, không có dự án trọng điểm nào của vùng chậm tiến độ."
                ),
                Lang::En => {
                    format!("As of {as_of}, none of the region's key projects has a late item.")
                }
            });
        } else {
            para = para.text(match lang {
                Lang::Vi => format!(
                    "Đến ngày {as_of}, {} dự án trọng điểm của vùng có {} hạng mục chậm tiến độ. Chậm nhất: ",
                    projects.len(),
                    late.items.len()
                ),
                Lang::En => format!(
                    "As of {as_of}, {} of the region's key projects have {} late items. Most overdue: ",
                    projects.len(),
                    late.items.len()
                ),
            });
            for (i, item) in late.items.iter().take(3).enumerate() {
                if i > 0 {
                    para = para.text("; ");
                }
                let row = format!("{}-{}", item.project_id, i);
                para = para
                    .text(format!(
                        "{} ({}), {} ",
                        item.project, item.provinces, item.what
                    ))
                    .fig(
                        match lang {
                            Lang::Vi => format!("chậm {} ngày", item.days_late),
                            Lang::En => format!("{} days late", item.days_late),
                        },
                        "t8",
                        &row,
                    )
                    .text(match lang {
                        Lang::Vi => format!(", {} phải xử lý", item.agency),
                        Lang::En => format!(", for {} to act on", item.agency),
                    });
            }
            para = para.text(".");
        }
        if late.boundaries != version {
            para = para.text(match lang {
                Lang::Vi => format!(
                    " (Địa bàn các dự án đọc theo {}.)",
                    map_words(late.boundaries, lang)
                ),
                Lang::En => format!(
                    " (Projects' places are read on the {}.)",
                    map_words(late.boundaries, lang)
                ),
            });
        }
        for (i, item) in late.items.iter().enumerate() {
            let (y, m, d) = item.due;
            t8.rows.push(Row {
                id: format!("{}-{}", item.project_id, i),
                cells: vec![
                    item.project.clone(),
                    item.provinces.clone(),
                    item.what.clone(),
                    item.agency.clone(),
                    congthuong_core::display::date(y, m, d, lang),
                    item.days_late.to_string(),
                ],
            });
        }
        let heading = pick(lang, "Dự án trọng điểm", "Key projects");
        let n = sections.len();
        sections.push(Section {
            heading: format!("{}. {heading}", n + 1),
            paragraphs: vec![para],
        });
    }
    let tables = [t1, t2, t3, t4, t5, t6, t7, t8]
        .into_iter()
        .filter(|t| !t.rows.is_empty())
        .collect();
    Ok(Briefing {
        lang: lang.code(),
        title: match lang {
            Lang::Vi => format!(
                "Báo cáo tình hình sản xuất công nghiệp và thương mại — {}",
                gname
            ),
            Lang::En => format!("Industrial production and trade — {}", gname),
        },
        subtitle: format!(
            "{} · {} · {} {} ({})",
            year_to_date(p, lang),
            map_words(version, lang),
            pick(lang, "Lần công bố", "Release"),
            data.meta.id,
            data.meta.period
        ),
        notice: data.meta.synthetic.then(|| {
            pick(
                lang,
                "Số liệu minh hoạ, do máy tạo (tổng hợp), không phải số liệu thống kê chính thức.",
                "Synthetic demo data, generated by the system: not official statistics.",
            )
        }),
        sections,
        charts: vec![
            Chart {
                caption: ranking_caption.clone(),
                svg: ranking_svg,
                table: ranking_table,
            },
            Chart {
                caption: map_caption.clone(),
                svg: map_svg,
                table: map_table,
            },
        ],
        tables,
        sources: pick(
            lang,
            "Nguồn: số liệu tổng hợp từ báo cáo của các tỉnh theo phương pháp chỉ số khối lượng (năm gốc 2015) của hệ thống; số liệu cả nước do Tổng cục Thống kê công bố ghi rõ là số công bố. Làm tròn nửa lên.",
            "Sources: figures compiled from the provinces' reports by this system's volume-index method (base year 2015); national figures published by GSO are marked as published. Rounded half-up.",
        ),
    })
}

/// "địa giới 63 tỉnh (trước 1/7/2025)": the boundaries figures are on.
pub fn map_words(version: BoundaryVersion, lang: Lang) -> &'static str {
    match (version, lang) {
        (BoundaryVersion::Pre2025, Lang::Vi) => "địa giới 63 tỉnh (trước 1/7/2025)",
        (BoundaryVersion::Pre2025, Lang::En) => "63-province boundaries (before 1 July 2025)",
        (BoundaryVersion::V2025, Lang::Vi) => "địa giới 34 tỉnh (từ 1/7/2025)",
        (BoundaryVersion::V2025, Lang::En) => "34-province boundaries (from 1 July 2025)",
    }
}

fn method_id(m: Method) -> &'static str {
    match m {
        Method::ShareOfLastYear => "share",
        Method::RecentGrowth { .. } => "recent",
    }
}
