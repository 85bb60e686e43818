//! Comparing two releases: which submissions differ between their inputs,
//! which index figures moved (by more than [`TOLERANCE`], or are in one
//! release only), how many contribution figures moved, and which changed
//! inputs explain each moved figure.
//!
//! The comparison reads the two releases' figure snapshots (the compact
//! form the dashboard already decodes, [`congthuong_figures::ReleaseData`])
//! rather than their hundreds of thousands of stored rows: series are
//! compared as arrays (a series identical in both costs one slice
//! comparison), only moved figures become rows, and every row of an area
//! shares one list of explaining inputs. Only the submissions used by one
//! release and not the other are read. The figures are the same as the
//! stored rows' (`rows_of` writes them from the same compilation:
//! growth from the same values, non-finite growth left out).
//!
//! May read the store (releases, their snapshots, submissions); writes nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Level, NATIONAL, Period};
use congthuong_engine::Comparison;
use congthuong_engine::growth::growth;
use congthuong_figures as figures;
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Serialize, Serializer};

use crate::error::Result;
use crate::model::{Dataset, IndexRow, Release, Submission, SubmissionKey};
use crate::store::Store;

/// Values closer than this are equal.
pub const TOLERANCE: f64 = 1e-9;

/// The most explaining inputs a row lists in JSON and in the table (the
/// nation's figures are explained by every changed report: the count of
/// the others is given, and every one is in `inputs`).
pub const BECAUSE_LISTED: usize = 5;

/// A submission that differs between two releases' inputs.
#[derive(Clone, Debug, Serialize)]
pub struct InputChange {
    /// What it is a version of.
    pub key: SubmissionKey,
    /// The version in the first release (none: not used there).
    pub before: Option<Submission>,
    /// The version in the second release (none: not used there).
    pub after: Option<Submission>,
}

/// The changed inputs that explain a moved figure (submission keys such
/// as `microdata/01/2025-03`, sorted), shared by every row of an area.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Because(Arc<[String]>);

impl Because {
    /// The keys.
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    /// True when `key` is one of them.
    pub fn contains(&self, key: &str) -> bool {
        self.0.iter().any(|k| k == key)
    }

    /// The keys joined by `sep`.
    pub fn join(&self, sep: &str) -> String {
        self.0.join(sep)
    }

    /// The first [`BECAUSE_LISTED`] keys.
    pub fn listed(&self) -> &[String] {
        &self.0[..self.0.len().min(BECAUSE_LISTED)]
    }

    /// How many are not listed.
    pub fn more(&self) -> usize {
        self.0.len().saturating_sub(BECAUSE_LISTED)
    }

    /// The listed keys joined by `sep`, and `(+N more)` for the others.
    pub fn summary(&self, sep: &str) -> String {
        let mut s = self.listed().join(sep);
        if self.more() > 0 {
            s.push_str(&format!("{sep}(+{} more)", self.more()));
        }
        s
    }

    /// How many.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when nothing explains it.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The listed keys (see [`BECAUSE_LISTED`]).
impl Serialize for Because {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let listed = self.listed();
        let mut seq = s.serialize_seq(Some(listed.len()))?;
        for k in listed {
            seq.serialize_element(k)?;
        }
        seq.end()
    }
}

/// An index figure in one release.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct IndexValues {
    /// The index (base year = 100).
    pub index: f64,
    /// Growth on the previous month, %.
    pub mom_pct: Option<f64>,
    /// Growth on the same month of the previous year, %.
    pub yoy_pct: Option<f64>,
    /// Year-to-date growth, %.
    pub ytd_yoy_pct: Option<f64>,
}

/// An index figure that differs between the two releases.
#[derive(Clone, Debug)]
pub struct IndexChange {
    /// The boundaries it is stated on.
    pub boundaries: BoundaryVersion,
    /// Province code, group id or `VN`.
    pub area: Arc<str>,
    /// The node's level.
    pub level: Level,
    /// Node or product code.
    pub code: Arc<str>,
    /// The month.
    pub period: Period,
    /// In the first release (none: absent).
    pub before: Option<IndexValues>,
    /// In the second release (none: absent).
    pub after: Option<IndexValues>,
    /// The changed inputs that explain it: submissions of the area (of
    /// the provinces that merged into it, of a group's members; every
    /// changed report for `VN`), and changed base-year tables.
    pub because: Because,
}

