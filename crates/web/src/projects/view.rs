//! Labels and numbers in the reader's language: states, days, dates,
//! amounts, province names, the vocabularies; the tabs and the filter
//! form every page shares.

use congthuong_core::display::{number, percent};
use congthuong_core::{AreaCode, BoundaryVersion, Geography, Lang};
use congthuong_projects::status::{ItemState, Overall};
use congthuong_projects::{Date, Vocabulary};
use serde::Serialize;

use crate::i18n::t;
use crate::pages::{Params, href};

/// A vocabulary value's label.
pub fn vocab<V: Vocabulary>(v: V, lang: Lang) -> String {
    lang.pick(v.vi(), v.en()).to_owned()
}

/// A date: `26/11/2026` / `26 Nov 2026`.
pub fn date(d: Date, lang: Lang) -> String {
    let (y, m, day) = d.ymd();
    match lang {
        Lang::Vi => format!("{day:02}/{m:02}/{y}"),
        Lang::En => {
            const M: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            format!("{day} {} {y}", M[(m as usize).saturating_sub(1).min(11)])
        }
    }
}

/// An optional date, empty when missing.
pub fn opt_date(d: Option<Date>, lang: Lang) -> String {
    d.map(|d| date(d, lang)).unwrap_or_default()
}

/// Billion VND with the language's separators, to 1 decimal.
pub fn bn(v: f64, lang: Lang) -> String {
    number(Some(v), 1, lang)
}

/// A percentage to 1 decimal: `43,5 %` / `43.5 %`.
pub fn pct(v: Option<f64>, lang: Lang) -> String {
    percent(v, 1, lang)
}

/// A ratio (SPI, CPI) to 2 decimals.
pub fn ratio(v: Option<f64>, lang: Lang) -> String {
    number(v, 2, lang)
}

/// The label of an overall project state.
pub fn overall(o: Overall, lang: Lang) -> &'static str {
    t(lang, &format!("pj_state_{}", o.code()))
}

/// The label of an item's state.
pub fn state(s: ItemState, lang: Lang) -> &'static str {
    t(lang, &format!("pj_state_{}", s.code()))
}

/// "late 12 days", "due today", "5 days left", "done 3 days late".
pub fn state_days(s: ItemState, lang: Lang) -> String {
    match (s, lang) {
        (ItemState::Late { days }, Lang::Vi) => format!("chậm {days} ngày"),
        (ItemState::Late { days: 1 }, Lang::En) => "1 day late".into(),
        (ItemState::Late { days }, Lang::En) => format!("{days} days late"),
        (ItemState::AtRisk { days_left: 0 }, _) => lang.pick("đến hạn hôm nay", "due today").into(),
        (ItemState::AtRisk { days_left } | ItemState::OnSchedule { days_left }, Lang::Vi) => {
            format!("còn {days_left} ngày")
        }
        (ItemState::AtRisk { days_left: 1 } | ItemState::OnSchedule { days_left: 1 }, _) => {
            "1 day left".into()
        }
        (ItemState::AtRisk { days_left } | ItemState::OnSchedule { days_left }, _) => {
            format!("{days_left} days left")
        }
        (ItemState::Done { slip_days }, Lang::Vi) if slip_days > 0 => {
            format!("xong, chậm {slip_days} ngày")
        }
        (ItemState::Done { slip_days }, Lang::Vi) if slip_days < 0 => {
            format!("xong, sớm {} ngày", -slip_days)
        }
        (ItemState::Done { slip_days }, Lang::En) if slip_days > 0 => {
            format!("done {slip_days} days late")
        }
        (ItemState::Done { slip_days }, Lang::En) if slip_days < 0 => {
            format!("done {} days early", -slip_days)
        }
        (ItemState::Done { .. }, _) => lang.pick("xong đúng hạn", "done on time").into(),
    }
}

/// Days with a sign: `+12`, `-3`, `0`.
pub fn signed_days(d: i64) -> String {
    if d > 0 {
        format!("+{d}")
    } else {
        d.to_string()
    }
}

/// A province's short name on a boundary version (ASCII in English).
pub fn province_name(code: AreaCode, version: BoundaryVersion, lang: Lang) -> String {
    Geography::embedded().province(code, version).map_or_else(
        || code.to_string(),
        |p| match lang {
            Lang::Vi => p.short_name_vi.clone(),
            Lang::En => p.name_ascii.clone(),
        },
    )
}

