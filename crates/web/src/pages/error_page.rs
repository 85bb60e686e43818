//! Errors on pages answered as pages.
//!
//! Handlers return [`AppError`](crate::error::AppError), which answers with
//! the one JSON envelope. A person in a browser asking for a page (any
//! path outside `/api/`, with `Accept: text/html`) gets instead an HTML
//! page in the layout, in their language, with the same status: what went
//! wrong in words, the server's reason, and the way on (log in, or back to
//! the overview). API clients and scripts keep the JSON. This layer reads
//! only the response of the handler and the session; it changes nothing.

use axum::extract::{Query, Request, State};
use axum::http::StatusCode;
use axum::http::header::{ACCEPT, CONTENT_LENGTH, CONTENT_TYPE};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use congthuong_core::Lang;
use serde::Serialize;

use super::{Layout, Params, lang_of, page};
use crate::state::AppState;

/// The most of a file's errors shown on the page (the JSON has them all).
const MAX_LISTED: usize = 50;

/// One listed problem of a rejected file.
#[derive(Serialize)]
struct Problem {
    line: String,
    column: String,
    detail: String,
}

#[derive(Serialize)]
struct ErrorPage {
    status: u16,
    heading: &'static str,
    advice: &'static str,
    detail: String,
    problems: Vec<Problem>,
    more: usize,
    login: Option<&'static str>,
}

/// The middleware: see the module docs.
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let path = req.uri().path().to_owned();
    let wants_page = !path.starts_with("/api/")
        && req
            .headers()
            .get(ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|a| a.contains("text/html"));
    if !wants_page {
        return next.run(req).await;
    }
    let headers = req.headers().clone();
    let uri = req.uri().clone();
    let response = next.run(req).await;
    let status = response.status();
    let json = response
        .headers()
        .get(CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    // The body limit answers an oversized upload in plain text: a page too.
    let oversized = status == StatusCode::PAYLOAD_TOO_LARGE;
    if !(json || oversized) || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (parts, body) = response.into_parts();
    // Error envelopes are small; a larger body is cut, not buffered whole.
    let bytes = axum::body::to_bytes(body, 1 << 20)
        .await
        .unwrap_or_default();
    let envelope: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
    let params: Params = Query::try_from_uri(&uri).map(|q| q.0).unwrap_or_default();
    let lang = lang_of(&params);
    let session = crate::auth::session::current(&state, &headers)
        .await
        .ok()
        .flatten();
    let errors = envelope["errors"].as_array().cloned().unwrap_or_default();
    let (heading, advice) = match errors.first() {
        Some(e) if e["code"] == "field_too_long" => crate::limits::words(lang),
        _ => words(status, lang),
    };
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    };
    // The reason in the reader's language where the error carries both.
    let reason = |e: &serde_json::Value| match (lang, &e["detail_vi"]) {
        (Lang::Vi, serde_json::Value::String(vi)) if !vi.is_empty() => vi.clone(),
        _ => text(&e["detail"]),
    };
    let (detail, problems) = if status == StatusCode::UNPROCESSABLE_ENTITY && errors.len() > 1 {
        let listed = errors
            .iter()
            .take(MAX_LISTED)
            .map(|e| Problem {
                line: text(&e["line"]),
                column: text(&e["column"]),
                detail: reason(e),
            })
            .collect();
        (String::new(), listed)
    } else {
        (errors.first().map(reason).unwrap_or_default(), Vec::new())
    };
    let login = (status == StatusCode::UNAUTHORIZED
        || session.is_none() && status == StatusCode::FORBIDDEN)
        .then(|| {
            if lang == Lang::En {
                "/dang-nhap?lang=en"
            } else {
                "/dang-nhap"
            }
        });
    let layout = Layout::new(&state, lang, &path, &params, heading).session(session.as_ref());
    let content = ErrorPage {
        status: status.as_u16(),
        heading,
        advice,
        detail,
        more: errors.len().saturating_sub(MAX_LISTED),
        problems,
        login,
    };
    match page(&state, layout, "error.html", content) {
        Ok(html) => {
            let mut r = html.into_response();
            *r.status_mut() = status;
            // The handler's other headers (cookies, caching) stay.
            for (k, v) in &parts.headers {
                if k != CONTENT_TYPE && k != CONTENT_LENGTH {
                    r.headers_mut().append(k.clone(), v.clone());
                }
            }
            r
        }
        // The template cannot fail on these values; if it did, the JSON
        // answer is still a true answer.
        Err(_) => Response::from_parts(parts, axum::body::Body::from(bytes)),
    }
}

/// What the status means for the reader, and what to do next.
fn words(status: StatusCode, lang: Lang) -> (&'static str, &'static str) {
    let (vi, en) = match status.as_u16() {
        400 => (
            (
                "Yêu cầu không hợp lệ",
                "Hãy kiểm tra lại các lựa chọn trên trang rồi thử lại.",
            ),
            (
                "The request is not valid",
                "Check the choices on the page and try again.",
            ),
        ),
        401 => (
            (
                "Cần đăng nhập",
                "Trang này dành cho tài khoản đã đăng nhập.",
            ),
            ("Please log in", "This page is for logged-in accounts."),
        ),
        403 => (
            (
                "Không có quyền",
                "Tài khoản này không được xem hoặc làm việc này.",
            ),
            ("Not allowed", "This account may not see or do this."),
        ),
        404 => (
            (
                "Không tìm thấy",
                "Trang hoặc số liệu này không có. Hãy quay lại trang tổng quan.",
            ),
            (
                "Not found",
                "There is no such page or figure. Go back to the overview.",
            ),
        ),
        409 => (
            (
                "Dữ liệu vừa được người khác sửa",
                "Hãy tải lại trang để xem bản mới nhất rồi sửa lại.",
            ),
            (
                "Someone else changed this meanwhile",
                "Reload the page to see the latest version, then edit again.",
            ),
        ),
        413 => (
            (
                "Tệp quá lớn",
                "Hãy chia nhỏ tệp hoặc bỏ các trang tính không cần thiết.",
            ),
            (
                "The file is too large",
                "Split the file or remove sheets that are not needed.",
            ),
        ),
        422 => (
            (
                "Tệp có lỗi, chưa có gì được lưu",
                "Sửa các lỗi dưới đây rồi gửi lại cả tệp.",
            ),
            (
                "The file has errors; nothing was stored",
                "Fix the errors below and send the whole file again.",
            ),
        ),
        429 => (
            ("Quá nhiều lần thử", "Hãy đợi một lát rồi thử lại."),
            ("Too many attempts", "Wait a moment and try again."),
        ),
        503 => (
            (
                "Chưa sẵn sàng",
                "Chưa có số liệu công bố hoặc hệ thống đang bận; hãy thử lại sau.",
            ),
            (
                "Not available yet",
                "Nothing is released yet or the system is busy; try again later.",
            ),
        ),
        _ if status.is_server_error() => (
            (
                "Lỗi hệ thống",
                "Sự cố đã được ghi lại. Hãy thử lại sau hoặc báo quản trị viên.",
            ),
            (
                "Something went wrong on the server",
                "It has been logged. Try again later or tell the administrator.",
            ),
        ),
        _ => (
            (
                "Không thực hiện được",
                "Hãy quay lại trang trước và thử lại.",
            ),
            ("That did not work", "Go back and try again."),
        ),
    };
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}
