//! The brand register through the API (`/api/v1/brands*`), and the views
//! of a product that the API and the pages share.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use congthuong_brand::certificate::DEFAULT_ALERT_DAYS;
use congthuong_brand::store::{AuditNote, Change, Saved, VersionMeta};
use congthuong_brand::{EntryInput, Product, Status};
use congthuong_core::{AreaCode, Lang};
use serde::Serialize;
use serde_json::{Value, json};

use super::db::{Opened, audit, run};
use super::{brand_error, input_errors, may_edit, province_name, stars_text, today};
use crate::auth::Session;
use crate::auth::session::{check_csrf, forbidden};
use crate::error::AppError;
use crate::pages::{Params, lang_of};
use crate::state::AppState;

/// A GTIN and its Digital Link path on this server.
#[derive(Clone, Debug, Serialize)]
pub struct GtinView {
    /// 14 digits.
    pub gtin: String,
    /// `/01/{gtin}`.
    pub path: String,
    /// `https://id.gs1.org/01/{gtin}`.
    pub digital_link: String,
}

/// A lot, serial or other trace reference of a product.
#[derive(Clone, Debug, Serialize)]
pub struct LotView {
    /// The identifier as stored (canonical Digital Link when it is one).
    pub id: String,
    /// What to show: the lot or serial number.
    pub label: String,
    /// `lot` or `serial` or `reference`.
    pub kind: &'static str,
    /// The public page (`/01/{gtin}/10/{lot}`), for GS1 identifiers.
    pub path: Option<String>,
    /// True when trace events name it.
    pub traced: bool,
}

/// A product as pages and the API show it.
#[derive(Clone, Debug, Serialize)]
pub struct ProductView {
    /// Id.
    pub id: i64,
    /// Current version.
    pub version: u32,
    /// Province code (2025 map).
    pub province: String,
    /// Province name.
    pub province_name: String,
    /// Name.
    pub name: String,
    /// Producer.
    pub producer: String,
    /// Group code.
    pub group: String,
    /// Group name.
    pub group_name: String,
    /// Criteria set, parts and total, when scored.
    pub score: Option<Value>,
    /// Stars (from the certificate, else the score).
    pub stars: Option<u8>,
    /// `★★★★☆`.
    pub stars_text: String,
    /// The certificate.
    pub certificate: Option<Value>,
    /// `valid`, `expiring`, `expired`, `not_yet`, or `none`.
    pub status: &'static str,
    /// The status in words.
    pub status_text: String,
    /// True while the certificate is in force.
    pub in_force: bool,
    /// GTINs.
    pub gtins: Vec<GtinView>,
    /// Lots and references.
    pub lots: Vec<LotView>,
    /// Demo data.
    pub synthetic: bool,
    /// When the current version was written.
    pub updated_at: String,
}

/// The lots of a GTIN-based canonical identifier: (gtin, kind, number).
fn lot_parts(id: &str) -> Option<(&str, &'static str, &str)> {
    let rest = id.strip_prefix("https://id.gs1.org/01/")?;
    let (gtin, rest) = rest.split_once('/')?;
    if let Some(lot) = rest.strip_prefix("10/") {
        Some((gtin, "lot", lot))
    } else {
        rest.strip_prefix("21/").map(|s| (gtin, "serial", s))
    }
}

fn decode_label(s: &str) -> String {
    congthuong_gs1::charset::dl_decode(s).unwrap_or_else(|_| s.to_owned())
}

