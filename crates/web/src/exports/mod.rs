//! Exporters: product brands (the OCOP register of each province's strong
//! products), traceability (EPCIS 2.0, GS1 Digital Link) and FTA rules of
//! origin, on the web and in the API.
//!
//! # Layout
//! - [`db`]: the registers in the main database (trace, brands, saved
//!   origin checks), opened on first use.
//! - [`epcis`]: `/api/v1/epcis/*`: capture, events, trace, recall,
//!   integrity.
//! - [`brands`]: `/api/v1/brands*`: the register through the API.
//! - [`brand_pages`]: `/nhan-hieu*`: the register's pages and forms.
//! - [`resolver`]: `/01/{gtin}[/10/{lot}|/21/{serial}]`: the public page a
//!   GS1 Digital Link QR code on a pack opens.
//! - [`origin`]: the origin check (`/api/v1/origin/*`);
//!   [`origin_page`]: the calculator page (`/xuat-khau/xuat-xu`).
//! - [`readiness`]: `/xuat-khau` and `/api/v1/exports/readiness`: each
//!   province's export readiness.
//! - [`demo`]: synthetic demo data for `serve --demo`.
//!
//! Roles: the register is public to read; analysts and admins write for
//! every province, a provincial officer for their own province only
//! (403 and an audit entry otherwise); viewers and the public do not
//! write. The EPCIS interface is for analysts and admins; the public sees
//! a lot's trace on its Digital Link page, without business data (see
//! [`resolver`]). The origin calculator is public; saving a check follows
//! the register's rule.
//!
//! May use the store (through `congthuong_store::attach`), brand, trace,
//! gs1, origin and intake crates. Nothing here is called by the rest of
//! the server except [`routes`], the tables below, [`db::Stores`] (in the
//! state) and [`demo::load`] (in the bootstrap).

pub mod brand_pages;
pub mod brands;
pub mod db;
pub mod demo;
pub mod epcis;
pub mod origin;
pub mod origin_page;
pub mod readiness;
pub mod resolver;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use chrono::NaiveDate;
use congthuong_core::{AreaCode, BoundaryVersion, Geography, Lang};
use serde_json::json;

use crate::api::openapi::{Access, Operation, Param, Schema};
use crate::auth::Session;
use crate::error::AppError;
use crate::state::AppState;

pub use db::Stores;

/// The largest EPCIS document one capture takes: 8 MiB (tens of thousands
/// of events); larger documents are split by the sender.
pub const CAPTURE_MAX_BYTES: usize = 8 << 20;

/// Every route of this part.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/v1/epcis/capture",
            post(epcis::capture).layer(DefaultBodyLimit::max(CAPTURE_MAX_BYTES + 1)),
        )
        .route("/api/v1/epcis/events", get(epcis::events))
        .route("/api/v1/epcis/trace", get(epcis::trace_api))
        .route("/api/v1/epcis/recall", get(epcis::recall))
        .route("/api/v1/epcis/integrity", get(epcis::integrity))
        .route("/api/v1/brands", get(brands::list).post(brands::create))
        .route("/api/v1/brands/import", post(brands::import))
        .route("/api/v1/brands/{id}", get(brands::show).put(brands::update))
        .route("/api/v1/origin/check", post(origin::check_api))
        .route(
            "/api/v1/origin/checks",
            get(origin::list_api).post(origin::save_api),
        )
        .route("/api/v1/exports/readiness", get(readiness::api))
        .route("/nhan-hieu", get(brand_pages::overview))
        .route("/nhan-hieu/tinh/{code}", get(brand_pages::province))
        .route("/nhan-hieu/san-pham/{id}", get(brand_pages::product))
        .route(
            "/nhan-hieu/them",
            get(brand_pages::add_form).post(brand_pages::add),
        )
        .route(
            "/nhan-hieu/san-pham/{id}/sua",
            get(brand_pages::edit_form).post(brand_pages::edit),
        )
        .route(
            "/nhan-hieu/nhap",
            get(brand_pages::import_form).post(brand_pages::import),
        )
        .route("/nhan-hieu/mau.xlsx", get(brand_pages::template))
        .route("/xuat-khau", get(readiness::page))
        .route(
            "/xuat-khau/xuat-xu",
            get(origin_page::page).post(origin_page::page_post),
        )
        .route("/01/{*rest}", get(resolver::resolve))
}

const PROVINCE_Q: Param = Param {
    name: "province",
    description: "A province's two-digit code on the 2025 map (default: every province).",
    schema: Schema::Text,
};

const LANG_Q: Param = Param {
    name: "lang",
    description: "vi (default) or en: the language of names and texts.",
    schema: Schema::OneOf(&["vi", "en"]),
};