impl IndexChange {
    /// One side as a stored index row.
    pub fn row(&self, values: Option<&IndexValues>) -> Option<IndexRow> {
        values.map(|v| IndexRow {
            boundaries: self.boundaries.as_str().to_owned(),
            area: self.area.to_string(),
            level: self.level.as_str().to_owned(),
            code: self.code.to_string(),
            period: self.period.to_string(),
            index: v.index,
            mom_pct: v.mom_pct,
            yoy_pct: v.yoy_pct,
            ytd_yoy_pct: v.ytd_yoy_pct,
        })
    }

    /// Year-on-year growth in the second release minus the first, points.
    pub fn yoy_change_pp(&self) -> Option<f64> {
        Some(self.after?.yoy_pct? - self.before?.yoy_pct?)
    }

    /// The index in the second release against the first, %.
    pub fn index_change_pct(&self) -> Option<f64> {
        let (a, b) = (self.before?.index, self.after?.index);
        (a != 0.0).then(|| 100.0 * (b / a - 1.0))
    }

    /// A rough count of the bytes it holds (for caches' bounds).
    pub fn approx_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
    }
}

/// `{"before": index row | null, "after": index row | null, "because":
/// [up to 5 keys], "because_more": the count of the others}`.
impl Serialize for IndexChange {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("IndexChange", 4)?;
        st.serialize_field("before", &self.row(self.before.as_ref()))?;
        st.serialize_field("after", &self.row(self.after.as_ref()))?;
        st.serialize_field("because", &self.because)?;
        st.serialize_field("because_more", &self.because.more())?;
        st.end()
    }
}

/// Two releases compared.
#[derive(Clone, Debug, Serialize)]
pub struct ReleaseDiff {
    /// The first release.
    pub a: Release,
    /// The second release.
    pub b: Release,
    /// Submissions that differ between their inputs.
    pub inputs: Vec<InputChange>,
    /// Index figures that differ by more than the tolerance, or are in one
    /// only, by boundaries, area, level, code and month.
    pub index: Vec<IndexChange>,
    /// Contribution figures that differ (or are in one only).
    pub contributions_changed: usize,
}

impl ReleaseDiff {
    /// A rough count of the bytes it holds (for caches' bounds).
    pub fn approx_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.index.len() * std::mem::size_of::<IndexChange>()
            + self.inputs.len() * 512
            + (self.a.inputs.len() + self.b.inputs.len()) * 8
    }

    /// The changed index rows as a table (the first `limit`, or all):
    /// the row's key, index and year-on-year growth in each release, and
    /// the changed inputs that explain it (the first [`BECAUSE_LISTED`],
    /// then `(+N more)`).
    pub fn index_table(&self, limit: Option<usize>) -> figures::table::Table {
        use figures::table::{Table, num};
        let (a, b) = (self.a.id, self.b.id);
        let columns = [
            "boundaries".to_owned(),
            "area".into(),
            "level".into(),
            "code".into(),
            "period".into(),
            format!("index_{a}"),
            format!("index_{b}"),
            format!("yoy_pct_{a}"),
            format!("yoy_pct_{b}"),
            "because".into(),
        ];
        let mut t = Table {
            columns: columns.to_vec(),
            rows: Vec::new(),
        };
        for c in self.index.iter().take(limit.unwrap_or(usize::MAX)) {
            t.push(vec![
                c.boundaries.as_str().to_owned(),
                c.area.to_string(),
                c.level.as_str().to_owned(),
                c.code.to_string(),
                c.period.to_string(),
                num(c.before.map(|r| r.index)),
                num(c.after.map(|r| r.index)),
                num(c.before.and_then(|r| r.yoy_pct)),
                num(c.after.and_then(|r| r.yoy_pct)),
                c.because.summary(" "),
            ]);
        }
        t
    }
}

fn differs(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() > TOLERANCE,
        (None, None) => false,
        _ => true,
    }
}

