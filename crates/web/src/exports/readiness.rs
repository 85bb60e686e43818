//! Export readiness per province: `GET /xuat-khau` and
//! `GET /api/v1/exports/readiness`.
//!
//! What counts (on today's date in Việt Nam):
//! - **products**: the province's products in the brand register;
//! - **certified**: products whose OCOP certificate (3 to 5 stars) is in
//!   force today (valid or expiring, not expired, not yet in force);
//! - **with GTIN**: products with at least one GTIN;
//! - **traceable products / lots**: products with at least one lot or
//!   serial under one of their GTINs named by a captured EPCIS event (not
//!   declared in error), and the number of such lots and serials;
//! - **origin checks / passed**: saved origin checks of the province, and
//!   those that pass under at least one agreement;
//! - **export-ready**: products that are certified, have a GTIN, are
//!   traceable, and have a saved origin check about them (linked by the
//!   register id) that passes under at least one agreement.
//!
//! A check's pass depends on the rule the user chose: the register does
//! not know the agreements' product-specific rules (they are not bundled).

use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use congthuong_core::Lang;
use serde::Serialize;
use serde_json::json;

use super::brands::load_views;
use super::db::run;
use super::{provinces, today};
use crate::auth::Session;
use crate::error::AppError;
use crate::i18n::t;
use crate::pages::{Layout, Params, lang_of, page as render_page};
use crate::state::AppState;

/// One province's figures.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Readiness {
    /// Code (2025 map).
    pub province: String,
    /// Name.
    pub name: String,
    /// Products in the register.
    pub products: usize,
    /// With a certificate in force.
    pub certified: usize,
    /// With a GTIN.
    pub with_gtin: usize,
    /// With a traced lot or serial.
    pub traceable_products: usize,
    /// Traced lots and serials.
    pub traceable_lots: usize,
    /// Saved origin checks.
    pub origin_checks: usize,
    /// Of which passing under at least one agreement.
    pub origin_checks_passed: usize,
    /// Export-ready products.
    pub export_ready: usize,
    /// Any of it synthetic demo data.
    pub synthetic: bool,
}

/// Every province's figures, the busiest first.
pub async fn compute(state: &AppState, lang: Lang) -> Result<Vec<Readiness>, AppError> {
    run(state, move |o| {
        let views = load_views(o, None, lang)?;
        let checks = o
            .checks()?
            .list(None)
            .map_err(|e| AppError::Internal(e.into()))?;
        let mut rows: Vec<Readiness> = provinces(lang)
            .into_iter()
            .map(|(code, name)| {
                let mine: Vec<_> = views
                    .iter()
                    .filter(|v| v.province == code.as_str())
                    .collect();
                let my_checks: Vec<_> = checks
                    .iter()
                    .filter(|c| c.province == code.as_str())
                    .collect();
                let traced = |v: &super::brands::ProductView| v.lots.iter().any(|l| l.traced);
                Readiness {
                    province: code.to_string(),
                    name,
                    products: mine.len(),
                    certified: mine.iter().filter(|v| v.in_force).count(),
                    with_gtin: mine.iter().filter(|v| !v.gtins.is_empty()).count(),
                    traceable_products: mine.iter().filter(|v| traced(v)).count(),
                    traceable_lots: mine
                        .iter()
                        .map(|v| v.lots.iter().filter(|l| l.traced).count())
                        .sum(),
                    origin_checks: my_checks.len(),
                    origin_checks_passed: my_checks.iter().filter(|c| c.passes_any()).count(),
                    export_ready: mine
                        .iter()
                        .filter(|v| {
                            v.in_force
                                && !v.gtins.is_empty()
                                && traced(v)
                                && my_checks
                                    .iter()
                                    .any(|c| c.brand_id == Some(v.id) && c.passes_any())
                        })
                        .count(),
                    synthetic: mine.iter().any(|v| v.synthetic)
                        || my_checks.iter().any(|c| c.synthetic),
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            (b.export_ready, b.products, b.origin_checks)
                .cmp(&(a.export_ready, a.products, a.origin_checks))
                .then(a.province.cmp(&b.province))
        });
        Ok(rows)
    })
    .await
}

/// `GET /api/v1/exports/readiness`
pub async fn api(
    State(state): State<AppState>,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let rows = compute(&state, lang_of(&p)).await?;
    Ok(Json(json!({ "today": today().to_string(), "provinces": rows })).into_response())
}

/// `GET /xuat-khau`
pub async fn page(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    if let Some(p) = params.get("province").filter(|p| !p.trim().is_empty()) {
        crate::codes::area(p, congthuong_core::BoundaryVersion::V2025, lang)?;
    }
    let rows = compute(&state, lang).await?;
    let mut layout = Layout::new(
        &state,
        lang,
        "/xuat-khau",
        &params,
        t(lang, "ex_readiness_title"),
    )
    .session(session.as_ref());
    layout.synthetic |= rows.iter().any(|r| r.synthetic);
    let total = |f: fn(&Readiness) -> usize| rows.iter().map(f).sum::<usize>();
    let totals = json!({
        "products": total(|r| r.products),
        "certified": total(|r| r.certified),
        "traceable_lots": total(|r| r.traceable_lots),
        "origin_checks_passed": total(|r| r.origin_checks_passed),
        "export_ready": total(|r| r.export_ready),
    });
    let shown = params.get("province").cloned().unwrap_or_default();
    Ok(render_page(
        &state,
        layout,
        "exports/readiness.html",
        json!({ "rows": rows, "totals": totals, "today": today().to_string(), "shown": shown }),
    )?
    .into_response())
}
