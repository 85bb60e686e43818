//! The rules-of-origin calculator page, `/xuat-khau/xuat-xu`: the product,
//! the agreements and the rule typed in fields, the bill of materials in
//! rows or uploaded (CSV or XLSX, every problem with its line and column);
//! the result per agreement and criterion with the arithmetic; saving the
//! check for a province (logged in, the register's role rule).

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use congthuong_core::{AreaCode, Lang};
use congthuong_origin::agreement::Agreement;
use congthuong_origin::bom_csv::read_bom_bytes_in;
use serde::Serialize;
use serde_json::Value;

use super::brands::allowed_in;
use super::origin::{CheckInput, Problem, field_label, olang, problem, save, summary};
use super::{may_edit, provinces};
use crate::auth::Session;
use crate::auth::session::check_csrf;
use crate::error::AppError;
use crate::i18n::t;
use crate::pages::{Layout, Params, lang_of, page as render_page};
use crate::state::AppState;

/// How many BOM rows the form shows by default, and at most.
const DEFAULT_ROWS: usize = 6;
const MAX_ROWS: usize = 60;

#[derive(Serialize, Default)]
struct PageData {
    input: CheckInput,
    product_name: String,
    rows: Vec<[String; 5]>,
    more_rows: String,
    agreements: Vec<(String, bool)>,
    problems: Vec<Problem>,
    field_errors: BTreeMap<String, String>,
    result: Option<Vec<Value>>,
    rule: String,
    bom_total: String,
    message: Option<String>,
    message_kind: String,
    provinces: Vec<(String, String, bool)>,
    save: bool,
    logged_in: bool,
    brand_id: String,
    saved_link: Option<String>,
}

fn page_data(
    input: CheckInput,
    rows: usize,
    session: Option<&Session>,
    lang: Lang,
    province: &str,
) -> PageData {
    let mut bom = input.bom.clone();
    let n = rows.max(bom.len() + 2).clamp(1, MAX_ROWS);
    while bom.len() < n {
        bom.push(Default::default());
    }
    let agreements = Agreement::ALL
        .iter()
        .map(|a| {
            let code = a.code().to_lowercase();
            let on = input
                .agreements
                .iter()
                .any(|x| x.eq_ignore_ascii_case(&code));
            (code, on)
        })
        .collect();
    let provinces = match session {
        Some(s) => provinces(lang)
            .into_iter()
            .filter(|(c, _)| may_edit(s, *c))
            .map(|(c, name)| {
                (
                    c.to_string(),
                    format!("{c} – {name}"),
                    c.as_str() == province,
                )
            })
            .collect(),
        None => Vec::new(),
    };
    PageData {
        more_rows: format!("{}", (n + 6).min(MAX_ROWS)),
        input,
        rows: bom,
        agreements,
        provinces,
        logged_in: session.is_some(),
        ..PageData::default()
    }
}

fn render(
    state: &AppState,
    session: Option<&Session>,
    lang: Lang,
    params: &Params,
    data: PageData,
    status: StatusCode,
) -> Result<Response, AppError> {
    let layout = Layout::new(
        state,
        lang,
        "/xuat-khau/xuat-xu",
        params,
        t(lang, "ex_origin_title"),
    )
    .session(session);
    Ok((
        status,
        render_page(state, layout, "exports/origin.html", data)?,
    )
        .into_response())
}

/// `GET /xuat-khau/xuat-xu[?rows=N]`
pub async fn page(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let rows = params
        .get("rows")
        .and_then(|r| r.parse().ok())
        .unwrap_or(DEFAULT_ROWS);
    let input = CheckInput {
        agreements: vec!["atiga".into()],
        ..CheckInput::default()
    };
    let data = page_data(input, rows, session.as_ref(), lang, "");
    render(
        &state,
        session.as_ref(),
        lang,
        &params,
        data,
        StatusCode::OK,
    )
}

