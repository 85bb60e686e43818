//! A project's milestones as a Gantt-style timeline, drawn on the server
//! as SVG (no script): one row per milestone; the baseline (hollow grey
//! diamond), each re-plan (small orange diamonds joined by a dashed line
//! from the baseline), the current plan (a diamond coloured by its state:
//! red late, amber at risk, blue on schedule), the actual date (a green
//! dot) and, for a late milestone, a red bar from its plan to today.
//! Today is a dashed vertical line. Every mark has a `<title>` (hover
//! text) and every row carries its dates as `data-` attributes.
//!
//! All text is escaped here: the result is marked safe by the template.

use std::fmt::Write;

use congthuong_core::Lang;
use congthuong_projects::Date;
use congthuong_projects::queries::TimelineRow;
use congthuong_projects::status::ItemState;

use super::view;

const WIDTH: f64 = 1000.0;
const LABEL: f64 = 250.0;
const RIGHT: f64 = 44.0;
const TOP: f64 = 44.0;
const ROW: f64 = 34.0;
const LEGEND: f64 = 46.0;

const GREY: &str = "#6b7785";
const ORANGE: &str = "#d9822b";
const RED: &str = "#b3261e";
const AMBER: &str = "#c99a00";
const BLUE: &str = "#1a4f8b";
const GREEN: &str = "#1b7f4b";

/// Escapes text for SVG (XML).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn colour(s: ItemState) -> &'static str {
    match s {
        ItemState::Late { .. } => RED,
        ItemState::AtRisk { .. } => AMBER,
        ItemState::OnSchedule { .. } => BLUE,
        ItemState::Done { .. } => GREEN,
    }
}

fn diamond(x: f64, y: f64, r: f64, fill: &str, stroke: &str, class: &str, title: &str) -> String {
    format!(
        "<path class=\"{class}\" d=\"M{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"><title>{}</title></path>",
        x,
        y - r,
        x + r,
        y,
        x,
        y + r,
        x - r,
        y,
        esc(title)
    )
}

/// The first day of the month `n` months after `d`'s month.
fn month_start(d: Date, n: i64) -> Option<Date> {
    let (y, m, _) = d.ymd();
    let idx = i64::from(y) * 12 + i64::from(m) - 1 + n;
    Date::from_ymd(
        idx.div_euclid(12) as i32,
        (idx.rem_euclid(12) + 1) as u32,
        1,
    )
    .ok()
}

