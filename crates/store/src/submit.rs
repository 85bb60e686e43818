//! A province's monthly report, from file to stored version: read and
//! check the file (CSV or the Excel template), compare it with last month
//! (plausibility warnings, kept with the submission, never a rejection),
//! store it as a new version unless its content is already the latest.
//! Any error stores nothing.
//!
//! Warnings are stored as English sentences ([`Warning`]'s text, the
//! form the CLI prints); [`warning_text`] reads one back and writes it in
//! the reader's language for the page and the API.

use std::fmt;
use std::path::Path;

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Lang, Period};
use congthuong_intake::lines::{ReportLines, quantity_f64};
use congthuong_intake::report::{BasketItem, ReportSpec, read_report_csv, read_report_xlsx};
use congthuong_intake::{InputError, InputErrors};

use crate::codec;
use crate::error::{Result, StoreError};
use crate::model::{Dataset, NewSubmission, Rows, SubmissionFilter, SubmissionKey, SubmitOutcome};
use crate::progress::NoProgress;
use crate::store::Store;

/// A quantity more than this many times last month's (or less than its
/// inverse) is flagged.
pub const PLAUSIBLE_RATIO: f64 = 5.0;
/// The most warnings kept per submission.
pub const MAX_WARNINGS: usize = 200;

/// Who submits what.
#[derive(Clone, Debug)]
pub struct ReportRequest {
    /// Province code (on the boundaries in force in `period`).
    pub province: String,
    /// `YYYY-MM`.
    pub period: String,
    /// Who.
    pub actor: String,
    /// Why (e.g. "first report", "corrected cement").
    pub note: String,
    /// The most errors to report.
    pub error_cap: usize,
    /// The largest file accepted, in bytes.
    pub max_bytes: u64,
}

/// Checks the province and period of a request.
pub fn check_key(province: &str, period: &str) -> Result<(AreaCode, Period)> {
    let period: Period = period
        .parse()
        .map_err(|e| StoreError::Invalid(format!("--period {period:?}: {e}")))?;
    let version = BoundaryVersion::in_force(period);
    let code = Geography::embedded()
        .area(province, version)
        .map_err(|e| StoreError::Invalid(format!("{e} (in force in {period})")))?
        .code;
    Ok((code, period))
}

/// The basket reports are checked against: the products stored with the
/// latest base year's weights, else the embedded national basket.
pub fn basket(store: &dyn Store) -> Result<Vec<BasketItem>> {
    let products = store.submissions(&SubmissionFilter {
        dataset: Some(Dataset::Products),
        current_only: true,
        ..Default::default()
    })?;
    let Some(latest) = products
        .iter()
        .max_by(|a, b| a.key.period.cmp(&b.key.period))
    else {
        return Ok(BasketItem::national());
    };
    let (_, rows) = codec::decode_csv(&store.content(&latest.content_hash)?)
        .map_err(|e| StoreError::Invalid(format!("stored products are damaged: {e}")))?;
    let national = BasketItem::national();
    let position = |code: &str| {
        national
            .iter()
            .position(|p| p.code == code)
            .unwrap_or(usize::MAX)
    };
    let mut rows = rows;
    // The national basket's order (stored rows are sorted by code).
    rows.sort_by_key(|r| {
        let code = r.first().cloned().unwrap_or_default();
        (position(&code), code)
    });
    Ok(rows
        .into_iter()
        .filter(|r| r.len() >= 5)
        .map(|r| {
            let known = national.iter().find(|p| p.code == r[0]);
            BasketItem {
                name_vi: r[3].clone(),
                unit_vi: known.map_or_else(|| r[2].clone(), |p| p.unit_vi.clone()),
                name_en: known.map_or_else(|| r[4].clone(), |p| p.name_en.clone()),
                code: r[0].clone(),
            }
        })
        .collect())
}