/// `POST /xuat-khau/xuat-xu` (multipart: the fields, `hs_N`, `desc_N`,
/// `value_N`, `orig_N`, `country_N` per BOM row, optionally `file`, and
/// `save`, `province`, `product_name`, `brand_id`, `csrf` to save).
pub async fn page_post(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
    form: Multipart,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let up = crate::pages::upload::Upload::read(form, "upload").await?;
    let mut fields: HashMap<String, String> = HashMap::new();
    let mut agreements = Vec::new();
    for (name, value) in up.fields {
        if name == "agreements" {
            agreements.push(value);
        } else {
            fields.insert(name, congthuong_core::text::nfc(value.trim()));
        }
    }
    let (file, label) = (up.file, up.file_name);
    let g = |k: &str| fields.get(k).cloned().unwrap_or_default();
    let mut bom = Vec::new();
    for i in 0..MAX_ROWS {
        let row = [
            g(&format!("hs_{i}")),
            g(&format!("desc_{i}")),
            g(&format!("value_{i}")),
            g(&format!("orig_{i}")),
            g(&format!("country_{i}")),
        ];
        // A row counts when anything but the default "originating" is typed.
        if row[0].is_empty() && row[1].is_empty() && row[2].is_empty() && row[4].is_empty() {
            continue;
        }
        bom.push(row);
    }
    let mut input = CheckInput {
        product_hs: g("product_hs"),
        ex_works: g("ex_works"),
        fob: g("fob"),
        net_cost: g("net_cost"),
        consignment_eur: g("consignment_eur"),
        agreements,
        rule: g("rule"),
        bom,
        ..CheckInput::default()
    };
    let mut file_problems = Vec::new();
    if !file.is_empty() {
        match read_bom_bytes_in(&file, &label, olang(lang)) {
            Ok(b) => {
                input.bom = b
                    .materials()
                    .iter()
                    .map(|m| {
                        [
                            m.hs.as_ref().map(|h| h.to_string()).unwrap_or_default(),
                            m.description.clone(),
                            // As this page's reader writes numbers, so that
                            // sending the form again reads the same value.
                            congthuong_origin::text::number(m.value, olang(lang)),
                            match m.originating {
                                congthuong_origin::Originating::Yes => "yes",
                                congthuong_origin::Originating::No => "no",
                                congthuong_origin::Originating::Unknown => "unknown",
                            }
                            .to_owned(),
                            m.country
                                .as_ref()
                                .map(|c| c.code().to_owned())
                                .unwrap_or_default(),
                        ]
                    })
                    .collect();
            }
            Err(congthuong_origin::Error::Input(errors)) => {
                file_problems = errors
                    .errors
                    .iter()
                    .map(|e| Problem {
                        field: format!(
                            "{}{}",
                            e.file,
                            e.sheet
                                .as_ref()
                                .map(|s| format!(" [{s}]"))
                                .unwrap_or_default()
                        ),
                        line: e.line,
                        column: e.column.as_deref().map(|c| field_label(c, lang)),
                        detail: e.reason.clone(),
                    })
                    .collect();
            }
            Err(e) => file_problems.push(problem(&label, e.message(olang(lang)))),
        }
    }
    let rows = g("rows").parse().unwrap_or(DEFAULT_ROWS);
    let wants_save = g("save") == "1";
    let province = g("province");
    let mut data = page_data(input.clone(), rows, session.as_ref(), lang, &province);
    data.product_name = g("product_name");
    data.brand_id = g("brand_id");
    data.save = wants_save;
    if !file_problems.is_empty() {
        data.message = Some(match lang {
            Lang::Vi => format!(
                "Tệp bảng định mức có {} lỗi; sửa rồi tải lên lại.",
                file_problems.len()
            ),
            Lang::En => format!(
                "The bill-of-materials file has {} errors; fix them and upload again.",
                file_problems.len()
            ),
        });
        data.message_kind = "bad".into();
        data.problems = file_problems;
        return render(
            &state,
            session.as_ref(),
            lang,
            &params,
            data,
            StatusCode::UNPROCESSABLE_ENTITY,
        );
    }
    // Numbers as typed on this page (1.234,5 on the Vietnamese one), read
    // with core's one parser; the form shows them back as typed.
    let (checked, work) = match input.run_typed(Some(lang), lang) {
        Ok(c) => c,
        Err(problems) => {
            data.message = Some(match lang {
                Lang::Vi => format!(
                    "Có {} lỗi trong dữ liệu nhập; chưa tính được.",
                    problems.len()
                ),
                Lang::En => format!(
                    "{} problems in the input; nothing was computed.",
                    problems.len()
                ),
            });
            data.message_kind = "bad".into();
            for p in problems.iter().filter(|p| p.line.is_none()) {
                data.field_errors.insert(p.field.clone(), p.detail.clone());
            }
            data.problems = problems
                .into_iter()
                .map(|p| Problem {
                    field: field_label(&p.field, lang),
                    column: p.column.as_deref().map(|c| field_label(c, lang)),
                    ..p
                })
                .collect();
            return render(
                &state,
                session.as_ref(),
                lang,
                &params,
                data,
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    data.result = Some(summary(&checked, lang));
    data.rule = checked.rule.to_string();
    data.bom_total = congthuong_origin::text::number(checked.bom.total(), olang(lang));
    if wants_save {
        let Some(s) = session.as_ref() else {
            data.message = Some(
                lang.pick(
                    "Đăng nhập để lưu kết quả; kết quả dưới đây chưa được lưu.",
                    "Log in to save the check; the result below was not saved.",
                )
                .into(),
            );
            data.message_kind = "warn".into();
            return render(&state, None, lang, &params, data, StatusCode::OK);
        };
        check_csrf(s, fields.get("csrf").map(String::as_str))?;
        allowed_in(&state, s, &province, lang).await?;
        let code = AreaCode::parse(&province).map_err(|e| AppError::BadRequest(e.message(lang)))?;
        let name = if data.product_name.is_empty() {
            format!("HS {}", checked.product.hs())
        } else {
            data.product_name.clone()
        };
        let brand_id = data.brand_id.parse::<i64>().ok();
        let request = serde_json::to_string(&work).unwrap_or_default();
        let saved = save(&state, s, code, name, brand_id, request, &checked, lang).await?;
        data.message = Some(match lang {
            Lang::Vi => format!(
                "Đã lưu kết quả kiểm tra số {} cho tỉnh {}.",
                saved.id, saved.province
            ),
            Lang::En => format!(
                "Saved as check {} for province {}.",
                saved.id, saved.province
            ),
        });
        data.message_kind = "ok".into();
        data.saved_link = Some(format!("/xuat-khau?province={}", saved.province));
    }
    render(
        &state,
        session.as_ref(),
        lang,
        &params,
        data,
        StatusCode::OK,
    )
}