/// Builds the view of a product; `traced` are the identifiers under its
/// GTINs that trace events name.
pub fn view(p: &Product, traced: &[String], lang: Lang) -> ProductView {
    let e = &p.entry;
    let today = today();
    let cert = e.certificate.as_ref();
    let status = cert.map(|c| c.status(today, DEFAULT_ALERT_DAYS));
    let (status_code, status_text) = match status {
        None => (
            "none",
            lang.pick("chưa có giấy chứng nhận", "no certificate")
                .to_owned(),
        ),
        Some(s) => (
            match s {
                Status::Valid { .. } => "valid",
                Status::Expiring { .. } => "expiring",
                Status::Expired { .. } => "expired",
                Status::NotYetInForce { .. } => "not_yet",
            },
            match lang {
                Lang::Vi => s.describe_vi(),
                Lang::En => s.describe_en(),
            },
        ),
    };
    let stars = cert
        .map(|c| c.stars().count())
        .or(e.score.as_ref().map(|s| s.stars().count()));
    let mut lots: Vec<LotView> = Vec::new();
    let mut push = |id: &str, is_traced: bool| {
        if let Some(l) = lots.iter_mut().find(|l| l.id == id) {
            l.traced |= is_traced;
            return;
        }
        let (label, kind, path) = match lot_parts(id) {
            Some((gtin, kind, n)) => (
                decode_label(n),
                kind,
                Some(format!(
                    "/01/{gtin}/{}/{n}",
                    if kind == "lot" { "10" } else { "21" }
                )),
            ),
            None => (id.to_owned(), "reference", None),
        };
        lots.push(LotView {
            id: id.to_owned(),
            label,
            kind,
            path,
            traced: is_traced,
        });
    };
    for r in &e.trace_refs {
        push(r, traced.contains(r));
    }
    for t in traced {
        push(t, true);
    }
    ProductView {
        id: p.id,
        version: p.version,
        province: e.province.to_string(),
        province_name: province_name(e.province, lang),
        name: e.name.clone(),
        producer: e.producer.clone(),
        group: e.group.code().to_owned(),
        group_name: lang.pick(e.group.name_vi(), e.group.name_en()).to_owned(),
        score: e.score.as_ref().map(|s| {
            let [a, b, c] = s.parts().map(|x| x.normalize().to_string());
            let total = s.total().normalize().to_string();
            // As the reader writes numbers (scores stay below 100: no
            // thousands to group).
            let shown = |x: &str| match lang {
                Lang::Vi => x.replace('.', ","),
                Lang::En => x.to_owned(),
            };
            json!({
                "criteria": lang.pick(s.criteria().cite_vi(), s.criteria().cite()),
                "text": format!("A {} + B {} + C {} = {}/100", shown(&a), shown(&b), shown(&c), shown(&total)),
                "a": a, "b": b, "c": c,
                "total": total,
            })
        }),
        stars,
        stars_text: stars.map(stars_text).unwrap_or_default(),
        certificate: cert.map(|c| {
            json!({
                "decision": c.decision(),
                "decided": c.decided().to_string(),
                "valid_until": c.valid_until().to_string(),
                "stars": c.stars().count(),
            })
        }),
        status: status_code,
        status_text,
        in_force: status.is_some_and(Status::in_force),
        gtins: e
            .gtins
            .iter()
            .map(|g| GtinView {
                gtin: g.as_str().to_owned(),
                path: format!("/01/{}", g.as_str()),
                digital_link: congthuong_brand::digital_link(g, "https://id.gs1.org"),
            })
            .collect(),
        lots,
        synthetic: p.synthetic,
        updated_at: p.at.chars().take(10).collect(),
    }
}

/// The identifiers under a product's GTINs that trace events name.
pub fn traced_ids(o: &Opened, p: &Product) -> Result<Vec<String>, AppError> {
    let trace = o.trace()?;
    let mut out = Vec::new();
    for g in &p.entry.gtins {
        let ids = trace
            .identifiers_under(&format!("https://id.gs1.org/01/{}/", g.as_str()), 500)
            .map_err(super::trace_error)?;
        out.extend(ids);
    }
    Ok(out)
}

/// The products of a province (or all), with their traced identifiers.
pub fn load_views(
    o: &Opened,
    province: Option<&str>,
    lang: Lang,
) -> Result<Vec<ProductView>, AppError> {
    let products = o.brands()?.list(province).map_err(brand_error)?;
    products
        .iter()
        .map(|p| Ok(view(p, &traced_ids(o, p)?, lang)))
        .collect()
}

/// One product with its history.
pub fn load_one(
    o: &Opened,
    id: i64,
    lang: Lang,
) -> Result<(Product, ProductView, Vec<VersionMeta>), AppError> {
    let brands = o.brands()?;
    let p = brands
        .get(id)
        .map_err(brand_error)?
        .ok_or_else(|| AppError::NotFound(format!("no product {id} in the register")))?;
    let history = brands.history(id).map_err(brand_error)?;
    drop(brands);
    let v = view(&p, &traced_ids(o, &p)?, lang);
    Ok((p, v, history))
}

