//! Importing a whole interchange folder: `microdata.csv` split into one
//! submission per (province, month); `products.csv`, the two weights
//! files and `groups.csv` as datasets of the base year; `indicators.csv`
//! split per (area, month) and `targets.csv` per (area, year). Every file
//! is checked first; any error in any file stores nothing. Then the whole
//! folder is stored in one transaction.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::time::{Duration, Instant};

use congthuong_core::text::nfc;
use congthuong_core::{AreaCode, BoundaryVersion, Geography, Period};
use congthuong_engine::{Basket, ProductDef};
use congthuong_intake::interchange::{
    GROUPS, INDUSTRY_WEIGHTS, MICRODATA, PRODUCT_WEIGHTS, PRODUCTS, ReadOptions, read_groups,
    read_products, read_weights,
};
use congthuong_intake::lines::{LineBuf, ReportLines, SplitLines};
use congthuong_intake::microdata::{MicrodataOptions, read_lines};
use congthuong_intake::report::check_size;
use congthuong_intake::series::{INDICATORS, TARGETS, read_indicators, read_targets};
use congthuong_intake::{InputError, InputErrors};
use rayon::prelude::*;

use crate::codec;
use crate::error::{Result, StoreError};
use crate::model::{
    Dataset, IndicatorValue, NewSubmission, Rows, SubmissionKey, SubmitOutcome, TargetValue,
};
use crate::progress::Progress;
use crate::store::Store;
use crate::submit::{microdata_submission, plausibility_of_sums, stored_lines, sums};

/// How to import a folder.
#[derive(Clone, Debug)]
pub struct FolderOptions {
    /// The base year of the weights (needed when the folder has weights).
    pub base_year: Option<i32>,
    /// Who.
    pub actor: String,
    /// Why.
    pub note: String,
    /// The largest file accepted, in bytes.
    pub max_bytes: u64,
    /// The most errors to report.
    pub error_cap: usize,
    /// Worker threads for the microdata (0: one per core).
    pub threads: usize,
}

/// What an import did.
#[derive(Clone, Debug, Default)]
pub struct FolderReport {
    /// One outcome per submission, in key order.
    pub outcomes: Vec<SubmitOutcome>,
    /// Report lines read.
    pub lines: u64,
    /// Time spent reading and checking the files.
    pub reading: Duration,
    /// Time spent splitting, encoding and comparing.
    pub preparing: Duration,
    /// Time spent storing.
    pub storing: Duration,
}

const KNOWN: [&str; 8] = [
    PRODUCTS,
    INDUSTRY_WEIGHTS,
    PRODUCT_WEIGHTS,
    GROUPS,
    MICRODATA,
    INDICATORS,
    TARGETS,
    "README.md",
];

/// Reads a small CSV's columns as canonical rows (trimmed, NFC).
fn canonical_rows(path: &Path, columns: &[&str]) -> Vec<Vec<String>> {
    let Ok(mut r) = csv::ReaderBuilder::new().flexible(true).from_path(path) else {
        return Vec::new();
    };
    let header: Vec<String> = r
        .headers()
        .map(|h| {
            h.iter()
                .map(|f| f.trim_start_matches('\u{feff}').trim().to_owned())
                .collect()
        })
        .unwrap_or_default();
    let index: Vec<usize> = columns
        .iter()
        .filter_map(|c| header.iter().position(|h| h == c))
        .collect();
    r.records()
        .flatten()
        .filter(|rec| !(rec.len() == 1 && rec[0].trim().is_empty()))
        .map(|rec| {
            index
                .iter()
                .map(|i| nfc(rec.get(*i).unwrap_or("").trim()))
                .collect()
        })
        .collect()
}

fn base_submission(
    dataset: Dataset,
    area: &str,
    period: String,
    content: Vec<u8>,
    rows: usize,
    opts: &FolderOptions,
    source: &str,
) -> NewSubmission {
    NewSubmission {
        key: SubmissionKey {
            dataset,
            area: area.to_owned(),
            period,
        },
        actor: opts.actor.clone(),
        note: opts.note.clone(),
        source: source.to_owned(),
        encoding: codec::CSV,
        content,
        row_count: rows as u64,
        warnings: Vec::new(),
        units: Vec::new(),
        rows: Rows::None,
    }
}

