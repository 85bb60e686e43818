//! Making a release: compile the IIP from the current version of every
//! submission up to a month, with the stored weights of a base year, on
//! the 2025 boundaries (and, when the weights allow, on the pre-2025 ones
//! for the months up to 2025-06), and store the results as an immutable
//! release. And comparing two releases ([`diff`]): which figures changed
//! and which submissions changed between their inputs.

use std::collections::{BTreeSet, HashMap};

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Period};
use congthuong_engine::growth::growth;
use congthuong_engine::{Comparison, Compilation, QuantityAccumulator, RawInputs};
use congthuong_figures as figures;
use congthuong_intake::interchange::{
    GROUPS, INDUSTRY_WEIGHTS, PRODUCT_WEIGHTS, PRODUCTS, ReadOptions, read_groups, read_products,
    read_weights,
};
use congthuong_intake::number::Quantity;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

mod diff;

pub use diff::{
    Because, IndexChange, IndexValues, InputChange, ReleaseDiff, TOLERANCE, diff, diff_figures,
};

use crate::codec;
use crate::error::{Result, StoreError};
use crate::model::{
    ContributionRow, Dataset, IndexRow, NewRelease, Release, Submission, SubmissionFilter,
    WarningRow,
};
use crate::progress::Progress;
use crate::store::Store;

/// How to make a release.
#[derive(Clone, Debug)]
pub struct ReleaseOptions {
    /// The last month included.
    pub period: Period,
    /// The weights' base year (default: the latest stored).
    pub base_year: Option<i32>,
    /// Who.
    pub actor: String,
    /// Why.
    pub note: String,
    /// True when the inputs are synthetic demo data (shown on every page).
    pub synthetic: bool,
}

/// SHA-256 over a release's content (not who made it, when or why): two
/// releases of the same inputs have the same hash.
pub fn content_hash(r: &NewRelease) -> String {
    let mut h = Sha256::new();
    let mut put = |s: &str| {
        h.update(s.as_bytes());
        h.update([0x1f]);
    };
    put(&r.period);
    put(&r.base_year.to_string());
    for i in &r.inputs {
        put(&i.to_string());
    }
    let f = |v: Option<f64>| v.map(|v| format!("{v:?}")).unwrap_or_default();
    for x in &r.index {
        for s in [
            &x.boundaries,
            &x.area,
            &x.level,
            &x.code,
            &x.period,
            &f(Some(x.index)),
            &f(x.mom_pct),
            &f(x.yoy_pct),
            &f(x.ytd_yoy_pct),
        ] {
            put(s);
        }
    }
    for x in &r.contributions {
        for s in [
            &x.boundaries,
            &x.area,
            &x.period,
            &x.comparison,
            &x.parent,
            &x.child_level,
            &x.child,
            &f(Some(x.contribution_pp)),
        ] {
            put(s);
        }
    }
    for x in &r.warnings {
        for s in [&x.boundaries, &x.area, &x.code, &x.period, &x.message] {
            put(s);
        }
    }
    for x in &r.indicators {
        for s in [
            &x.area,
            &x.period,
            &x.indicator,
            &f(Some(x.value)),
            &x.unit,
            &x.status,
        ] {
            put(s);
        }
    }
    for x in &r.targets {
        for s in [
            &x.area,
            &x.year.to_string(),
            &x.indicator,
            &f(Some(x.target)),
        ] {
            put(s);
        }
    }
    crate::hash::hex(&h.finalize())
}

fn current(store: &dyn Store, dataset: Dataset) -> Result<Vec<Submission>> {
    store.submissions(&SubmissionFilter {
        dataset: Some(dataset),
        current_only: true,
        ..Default::default()
    })
}

fn damaged(s: &Submission, e: impl std::fmt::Display) -> StoreError {
    StoreError::Invalid(format!(
        "stored submission {} ({}) is damaged: {e}",
        s.id, s.key
    ))
}

/// The basket, weights and groups of a base year, and whether the groups
/// were stored (else the reference groups are used).
type BaseInputs = (
    congthuong_engine::Basket,
    congthuong_engine::Weights,
    Vec<(String, Vec<AreaCode>)>,
    bool,
);

