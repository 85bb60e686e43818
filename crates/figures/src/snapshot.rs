//! A release's figures as one compact binary snapshot, so a server starts
//! by reading one blob instead of millions of rows.
//!
//! Layout (all integers little-endian): the magic `CTSNAP01`, then the
//! meta, the views, indicators and targets, each as length-prefixed
//! sequences; strings are UTF-8 with a `u32` length; a missing value is a
//! quiet NaN (figures are always finite). The format is versioned by its
//! magic; a snapshot of another version is refused, never misread.

use std::collections::{BTreeMap, HashMap};

use congthuong_core::{BoundaryVersion, Level, Period, PeriodRange};
use congthuong_engine::Comparison;

use crate::release::{
    Contribution, IndicatorPoint, ReleaseData, ReleaseMeta, Series, Target, View,
};

const MAGIC: &[u8; 8] = b"CTSNAP01";

/// Why a snapshot could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("damaged or foreign release snapshot: {0}")]
pub struct SnapshotError(pub &'static str);

struct W(Vec<u8>);

impl W {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u32(&mut self, v: usize) {
        self.0.extend_from_slice(&(v as u32).to_le_bytes());
    }
    fn i64(&mut self, v: i64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn f64(&mut self, v: f64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn opt(&mut self, v: Option<f64>) {
        self.f64(v.unwrap_or(f64::NAN));
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
}

struct R<'a>(&'a [u8]);

impl R<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], SnapshotError> {
        if self.0.len() < n {
            return Err(SnapshotError("truncated"));
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Ok(a)
    }
    fn u8(&mut self) -> Result<u8, SnapshotError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<usize, SnapshotError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    }
    fn i64(&mut self) -> Result<i64, SnapshotError> {
        let b = self.take(8)?;
        Ok(i64::from_le_bytes(
            b.try_into().map_err(|_| SnapshotError("truncated"))?,
        ))
    }
    fn f64(&mut self) -> Result<f64, SnapshotError> {
        let b = self.take(8)?;
        Ok(f64::from_le_bytes(
            b.try_into().map_err(|_| SnapshotError("truncated"))?,
        ))
    }
    fn opt(&mut self) -> Result<Option<f64>, SnapshotError> {
        let v = self.f64()?;
        Ok((!v.is_nan()).then_some(v))
    }
    fn str(&mut self) -> Result<String, SnapshotError> {
        let n = self.u32()?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| SnapshotError("text is not UTF-8"))
    }
    fn period(&mut self) -> Result<Period, SnapshotError> {
        Ok(Period::from_ordinal(
            i32::try_from(self.i64()?).map_err(|_| SnapshotError("period"))?,
        ))
    }
    /// A count, refusing counts larger than the bytes left could hold.
    fn count(&mut self, min_item: usize) -> Result<usize, SnapshotError> {
        let n = self.u32()?;
        if n.saturating_mul(min_item.max(1)) > self.0.len() {
            return Err(SnapshotError("a count exceeds the data"));
        }
        Ok(n)
    }
}

const LEVELS: [Level; 6] = [
    Level::Total,
    Level::Section,
    Level::Division,
    Level::Class,
    Level::Product,
    Level::Area,
];

fn level_byte(l: Level) -> u8 {
    LEVELS.iter().position(|x| *x == l).unwrap_or(0) as u8
}

fn level_of(b: u8) -> Result<Level, SnapshotError> {
    LEVELS
        .get(b as usize)
        .copied()
        .ok_or(SnapshotError("level"))
}

fn encode_view(w: &mut W, v: &View) {
    w.u8(match v.version {
        BoundaryVersion::Pre2025 => 0,
        BoundaryVersion::V2025 => 1,
    });
    w.i64(i64::from(v.range.first.ordinal()));
    w.i64(i64::from(v.range.last.ordinal()));
    let n = v.range.len();
    let index = v.index_entries();
    w.u32(index.len());
    for ((area, code), s) in index {
        w.str(area);
        w.str(code);
        w.u8(level_byte(s.level));
        w.f64(s.weight);
        for x in &s.values[..n] {
            w.f64(*x);
        }
    }
    let contributions = v.contribution_entries();
    w.u32(contributions.len());
    for ((area, parent, cmp), children) in contributions {
        w.str(area);
        w.str(parent);
        w.u8(*cmp as u8);
        w.u32(children.len());
        for c in children {
            w.u8(level_byte(c.child_level));
            w.str(&c.child);
            for x in &c.values[..n] {
                w.opt(*x);
            }
        }
    }
    let output = v.output_entries();
    w.u32(output.len());
    for ((area, product), values) in output {
        w.str(area);
        w.str(product);
        for x in &values[..n] {
            w.f64(*x);
        }
    }
}