/// The report lines stored for a province and month (current versions),
/// merged; for July 2025 on the new codes, June's lines of the provinces
/// that merged into it.
pub fn stored_lines(store: &dyn Store, area: AreaCode, period: Period) -> Result<ReportLines> {
    let geo = Geography::embedded();
    let areas: Vec<AreaCode> = if BoundaryVersion::in_force(period) == BoundaryVersion::Pre2025
        && BoundaryVersion::in_force(period.next()) == BoundaryVersion::V2025
        && geo.province(area, BoundaryVersion::V2025).is_some()
    {
        geo.predecessors(area)
    } else {
        vec![area]
    };
    let mut parts = Vec::new();
    for a in areas {
        for s in store.submissions(&SubmissionFilter {
            dataset: Some(Dataset::Microdata),
            area: Some(a.as_str().to_owned()),
            period: Some(period.to_string()),
            current_only: true,
        })? {
            let bytes = store.content(&s.content_hash)?;
            parts.push(codec::decode_lines(&bytes).map_err(|e| {
                StoreError::Invalid(format!("stored submission {} is damaged: {e}", s.id))
            })?);
        }
    }
    Ok(match parts.len() {
        0 => ReportLines::default(),
        1 => parts.remove(0),
        _ => ReportLines::from_lines(parts.iter().flat_map(|p| p.iter())),
    })
}

/// Sums per (unit index, product index) of canonical lines, in their
/// (sorted) order.
pub fn sums(lines: &ReportLines) -> Vec<(u32, u32, f64)> {
    let mut out: Vec<(u32, u32, f64)> = Vec::new();
    for (u, p, q) in &lines.lines {
        match out.last_mut() {
            Some(last) if last.0 == *u && last.1 == *p => last.2 += quantity_f64(*q),
            _ => out.push((*u, *p, quantity_f64(*q))),
        }
    }
    out
}