/// Writes the stored base-year tables as an interchange folder (without
/// microdata) and reads them back with the interchange readers, so a
/// release applies exactly the checks and meaning of `iip compile`.
fn base_inputs(store: &dyn Store, base_year: i32, used: &mut Vec<i64>) -> Result<BaseInputs> {
    let year = format!("{base_year:04}");
    let pick = |d: Dataset| -> Result<Option<Submission>> {
        Ok(current(store, d)?
            .into_iter()
            .find(|s| s.key.period == year))
    };
    let (Some(products), Some(weights)) = (pick(Dataset::Products)?, pick(Dataset::Weights)?)
    else {
        return Err(StoreError::Invalid(format!(
            "no products and weights stored for base year {base_year}: import an interchange folder with them first (congthuong import-folder DIR --base-year {base_year})"
        )));
    };
    let groups = pick(Dataset::Groups)?;
    let dir = tempfile::tempdir().map_err(|e| StoreError::io(std::path::Path::new("."), e))?;
    let write = |name: &str, bytes: &[u8]| -> Result<()> {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).map_err(|e| StoreError::io(&p, e))
    };
    write(PRODUCTS, &store.content(&products.content_hash)?)?;
    let (_, rows) = codec::decode_csv(&store.content(&weights.content_hash)?)
        .map_err(|e| damaged(&weights, e))?;
    let mut industry = String::from("area,industry,value_added\n");
    let mut product = String::from("area,product,output_value\n");
    for r in rows.iter().filter(|r| r.len() == 4) {
        let line = codec::encode_csv(&[&r[1], &r[2], &r[3]], Vec::new());
        let line = String::from_utf8_lossy(&line);
        if r[0] == "industry" {
            industry.push_str(&line);
        } else {
            product.push_str(&line);
        }
    }
    write(INDUSTRY_WEIGHTS, industry.as_bytes())?;
    write(PRODUCT_WEIGHTS, product.as_bytes())?;
    used.push(products.id);
    used.push(weights.id);
    if let Some(g) = &groups {
        write(GROUPS, &store.content(&g.content_hash)?)?;
        used.push(g.id);
    }
    let geo = Geography::embedded();
    let opts = ReadOptions {
        base_year,
        output: BoundaryVersion::V2025,
        geo,
        error_cap: 100,
        threads: 1,
    };
    let mut errors = congthuong_intake::InputErrors::default();
    let basket = read_products(dir.path(), &mut errors, 100);
    let w = read_weights(dir.path(), &basket, &opts, &mut errors);
    let mut group_list = read_groups(dir.path(), &opts, &mut errors);
    if !errors.is_empty() {
        return Err(errors.into());
    }
    // The reference groups and their sub-regions (the overview and the
    // briefing show both), on the boundaries of the weights, beside the
    // stored groups (a stored group of the same id wins).
    let version = BoundaryVersion::in_force(Period::year_range(base_year).last);
    for g in geo.groups_with_subregions() {
        if !group_list.iter().any(|(id, _)| id.as_str() == g.id()) {
            let members = g.members(version, geo);
            if !members.is_empty() {
                group_list.push((g.id().to_owned(), members));
            }
        }
    }
    Ok((basket, w, group_list, groups.is_some()))
}

/// Rows of one compilation.
fn rows_of(
    c: &Compilation,
    boundaries: BoundaryVersion,
    upto: Period,
    index: &mut Vec<IndexRow>,
    contributions: &mut Vec<ContributionRow>,
    warnings: &mut Vec<WarningRow>,
) {
    let b = boundaries.as_str().to_owned();
    let periods: Vec<Period> = c.range.iter().collect();
    for s in &c.index {
        let area = s.area.to_string();
        for (t, v) in s.values.iter().enumerate() {
            if periods[t] > upto {
                continue;
            }
            let g = |cmp| growth(&s.values, c.range.first, t, cmp).filter(|x| x.is_finite());
            index.push(IndexRow {
                boundaries: b.clone(),
                area: area.clone(),
                level: s.level.as_str().to_owned(),
                code: s.code.clone(),
                period: periods[t].to_string(),
                index: *v,
                mom_pct: g(Comparison::Mom),
                yoy_pct: g(Comparison::Yoy),
                ytd_yoy_pct: g(Comparison::Ytd),
            });
        }
    }
    for s in &c.contributions {
        let area = s.area.to_string();
        for (t, v) in s.values.iter().enumerate() {
            let Some(v) = v else { continue };
            if periods[t] > upto || !v.is_finite() {
                continue;
            }
            contributions.push(ContributionRow {
                boundaries: b.clone(),
                area: area.clone(),
                period: periods[t].to_string(),
                comparison: s.comparison.as_str().to_owned(),
                parent: s.parent.clone(),
                child_level: s.child_level.as_str().to_owned(),
                child: s.child.clone(),
                contribution_pp: *v,
            });
        }
    }
    for w in &c.warnings {
        warnings.push(WarningRow {
            boundaries: b.clone(),
            area: w.area.clone(),
            code: w.code.clone(),
            period: w.period.map(|p| p.to_string()).unwrap_or_default(),
            message: w.message.clone(),
        });
    }
}

