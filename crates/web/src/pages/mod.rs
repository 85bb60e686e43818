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
pub mod report_kit;
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
        .route("/nop-bao-cao/mau.xlsx", get(report_kit::template))
        .route("/nop-bao-cao/mau.csv", get(report_kit::csv_header))
        .route("/nop-bao-cao/danh-muc", get(report_kit::product_codes))
        .route("/bao-cao", get(briefing::get))
        .route("/bao-cao/tai-ve", get(briefing::download))
        .route("/cong-bo", get(releases::list).post(releases::create))
        .route("/cong-bo/tien-do", get(releases::progress))
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
    /// A page pinned to a release other than the latest: what it shows,
    /// and the link to the same page on the latest (`common::showing`).
    pub pinned: Option<(String, String)>,
    /// The page's permanent link: pinned to the release it shows.
    pub permalink: Option<String>,
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
            pinned: None,
            permalink: None,
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
            let lang = if self.lang == "en" {
                Lang::En
            } else {
                Lang::Vi
            };
            self.user = Some((
                s.account.username.clone(),
                role_label(s.account.role, s.account.province, lang),
            ));
            self.csrf = s.csrf.clone();
        }
        self
    }
}

/// A role in words, an officer's with the province's name (from its code
/// on the 2025 map): "Cán bộ Sở · Bắc Ninh", "Province officer · Bac Ninh".
pub fn role_label(
    role: crate::auth::Role,
    province: Option<congthuong_core::AreaCode>,
    lang: Lang,
) -> String {
    use crate::auth::Role;
    let key = match role {
        Role::Admin => "role_admin",
        Role::Analyst => "role_analyst",
        Role::Officer => "role_officer",
        Role::Viewer => "role_viewer",
    };
    let name = crate::i18n::t(lang, key);
    match province {
        Some(code) => {
            let geo = congthuong_core::Geography::embedded();
            let place = [
                congthuong_core::BoundaryVersion::V2025,
                congthuong_core::BoundaryVersion::Pre2025,
            ]
            .iter()
            .find_map(|b| geo.province(code, *b))
            .map_or_else(
                || code.to_string(),
                |p| match lang {
                    Lang::Vi => p.short_name_vi.clone(),
                    Lang::En => p.name_ascii.clone(),
                },
            );
            format!("{name} · {place}")
        }
        None => name.to_owned(),
    }
}

/// The layout's own texts (role names).
pub const TEXTS: crate::i18n::Texts = &[
    ("role_admin", "Quản trị viên", "Administrator"),
    (
        "role_analyst",
        "Chuyên viên phân tích của Bộ",
        "Ministry analyst",
    ),
    ("role_officer", "Cán bộ Sở", "Province officer"),
    ("role_viewer", "Người xem", "Viewer"),
];

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Role;

    #[test]
    fn roles_read_in_words_with_the_province_named_from_its_code() {
        let bn = congthuong_core::AreaCode::parse("24").ok();
        assert_eq!(
            role_label(Role::Officer, bn, Lang::Vi),
            "Cán bộ Sở · Bắc Ninh"
        );
        assert_eq!(
            role_label(Role::Officer, bn, Lang::En),
            "Province officer · Bac Ninh"
        );
        assert_eq!(
            role_label(Role::Analyst, None, Lang::Vi),
            "Chuyên viên phân tích của Bộ"
        );
        assert_eq!(role_label(Role::Viewer, None, Lang::En), "Viewer");
    }
}