/// For each entry of the sorted dictionary `from`, the index of the same
/// text in the sorted dictionary `to`, if there.
fn dictionary_map(from: &[String], to: &[String]) -> Vec<Option<u32>> {
    let mut out = vec![None; from.len()];
    let (mut i, mut j) = (0, 0);
    while i < from.len() && j < to.len() {
        match from[i].cmp(&to[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out[i] = Some(j as u32);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Plausibility warnings: quantities far from last month's, and units
/// that reported last month but not this one.
pub fn plausibility(
    lines: &ReportLines,
    previous: &ReportLines,
    prev_period: Period,
) -> Vec<String> {
    plausibility_of_sums(lines, &sums(lines), previous, &sums(previous), prev_period)
}

/// [`plausibility`] with the [`sums`] of both months already made.
pub fn plausibility_of_sums(
    lines: &ReportLines,
    now: &[(u32, u32, f64)],
    previous: &ReportLines,
    before: &[(u32, u32, f64)],
    prev_period: Period,
) -> Vec<String> {
    if previous.is_empty() {
        return Vec::new();
    }
    // Last month's indices in this month's dictionaries: both are sorted,
    // so the mapped pairs stay in order and the join compares integers.
    let units = dictionary_map(&previous.units, &lines.units);
    let products = dictionary_map(&previous.products, &lines.products);
    let before: Vec<(u32, u32, f64)> = before
        .iter()
        .filter_map(|(u, p, v)| Some((units[*u as usize]?, products[*p as usize]?, *v)))
        .collect();
    let mut warnings = Vec::new();
    let mut extra = 0usize;
    let mut push = |w: String, warnings: &mut Vec<String>| {
        if warnings.len() < MAX_WARNINGS {
            warnings.push(w);
        } else {
            extra += 1;
        }
    };
    let (mut i, mut j) = (0, 0);
    while i < now.len() && j < before.len() {
        let (a, b) = (&now[i], &before[j]);
        match (a.0, a.1).cmp(&(b.0, b.1)) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if b.2 > 0.0 {
                    let ratio = a.2 / b.2;
                    if !(1.0 / PLAUSIBLE_RATIO..=PLAUSIBLE_RATIO).contains(&ratio) {
                        push(
                            Warning::Ratio {
                                unit: lines.units[a.0 as usize].clone(),
                                product: lines.products[a.1 as usize].clone(),
                                now: a.2.to_string(),
                                before: b.2.to_string(),
                                previous: prev_period.to_string(),
                                ratio: format!("{ratio:.2}"),
                            }
                            .to_string(),
                            &mut warnings,
                        );
                    }
                }
                i += 1;
                j += 1;
            }
        }
    }
    let mut missing: Vec<&str> = previous
        .units
        .iter()
        .zip(&units)
        .filter(|(_, m)| m.is_none())
        .map(|(u, _)| u.as_str())
        .collect();
    if !missing.is_empty() {
        let n = missing.len();
        missing.truncate(10);
        push(
            Warning::Silent {
                count: n,
                previous: prev_period.to_string(),
                units: format!("{}{}", missing.join(", "), if n > 10 { ", …" } else { "" }),
            }
            .to_string(),
            &mut warnings,
        );
    }
    if extra > 0 {
        warnings.push(Warning::More { count: extra }.to_string());
    }
    warnings
}

/// A plausibility warning. Its `Display` is the stored English sentence;
/// [`Warning::parse`] reads a stored sentence back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// A unit's quantity of a product far from last month's.
    Ratio {
        /// The unit id.
        unit: String,
        /// The product code.
        product: String,
        /// This month's quantity, as stored.
        now: String,
        /// Last month's, as stored.
        before: String,
        /// Last month, `YYYY-MM`.
        previous: String,
        /// `now / before`, two decimals.
        ratio: String,
    },
    /// Units that reported last month and not this one.
    Silent {
        /// How many.
        count: usize,
        /// Last month, `YYYY-MM`.
        previous: String,
        /// The first ten, comma-separated (`, …` when there are more).
        units: String,
    },
    /// Warnings left out past [`MAX_WARNINGS`].
    More {
        /// How many.
        count: usize,
    },
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Ratio {
                unit,
                product,
                now,
                before,
                previous,
                ratio,
            } => write!(
                f,
                "unit {unit}, product {product}: {now} this month against {before} in {previous} ({ratio}×)"
            ),
            Warning::Silent {
                count,
                previous,
                units,
            } => write!(
                f,
                "{count} unit(s) that reported in {previous} did not report: {units}"
            ),
            Warning::More { count } => write!(f, "… and {count} more warnings"),
        }
    }
}

impl Warning {
    /// Reads a stored warning back (`None` for text of another form).
    pub fn parse(text: &str) -> Option<Warning> {
        if let Some(rest) = text.strip_prefix("unit ") {
            let (unit_product, figures) = rest.rsplit_once(": ")?;
            let (unit, product) = unit_product.rsplit_once(", product ")?;
            let (now, rest) = figures.split_once(" this month against ")?;
            let (before, rest) = rest.rsplit_once(" in ")?;
            let (previous, ratio) = rest.split_once(" (")?;
            let ratio = ratio.strip_suffix("×)")?;
            return Some(Warning::Ratio {
                unit: unit.to_owned(),
                product: product.to_owned(),
                now: now.to_owned(),
                before: before.to_owned(),
                previous: previous.to_owned(),
                ratio: ratio.to_owned(),
            });
        }
        if let Some(rest) = text.strip_prefix("… and ") {
            let count = rest.strip_suffix(" more warnings")?.parse().ok()?;
            return Some(Warning::More { count });
        }
        let (count, rest) = text.split_once(" unit(s) that reported in ")?;
        let (previous, units) = rest.split_once(" did not report: ")?;
        Some(Warning::Silent {
            count: count.parse().ok()?,
            previous: previous.to_owned(),
            units: units.to_owned(),
        })
    }