/// Header of the stored weights table.
pub const WEIGHTS_HEADER: [&str; 4] = ["file", "area", "code", "value"];
/// Header of the stored products table.
pub const PRODUCTS_HEADER: [&str; 5] = ["product", "industry", "unit", "name_vi", "name_en"];
/// Header of the stored groups table.
pub const GROUPS_HEADER: [&str; 2] = ["group_id", "code"];

/// Imports an interchange folder (see the module doc).
pub fn import_folder(
    store: &dyn Store,
    dir: &Path,
    opts: &FolderOptions,
    progress: &dyn Progress,
) -> Result<FolderReport> {
    let started = Instant::now();
    let cap = opts.error_cap.max(1);
    if !dir.is_dir() {
        return Err(crate::submit::file_error(
            &dir.display().to_string(),
            "not a folder",
        ));
    }
    let has = |f: &str| dir.join(f).is_file();
    if !KNOWN.iter().take(7).any(|f| has(f)) {
        return Err(crate::submit::file_error(
            &dir.display().to_string(),
            format!(
                "holds none of the interchange files ({})",
                KNOWN[..7].join(", ")
            ),
        ));
    }
    // Sizes first: nothing is read from a folder with an oversized file.
    let mut errors = InputErrors::default();
    for f in KNOWN.iter().take(7).filter(|f| has(f)) {
        let size = std::fs::metadata(dir.join(f))
            .map_err(|e| StoreError::io(&dir.join(f), e))?
            .len();
        if let Err(e) = check_size(f, size, opts.max_bytes) {
            errors.errors.extend(e.errors);
        }
    }
    if !errors.is_empty() {
        return Err(errors.into());
    }
    let weighted = [PRODUCTS, INDUSTRY_WEIGHTS, PRODUCT_WEIGHTS, GROUPS]
        .iter()
        .any(|f| has(f));
    if weighted && opts.base_year.is_none() {
        return Err(StoreError::Invalid(
            "the folder holds products, weights or groups: give their base year with --base-year YYYY".into(),
        ));
    }
    if has(INDUSTRY_WEIGHTS) != has(PRODUCT_WEIGHTS) {
        let missing = if has(INDUSTRY_WEIGHTS) {
            PRODUCT_WEIGHTS
        } else {
            INDUSTRY_WEIGHTS
        };
        return Err(crate::submit::file_error(
            missing,
            format!("missing from {}: weights come as both files", dir.display()),
        ));
    }
    let geo = Geography::embedded();
    let mut batch: Vec<NewSubmission> = Vec::new();

    // The basket: the folder's products, else the stored one.
    let basket: Basket = if has(PRODUCTS) {
        read_products(dir, &mut errors, cap)
    } else {
        let items = crate::submit::basket(store)?;
        Basket::new(
            items
                .iter()
                .filter_map(|p| {
                    let class = congthuong_core::Product::basket()
                        .iter()
                        .find(|n| n.code == p.code)
                        .map(|n| n.class)?;
                    Some(ProductDef {
                        code: p.code.clone(),
                        class,
                    })
                })
                .collect(),
        )
        .unwrap_or_default()
    };
    if let Some(year) = opts.base_year {
        let read_opts = ReadOptions {
            base_year: year,
            output: BoundaryVersion::V2025,
            geo,
            error_cap: cap,
            threads: opts.threads,
        };
        let period = format!("{year:04}");
        if has(PRODUCTS) {
            let rows = canonical_rows(&dir.join(PRODUCTS), &PRODUCTS_HEADER);
            let n = rows.len();
            batch.push(base_submission(
                Dataset::Products,
                "VN",
                period.clone(),
                codec::encode_csv(&PRODUCTS_HEADER, rows),
                n,
                opts,
                PRODUCTS,
            ));
        }
        if has(INDUSTRY_WEIGHTS) {
            if errors.is_empty() {
                read_weights(dir, &basket, &read_opts, &mut errors);
            }
            let mut rows: Vec<Vec<String>> = Vec::new();
            for (file, name, cols) in [
                (
                    "industry",
                    INDUSTRY_WEIGHTS,
                    ["area", "industry", "value_added"],
                ),
                (
                    "product",
                    PRODUCT_WEIGHTS,
                    ["area", "product", "output_value"],
                ),
            ] {
                for r in canonical_rows(&dir.join(name), &cols) {
                    let mut row = vec![file.to_owned()];
                    row.extend(r);
                    rows.push(row);
                }
            }
            let n = rows.len();
            batch.push(base_submission(
                Dataset::Weights,
                "VN",
                period.clone(),
                codec::encode_csv(&WEIGHTS_HEADER, rows),
                n,
                opts,
                "industry_weights.csv + product_weights.csv",
            ));
        }
        if has(GROUPS) {
            read_groups(dir, &read_opts, &mut errors);
            let rows = canonical_rows(&dir.join(GROUPS), &GROUPS_HEADER);
            let n = rows.len();
            batch.push(base_submission(
                Dataset::Groups,
                "VN",
                period,
                codec::encode_csv(&GROUPS_HEADER, rows),
                n,
                opts,
                GROUPS,
            ));
        }
    }
    if has(INDICATORS) {
        let records = read_indicators(&dir.join(INDICATORS), geo, &mut errors, cap);
        let mut by_key: BTreeMap<(String, Period), Vec<IndicatorValue>> = BTreeMap::new();
        for r in records {
            by_key
                .entry((r.area.clone(), r.period))
                .or_default()
                .push(IndicatorValue {
                    area: r.area,
                    period: r.period.to_string(),
                    indicator: r.indicator,
                    value: r.value,
                    unit: r.unit,
                    status: r.status.as_str().to_owned(),
                });
        }
        for ((area, period), values) in by_key {
            let rows = values
                .iter()
                .map(|v| {
                    vec![
                        v.indicator.clone(),
                        format!("{:?}", v.value),
                        v.unit.clone(),
                        v.status.clone(),
                    ]
                })
                .collect();
            let n = values.len();
            let mut sub = base_submission(
                Dataset::Indicators,
                &area,
                period.to_string(),
                codec::encode_csv(&["indicator", "value", "unit", "status"], rows),
                n,
                opts,
                INDICATORS,
            );
            sub.rows = Rows::Indicators(values);
            batch.push(sub);
        }
    }
    if has(TARGETS) {
        let records = read_targets(&dir.join(TARGETS), geo, &mut errors, cap);
        let mut by_key: BTreeMap<(String, i32), Vec<TargetValue>> = BTreeMap::new();
        for r in records {
            by_key
                .entry((r.area.clone(), r.year))
                .or_default()
                .push(TargetValue {
                    area: r.area,
                    year: r.year,
                    indicator: r.indicator,
                    target: r.target,
                });
        }
        for ((area, year), values) in by_key {
            let rows = values
                .iter()
                .map(|v| vec![v.indicator.clone(), format!("{:?}", v.target)])
                .collect();
            let n = values.len();
            let mut sub = base_submission(
                Dataset::Targets,
                &area,
                format!("{year:04}"),
                codec::encode_csv(&["indicator", "target"], rows),
                n,
                opts,
                TARGETS,
            );
            sub.rows = Rows::Targets(values);
            batch.push(sub);
        }
    }
    let mut report = FolderReport::default();
    if has(MICRODATA) && errors.is_empty() {
        progress.start("reading microdata.csv", 0);
        let micro = MicrodataOptions {
            basket: &basket,
            geo,
            output: BoundaryVersion::V2025,
            error_cap: cap,
            threads: opts.threads,
        };
        let read = read_lines(&dir.join(MICRODATA), MICRODATA, micro, SplitLines::default);
        progress.finish();
        match read {
            Err(e) => errors.errors.extend(e.errors),
            Ok(parts) => {
                report.reading = started.elapsed();
                let prepared = Instant::now();
                let subs = split_microdata(store, parts, &basket, opts, progress)?;
                report.lines = subs.iter().map(|s| s.row_count).sum();
                batch.extend(subs);
                report.preparing = prepared.elapsed();
            }
        }
    }
    if !errors.is_empty() {
        let truncated = errors.errors.len() > cap;
        errors.errors.truncate(cap);
        errors.truncated |= truncated;
        return Err(errors.into());
    }
    if report.reading.is_zero() {
        report.reading = started.elapsed();
    }
    batch.sort_by(|a, b| a.key.cmp(&b.key));
    let stored = Instant::now();
    report.outcomes = store.submit(batch, progress)?;
    report.storing = stored.elapsed();
    Ok(report)
}