/// Compiles and stores a release (see the module doc).
pub fn create_release(
    store: &dyn Store,
    opts: &ReleaseOptions,
    progress: &dyn Progress,
) -> Result<Release> {
    let weights = current(store, Dataset::Weights)?;
    let base_year = match opts.base_year {
        Some(y) => y,
        None => weights
            .iter()
            .filter_map(|s| s.key.period.parse::<i32>().ok())
            .max()
            .ok_or_else(|| {
                StoreError::Invalid(
                    "no weights are stored: import an interchange folder with products and weights first (congthuong import-folder DIR --base-year YYYY)".into(),
                )
            })?,
    };
    let mut used = Vec::new();
    let (basket, w, groups, _) = base_inputs(store, base_year, &mut used)?;
    let upto = opts.period;
    let micro: Vec<Submission> = current(store, Dataset::Microdata)?
        .into_iter()
        .filter(|s| s.key.period.parse::<Period>().is_ok_and(|p| p <= upto))
        .collect();
    if micro.is_empty() {
        return Err(StoreError::Invalid(format!(
            "no report is stored for {upto} or before: nothing to release"
        )));
    }
    let geo = Geography::embedded();
    let product_of: HashMap<&str, usize> = basket
        .iter()
        .enumerate()
        .map(|(i, p)| (p.code.as_str(), i))
        .collect();
    let n = basket.len();
    progress.start("reading the submissions", micro.len() as u64);
    type Acc = (QuantityAccumulator, QuantityAccumulator, BTreeSet<String>);
    let folded: Result<Acc> = micro
        .par_iter()
        .map(|s| -> Result<Acc> {
            let mut all = QuantityAccumulator::new(n);
            let mut pre = QuantityAccumulator::new(n);
            let mut unknown = BTreeSet::new();
            let bytes = store.content(&s.content_hash)?;
            let lines = codec::decode_lines(&bytes).map_err(|e| damaged(s, e))?;
            let period: Period = s.key.period.parse().map_err(|e| damaged(s, e))?;
            let area = AreaCode::parse(&s.key.area).map_err(|e| damaged(s, e))?;
            let is_pre = BoundaryVersion::in_force(period) == BoundaryVersion::Pre2025;
            let map: Vec<Option<usize>> = lines
                .products
                .iter()
                .map(|p| product_of.get(p.as_str()).copied())
                .collect();
            for (i, p) in lines.products.iter().enumerate() {
                if map[i].is_none() {
                    unknown.insert(p.clone());
                }
            }
            for (_, p, q) in &lines.lines {
                let Some(j) = map[*p as usize] else { continue };
                for acc in std::iter::once(&mut all).chain(is_pre.then_some(&mut pre)) {
                    match *q {
                        Quantity::Scaled(v) => acc.add_scaled(period, area, j, v),
                        Quantity::Float(v) => acc.add_float(period, area, j, v),
                    }
                }
            }
            progress.advance(1);
            Ok((all, pre, unknown))
        })
        .try_reduce(
            || {
                (
                    QuantityAccumulator::new(n),
                    QuantityAccumulator::new(n),
                    BTreeSet::new(),
                )
            },
            |mut a, b| {
                a.0.merge(&b.0);
                a.1.merge(&b.1);
                a.2.extend(b.2);
                Ok(a)
            },
        );
    let (all, pre, unknown) = folded?;
    progress.finish();
    used.extend(micro.iter().map(|s| s.id));

    progress.start("compiling", 2);
    let raw = RawInputs {
        basket,
        weights: w,
        quantities: all,
        groups,
        base_year,
    };
    let v2025 = raw.compile(BoundaryVersion::V2025, geo)?;
    progress.advance(1);
    let (mut index, mut contributions, mut warnings) = (Vec::new(), Vec::new(), Vec::new());
    rows_of(
        &v2025,
        BoundaryVersion::V2025,
        upto,
        &mut index,
        &mut contributions,
        &mut warnings,
    );
    if !unknown.is_empty() {
        warnings.push(WarningRow {
            boundaries: BoundaryVersion::V2025.as_str().into(),
            area: String::new(),
            code: String::new(),
            period: String::new(),
            message: format!(
                "report lines of products not in the base year's basket were left out: {}",
                unknown.into_iter().collect::<Vec<_>>().join(", ")
            ),
        });
    }
    let mut pre_view = None;
    // The pre-2025 view: months up to 2025-06, when the weights are on
    // the 63 old provinces.
    let raw_pre = RawInputs {
        quantities: pre,
        ..raw
    };
    if raw_pre.weights_version() == BoundaryVersion::Pre2025
        && !raw_pre.quantities.periods().is_empty()
    {
        match raw_pre.compile(BoundaryVersion::Pre2025, geo) {
            Ok(c) => {
                rows_of(
                    &c,
                    BoundaryVersion::Pre2025,
                    upto,
                    &mut index,
                    &mut contributions,
                    &mut warnings,
                );
                pre_view = figures::View::new(BoundaryVersion::Pre2025, &c).up_to(upto);
            }
            Err(e) => warnings.push(WarningRow {
                boundaries: BoundaryVersion::Pre2025.as_str().into(),
                area: String::new(),
                code: String::new(),
                period: String::new(),
                message: format!("no pre2025 view: {e}"),
            }),
        }
    }
    progress.finish();

    let indicator_subs: Vec<i64> = current(store, Dataset::Indicators)?
        .into_iter()
        .filter(|s| s.key.period.parse::<Period>().is_ok_and(|p| p <= upto))
        .map(|s| s.id)
        .collect();
    let target_subs: Vec<i64> = current(store, Dataset::Targets)?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let indicators = store.indicator_rows(&indicator_subs)?;
    let targets = store.target_rows(&target_subs)?;
    used.extend(indicator_subs);
    used.extend(target_subs);
    used.sort_unstable();
    let snapshot = figures_snapshot(&v2025, pre_view, upto, opts, &indicators, &targets);
    let release = NewRelease {
        snapshot: Some(snapshot),
        period: upto.to_string(),
        actor: opts.actor.clone(),
        note: opts.note.clone(),
        base_year,
        inputs: used,
        index,
        contributions,
        warnings,
        indicators,
        targets,
    };
    store.put_release(release, progress)
}

