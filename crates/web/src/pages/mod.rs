//! Server-rendered pages. Each handler builds its figures with the same
//! functions as the API (`crate::data`), formats them in the reader's
//! language and renders a template inside the common layout.

pub mod briefing;
pub mod charts;
pub mod common;
pub mod error_page;
pub mod login;
pub mod overview;
pub mod products;
pub mod province;
pub mod releases;
pub mod submit;
pub mod upload;

use std::collections::{BTreeMap, HashMap};

use axum::Router;
use axum::response::Html;
use axum::routing::{get, post};
use congthuong_core::Lang;
use serde::Serialize;

use crate::error::AppError;
use crate::i18n::texts;
use crate::state::AppState;

/// The routes of the core pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(overview::get))
        .route("/tinh", get(province::list))
        .route("/tinh/{code}", get(province::get))
        .route("/san-pham", get(products::products))
        .route("/thuong-mai", get(products::trade))
        .route("/dang-nhap", get(login::get).post(login::post))
        .route("/dang-xuat", post(login::logout))
        .route("/nop-bao-cao", get(submit::get).post(submit::post))
        .route("/bao-cao", get(briefing::get))
        .route("/bao-cao/tai-ve", get(briefing::download))
        .route("/cong-bo", get(releases::list).post(releases::create))
        .route("/cong-bo/so-sanh", get(releases::compare_form))
        .route("/cong-bo/{a}/so-sanh/{b}", get(releases::compare))
        .merge(charts::routes())
}

/// Query parameters as given.
pub type Params = HashMap<String, String>;

/// The reader's language: `?lang=en`, else Vietnamese.
pub fn lang_of(params: &Params) -> Lang {
    params
        .get("lang")
        .and_then(|l| l.parse().ok())
        .unwrap_or_default()
}

/// Percent-encodes a query value.
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b':' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `path?k=v&…` with the language kept (Vietnamese is the default and is left out).
pub fn href(path: &str, lang: Lang, params: &[(&str, String)]) -> String {
    let mut q: Vec<String> = params
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect();
    if lang == Lang::En {
        q.push("lang=en".into());
    }
    if q.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", q.join("&"))
    }
}

/// What every page's layout needs.
#[derive(Serialize)]
pub struct Layout {
    /// `vi` or `en`.
    pub lang: &'static str,
    /// Interface texts.
    pub tx: BTreeMap<&'static str, &'static str>,
    /// Navigation links, in the reader's language.
    pub nav: Vec<(String, &'static str, bool)>,
    /// The same page in the other language.
    pub switch_lang: String,
    /// Show the synthetic-data banner.
    pub synthetic: bool,
    /// The release shown: "Lần công bố 3 (2025-12)".
    pub release_label: Option<String>,
    /// The page title.
    pub title: String,
    /// The logged-in account: (login name, role), and the CSRF token for
    /// the logout form.
    pub user: Option<(String, String)>,
    /// The CSRF token of forms on the page.
    pub csrf: String,
}

impl Layout {
    /// The layout of a page at `path` with its current `params`.
    pub fn new(state: &AppState, lang: Lang, path: &str, params: &Params, title: &str) -> Self {
        let tx = texts(lang);
        let items = [
            ("/", "nav_overview"),
            ("/tinh", "nav_provinces"),
            ("/san-pham", "nav_products"),
            ("/thuong-mai", "nav_trade"),
            ("/bao-cao", "nav_briefing"),
            ("/cong-bo", "nav_releases"),
            ("/du-an", "pj_nav"),
            ("/nhan-hieu", "ex_nav_brands"),
            ("/xuat-khau", "ex_nav_exports"),
            ("/nop-bao-cao", "nav_submit"),
            ("/api/docs", "nav_api"),
        ];
        let nav = items
            .iter()
            .map(|(p, key)| {
                (
                    href(p, lang, &[]),
                    tx[key],
                    *p == path || (path.starts_with(p) && *p != "/"),
                )
            })
            .collect();
        let mut other: Vec<(&str, String)> = params
            .iter()
            .filter(|(k, _)| k.as_str() != "lang")
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        other.sort();
        let switch_lang = href(
            path,
            if lang == Lang::Vi { Lang::En } else { Lang::Vi },
            &other,
        );
        let release = state.release();
        Self {
            lang: lang.code(),
            release_label: release
                .as_ref()
                .map(|r| format!("{} {} ({})", tx["release"], r.meta.id, r.meta.period)),
            synthetic: release.as_ref().is_some_and(|r| r.meta.synthetic),
            tx,
            nav,
            switch_lang,
            title: title.to_owned(),
            user: None,
            csrf: String::new(),
        }
    }

    /// Shows who is logged in (and lets forms carry the session's CSRF token).
    pub fn session(mut self, session: Option<&crate::auth::Session>) -> Self {
        if let Some(s) = session {
            let role = match s.account.role {
                crate::auth::Role::Admin => "admin",
                crate::auth::Role::Analyst => "analyst",
                crate::auth::Role::Officer => "officer",
                crate::auth::Role::Viewer => "viewer",
            };
            let who = match s.account.province {
                Some(p) => format!("{role} · {p}"),
                None => role.to_owned(),
            };
            self.user = Some((s.account.username.clone(), who));
            self.csrf = s.csrf.clone();
        }
        self
    }
}

/// Renders `template` with the layout and the page's own context.
pub fn page<C: Serialize>(
    state: &AppState,
    layout: Layout,
    template: &str,
    page: C,
) -> Result<Html<String>, AppError> {
    #[derive(Serialize)]
    struct Ctx<C> {
        layout: Layout,
        page: C,
    }
    state
        .templates()
        .render(template, Ctx { layout, page })
        .map(Html)
}
