//! The register's pages: `/nhan-hieu` (every province, certificates that
//! need attention), `/nhan-hieu/tinh/{code}` (a province's products),
//! `/nhan-hieu/san-pham/{id}` (one product: stars, certificate and its
//! validity, GTINs with their Digital Link, traceable lots, versions), the
//! add and edit forms and the Excel import (logged-in, same role rule as
//! the API).

use std::collections::{BTreeMap, HashMap};

use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use congthuong_brand::store::{Change, Saved};
use congthuong_brand::{EntryInput, ProductGroup};
use congthuong_core::Lang;
use serde::Serialize;
use serde_json::json;

use super::brands::{ProductView, allowed_in, audit_with, import_bytes, load_one, load_views};
use super::db::run;
use super::{brand_error_in, may_edit, province_name, provinces};
use crate::auth::session::{check_csrf, forbidden};
use crate::auth::{Role, Session};
use crate::error::AppError;
use crate::i18n::t;
use crate::pages::{Layout, Params, href, lang_of, page};
use crate::state::AppState;

fn login_redirect(lang: Lang, next: &str) -> Response {
    Redirect::to(&href("/dang-nhap", lang, &[("next", next.into())])).into_response()
}

#[derive(Serialize)]
struct ProvinceRow {
    code: String,
    name: String,
    products: usize,
    stars: [usize; 3],
    in_force: usize,
    attention: usize,
}

#[derive(Serialize)]
struct Alert {
    id: i64,
    name: String,
    province: String,
    valid_until: String,
    status: &'static str,
    status_text: String,
}

/// `GET /nhan-hieu`
pub async fn overview(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let views = run(&state, move |o| load_views(o, None, lang)).await?;
    let mut rows: Vec<ProvinceRow> = provinces(lang)
        .into_iter()
        .map(|(code, name)| {
            let mine: Vec<&ProductView> = views
                .iter()
                .filter(|v| v.province == code.as_str())
                .collect();
            ProvinceRow {
                code: code.to_string(),
                name,
                products: mine.len(),
                stars: [3u8, 4, 5].map(|n| mine.iter().filter(|v| v.stars == Some(n)).count()),
                in_force: mine.iter().filter(|v| v.in_force).count(),
                attention: mine
                    .iter()
                    .filter(|v| v.status == "expiring" || v.status == "expired")
                    .count(),
            }
        })
        .collect();
    rows.sort_by(|a, b| b.products.cmp(&a.products).then(a.code.cmp(&b.code)));
    let mut alerts: Vec<Alert> = views
        .iter()
        .filter(|v| v.status == "expiring" || v.status == "expired")
        .map(|v| Alert {
            id: v.id,
            name: v.name.clone(),
            province: v.province_name.clone(),
            valid_until: v
                .certificate
                .as_ref()
                .and_then(|c| c["valid_until"].as_str().map(str::to_owned))
                .unwrap_or_default(),
            status: v.status,
            status_text: v.status_text.clone(),
        })
        .collect();
    alerts.sort_by(|a, b| a.valid_until.cmp(&b.valid_until));
    let mut layout = Layout::new(
        &state,
        lang,
        "/nhan-hieu",
        &params,
        t(lang, "ex_brands_title"),
    )
    .session(session.as_ref());
    layout.synthetic |= views.iter().any(|v| v.synthetic);
    let can_edit = session
        .as_ref()
        .is_some_and(|s| s.account.role != Role::Viewer);
    let html = page(
        &state,
        layout,
        "exports/brands.html",
        json!({ "rows": rows, "alerts": alerts, "total": views.len(), "can_edit": can_edit }),
    )?;
    Ok(html.into_response())
}

/// `GET /nhan-hieu/tinh/{code}`
pub async fn province(
    State(state): State<AppState>,
    session: Option<Session>,
    Path(code): Path<String>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let code = crate::codes::area(&code, congthuong_core::BoundaryVersion::V2025, lang)?.code;
    let c = code.to_string();
    let views = run(&state, move |o| load_views(o, Some(&c), lang)).await?;
    let name = province_name(code, lang);
    let path = format!("/nhan-hieu/tinh/{code}");
    let mut layout = Layout::new(&state, lang, &path, &params, &name).session(session.as_ref());
    layout.synthetic |= views.iter().any(|v| v.synthetic);
    let can_edit = session.as_ref().is_some_and(|s| may_edit(s, code));
    let html = page(
        &state,
        layout,
        "exports/province.html",
        json!({ "code": code.to_string(), "name": name, "products": views, "can_edit": can_edit }),
    )?;
    Ok(html.into_response())
}