/// The release's figures as a snapshot (id and time are filled in when read).
fn figures_snapshot(
    v2025: &Compilation,
    pre: Option<figures::View>,
    upto: Period,
    opts: &ReleaseOptions,
    indicators: &[crate::IndicatorValue],
    targets: &[crate::TargetValue],
) -> Vec<u8> {
    let views = figures::View::new(BoundaryVersion::V2025, v2025)
        .up_to(upto)
        .into_iter()
        .chain(pre)
        .collect();
    let mut data = figures::ReleaseData {
        meta: figures::ReleaseMeta {
            id: 0,
            period: upto,
            created_at: String::new(),
            note: opts.note.clone(),
            synthetic: opts.synthetic,
        },
        views,
        indicators: Default::default(),
        targets: targets
            .iter()
            .map(|t| figures::Target {
                area: t.area.clone(),
                boundaries: figures::targets::set_on(t.year),
                year: t.year,
                indicator: t.indicator.clone(),
                target: t.target,
            })
            .collect(),
        reference: Default::default(),
    };
    for iv in indicators {
        if let (Ok(area), Ok(p)) = (
            congthuong_core::AreaCode::parse(&iv.area),
            iv.period.parse::<Period>(),
        ) {
            data.add_indicator(area, p, &iv.indicator, iv.value, &iv.unit, &iv.status);
        }
    }
    figures::snapshot::encode(&data)
}
