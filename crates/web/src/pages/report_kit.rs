//! What an officer needs to fill a report, on the web (issue 14 item 4):
//! the Excel template of a province and month (`/nop-bao-cao/mau.xlsx`),
//! the CSV header (`/nop-bao-cao/mau.csv`), and the product codes with
//! names, units and VSIC class (`/nop-bao-cao/danh-muc`, `?format=csv`),
//! with nearest-code suggestions by code or name (`?q=dien thoai`).
//!
//! The template holds last month's stored (unreleased) figures, so it is
//! for those who may submit for the province; the header and the codes are
//! public. May touch: the store (reads), the embedded reference data.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use congthuong_core::{Lang, Product};
use congthuong_intake::microdata::COLUMNS;
use serde::Serialize;

use super::{Layout, Params, href, lang_of, page};
use crate::auth::Session;
use crate::error::AppError;
use crate::i18n::{Texts, t};
use crate::state::AppState;

/// This module's interface texts.
pub const TEXTS: Texts = &[
    (
        "rk_kit",
        "Mẫu báo cáo và danh mục",
        "Report template and codes",
    ),
    (
        "rk_kit_help",
        "Tải mẫu Excel của tỉnh cho tháng cần báo cáo (có sẵn số liệu tháng trước), điền cột \"Số lượng kỳ này\" rồi nộp ở mẫu dưới. Số có thể viết kiểu Việt Nam (1.234,5) hoặc 1234.5.",
        "Download the province's Excel template for the month (with last month's figures), fill in the column \"Số lượng kỳ này\" (this month's quantity) and submit it with the form below. Numbers may be written the Vietnamese way (1.234,5) or as 1234.5.",
    ),
    (
        "rk_template",
        "Tải mẫu Excel",
        "Download the Excel template",
    ),
    (
        "rk_csv_header",
        "Tải dòng tiêu đề CSV",
        "Download the CSV header",
    ),
    ("rk_codes", "Danh mục mã sản phẩm", "Product codes"),
    (
        "rk_codes_help",
        "Các sản phẩm một báo cáo được ghi, với mã, tên, đơn vị tính và mã ngành VSIC 2018. Tìm theo mã hoặc tên (có dấu hay không dấu).",
        "The products a report may hold, with code, names, unit and VSIC 2018 class. Search by code or name (with or without diacritics).",
    ),
    ("rk_search", "Tìm mã", "Find a code"),
    ("rk_suggest", "Gợi ý gần nhất", "Nearest codes"),
    ("rk_code", "Mã", "Code"),
    ("rk_name_vi", "Tên tiếng Việt", "Vietnamese name"),
    ("rk_name_en", "Tên tiếng Anh", "English name"),
    ("rk_unit_vi", "Đơn vị tính", "Unit (Vietnamese)"),
    ("rk_unit_en", "Đơn vị (tiếng Anh)", "Unit"),
    ("rk_vsic", "Ngành VSIC", "VSIC class"),
    (
        "rk_note",
        "Ghi chú (lý do của phiên bản)",
        "Note (why this version)",
    ),
];

/// A product as listed.
#[derive(Serialize, Clone)]
struct CodeRow {
    code: String,
    name_vi: String,
    name_en: String,
    unit_vi: String,
    unit_en: String,
    vsic: String,
    vsic_name: String,
}

/// The products reports are checked against (the stored basket, else
/// the embedded one), with the embedded names, units and class.
async fn codes(state: &AppState, lang: Lang) -> Result<Vec<CodeRow>, AppError> {
    let store = state.store();
    let basket = tokio::task::spawn_blocking(move || congthuong_store::submit::basket(&*store))
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok(basket
        .into_iter()
        .map(|b| {
            let known = Product::basket().iter().find(|p| p.code == b.code);
            let class = known.map(|p| p.class);
            CodeRow {
                name_en: if b.name_en.is_empty() {
                    known.map(|p| p.name_en.clone()).unwrap_or_default()
                } else {
                    b.name_en.clone()
                },
                unit_en: known.map(|p| p.unit_en.clone()).unwrap_or_default(),
                vsic: class.map(|c| c.to_string()).unwrap_or_default(),
                vsic_name: class
                    .and_then(|c| c.name())
                    .map(|n| lang.pick(&n.name_vi, &n.name_en).to_owned())
                    .unwrap_or_default(),
                code: b.code,
                name_vi: b.name_vi,
                unit_vi: b.unit_vi,
            }
        })
        .collect())
}