/// Compares releases `a` and `b` (reading both snapshots).
pub fn diff(store: &dyn Store, a: i64, b: i64) -> Result<ReleaseDiff> {
    let (ra, rb) = (store.release(a)?, store.release(b)?);
    let da = crate::released::figures(store, a)?;
    let db = crate::released::figures(store, b)?;
    diff_figures(store, ra, rb, &da, &db)
}

/// Compares two releases whose figures are already decoded (the web
/// server keeps them): `da` and `db` are the figures of `ra` and `rb`.
pub fn diff_figures(
    store: &dyn Store,
    ra: Release,
    rb: Release,
    da: &figures::ReleaseData,
    db: &figures::ReleaseData,
) -> Result<ReleaseDiff> {
    let inputs = changed_inputs(store, &ra, &rb)?;
    let explain = Explain::new(&inputs);
    let mut index = Vec::new();
    let mut contributions_changed = 0;
    for version in [BoundaryVersion::V2025, BoundaryVersion::Pre2025] {
        let (va, vb) = (da.view(version), db.view(version));
        compare_index(version, va, vb, &explain, &mut index);
        contributions_changed += count_contributions(va, vb);
    }
    index.sort_by(|x, y| {
        (
            x.boundaries.as_str(),
            &*x.area,
            x.level.as_str(),
            &*x.code,
            x.period,
        )
            .cmp(&(
                y.boundaries.as_str(),
                &*y.area,
                y.level.as_str(),
                &*y.code,
                y.period,
            ))
    });
    Ok(ReleaseDiff {
        a: ra,
        b: rb,
        inputs,
        index,
        contributions_changed,
    })
}

/// The submissions used by one release and not the other, paired by key.
/// A submission used by both is the same version of its key in both.
fn changed_inputs(store: &dyn Store, ra: &Release, rb: &Release) -> Result<Vec<InputChange>> {
    let (ia, ib): (BTreeSet<i64>, BTreeSet<i64>) = (
        ra.inputs.iter().copied().collect(),
        rb.inputs.iter().copied().collect(),
    );
    let mut by_key: BTreeMap<SubmissionKey, InputChange> = BTreeMap::new();
    for (ids, first) in [(ia.difference(&ib), true), (ib.difference(&ia), false)] {
        for id in ids {
            let s = store.submission(*id)?;
            let e = by_key.entry(s.key.clone()).or_insert_with(|| InputChange {
                key: s.key.clone(),
                before: None,
                after: None,
            });
            if first {
                e.before = Some(s);
            } else {
                e.after = Some(s);
            }
        }
    }
    Ok(by_key.into_values().collect())
}

/// Which changed inputs explain a figure of an area.
struct Explain {
    /// Changed products, weights or groups: every figure.
    base: Vec<String>,
    /// Changed reports by the province they count for on each map.
    by_area: HashMap<(BoundaryVersion, String), Vec<String>>,
    /// Every changed report.
    all: Vec<String>,
    /// Computed lists, shared by the rows of an area.
    done: std::cell::RefCell<HashMap<(BoundaryVersion, Arc<str>), Because>>,
}

impl Explain {
    fn new(inputs: &[InputChange]) -> Self {
        let geo = Geography::embedded();
        let base = inputs
            .iter()
            .filter(|c| {
                matches!(
                    c.key.dataset,
                    Dataset::Products | Dataset::Weights | Dataset::Groups
                )
            })
            .map(|c| c.key.to_string())
            .collect();
        let mut by_area: HashMap<(BoundaryVersion, String), Vec<String>> = HashMap::new();
        let mut all = Vec::new();
        for c in inputs
            .iter()
            .filter(|c| c.key.dataset == Dataset::Microdata)
        {
            let key = c.key.to_string();
            all.push(key.clone());
            let Ok(p) = c.key.period.parse::<Period>() else {
                continue;
            };
            let version = BoundaryVersion::in_force(p);
            by_area
                .entry((version, c.key.area.clone()))
                .or_default()
                .push(key.clone());
            // A report on an old province also counts for the unit it merged into.
            if version == BoundaryVersion::Pre2025
                && let Ok(code) = AreaCode::parse(&c.key.area)
                && let Some(s) = geo.successor(code)
            {
                by_area
                    .entry((BoundaryVersion::V2025, s.to_string()))
                    .or_default()
                    .push(key);
            }
        }
        Self {
            base,
            by_area,
            all,
            done: Default::default(),
        }
    }