fn decode_view(r: &mut R) -> Result<View, SnapshotError> {
    let version = match r.u8()? {
        0 => BoundaryVersion::Pre2025,
        1 => BoundaryVersion::V2025,
        _ => return Err(SnapshotError("boundary version")),
    };
    let first = r.period()?;
    let last = r.period()?;
    let range = PeriodRange::new(first, last);
    let n = range.len();
    if n > 12 * 200 {
        return Err(SnapshotError("range"));
    }
    let mut index = HashMap::new();
    for _ in 0..r.count(16)? {
        let key = (r.str()?, r.str()?);
        let level = level_of(r.u8()?)?;
        let weight = r.f64()?;
        let values = (0..n).map(|_| r.f64()).collect::<Result<Vec<_>, _>>()?;
        index.insert(
            key,
            Series {
                level,
                values,
                weight,
            },
        );
    }
    let mut contributions = HashMap::new();
    for _ in 0..r.count(16)? {
        let (area, parent) = (r.str()?, r.str()?);
        let cmp = match r.u8()? {
            0 => Comparison::Mom,
            1 => Comparison::Yoy,
            2 => Comparison::Ytd,
            _ => return Err(SnapshotError("comparison")),
        };
        let mut children = Vec::new();
        for _ in 0..r.count(5)? {
            let child_level = level_of(r.u8()?)?;
            let child = r.str()?;
            let values = (0..n).map(|_| r.opt()).collect::<Result<Vec<_>, _>>()?;
            children.push(Contribution {
                child_level,
                child,
                values,
            });
        }
        contributions.insert((area, parent, cmp), children);
    }
    let mut output = HashMap::new();
    for _ in 0..r.count(8)? {
        let key = (r.str()?, r.str()?);
        let values = (0..n).map(|_| r.f64()).collect::<Result<Vec<_>, _>>()?;
        output.insert(key, values);
    }
    Ok(View::from_parts(
        version,
        range,
        index,
        contributions,
        output,
    ))
}

/// Encodes a release (without the reference series, which the store keeps apart).
pub fn encode(d: &ReleaseData) -> Vec<u8> {
    let mut w = W(MAGIC.to_vec());
    w.i64(d.meta.id);
    w.i64(i64::from(d.meta.period.ordinal()));
    w.str(&d.meta.created_at);
    w.str(&d.meta.note);
    w.u8(u8::from(d.meta.synthetic));
    w.u32(d.views.len());
    for v in &d.views {
        encode_view(&mut w, v);
    }
    let mut indicators: Vec<_> = d.indicators.iter().collect();
    indicators.sort_by(|a, b| a.0.cmp(b.0));
    w.u32(indicators.len());
    for ((version, area, indicator), points) in indicators {
        w.u8(u8::from(*version == BoundaryVersion::V2025));
        w.str(area);
        w.str(indicator);
        w.u32(points.len());
        for (p, x) in points {
            w.i64(i64::from(p.ordinal()));
            w.f64(x.value);
            w.str(&x.unit);
            w.str(&x.status);
        }
    }
    w.u32(d.targets.len());
    for t in &d.targets {
        w.str(&t.area);
        w.i64(i64::from(t.year));
        w.str(&t.indicator);
        w.f64(t.target);
    }
    w.0
}

/// Decodes a snapshot; the reference series start empty.
pub fn decode(bytes: &[u8]) -> Result<ReleaseData, SnapshotError> {
    let mut r = R(bytes);
    if r.take(8)? != MAGIC {
        return Err(SnapshotError("not a snapshot of this version"));
    }
    let meta = ReleaseMeta {
        id: r.i64()?,
        period: r.period()?,
        created_at: r.str()?,
        note: r.str()?,
        synthetic: r.u8()? != 0,
    };
    let views = (0..r.count(17)?)
        .map(|_| decode_view(&mut r))
        .collect::<Result<Vec<_>, _>>()?;
    let mut indicators = HashMap::new();
    for _ in 0..r.count(9)? {
        let version = if r.u8()? == 1 {
            BoundaryVersion::V2025
        } else {
            BoundaryVersion::Pre2025
        };
        let (area, indicator) = (r.str()?, r.str()?);
        let mut points = BTreeMap::new();
        for _ in 0..r.count(24)? {
            let p = r.period()?;
            let value = r.f64()?;
            points.insert(
                p,
                IndicatorPoint {
                    value,
                    unit: r.str()?,
                    status: r.str()?,
                },
            );
        }
        indicators.insert((version, area, indicator), points);
    }
    let targets = (0..r.count(20)?)
        .map(|_| -> Result<Target, SnapshotError> {
            let area = r.str()?;
            let year = i32::try_from(r.i64()?).map_err(|_| SnapshotError("year"))?;
            Ok(Target {
                area,
                // Not stored: a target is on the boundaries in force in
                // December of its year (the targets file's rule).
                boundaries: crate::targets::set_on(year),
                year,
                indicator: r.str()?,
                target: r.f64()?,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if !r.0.is_empty() {
        return Err(SnapshotError("trailing bytes"));
    }
    Ok(ReleaseData {
        meta,
        views,
        indicators,
        targets,
        reference: BTreeMap::new(),
    })
}
