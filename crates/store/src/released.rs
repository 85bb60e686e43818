//! A release's figures in memory (what the dashboard, the API and the
//! briefing read): its snapshot, with the release's id and time, and GSO's
//! published national series beside it. Reads only.

use std::collections::BTreeMap;

use crate::error::{Result, StoreError};
use crate::reference::GSO_IIP_MONTHLY;
use crate::store::Store;
use congthuong_core::Period;
use congthuong_figures::{ReferencePoint, ReleaseData, snapshot};

/// GSO's published national series: growth as last published (the
/// revision where there is one, else the first release).
pub fn reference(store: &dyn Store) -> Result<BTreeMap<Period, ReferencePoint>> {
    let source = store
        .reference_sources()?
        .into_iter()
        .find(|s| s.id == GSO_IIP_MONTHLY);
    let Some(source) = source else {
        return Ok(BTreeMap::new());
    };
    let mut by: BTreeMap<(Period, String), f64> = BTreeMap::new();
    for v in store.reference_values(GSO_IIP_MONTHLY)? {
        if let Ok(p) = v.period.parse::<Period>() {
            by.insert((p, v.series), v.value);
        }
    }
    let periods: std::collections::BTreeSet<Period> = by.keys().map(|(p, _)| *p).collect();
    let get = |p: Period, s: &str| by.get(&(p, s.to_owned())).copied();
    Ok(periods
        .into_iter()
        .map(|p| {
            let yoy = get(p, "iip_yoy_pct_revised").or_else(|| get(p, "iip_yoy_pct_first_release"));
            let ytd = get(p, "iip_ytd_yoy_pct_revised")
                .or_else(|| get(p, "iip_ytd_yoy_pct_first_release"));
            (
                p,
                ReferencePoint {
                    yoy_pct: yoy,
                    ytd_pct: ytd,
                    source: source.label.clone(),
                },
            )
        })
        .collect())
}

/// The latest release with its figures, or `None` before the first.
pub fn latest_release(store: &dyn Store) -> Result<Option<ReleaseData>> {
    let Some(r) = store.releases()?.into_iter().last() else {
        return Ok(None);
    };
    release(store, r.id).map(Some)
}

/// A release with its figures and GSO's published series beside them.
pub fn release(store: &dyn Store, id: i64) -> Result<ReleaseData> {
    let mut data = figures(store, id)?;
    data.reference = reference(store)?;
    Ok(data)
}

/// A release's own figures (its snapshot, with its id and time), without
/// the published series.
pub fn figures(store: &dyn Store, id: i64) -> Result<ReleaseData> {
    let r = store.release(id)?;
    let bytes = store.release_snapshot(id)?.ok_or_else(|| {
        StoreError::Invalid(format!(
            "release {id} has no snapshot (made by an older congthuong): make a new release"
        ))
    })?;
    let mut data = snapshot::decode(&bytes).map_err(|e| {
        StoreError::Damaged(format!("the snapshot of release {id} cannot be read: {e}"))
    })?;
    data.meta.id = r.id;
    data.meta.created_at = r.created_at;
    Ok(data)
}