    fn of(&self, version: BoundaryVersion, area: &Arc<str>) -> Because {
        if let Some(b) = self.done.borrow().get(&(version, area.clone())) {
            return b.clone();
        }
        let geo = Geography::embedded();
        let mut keys: Vec<String> = self.base.clone();
        let province = |code: &str, keys: &mut Vec<String>| {
            if let Some(v) = self.by_area.get(&(version, code.to_owned())) {
                keys.extend(v.iter().cloned());
            }
        };
        if AreaCode::parse(area).is_ok() {
            province(area, &mut keys);
        } else if let Some(g) = (&**area != NATIONAL)
            .then(|| geo.groups_with_subregions())
            .and_then(|gs| gs.into_iter().find(|g| g.id() == &**area))
        {
            for m in g.members(version, geo) {
                province(m.as_str(), &mut keys);
            }
        } else {
            keys.extend(self.all.iter().cloned());
        }
        keys.sort();
        keys.dedup();
        let b = Because(keys.into());
        self.done
            .borrow_mut()
            .insert((version, area.clone()), b.clone());
        b
    }
}

/// An index series with the months it covers.
struct Side<'a> {
    first: Period,
    values: &'a [f64],
}

impl Side<'_> {
    fn at(&self, p: Period) -> Option<IndexValues> {
        let t = usize::try_from(self.first.months_until(p)).ok()?;
        let index = *self.values.get(t)?;
        let g = |cmp| growth(self.values, self.first, t, cmp).filter(|x| x.is_finite());
        Some(IndexValues {
            index,
            mom_pct: g(Comparison::Mom),
            yoy_pct: g(Comparison::Yoy),
            ytd_yoy_pct: g(Comparison::Ytd),
        })
    }

    fn last(&self) -> Option<Period> {
        self.values
            .len()
            .checked_sub(1)
            .map(|n| self.first.add_months(n as i32))
    }
}

fn moved(x: Option<IndexValues>, y: Option<IndexValues>) -> bool {
    match (x, y) {
        (Some(x), Some(y)) => {
            differs(Some(x.index), Some(y.index))
                || differs(x.mom_pct, y.mom_pct)
                || differs(x.yoy_pct, y.yoy_pct)
                || differs(x.ytd_yoy_pct, y.ytd_yoy_pct)
        }
        (None, None) => false,
        _ => true,
    }
}

/// Every index figure of one boundary version that moved.
fn compare_index(
    version: BoundaryVersion,
    va: Option<&figures::View>,
    vb: Option<&figures::View>,
    explain: &Explain,
    out: &mut Vec<IndexChange>,
) {
    type Entry<'a> = (&'a (String, String), &'a figures::release::Series);
    let ea: Vec<Entry> = va.map(|v| v.index_entries()).unwrap_or_default();
    let eb: Vec<Entry> = vb.map(|v| v.index_entries()).unwrap_or_default();
    let (mut i, mut j) = (0, 0);
    while i < ea.len() || j < eb.len() {
        let order = match (ea.get(i), eb.get(j)) {
            (Some(x), Some(y)) => x.0.cmp(y.0),
            (Some(_), None) => std::cmp::Ordering::Less,
            _ => std::cmp::Ordering::Greater,
        };
        let (x, y) = match order {
            std::cmp::Ordering::Less => {
                i += 1;
                (Some(ea[i - 1]), None)
            }
            std::cmp::Ordering::Greater => {
                j += 1;
                (None, Some(eb[j - 1]))
            }
            std::cmp::Ordering::Equal => {
                i += 1;
                j += 1;
                (Some(ea[i - 1]), Some(eb[j - 1]))
            }
        };
        let Some(((area, code), series)) = x.or(y) else {
            break;
        };
        let sa = x.and(va).zip(x).map(|(v, e)| Side {
            first: v.range.first,
            values: &e.1.values,
        });
        let sb = y.and(vb).zip(y).map(|(v, e)| Side {
            first: v.range.first,
            values: &e.1.values,
        });
        // The months both hold with the same start and identical values
        // cannot have moved (their growth comes from the same values).
        let same_upto = match (&sa, &sb) {
            (Some(a), Some(b)) if a.first == b.first => {
                let n = a.values.len().min(b.values.len());
                (a.values[..n] == b.values[..n]).then_some(n)
            }
            _ => None,
        };
        let firsts = [&sa, &sb].into_iter().flatten().map(|s| s.first);
        let lasts = [&sa, &sb].into_iter().flatten().filter_map(Side::last);
        let (Some(first), Some(last)) = (firsts.min(), lasts.max()) else {
            continue;
        };
        let (area, code): (Arc<str>, Arc<str>) = (area.as_str().into(), code.as_str().into());
        let mut because: Option<Because> = None;
        let mut p = first;
        while p <= last {
            let skip = same_upto.is_some_and(|n| first.months_until(p) < n as i32);
            if !skip {
                let (before, after) = (
                    sa.as_ref().and_then(|s| s.at(p)),
                    sb.as_ref().and_then(|s| s.at(p)),
                );
                if moved(before, after) {
                    out.push(IndexChange {
                        boundaries: version,
                        area: area.clone(),
                        level: series.level,
                        code: code.clone(),
                        period: p,
                        before,
                        after,
                        because: because
                            .get_or_insert_with(|| explain.of(version, &area))
                            .clone(),
                    });
                }
            }
            p = p.next();
        }
    }
}