/// `GET /nhan-hieu/san-pham/{id}`
pub async fn product(
    State(state): State<AppState>,
    session: Option<Session>,
    Path(id): Path<i64>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let (p, v, history, checks) = run(&state, move |o| {
        let (p, v, h) = load_one(o, id, lang).map_err(|e| not_found(e, id, lang))?;
        let checks: Vec<_> = o
            .checks()?
            .list(Some(p.entry.province.as_str()))
            .map_err(|e| AppError::Internal(e.into()))?
            .into_iter()
            .filter(|c| c.brand_id == Some(id))
            .collect();
        Ok((p, v, h, checks))
    })
    .await?;
    let path = format!("/nhan-hieu/san-pham/{id}");
    let mut layout = Layout::new(&state, lang, &path, &params, &v.name).session(session.as_ref());
    layout.synthetic |= v.synthetic;
    let can_edit = session
        .as_ref()
        .is_some_and(|s| may_edit(s, p.entry.province));
    let checks: Vec<_> = checks
        .iter()
        .map(|c| {
            json!({
                "at": c.at.chars().take(10).collect::<String>(),
                "rule": c.rule,
                "passes": c.passes_any(),
                "outcomes": c.outcomes.iter().map(|(a, o)| format!("{}: {}", a.code(), o.label().get(match lang { Lang::Vi => congthuong_origin::Lang::Vi, Lang::En => congthuong_origin::Lang::En }))).collect::<Vec<_>>().join(", "),
            })
        })
        .collect();
    let html = page(
        &state,
        layout,
        "exports/product.html",
        json!({ "p": v, "history": history, "can_edit": can_edit, "checks": checks }),
    )?;
    Ok(html.into_response())
}

#[derive(Serialize, Default)]
struct FormPage {
    action: String,
    heading: String,
    input: EntryInput,
    note: String,
    expected_version: String,
    errors: BTreeMap<&'static str, Vec<String>>,
    provinces: Vec<(String, String, bool)>,
    groups: Vec<(String, String, bool)>,
    result: Option<String>,
}

fn form_page(
    s: &Session,
    lang: Lang,
    action: String,
    heading: String,
    input: EntryInput,
) -> FormPage {
    let provinces = provinces(lang)
        .into_iter()
        .filter(|(c, _)| may_edit(s, *c))
        .map(|(c, n)| {
            let code = c.to_string();
            let selected = code == input.province;
            (code.clone(), format!("{code} – {n}"), selected)
        })
        .collect();
    let groups = ProductGroup::ALL
        .iter()
        .map(|g| {
            (
                g.code().to_owned(),
                lang.pick(g.name_vi(), g.name_en()).to_owned(),
                g.code() == input.group,
            )
        })
        .collect();
    FormPage {
        action,
        heading,
        input,
        provinces,
        groups,
        ..FormPage::default()
    }
}

fn render_form(
    state: &AppState,
    s: &Session,
    lang: Lang,
    path: &str,
    params: &Params,
    f: FormPage,
    status: StatusCode,
) -> Result<Response, AppError> {
    let layout = Layout::new(state, lang, path, params, &f.heading).session(Some(s));
    Ok((status, page(state, layout, "exports/brand_form.html", f)?).into_response())
}

/// The form's fields as an input, a note and an expected version.
fn input_of(f: &HashMap<String, String>) -> (EntryInput, String, String) {
    let g = |k: &str| congthuong_core::text::nfc(f.get(k).map_or("", |v| v.trim()));
    (
        EntryInput {
            province: g("province"),
            name: g("name"),
            producer: g("producer"),
            group: g("group"),
            criteria: g("criteria"),
            score_a: g("score_a"),
            score_b: g("score_b"),
            score_c: g("score_c"),
            stars: g("stars"),
            decision: g("decision"),
            decided: g("decided"),
            valid_until: g("valid_until"),
            gtins: g("gtins"),
            lots: g("lots"),
        },
        g("note"),
        g("expected_version"),
    )
}

/// An entry's scores written as the form's reader writes numbers
/// (`36,5` on a Vietnamese page), so that saving the form unchanged reads
/// the same scores back.
fn typed_as_read(mut input: EntryInput, lang: Lang) -> EntryInput {
    if lang == Lang::Vi {
        for v in [&mut input.score_a, &mut input.score_b, &mut input.score_c] {
            *v = v.replace('.', ",");
        }
    }
    input
}

/// A product missing from the register, in the reader's language.
fn not_found(e: AppError, id: i64, lang: Lang) -> AppError {
    match (e, lang) {
        (AppError::NotFound(_), Lang::Vi) => {
            AppError::NotFound(format!("sổ đăng ký không có sản phẩm số {id}"))
        }
        (e, _) => e,
    }
}