#[derive(Serialize)]
struct CodesPage {
    rows: Vec<CodeRow>,
    q: String,
    suggestions: Vec<CodeRow>,
    csv: String,
    back: String,
}

/// `GET /nop-bao-cao/danh-muc[?q=…][&format=csv]`
pub async fn product_codes(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let rows = codes(&state, lang).await?;
    if params.get("format").map(String::as_str) == Some("csv") {
        let mut w = csv::Writer::from_writer(vec![0xEF, 0xBB, 0xBF]);
        let fail = |e: csv::Error| AppError::Internal(e.into());
        w.write_record([
            "code",
            "name_vi",
            "name_en",
            "unit_vi",
            "unit_en",
            "vsic_class",
        ])
        .map_err(fail)?;
        for r in &rows {
            w.write_record([
                &r.code, &r.name_vi, &r.name_en, &r.unit_vi, &r.unit_en, &r.vsic,
            ])
            .map_err(fail)?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| AppError::Internal(anyhow::anyhow!("{e}")))?;
        return Ok(download(
            "text/csv; charset=utf-8",
            "danh-muc-san-pham.csv",
            bytes,
        ));
    }
    let q = params
        .get("q")
        .map(|q| congthuong_core::text::nfc(q.trim()))
        .unwrap_or_default();
    let q: String = q.chars().take(100).collect();
    let suggestions = if q.is_empty() {
        Vec::new()
    } else {
        let near = congthuong_core::text::nearest(
            &q,
            rows.iter().map(|r| {
                (
                    r.code.as_str(),
                    vec![r.name_vi.as_str(), r.name_en.as_str()],
                )
            }),
            5,
        );
        near.iter()
            .filter_map(|c| rows.iter().find(|r| r.code == *c).cloned())
            .collect()
    };
    let layout = Layout::new(
        &state,
        lang,
        "/nop-bao-cao/danh-muc",
        &params,
        t(lang, "rk_codes"),
    )
    .session(session.as_ref());
    let p = CodesPage {
        rows,
        q,
        suggestions,
        csv: href("/nop-bao-cao/danh-muc", lang, &[("format", "csv".into())]),
        back: href("/nop-bao-cao", lang, &[]),
    };
    Ok(page(&state, layout, "product_codes.html", p)?.into_response())
}

/// `GET /nop-bao-cao/mau.csv`: the header line of a report CSV.
pub async fn csv_header() -> Response {
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(COLUMNS.join(",").as_bytes());
    bytes.extend_from_slice(b"\r\n");
    download("text/csv; charset=utf-8", "bao-cao.csv", bytes)
}

/// `GET /nop-bao-cao/mau.xlsx?province=CODE&period=YYYY-MM`: the Excel
/// template of a province and month, for accounts that may submit it.
pub async fn template(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let Some(session) = session else {
        return Ok(Redirect::to(&href(
            "/dang-nhap",
            lang,
            &[("next", "/nop-bao-cao".into())],
        ))
        .into_response());
    };
    let get = |k: &str| params.get(k).map_or("", |v| v.trim()).to_owned();
    let (province, period) = (get("province"), get("period"));
    let (code, p) =
        super::submit::submitter_of(&state, &session, &province, &period, "template", lang).await?;
    let store = state.store();
    let (c, pp) = (code.to_string(), p.to_string());
    let bytes =
        tokio::task::spawn_blocking(move || congthuong_store::submit::template(&*store, &c, &pp))
            .await
            .map_err(|e| AppError::Internal(e.into()))?
            .map_err(|e| {
                if e.is_user_error() {
                    AppError::BadRequest(e.to_string())
                } else {
                    AppError::Internal(e.into())
                }
            })?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("mau-bao-cao-{code}-{p}.xlsx"),
        bytes,
    ))
}

fn download(content_type: &'static str, name: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response()
}