    /// The warning in a language (numbers and months as that language
    /// writes them).
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let month = |p: &str| {
            p.parse::<Period>().map_or_else(
                |_| p.to_owned(),
                |p| format!("{:02}/{}", p.month(), p.year()),
            )
        };
        match self {
            Warning::Ratio {
                unit,
                product,
                now,
                before,
                previous,
                ratio,
            } => format!(
                "cơ sở {unit}, sản phẩm {product}: {} tháng này so với {} tháng {} (gấp {} lần)",
                vi_number(now),
                vi_number(before),
                month(previous),
                vi_number(ratio)
            ),
            Warning::Silent {
                count,
                previous,
                units,
            } => format!(
                "{count} cơ sở đã báo cáo tháng {} nhưng tháng này chưa báo cáo: {units}",
                month(previous)
            ),
            Warning::More { count } => format!("… và {count} cảnh báo khác"),
        }
    }
}

/// A plain number (`1234.5`) as Vietnamese writes it (`1.234,5`), with
/// the decimals it has; other text unchanged.
fn vi_number(plain: &str) -> String {
    let decimals = plain.split_once('.').map_or(0, |(_, f)| f.len());
    match plain.parse::<f64>() {
        Ok(x) if x.is_finite() => congthuong_core::display::number(Some(x), decimals, Lang::Vi),
        _ => plain.to_owned(),
    }
}

/// A stored warning in the reader's language (unchanged when it is not
/// one of [`Warning`]'s forms).
pub fn warning_text(stored: &str, lang: Lang) -> String {
    Warning::parse(stored).map_or_else(|| stored.to_owned(), |w| w.text(lang))
}

/// A microdata submission of canonical lines.
pub fn microdata_submission(
    area: AreaCode,
    period: Period,
    lines: ReportLines,
    actor: &str,
    note: &str,
    source: &str,
    warnings: Vec<String>,
) -> NewSubmission {
    NewSubmission {
        key: SubmissionKey {
            dataset: Dataset::Microdata,
            area: area.as_str().to_owned(),
            period: period.to_string(),
        },
        actor: actor.to_owned(),
        note: note.to_owned(),
        source: source.to_owned(),
        encoding: codec::MICRODATA,
        content: codec::encode_lines(&lines),
        row_count: lines.len() as u64,
        warnings,
        units: lines.units,
        rows: Rows::None,
    }
}

/// Checks and stores a report given as bytes (`label` names it in
/// errors, e.g. the uploaded file's name). The format is told by content.
pub fn submit_report_bytes(
    store: &dyn Store,
    bytes: &[u8],
    label: &str,
    req: &ReportRequest,
) -> Result<SubmitOutcome> {
    congthuong_intake::report::check_size(label, bytes.len() as u64, req.max_bytes)?;
    let (area, period) = check_key(&req.province, &req.period)?;
    let basket = basket(store)?;
    let spec = ReportSpec {
        province: area,
        period,
        basket: &basket,
        error_cap: req.error_cap.max(1),
    };
    let lines = if congthuong_intake::report::is_xlsx(bytes) {
        read_report_xlsx(bytes, label, &spec)?
    } else {
        read_report_csv(bytes, label, &spec)?
    };
    let previous = stored_lines(store, area, period.prev())?;
    let warnings = plausibility(&lines, &previous, period.prev());
    let sub = microdata_submission(area, period, lines, &req.actor, &req.note, label, warnings);
    let mut out = store.submit(vec![sub], &NoProgress)?;
    out.pop()
        .ok_or_else(|| StoreError::Invalid("nothing was submitted".into()))
}

/// Checks and stores a report file (refused before reading when larger
/// than the limit).
pub fn submit_report_file(
    store: &dyn Store,
    path: &Path,
    req: &ReportRequest,
) -> Result<SubmitOutcome> {
    let label = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let bytes = congthuong_intake::report::read_limited(path, &label, req.max_bytes)?;
    submit_report_bytes(store, &bytes, &label, req)
}