/// Province names joined, for codes read on `version`.
pub fn province_names(codes: &[AreaCode], version: BoundaryVersion, lang: Lang) -> String {
    codes
        .iter()
        .map(|c| province_name(*c, version, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A link: (href, label, active).
#[derive(Serialize)]
pub struct Link {
    /// Where.
    pub href: String,
    /// What.
    pub label: String,
    /// The current page.
    pub active: bool,
}

/// The tabs of the part, keeping the scope and day.
pub fn tabs(path: &str, lang: Lang, params: &Params) -> Vec<Link> {
    let keep = super::params::carried(params);
    [
        ("/du-an", "pj_tab_late"),
        ("/du-an/danh-sach", "pj_tab_list"),
        ("/du-an/giai-ngan", "pj_tab_disbursement"),
        ("/du-an/chien-luoc", "pj_tab_strategies"),
        ("/du-an/dau-tu", "pj_tab_investment"),
        ("/du-an/kho-khan", "pj_tab_difficulties"),
        ("/du-an/excel", "pj_tab_excel"),
    ]
    .iter()
    .map(|(p, key)| Link {
        href: href(p, lang, &keep),
        label: t(lang, key).to_owned(),
        active: *p == path,
    })
    .collect()
}

/// An option of a select.
#[derive(Serialize)]
pub struct Choice {
    /// The value sent.
    pub value: String,
    /// What is shown.
    pub label: String,
    /// Selected.
    pub selected: bool,
}

/// The scope and day filter form shared by the pages.
#[derive(Serialize)]
pub struct Filters {
    /// The form's action.
    pub action: String,
    /// Groups (and "every province").
    pub groups: Vec<Choice>,
    /// Provinces of the boundaries shown (and "the group").
    pub provinces: Vec<Choice>,
    /// The two maps.
    pub boundaries: Vec<Choice>,
    /// The day, `YYYY-MM-DD`.
    pub today: String,
    /// The at-risk window.
    pub within: i64,
    /// Show the window field.
    pub show_within: bool,
    /// Show the day field (pages whose figures do not depend on it hide it).
    pub show_today: bool,
    /// Extra fields: (name, label, value).
    pub extra: Vec<(String, String, String)>,
    /// The page is in English (the form keeps it).
    pub english: bool,
}

impl Filters {
    /// The form for a page at `path`.
    pub fn new(
        path: &str,
        lang: Lang,
        params: &Params,
        version: BoundaryVersion,
        today: Date,
        within: i64,
    ) -> Self {
        let geo = Geography::embedded();
        let group = params
            .get("group")
            .map(String::as_str)
            .filter(|g| !g.is_empty())
            .unwrap_or(super::params::DEFAULT_GROUP);
        let province = params.get("province").cloned().unwrap_or_default();
        let mut groups = vec![Choice {
            value: "all".into(),
            label: lang.pick("Cả nước", "Whole country").into(),
            selected: group == "all",
        }];
        groups.extend(geo.groups().iter().map(|g| Choice {
            value: g.id().to_owned(),
            label: lang.pick(g.name_vi(), g.name_en()).to_owned(),
            selected: g.id() == group,
        }));
        let mut provinces = vec![Choice {
            value: String::new(),
            label: lang.pick("— cả vùng —", "— the whole group —").into(),
            selected: province.is_empty(),
        }];
        provinces.extend(geo.provinces(version).iter().map(|p| Choice {
            value: p.code.to_string(),
            label: format!("{} {}", p.code, province_name(p.code, version, lang)),
            selected: p.code.as_str() == province,
        }));
        let boundaries = BoundaryVersion::ALL
            .iter()
            .rev()
            .map(|v| Choice {
                value: v.as_str().to_owned(),
                label: t(lang, &format!("boundaries_{}", v.as_str())).to_owned(),
                selected: *v == version,
            })
            .collect();
        Self {
            action: path.to_owned(),
            groups,
            provinces,
            boundaries,
            today: today.to_string(),
            within,
            show_within: true,
            show_today: true,
            extra: Vec::new(),
            english: lang == Lang::En,
        }
    }
}

/// The provinces (2025 map) an account may record strategies and
/// difficulties for: an officer's own, every one for analysts and admins.
pub fn editable_provinces(session: &crate::auth::Session, lang: Lang) -> Vec<Choice> {
    let geo = Geography::embedded();
    geo.provinces(BoundaryVersion::V2025)
        .iter()
        .filter(|p| match session.account.role {
            crate::auth::Role::Officer => session.account.province == Some(p.code),
            crate::auth::Role::Viewer => false,
            _ => true,
        })
        .map(|p| Choice {
            value: p.code.to_string(),
            label: format!(
                "{} {}",
                p.code,
                province_name(p.code, BoundaryVersion::V2025, lang)
            ),
            selected: false,
        })
        .collect()
}