/// How many contribution figures of one boundary version moved (or are
/// in one release only): the stored rows hold the finite ones.
fn count_contributions(va: Option<&figures::View>, vb: Option<&figures::View>) -> usize {
    let value = |v: &figures::View, values: &[Option<f64>], p: Period| -> Option<f64> {
        let t = usize::try_from(v.range.first.months_until(p)).ok()?;
        values.get(t).copied().flatten().filter(|x| x.is_finite())
    };
    let mut n = 0;
    let months = |v: Option<&figures::View>| v.map(|v| v.range.iter().collect::<Vec<_>>());
    let all_months: BTreeSet<Period> = months(va).into_iter().chain(months(vb)).flatten().collect();
    let ea = va.map(|v| v.contribution_entries()).unwrap_or_default();
    let eb = vb.map(|v| v.contribution_entries()).unwrap_or_default();
    let kb: HashMap<_, _> = eb.iter().map(|(k, c)| (*k, *c)).collect();
    let ka: BTreeSet<_> = ea.iter().map(|(k, _)| *k).collect();
    let keyed = |c: &[figures::release::Contribution]| -> HashMap<(Level, String), usize> {
        c.iter()
            .enumerate()
            .map(|(i, x)| ((x.child_level, x.child.clone()), i))
            .collect()
    };
    for (key, ca) in &ea {
        let cb = kb.get(key);
        let cb_index = cb.map(|c| keyed(c));
        for x in ca.iter() {
            let y = cb
                .zip(cb_index.as_ref())
                .and_then(|(c, idx)| idx.get(&(x.child_level, x.child.clone())).map(|i| &c[*i]));
            let same = y.is_some_and(|y| x.values == y.values)
                && va.map(|v| v.range.first) == vb.map(|v| v.range.first);
            for p in &all_months {
                let a = va.and_then(|v| value(v, &x.values, *p));
                let b = y.and_then(|y| vb.and_then(|v| value(v, &y.values, *p)));
                if same && a.is_some() && b.is_some() {
                    continue;
                }
                n += usize::from(a.is_some() && differs(a, b));
                n += usize::from(a.is_none() && b.is_some());
            }
        }
        // Children in the second release only.
        if let Some(cb) = cb {
            let in_a: BTreeSet<(Level, &str)> = ca
                .iter()
                .map(|x| (x.child_level, x.child.as_str()))
                .collect();
            for y in cb
                .iter()
                .filter(|y| !in_a.contains(&(y.child_level, y.child.as_str())))
            {
                n += all_months
                    .iter()
                    .filter(|p| vb.and_then(|v| value(v, &y.values, **p)).is_some())
                    .count();
            }
        }
    }
    // Parents in the second release only.
    for (key, cb) in &eb {
        if ka.contains(key) {
            continue;
        }
        for y in cb.iter() {
            n += all_months
                .iter()
                .filter(|p| vb.and_then(|v| value(v, &y.values, **p)).is_some())
                .count();
        }
    }
    n
}