async fn writer(state: &AppState, s: &Session, object: &str, lang: Lang) -> Result<(), AppError> {
    if s.account.role == Role::Viewer {
        let e = forbidden(
            state,
            s,
            object.to_owned(),
            "a viewer account does not write the register".into(),
        )
        .await;
        return Err(match lang {
            Lang::En => e,
            Lang::Vi => AppError::Forbidden("tài khoản người xem không được ghi sổ đăng ký".into()),
        });
    }
    Ok(())
}

/// `GET /nhan-hieu/them`
pub async fn add_form(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let Some(s) = session else {
        return Ok(login_redirect(lang, "/nhan-hieu/them"));
    };
    writer(&state, &s, "brand", lang).await?;
    let input = EntryInput {
        province: params
            .get("province")
            .cloned()
            .or_else(|| s.account.province.map(|p| p.to_string()))
            .unwrap_or_default(),
        criteria: "148".into(),
        ..EntryInput::default()
    };
    let f = form_page(
        &s,
        lang,
        href("/nhan-hieu/them", lang, &[]),
        t(lang, "ex_add").to_owned(),
        input,
    );
    render_form(
        &state,
        &s,
        lang,
        "/nhan-hieu/them",
        &params,
        f,
        StatusCode::OK,
    )
}

/// `POST /nhan-hieu/them`
pub async fn add(
    State(state): State<AppState>,
    s: Session,
    Query(params): Query<Params>,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    check_csrf(&s, fields.get("csrf").map(String::as_str))?;
    writer(&state, &s, "brand", lang).await?;
    let (input, note, _) = input_of(&fields);
    allowed_in(&state, &s, &input.province, lang).await?;
    save(&state, &s, lang, &params, None, None, input, note).await
}

/// Saves from a form: back to the form with every problem, or on to the
/// product's page.
#[allow(clippy::too_many_arguments)]
async fn save(
    state: &AppState,
    s: &Session,
    lang: Lang,
    params: &Params,
    id: Option<i64>,
    expected: Option<u32>,
    input: EntryInput,
    note: String,
) -> Result<Response, AppError> {
    let (path, heading) = match id {
        Some(id) => (
            format!("/nhan-hieu/san-pham/{id}/sua"),
            format!("{} #{id}", t(lang, "ex_edit")),
        ),
        None => ("/nhan-hieu/them".to_owned(), t(lang, "ex_add").to_owned()),
    };
    let back = |errors: BTreeMap<&'static str, Vec<String>>, result: Option<String>| {
        let mut f = form_page(
            s,
            lang,
            href(&path, lang, &[]),
            heading.clone(),
            input.clone(),
        );
        f.errors = errors;
        f.result = result;
        f.note = note.clone();
        f.expected_version = expected.map(|v| v.to_string()).unwrap_or_default();
        render_form(
            state,
            s,
            lang,
            &path,
            params,
            f,
            StatusCode::UNPROCESSABLE_ENTITY,
        )
    };
    let entry = match input.build_in(lang) {
        Ok(e) => e,
        Err(problems) => {
            let mut errors: BTreeMap<&'static str, Vec<String>> = BTreeMap::new();
            for (f, r) in problems {
                errors.entry(f).or_default().push(r);
            }
            let n = errors.values().map(Vec::len).sum::<usize>();
            return back(
                errors,
                Some(match lang {
                    Lang::Vi => format!("Có {n} lỗi; chưa lưu gì. Sửa các ô được đánh dấu."),
                    Lang::En => format!("{n} problems; nothing was saved. Fix the fields marked."),
                }),
            );
        }
    };
    let actor = s.account.username.clone();
    let n = note.clone();
    let saved = run(state, move |o| {
        let change = Change {
            at: &congthuong_store::time::now_rfc3339(),
            actor: &actor,
            note: &n,
            synthetic: false,
        };
        Ok(o.brands()?
            .save(id, expected, &entry, &change, audit_with(actor.clone())))
    })
    .await?;
    match saved {
        Ok(Saved::Created(p) | Saved::Updated(p) | Saved::Unchanged(p)) => {
            Ok(
                Redirect::to(&href(&format!("/nhan-hieu/san-pham/{}", p.id), lang, &[]))
                    .into_response(),
            )
        }
        Err(e) if e.is_user_error() => back(BTreeMap::new(), Some(e.message(lang))),
        Err(e) => Err(brand_error_in(e, lang)),
    }
}