/// Writes the Excel template for a province and month: the basket, and
/// last month's stored figures per unit and product.
pub fn template(store: &dyn Store, province: &str, period: &str) -> Result<Vec<u8>> {
    let (area, period) = check_key(province, period)?;
    let basket = basket(store)?;
    let previous = stored_lines(store, area, period.prev())?;
    let prev: Vec<(String, String, f64)> = sums(&previous)
        .into_iter()
        .map(|(u, p, q)| {
            (
                previous.units[u as usize].clone(),
                previous.products[p as usize].clone(),
                q,
            )
        })
        .collect();
    let geo = Geography::embedded();
    let name = geo
        .province(area, BoundaryVersion::in_force(period))
        .map(|p| p.name_vi.clone())
        .unwrap_or_default();
    let spec = congthuong_intake::template::TemplateSpec {
        province: area.as_str(),
        province_name: &name,
        period: &period.to_string(),
        previous_period: &period.prev().to_string(),
        basket: &basket,
        previous: &prev,
    };
    congthuong_intake::template::write_template(&spec).map_err(|e| StoreError::Xlsx(e.to_string()))
}

/// An input error about a whole file.
pub fn file_error(label: &str, reason: impl Into<String>) -> StoreError {
    StoreError::Input(InputErrors::one(InputError::file(label, reason.into())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use congthuong_intake::number::Quantity;

    fn q(v: i128) -> Quantity {
        Quantity::Scaled(v * 1_000_000_000)
    }

    #[test]
    fn plausibility_flags_far_quantities_and_silent_units() {
        let prev = ReportLines::from_lines([
            ("A", "COAL", q(100)),
            ("A", "COAL", q(100)), // duplicate lines add up: 200
            ("B", "COAL", q(100)),
            ("C", "BEER", q(10)),
            ("D", "BEER", q(10)),
        ]);
        let now = ReportLines::from_lines([
            ("A", "COAL", q(1001)), // 5.005× of 200
            ("B", "COAL", q(20)),   // exactly a fifth: not flagged
            ("C", "BEER", q(1)),    // a tenth
            ("E", "BEER", q(5)),    // new unit: nothing to compare
        ]);
        let p: Period = "2025-01".parse().unwrap();
        let w = plausibility(&now, &prev, p);
        assert_eq!(
            w,
            [
                "unit A, product COAL: 1001 this month against 200 in 2025-01 (5.00×)",
                "unit C, product BEER: 1 this month against 10 in 2025-01 (0.10×)",
                "1 unit(s) that reported in 2025-01 did not report: D",
            ]
        );
        assert!(plausibility(&now, &ReportLines::default(), p).is_empty());
        // Every stored form reads back, and speaks Vietnamese.
        for stored in &w {
            assert_eq!(Warning::parse(stored).unwrap().to_string(), *stored);
        }
        assert_eq!(
            warning_text(&w[0], Lang::Vi),
            "cơ sở A, sản phẩm COAL: 1.001 tháng này so với 200 tháng 01/2025 (gấp 5,00 lần)"
        );
        assert_eq!(
            warning_text(&w[2], Lang::Vi),
            "1 cơ sở đã báo cáo tháng 01/2025 nhưng tháng này chưa báo cáo: D"
        );
        assert_eq!(warning_text(&w[2], Lang::En), w[2]);
        assert_eq!(
            warning_text("… and 7 more warnings", Lang::Vi),
            "… và 7 cảnh báo khác"
        );
        assert_eq!(warning_text("something else", Lang::Vi), "something else");
    }

    #[test]
    fn odd_unit_ids_and_decimals_survive_the_round_trip() {
        let w = Warning::Ratio {
            unit: "U: 1, product X".into(),
            product: "BEER".into(),
            now: "0.5".into(),
            before: "1234567.25".into(),
            previous: "2024-12".into(),
            ratio: "0.00".into(),
        };
        assert_eq!(Warning::parse(&w.to_string()), Some(w.clone()));
        assert!(
            w.text(Lang::Vi)
                .contains("0,5 tháng này so với 1.234.567,25 tháng 12/2024")
        );
    }
}