/// The operations of [`routes`].
pub const OPERATIONS: &[Operation] = &[
    Operation {
        method: "post",
        path: "/api/v1/epcis/capture",
        summary: "Capture one EPCIS 2.0 document (JSON or JSON-LD EPCISDocument, at most 8 MiB): validated whole (422 lists every problem with line, column and JSON path; invalid JSON is 400), then stored all or nothing; events are keyed by their event hash ID, so a repeated capture stores nothing new. Returns the capture id and each event's hash ID and outcome (201 when something was stored, 200 when nothing new). Audited.",
        access: Access::Analyst,
        params: &[Param {
            name: "source",
            description: "A name for the document in the capture log (default: api).",
            schema: Schema::Text,
        }],
        body: Some("An EPCISDocument (JSON / JSON-LD)."),
    },
    Operation {
        method: "get",
        path: "/api/v1/epcis/events",
        summary: "Events matching EPCIS SimpleEventQuery parameters, as an EPCISQueryDocument (at most 1000 unless eventCountLimit or maxEventCount is given). Supported: eventType, GE_/LT_eventTime, GE_/LT_recordTime, EQ_action, EQ_bizStep, EQ_disposition, EQ_persistentDisposition_set/unset, EQ_readPoint, EQ_bizLocation, EQ_transformationID, MATCH_epc, MATCH_parentID, MATCH_inputEPC, MATCH_outputEPC, MATCH_anyEPC, MATCH_epcClass, MATCH_inputEPCClass, MATCH_outputEPCClass, MATCH_anyEPCClass, EQ_eventID, EXISTS_errorDeclaration, EQ_errorReason, EQ_/GT_/GE_/LT_/LE_quantity, orderBy, orderDirection, eventCountLimit, maxEventCount; several values separated by |.",
        access: Access::Analyst,
        params: &[
            Param {
                name: "EQ_bizStep",
                description: "Business step(s), bare CBV words or URIs, e.g. shipping.",
                schema: Schema::Text,
            },
            Param {
                name: "MATCH_anyEPC",
                description: "EPC URIs, Digital Links or patterns (urn:epc:idpat:sgtin:8930003.000002.*).",
                schema: Schema::Text,
            },
            Param {
                name: "GE_eventTime",
                description: "Events at or after this time (RFC 3339).",
                schema: Schema::Text,
            },
        ],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/epcis/trace",
        summary: "Trace a lot, serial or container backward (where it came from) or forward (where it went): one step (depth=1, with the parties of each movement: one step back, one step forward) or the whole chain, through transformations and aggregations.",
        access: Access::Analyst,
        params: &[
            Param {
                name: "id",
                description: "An EPC URI (urn:epc:class:lgtin:…, urn:epc:id:sgtin:…, urn:epc:id:sscc:…) or GS1 Digital Link.",
                schema: Schema::Text,
            },
            Param {
                name: "direction",
                description: "backward (default) or forward.",
                schema: Schema::OneOf(&["backward", "forward"]),
            },
            Param {
                name: "depth",
                description: "Steps to follow: 1 for one step; all (default) for the whole chain.",
                schema: Schema::Text,
            },
        ],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/epcis/recall",
        summary: "The scope of a recall of suspect lots: everything made from them or packed with their products, each item's status (at risk, sold, already recalled, consumed, destroyed), where it is and who holds it.",
        access: Access::Analyst,
        params: &[Param {
            name: "id",
            description: "The suspect identifiers, separated by |.",
            schema: Schema::Text,
        }],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/epcis/integrity",
        summary: "The gaps in the records: receipts without a supplier, shipments without a customer, identifiers without an origin (Circular 02/2024/TT-BKHCN: one step back, one step forward).",
        access: Access::Analyst,
        params: &[],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/brands",
        summary: "The brand register (OCOP products): each product's province, group, score and stars, certificate validity and status today, GTINs with their Digital Link, linked lots.",
        access: Access::Public,
        params: &[PROVINCE_Q, LANG_Q],
        body: None,
    },
    Operation {
        method: "post",
        path: "/api/v1/brands",
        summary: "Add a product to the register (a JSON object of text fields: province, name, producer, group, criteria, score_a, score_b, score_c, stars, decision, decided, valid_until, gtins, lots, and note). 422 lists every problem by field. Audited.",
        access: Access::OwnProvince,
        params: &[],
        body: Some(
            r#"{"province": "24", "name": "…", "producer": "…", "group": "food", "score_a": "36", "score_b": "20", "score_c": "30", "decision": "123/QĐ-UBND", "decided": "2024-06-01", "gtins": "8934567000017", "lots": "", "note": "why"}"#,
        ),
    },
    Operation {
        method: "post",
        path: "/api/v1/brands/import",
        summary: "Import the register from a spreadsheet (the body is the XLSX or CSV file; columns as in the template at /nhan-hieu/mau.xlsx): all or nothing, 422 lists every problem with line and column; a row names its product by id, or by province, name and producer, so importing twice adds nothing. Audited per product.",
        access: Access::OwnProvince,
        params: &[Param {
            name: "note",
            description: "Why (kept with every version written).",
            schema: Schema::Text,
        }],
        body: Some("The register file (XLSX or CSV)."),
    },
    Operation {
        method: "get",
        path: "/api/v1/brands/{id}",
        summary: "One product of the register, its traceable lots and every version's metadata.",
        access: Access::Public,
        params: &[LANG_Q],
        body: None,
    },
    Operation {
        method: "put",
        path: "/api/v1/brands/{id}",
        summary: "A new version of a product (same fields as POST, plus expected_version: the version the edit is based on; an outdated edit is refused). The province cannot change. Audited.",
        access: Access::OwnProvince,
        params: &[],
        body: Some(r#"{"expected_version": 1, "province": "24", "name": "…", "note": "why", …}"#),
    },
    Operation {
        method: "post",
        path: "/api/v1/origin/check",
        summary: "Test a product and its bill of materials against a product-specific rule the caller chooses (e.g. \"RVC40 or CTH\") under ATIGA, CPTPP, EVFTA and/or RCEP: pass or fail per agreement and criterion with the arithmetic, and the certificate or self-certification route. The agreements' PSR tables are not bundled. Nothing is stored.",
        access: Access::Public,
        params: &[LANG_Q],
        body: Some(
            r#"{"product_hs": "7308.90", "ex_works": "95", "fob": "100", "agreements": ["atiga"], "rule": "RVC40 or CTH", "bom": [{"hs": "7208.51", "description": "thép tấm", "value": "60", "originating": "no", "country": "CN"}]}"#,
        ),
    },
    Operation {
        method: "post",
        path: "/api/v1/origin/checks",
        summary: "Run an origin check and save it for a province's export-readiness view (body as /api/v1/origin/check plus province, product_name and optionally brand_id, the register product it is about). Audited.",
        access: Access::OwnProvince,
        params: &[LANG_Q],
        body: Some(r#"{"province": "24", "product_name": "…", "brand_id": 3, …}"#),
    },
    Operation {
        method: "get",
        path: "/api/v1/origin/checks",
        summary: "The saved origin checks of a province, newest first, with each agreement's outcome.",
        access: Access::OwnProvince,
        params: &[PROVINCE_Q],
        body: None,
    },
    Operation {
        method: "get",
        path: "/api/v1/exports/readiness",
        summary: "Each province's export readiness: products in the register, OCOP certificates in force, products with a GTIN, traceable products and lots, saved origin checks and those passed, and export-ready products (all four at once).",
        access: Access::Public,
        params: &[LANG_Q],
        body: None,
    },
];

/// The texts of this part.
pub const TEXTS: crate::i18n::Texts = &[
    ("ex_nav_brands", "Nhãn hiệu, OCOP", "Brands, OCOP"),
    ("ex_nav_exports", "Xuất khẩu", "Exports"),
    (
        "ex_brands_title",
        "Sổ đăng ký sản phẩm chủ lực, OCOP",
        "Register of strong products (OCOP)",
    ),
    (
        "ex_origin_title",
        "Tính xuất xứ hàng hoá theo FTA",
        "FTA rules-of-origin calculator",
    ),
    (
        "ex_readiness_title",
        "Mức sẵn sàng xuất khẩu theo tỉnh",
        "Export readiness by province",
    ),
    (
        "ex_synthetic",
        "Dữ liệu minh hoạ (tổng hợp), không phải sản phẩm, doanh nghiệp hay số liệu thật.",
        "Synthetic demo data: not real products, businesses or figures.",
    ),
    ("ex_product", "Sản phẩm", "Product"),
    ("ex_producer", "Chủ thể sản xuất", "Producer"),
    ("ex_group", "Nhóm sản phẩm", "Product group"),
    ("ex_stars", "Hạng sao", "Stars"),
    ("ex_score", "Điểm", "Score"),
    ("ex_certificate", "Giấy chứng nhận OCOP", "OCOP certificate"),
    ("ex_valid_until", "Hiệu lực đến", "Valid until"),
    ("ex_lots", "Lô hàng truy xuất được", "Traceable lots"),
    ("ex_add", "Thêm sản phẩm", "Add a product"),
    ("ex_edit", "Sửa", "Edit"),
    ("ex_import", "Nhập từ Excel", "Import from Excel"),
    ("ex_save", "Lưu", "Save"),
    ("ex_check", "Kiểm tra xuất xứ", "Check origin"),
    (
        "ex_no_psr",
        "Hệ thống không kèm bảng quy tắc cụ thể mặt hàng (PSR) của các hiệp định: người dùng tự chọn quy tắc đọc trong phụ lục của hiệp định. Kết quả chỉ để tham khảo; cơ quan, tổ chức cấp C/O quyết định.",
        "The agreements' product-specific rule (PSR) tables are not bundled: choose the rule you read in the agreement's annex. The result is for guidance; the issuing authority decides.",
    ),
];

/// The templates of this part.
pub const TEMPLATES: crate::templates::Files = &[
    (
        "exports/brands.html",
        include_str!("../../templates/exports/brands.html"),
    ),
    (
        "exports/province.html",
        include_str!("../../templates/exports/province.html"),
    ),
    (
        "exports/product.html",
        include_str!("../../templates/exports/product.html"),
    ),
    (
        "exports/brand_form.html",
        include_str!("../../templates/exports/brand_form.html"),
    ),
    (
        "exports/brand_import.html",
        include_str!("../../templates/exports/brand_import.html"),
    ),
    (
        "exports/public.html",
        include_str!("../../templates/exports/public.html"),
    ),
    (
        "exports/origin.html",
        include_str!("../../templates/exports/origin.html"),
    ),
    (
        "exports/readiness.html",
        include_str!("../../templates/exports/readiness.html"),
    ),
];

/// Today in Việt Nam (UTC+7): certificate status is computed from it.
pub fn today() -> NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
        + 7 * 3600;
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.checked_add_days(chrono::Days::new((secs / 86_400) as u64)))
        .unwrap_or(NaiveDate::MIN)
}