/// `GET /nhan-hieu/san-pham/{id}/sua`
pub async fn edit_form(
    State(state): State<AppState>,
    session: Option<Session>,
    Path(id): Path<i64>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let path = format!("/nhan-hieu/san-pham/{id}/sua");
    let Some(s) = session else {
        return Ok(login_redirect(lang, &path));
    };
    let p = run(&state, move |o| {
        o.brands()?.get(id).map_err(|e| brand_error_in(e, lang))
    })
    .await?
    .ok_or_else(|| not_found(AppError::NotFound(String::new()), id, lang))?;
    allowed_in(&state, &s, p.entry.province.as_str(), lang).await?;
    let mut f = form_page(
        &s,
        lang,
        href(&path, lang, &[]),
        format!("{} #{id}: {}", t(lang, "ex_edit"), p.entry.name),
        typed_as_read(EntryInput::from_entry(&p.entry), lang),
    );
    f.expected_version = p.version.to_string();
    render_form(&state, &s, lang, &path, &params, f, StatusCode::OK)
}

/// `POST /nhan-hieu/san-pham/{id}/sua`
pub async fn edit(
    State(state): State<AppState>,
    s: Session,
    Path(id): Path<i64>,
    Query(params): Query<Params>,
    Form(fields): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    check_csrf(&s, fields.get("csrf").map(String::as_str))?;
    let p = run(&state, move |o| {
        o.brands()?.get(id).map_err(|e| brand_error_in(e, lang))
    })
    .await?
    .ok_or_else(|| not_found(AppError::NotFound(String::new()), id, lang))?;
    allowed_in(&state, &s, p.entry.province.as_str(), lang).await?;
    let (input, note, expected) = input_of(&fields);
    let expected = expected.parse::<u32>().ok();
    save(&state, &s, lang, &params, Some(id), expected, input, note).await
}

#[derive(Serialize, Default)]
struct ImportPage {
    result: Option<String>,
    result_kind: String,
    errors: Vec<serde_json::Value>,
}

fn render_import(
    state: &AppState,
    s: &Session,
    lang: Lang,
    params: &Params,
    p: ImportPage,
    status: StatusCode,
) -> Result<Response, AppError> {
    let layout =
        Layout::new(state, lang, "/nhan-hieu/nhap", params, t(lang, "ex_import")).session(Some(s));
    Ok((status, page(state, layout, "exports/brand_import.html", p)?).into_response())
}

/// `GET /nhan-hieu/nhap`
pub async fn import_form(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let Some(s) = session else {
        return Ok(login_redirect(lang, "/nhan-hieu/nhap"));
    };
    writer(&state, &s, "brand-import", lang).await?;
    render_import(
        &state,
        &s,
        lang,
        &params,
        ImportPage::default(),
        StatusCode::OK,
    )
}

/// `POST /nhan-hieu/nhap` (multipart: csrf, note, file)
pub async fn import(
    State(state): State<AppState>,
    s: Session,
    Query(params): Query<Params>,
    form: Multipart,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let up = crate::pages::upload::Upload::read(form, "upload").await?;
    let (csrf, note) = (up.field("csrf").map(str::to_owned), up.text("note"));
    let (file, label) = (up.file, up.file_name);
    check_csrf(&s, csrf.as_deref())?;
    writer(&state, &s, "brand-import", lang).await?;
    let mut p = ImportPage::default();
    let status = match import_bytes(&state, &s, file, label, note, lang).await {
        Ok((created, updated, unchanged)) => {
            p.result = Some(match lang {
                Lang::Vi => format!(
                    "Đã nhập: {created} sản phẩm mới, {updated} sản phẩm có phiên bản mới, {unchanged} không thay đổi."
                ),
                Lang::En => format!(
                    "Imported: {created} new products, {updated} with a new version, {unchanged} unchanged."
                ),
            });
            p.result_kind = "ok".into();
            StatusCode::CREATED
        }
        Err(AppError::Invalid(items)) => {
            p.result = Some(match lang {
                Lang::Vi => format!(
                    "Tệp có {} lỗi; không lưu gì. Sửa các lỗi dưới đây rồi nhập lại.",
                    items.len()
                ),
                Lang::En => format!(
                    "The file has {} errors; nothing was stored. Fix them and import again.",
                    items.len()
                ),
            });
            p.result_kind = "bad".into();
            p.errors = items;
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Err(AppError::BadRequest(m)) => {
            p.result = Some(m);
            p.result_kind = "bad".into();
            StatusCode::BAD_REQUEST
        }
        Err(e) => return Err(e),
    };
    render_import(&state, &s, lang, &params, p, status)
}

/// `GET /nhan-hieu/mau.xlsx`: the import template.
pub async fn template() -> Result<Response, AppError> {
    let bytes = congthuong_brand::import::template_xlsx()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("writing the template: {e}")))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"so-dang-ky-ocop.xlsx\"",
            ),
        ],
        bytes,
    )
        .into_response())
}