/// Merges the workers' lines per (month, province), in canonical form,
/// with plausibility warnings against the previous month (from the same
/// folder when it holds it, else from the store).
fn split_microdata(
    store: &dyn Store,
    parts: Vec<SplitLines>,
    basket: &Basket,
    opts: &FolderOptions,
    progress: &dyn Progress,
) -> Result<Vec<NewSubmission>> {
    let codes: Vec<&str> = basket.iter().map(|p| p.code.as_str()).collect();
    let mut keys: HashMap<(Period, AreaCode), Vec<&LineBuf>> = HashMap::new();
    for p in &parts {
        for (k, buf) in &p.by_key {
            keys.entry(*k).or_default().push(buf);
        }
    }
    let mut keys: Vec<((Period, AreaCode), Vec<&LineBuf>)> = keys.into_iter().collect();
    keys.sort_by_key(|(k, _)| *k);
    progress.start("preparing submissions", keys.len() as u64 * 2);
    let canonical: Vec<((Period, AreaCode), ReportLines)> = keys
        .par_iter()
        .map(|(k, bufs)| {
            let lines = ReportLines::from_bufs(bufs, &codes);
            progress.advance(1);
            (*k, lines)
        })
        .collect();
    let index: HashMap<(Period, AreaCode), usize> = canonical
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (*k, i))
        .collect();
    // Previous months not in the folder come from the store.
    let geo = Geography::embedded();
    let mut from_store: HashMap<(Period, AreaCode), ReportLines> = HashMap::new();
    for ((period, area), _) in &canonical {
        let prev = period.prev();
        if index.contains_key(&(prev, *area)) {
            continue;
        }
        let crossing = BoundaryVersion::in_force(prev) != BoundaryVersion::in_force(*period);
        if crossing {
            let preds = geo.predecessors(*area);
            if preds.iter().all(|p| index.contains_key(&(prev, *p))) && !preds.is_empty() {
                continue;
            }
        }
        from_store.insert((prev, *area), stored_lines(store, *area, prev)?);
    }
    let previous = |period: Period, area: AreaCode| -> Option<Cow<'_, ReportLines>> {
        let prev = period.prev();
        if let Some(i) = index.get(&(prev, area)) {
            return Some(Cow::Borrowed(&canonical[*i].1));
        }
        if BoundaryVersion::in_force(prev) != BoundaryVersion::in_force(period) {
            let preds = geo.predecessors(area);
            let found: Vec<&ReportLines> = preds
                .iter()
                .filter_map(|p| index.get(&(prev, *p)).map(|i| &canonical[*i].1))
                .collect();
            if !preds.is_empty() && found.len() == preds.len() {
                return Some(Cow::Owned(ReportLines::from_lines(
                    found.iter().flat_map(|l| l.iter()),
                )));
            }
        }
        from_store.get(&(prev, area)).map(Cow::Borrowed)
    };
    let all_sums: Vec<Vec<(u32, u32, f64)>> = canonical.par_iter().map(|(_, l)| sums(l)).collect();
    let warnings: Vec<Vec<String>> = canonical
        .par_iter()
        .enumerate()
        .map(|(i, ((period, area), lines))| {
            let prev = period.prev();
            let w = match index.get(&(prev, *area)) {
                Some(j) => {
                    plausibility_of_sums(lines, &all_sums[i], &canonical[*j].1, &all_sums[*j], prev)
                }
                None => previous(*period, *area)
                    .map(|p| plausibility_of_sums(lines, &all_sums[i], &p, &sums(&p), prev))
                    .unwrap_or_default(),
            };
            progress.advance(1);
            w
        })
        .collect();
    drop(all_sums);
    let subs = canonical
        .into_par_iter()
        .zip(warnings)
        .map(|(((period, area), lines), warnings)| {
            microdata_submission(
                area,
                period,
                lines,
                &opts.actor,
                &opts.note,
                MICRODATA,
                warnings,
            )
        })
        .collect();
    progress.finish();
    Ok(subs)
}

/// An error about one file of a folder.
pub fn folder_error(file: &str, reason: &str) -> InputError {
    InputError::file(file, reason)
}