/// The audit callback of register writes.
pub fn audit_with(
    actor: String,
) -> impl FnMut(&rusqlite::Connection, &AuditNote) -> congthuong_brand::Result<()> {
    move |conn, n| {
        audit(
            conn,
            &actor,
            n.action,
            &n.object,
            n.hash_before.as_deref(),
            Some(&n.hash_after),
            &n.detail,
        )
        .map_err(congthuong_brand::Error::Store)
    }
}

/// Field problems as a 422.
pub fn field_errors(errors: &[(&'static str, String)]) -> AppError {
    AppError::Invalid(
        errors
            .iter()
            .map(|(f, r)| json!({ "field": f, "detail": r }))
            .collect(),
    )
}

/// An API body's scores, typed as text, in the plain form the register
/// reads: in the convention the request names (`?lang=`), else only when
/// the two conventions agree (`35,5` and `35.5` yes, `1.000` no); a score
/// that cannot be read is a 422 naming its field (in English, the API's).
fn api_scores(input: &mut EntryInput, p: &Params) -> Result<(), AppError> {
    let convention = crate::i18n::explicit_lang(p);
    let mut errors = Vec::new();
    for (field, v) in [
        ("score_a", &mut input.score_a),
        ("score_b", &mut input.score_b),
        ("score_c", &mut input.score_c),
    ] {
        if v.trim().is_empty() {
            continue;
        }
        match crate::i18n::typed_number(v, convention, Lang::En) {
            Ok(d) => *v = d.to_plain(),
            Err(e) => errors.push((field, e)),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(field_errors(&errors))
    }
}

/// The text fields of a JSON body (numbers accepted as text), its note
/// and expected version.
fn input_of(body: &Value) -> Result<(EntryInput, String, Option<u32>), AppError> {
    let obj = body
        .as_object()
        .ok_or_else(|| AppError::BadRequest("the body must be a JSON object".into()))?;
    let mut text = serde_json::Map::new();
    for (k, v) in obj {
        let s = match v {
            Value::String(s) => congthuong_core::text::nfc(s),
            Value::Number(n) => super::origin::json_number(n),
            Value::Null => String::new(),
            Value::Array(items) => items
                .iter()
                .map(|i| match i {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect::<Vec<_>>()
                .join("\n"),
            other => {
                return Err(AppError::BadRequest(format!(
                    "field {k}: expected text, found {other}"
                )));
            }
        };
        text.insert(k.clone(), Value::String(s));
    }
    let note = text
        .remove("note")
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let expected = match text.remove("expected_version") {
        Some(Value::String(s)) if !s.is_empty() => Some(s.parse::<u32>().map_err(|_| {
            AppError::BadRequest(format!("expected_version {s:?} is not a version number"))
        })?),
        _ => None,
    };
    let input: EntryInput = serde_json::from_value(Value::Object(text))
        .map_err(|e| AppError::BadRequest(format!("the body: {e}")))?;
    Ok((input, note, expected))
}

fn csrf(s: &Session, headers: &HeaderMap) -> Result<(), AppError> {
    check_csrf(s, headers.get("x-csrf-token").and_then(|v| v.to_str().ok()))
}

/// Refuses (403, audited) an account that may not write `province`.
pub async fn allowed(state: &AppState, s: &Session, province: &str) -> Result<(), AppError> {
    allowed_in(state, s, province, Lang::En).await
}

/// [`allowed`] with the refusal in the reader's language (pages); the
/// audit log keeps the English.
pub async fn allowed_in(
    state: &AppState,
    s: &Session,
    province: &str,
    lang: Lang,
) -> Result<(), AppError> {
    let refused = |e: AppError, vi: String| match lang {
        Lang::En => e,
        Lang::Vi => AppError::Forbidden(vi),
    };
    match AreaCode::parse(province.trim()) {
        Ok(code) if may_edit(s, code) => Ok(()),
        Ok(code) => Err(refused(
            forbidden(
                state,
                s,
                format!("brand:{code}"),
                "this account may not write the register of that province".into(),
            )
            .await,
            format!(
                "tài khoản này không được ghi sổ đăng ký của {}",
                super::province_name(code, Lang::Vi)
            ),
        )),
        Err(_) if !s.account.may_release() && s.account.province.is_none() => Err(refused(
            forbidden(
                state,
                s,
                "brand".into(),
                "this account may not write the register".into(),
            )
            .await,
            "tài khoản này không được ghi sổ đăng ký".into(),
        )),
        Err(_) => Ok(()),
    }
}

/// `GET /api/v1/brands[?province=CODE]`
pub async fn list(
    State(state): State<AppState>,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&p);
    let province = match p.get("province").filter(|x| !x.is_empty()) {
        Some(c) => Some(
            crate::codes::area(c, congthuong_core::BoundaryVersion::V2025, lang)?
                .code
                .to_string(),
        ),
        None => None,
    };
    let views = run(&state, move |o| load_views(o, province.as_deref(), lang)).await?;
    Ok(Json(json!({ "products": views, "today": today().to_string() })).into_response())
}

/// `GET /api/v1/brands/{id}`
pub async fn show(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&p);
    let (_, v, history) = run(&state, move |o| load_one(o, id, lang)).await?;
    Ok(Json(json!({ "product": v, "history": history })).into_response())
}

fn saved_json(saved: &Saved, lang: Lang) -> (StatusCode, Value) {
    let (status, what) = match saved {
        Saved::Created(_) => (StatusCode::CREATED, "created"),
        Saved::Updated(_) => (StatusCode::OK, "updated"),
        Saved::Unchanged(_) => (StatusCode::OK, "unchanged"),
    };
    let v = view(saved.product(), &[], lang);
    (status, json!({ "result": what, "product": v }))
}

/// `POST /api/v1/brands`
pub async fn create(
    State(state): State<AppState>,
    s: Session,
    headers: HeaderMap,
    Query(p): Query<Params>,
    Json(body): Json<Value>,
) -> Result<Response, AppError> {
    csrf(&s, &headers)?;
    let (mut input, note, _) = input_of(&body)?;
    allowed(&state, &s, &input.province).await?;
    api_scores(&mut input, &p)?;
    let entry = input.build().map_err(|e| field_errors(&e))?;
    let actor = s.account.username.clone();
    let saved = run(&state, move |o| {
        let change = Change {
            at: &congthuong_store::time::now_rfc3339(),
            actor: &actor,
            note: &note,
            synthetic: false,
        };
        o.brands()?
            .save(None, None, &entry, &change, audit_with(actor.clone()))
            .map_err(brand_error)
    })
    .await?;
    let (status, body) = saved_json(&saved, lang_of(&p));
    Ok((status, Json(body)).into_response())
}

/// `PUT /api/v1/brands/{id}`
pub async fn update(
    State(state): State<AppState>,
    s: Session,
    headers: HeaderMap,
    Path(id): Path<i64>,
    Query(p): Query<Params>,
    Json(body): Json<Value>,
) -> Result<Response, AppError> {
    csrf(&s, &headers)?;
    let current = run(&state, move |o| o.brands()?.get(id).map_err(brand_error))
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no product {id} in the register")))?;
    allowed(&state, &s, current.entry.province.as_str()).await?;
    let (mut input, note, expected) = input_of(&body)?;
    api_scores(&mut input, &p)?;
    let entry = input.build().map_err(|e| field_errors(&e))?;
    let actor = s.account.username.clone();
    let saved = run(&state, move |o| {
        let change = Change {
            at: &congthuong_store::time::now_rfc3339(),
            actor: &actor,
            note: &note,
            synthetic: false,
        };
        o.brands()?
            .save(
                Some(id),
                expected,
                &entry,
                &change,
                audit_with(actor.clone()),
            )
            .map_err(brand_error)
    })
    .await?;
    let (status, body) = saved_json(&saved, lang_of(&p));
    Ok((status, Json(body)).into_response())
}

/// Imports a register file for an account: every row's province must be
/// the account's to write; all or nothing. Returns (created, updated,
/// unchanged).
pub async fn import_bytes(
    state: &AppState,
    s: &Session,
    bytes: Vec<u8>,
    label: String,
    note: String,
    lang: Lang,
) -> Result<(usize, usize, usize), AppError> {
    let rows = congthuong_brand::import::read_register_in(&bytes, &label, lang)
        .map_err(|e| input_errors(&e))?;
    let refused: Vec<(u64, String)> = rows
        .iter()
        .filter(|(_, _, e)| !may_edit(s, e.province))
        .map(|(line, _, e)| (*line, e.province.to_string()))
        .collect();
    if !refused.is_empty() {
        let list = |word: &str| {
            refused
                .iter()
                .map(|(l, p)| format!("{word} {l} ({p})"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let e = forbidden(
            state,
            s,
            format!("brand-import:{label}"),
            format!(
                "this account may not write the register of the provinces on {}",
                list("line")
            ),
        )
        .await;
        return Err(match lang {
            Lang::En => e,
            Lang::Vi => AppError::Forbidden(format!(
                "tài khoản này không được ghi sổ đăng ký của các tỉnh ở {}",
                list("dòng")
            )),
        });
    }
    let actor = s.account.username.clone();
    run(state, move |o| {
        let entries: Vec<_> = rows.into_iter().map(|(_, id, e)| (id, e)).collect();
        let mut brands = o.brands()?;
        for id in entries.iter().filter_map(|(id, _)| *id) {
            brands.get(id).map_err(brand_error)?.ok_or_else(|| {
                AppError::BadRequest(match lang {
                    Lang::Vi => format!(
                        "sổ đăng ký không có sản phẩm số {id}: để trống cột id khi thêm sản phẩm mới"
                    ),
                    Lang::En => format!(
                        "no product {id} in the register: leave the id column empty to add a product"
                    ),
                })
            })?;
        }
        let change = Change {
            at: &congthuong_store::time::now_rfc3339(),
            actor: &actor,
            note: &note,
            synthetic: false,
        };
        let saved = brands
            .save_all(&entries, &change, audit_with(actor.clone()))
            .map_err(|e| super::brand_error_in(e, lang))?;
        let count = |f: fn(&Saved) -> bool| saved.iter().filter(|x| f(x)).count();
        Ok((
            count(|x| matches!(x, Saved::Created(_))),
            count(|x| matches!(x, Saved::Updated(_))),
            count(|x| matches!(x, Saved::Unchanged(_))),
        ))
    })
    .await
}

/// `POST /api/v1/brands/import[?note=…]` (the file as the body)
pub async fn import(
    State(state): State<AppState>,
    s: Session,
    headers: HeaderMap,
    Query(p): Query<Params>,
    body: Bytes,
) -> Result<Response, AppError> {
    csrf(&s, &headers)?;
    if !s.account.may_release() && s.account.province.is_none() {
        return Err(forbidden(
            &state,
            &s,
            "brand-import".into(),
            "this account may not write the register".into(),
        )
        .await);
    }
    let note = congthuong_core::text::nfc(p.get("note").map_or("", String::as_str));
    let label = p.get("file").cloned().unwrap_or_else(|| "upload".into());
    let (created, updated, unchanged) =
        import_bytes(&state, &s, body.to_vec(), label, note, Lang::En).await?;
    let status = if created + updated > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        Json(json!({ "created": created, "updated": updated, "unchanged": unchanged })),
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lots_and_serials_of_a_canonical_identifier() {
        assert_eq!(
            lot_parts("https://id.gs1.org/01/08935553000028/10/VS-2025-06"),
            Some(("08935553000028", "lot", "VS-2025-06"))
        );
        assert_eq!(
            lot_parts("https://id.gs1.org/01/08930003000023/21/1001"),
            Some(("08930003000023", "serial", "1001"))
        );
        assert_eq!(lot_parts("https://id.gs1.org/00/089355530000001018"), None);
        assert_eq!(lot_parts("LÔ-7"), None);
        assert_eq!(decode_label("A%2FB"), "A/B");
        assert_eq!(super::super::stars_text(4), "★★★★☆");
    }
}