/// A province's name on the 2025 map, in the reader's language.
pub fn province_name(code: AreaCode, lang: Lang) -> String {
    Geography::embedded()
        .province(code, BoundaryVersion::V2025)
        .map(|p| match lang {
            Lang::Vi => p.short_name_vi.clone(),
            Lang::En => p.name_ascii.clone(),
        })
        .unwrap_or_else(|| code.to_string())
}

/// The 34 provinces of the 2025 map: (code, name).
pub fn provinces(lang: Lang) -> Vec<(AreaCode, String)> {
    Geography::embedded()
        .provinces(BoundaryVersion::V2025)
        .iter()
        .map(|p| (p.code, province_name(p.code, lang)))
        .collect()
}

/// May this account write the register of `province`?
pub fn may_edit(s: &Session, province: AreaCode) -> bool {
    s.account.may_submit(province, None)
}

/// `★★★★☆`.
pub fn stars_text(n: u8) -> String {
    let n = usize::from(n.min(5));
    format!("{}{}", "★".repeat(n), "☆".repeat(5 - n))
}

/// A trace error as an HTTP error: a document with problems is 422 with
/// every problem; other user errors 400; the store's failures 500.
pub fn trace_error(e: congthuong_trace::Error) -> AppError {
    match e {
        congthuong_trace::Error::Invalid {
            source_name,
            problems,
        } => AppError::Invalid(
            problems
                .into_iter()
                .map(|p| {
                    json!({
                        "file": source_name,
                        "path": p.path,
                        "line": p.line,
                        "column": p.column,
                        "detail": p.reason,
                    })
                })
                .collect(),
        ),
        e if e.is_user_error() => AppError::BadRequest(e.to_string()),
        e => AppError::Internal(e.into()),
    }
}

/// A register error as an HTTP error (English, the API's).
pub fn brand_error(e: congthuong_brand::Error) -> AppError {
    brand_error_in(e, Lang::En)
}

/// [`brand_error`] in the reader's language (pages).
pub fn brand_error_in(e: congthuong_brand::Error, lang: Lang) -> AppError {
    match e {
        congthuong_brand::Error::NoSuchProduct { .. } => AppError::NotFound(e.message(lang)),
        e if e.is_user_error() => AppError::BadRequest(e.message(lang)),
        e => AppError::Internal(e.into()),
    }
}

/// An input file's problems as a 422.
pub fn input_errors(errors: &congthuong_intake::InputErrors) -> AppError {
    AppError::Invalid(
        errors
            .errors
            .iter()
            .map(|e| {
                json!({ "file": e.file, "sheet": e.sheet, "line": e.line, "column": e.column, "detail": e.reason, "detail_vi": e.reason_in(congthuong_core::Lang::Vi) })
            })
            .collect(),
    )
}