/// The SVG of a timeline on `today`.
pub fn svg(rows: &[TimelineRow], today: Date, lang: Lang) -> String {
    let mut dates = vec![today];
    for r in rows {
        dates.push(r.baseline);
        dates.push(r.status.plan);
        dates.extend(r.replans.iter().map(|p| p.date));
        dates.extend(r.actual);
    }
    let (min, max) = (
        dates.iter().min().copied().unwrap_or(today),
        dates.iter().max().copied().unwrap_or(today),
    );
    let start = month_start(min, 0).unwrap_or(min);
    let end = month_start(max, 1).unwrap_or(max);
    let span = end.days_since(start).max(1) as f64;
    let x = |d: Date| LABEL + (d.days_since(start) as f64 / span) * (WIDTH - LABEL - RIGHT);
    let height = TOP + ROW * rows.len().max(1) as f64 + LEGEND;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"gantt\" id=\"gantt\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-labelledby=\"gantt-title\" font-family=\"sans-serif\" font-size=\"12\"><title id=\"gantt-title\">{}</title>",
        esc(lang.pick(
            "Tiến độ các mốc: kế hoạch ban đầu, các lần điều chỉnh và thực tế",
            "Milestones: baseline, re-plans and actual"
        ))
    );
    // Month grid: a tick every 1, 2, 3, 6 or 12 months, at most 14.
    let months = (span / 30.4).ceil() as i64;
    let step = [1, 2, 3, 6, 12, 24]
        .into_iter()
        .find(|k| months / k <= 14)
        .unwrap_or(24);
    let mut n = 0;
    while let Some(m) = month_start(start, n) {
        if m > end {
            break;
        }
        let (y, mo, _) = m.ymd();
        if (i64::from(mo) - 1) % step == 0 {
            let xm = x(m);
            let _ = write!(
                s,
                "<line x1=\"{xm:.1}\" y1=\"{:.1}\" x2=\"{xm:.1}\" y2=\"{:.1}\" stroke=\"#d9e0e6\"/><text x=\"{xm:.1}\" y=\"{:.1}\" fill=\"{GREY}\" text-anchor=\"middle\">{mo}/{y}</text>",
                TOP - 8.0,
                TOP + ROW * rows.len() as f64,
                TOP - 14.0
            );
        }
        n += 1;
    }
    for (i, r) in rows.iter().enumerate() {
        let top = TOP + ROW * i as f64;
        let y = top + ROW / 2.0;
        let state = r.status.state;
        let _ = write!(
            s,
            "<g class=\"ms\" data-code=\"{}\" data-state=\"{}\" data-baseline=\"{}\" data-plan=\"{}\" data-actual=\"{}\" data-replans=\"{}\">",
            esc(&r.code),
            state.code(),
            r.baseline,
            r.status.plan,
            r.actual.map(|d| d.to_string()).unwrap_or_default(),
            r.replans.len()
        );
        if i % 2 == 0 {
            let _ = write!(
                s,
                "<rect x=\"0\" y=\"{top:.1}\" width=\"{WIDTH}\" height=\"{ROW}\" fill=\"#f4f7fa\"/>"
            );
        }
        let name: String = if r.name.chars().count() > 34 {
            r.name.chars().take(33).collect::<String>() + "…"
        } else {
            r.name.clone()
        };
        let _ = write!(
            s,
            "<text x=\"8\" y=\"{:.1}\" fill=\"#1d2731\">{}<title>{} ({}) · {}</title></text>",
            y + 4.0,
            esc(&name),
            esc(&r.name),
            esc(&r.code),
            esc(&r.agency)
        );
        let (xb, xp) = (x(r.baseline), x(r.status.plan));
        // The path of re-plans: baseline → each re-plan, dashed.
        if !r.replans.is_empty() {
            let mut d = format!("M{xb:.1} {y:.1}");
            for p in &r.replans {
                let _ = write!(d, "L{:.1} {y:.1}", x(p.date));
            }
            let _ = write!(
                s,
                "<path d=\"{d}\" fill=\"none\" stroke=\"{ORANGE}\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/>"
            );
        }
        // Late: the overrun from the plan to today.
        if let ItemState::Late { days } = state {
            let xt = x(today);
            let _ = write!(
                s,
                "<rect class=\"overrun\" x=\"{xp:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"8\" fill=\"{RED}\" opacity=\"0.35\"><title>{}</title></rect>",
                y - 4.0,
                (xt - xp).max(1.0),
                esc(&view::state_days(ItemState::Late { days }, lang))
            );
        }
        // Done: from the plan to the actual date.
        if let Some(a) = r.actual {
            let xa = x(a);
            let _ = write!(
                s,
                "<line x1=\"{xp:.1}\" y1=\"{y:.1}\" x2=\"{xa:.1}\" y2=\"{y:.1}\" stroke=\"{GREEN}\" stroke-width=\"2\"/>"
            );
        }
        s.push_str(&diamond(
            xb,
            y,
            7.0,
            "#ffffff",
            GREY,
            "baseline",
            &format!(
                "{}: {}",
                lang.pick("Kế hoạch ban đầu", "Baseline"),
                view::date(r.baseline, lang)
            ),
        ));
        for (k, p) in r.replans.iter().enumerate() {
            let last = k + 1 == r.replans.len();
            let title = format!(
                "{} {}: {} — {} ({}, {})",
                lang.pick("Điều chỉnh lần", "Re-plan"),
                k + 1,
                view::date(p.date, lang),
                p.reason,
                p.by,
                p.decision.as_deref().unwrap_or("")
            );
            if !last || r.actual.is_some() {
                s.push_str(&diamond(
                    x(p.date),
                    y,
                    5.0,
                    ORANGE,
                    ORANGE,
                    "replan",
                    &title,
                ));
            } else {
                // The last re-plan is the current plan: drawn below with its state.
                let _ = write!(s, "<g class=\"replan\"><title>{}</title></g>", esc(&title));
            }
        }
        if r.actual.is_none() {
            s.push_str(&diamond(
                xp,
                y,
                8.0,
                colour(state),
                colour(state),
                "plan",
                &format!(
                    "{}: {} · {}",
                    lang.pick("Kế hoạch hiện hành", "Current plan"),
                    view::date(r.status.plan, lang),
                    view::state_days(state, lang)
                ),
            ));
        } else if let Some(a) = r.actual {
            let _ = write!(
                s,
                "<circle class=\"actual\" cx=\"{:.1}\" cy=\"{y:.1}\" r=\"7\" fill=\"{GREEN}\"><title>{}: {} · {}</title></circle>",
                x(a),
                esc(lang.pick("Thực tế", "Actual")),
                esc(&view::date(a, lang)),
                esc(&view::state_days(state, lang))
            );
        }
        s.push_str("</g>");
    }
    // Today.
    let xt = x(today);
    let bottom = TOP + ROW * rows.len() as f64;
    let _ = write!(
        s,
        "<line class=\"today\" x1=\"{xt:.1}\" y1=\"{:.1}\" x2=\"{xt:.1}\" y2=\"{bottom:.1}\" stroke=\"{RED}\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/><text x=\"{xt:.1}\" y=\"{:.1}\" fill=\"{RED}\" text-anchor=\"middle\" font-weight=\"bold\">{} {}</text>",
        TOP - 26.0,
        TOP - 30.0,
        esc(lang.pick("Hôm nay", "Today")),
        esc(&view::date(today, lang))
    );
    // Legend.
    let ly = bottom + 28.0;
    let items: [(&str, String); 6] = [
        (
            "baseline",
            lang.pick("Kế hoạch ban đầu", "Baseline").to_owned(),
        ),
        ("replan", lang.pick("Điều chỉnh", "Re-plan").to_owned()),
        ("late", lang.pick("Chậm", "Late").to_owned()),
        ("at_risk", lang.pick("Có nguy cơ", "At risk").to_owned()),
        (
            "on_schedule",
            lang.pick("Đúng tiến độ", "On schedule").to_owned(),
        ),
        ("actual", lang.pick("Hoàn thành", "Done").to_owned()),
    ];
    let mut lx = LABEL;
    for (kind, label) in items {
        let mark = match kind {
            "baseline" => diamond(lx, ly, 6.0, "#ffffff", GREY, "legend", &label),
            "replan" => diamond(lx, ly, 5.0, ORANGE, ORANGE, "legend", &label),
            "late" => diamond(lx, ly, 7.0, RED, RED, "legend", &label),
            "at_risk" => diamond(lx, ly, 7.0, AMBER, AMBER, "legend", &label),
            "on_schedule" => diamond(lx, ly, 7.0, BLUE, BLUE, "legend", &label),
            _ => format!("<circle cx=\"{lx:.1}\" cy=\"{ly:.1}\" r=\"6\" fill=\"{GREEN}\"/>"),
        };
        s.push_str(&mark);
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#1d2731\">{}</text>",
            lx + 11.0,
            ly + 4.0,
            esc(&label)
        );
        lx += 20.0 + 7.5 * label.chars().count() as f64 + 14.0;
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use congthuong_projects::queries::TimelinePlan;
    use congthuong_projects::status::{MilestoneStatus, StatusRules, milestone_status};
    use congthuong_projects::{Code, Label, Milestone, Timestamp};

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn row(name: &str, baseline: &str, replans: &[&str], actual: Option<&str>) -> TimelineRow {
        let mut m = Milestone::new(
            Code::parse("m1").unwrap(),
            Label::parse(name).unwrap(),
            d(baseline),
        );
        m.replans = replans
            .iter()
            .map(|r| congthuong_projects::Replan {
                date: d(r),
                reason: Label::parse("lý do <b>").unwrap(),
                decision: None,
                by: "An".into(),
                at: Timestamp::from_unix(0),
            })
            .collect();
        m.actual = actual.map(d);
        let status: MilestoneStatus = milestone_status(&m, d("2026-11-26"), StatusRules::default());
        TimelineRow {
            code: "m1".into(),
            name: name.into(),
            agency: "Sở & Ban".into(),
            baseline: m.baseline,
            replans: m
                .replans
                .iter()
                .map(|r| TimelinePlan {
                    date: r.date,
                    reason: r.reason.to_string(),
                    decision: None,
                    by: r.by.clone(),
                    at: r.at,
                })
                .collect(),
            actual: m.actual,
            status,
        }
    }

    #[test]
    fn marks_sit_in_date_order_and_text_is_escaped() {
        let rows = vec![
            row(
                "<script>alert(1)</script>",
                "2026-03-01",
                &["2026-06-01", "2026-10-01"],
                None,
            ),
            row("Khởi công", "2026-05-01", &[], Some("2026-05-20")),
        ];
        let svg = svg(&rows, d("2026-11-26"), Lang::Vi);
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(svg.contains("Sở &amp; Ban") && svg.contains("lý do &lt;b&gt;"));
        assert!(svg.contains("data-state=\"late\"") && svg.contains("data-state=\"done\""));
        assert!(svg.contains("data-replans=\"2\""));
        // Baseline left of the re-plans, left of today.
        let pos = |needle: &str| svg.find(needle).unwrap();
        let xs: Vec<f64> = svg
            .match_indices("class=\"baseline\" d=\"M")
            .chain(svg.match_indices("class=\"replan\" d=\"M"))
            .map(|(i, m)| {
                let rest = &svg[i + m.len()..];
                rest.split(' ').next().unwrap().parse().unwrap()
            })
            .collect();
        assert_eq!(xs.len(), 3, "two baselines and the first re-plan");
        assert!(
            xs[0] < xs[2],
            "baseline 2026-03-01 before re-plan 2026-06-01"
        );
        assert!(pos("class=\"today\"") > pos("class=\"ms\""));
        assert!(svg.contains("class=\"overrun\""));
    }
}
