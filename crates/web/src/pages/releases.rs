//! `GET /cong-bo`: the releases (published, immutable vintages), each
//! with its permanent link, and what changed between two;
//! `POST /cong-bo`: an analyst makes a release, compiled in the
//! background; `GET /cong-bo/tien-do`: its progress (the page refreshes
//! itself, no script) and then its confirmation;
//! `GET /cong-bo/{a}/so-sanh/{b}`: the comparison, in words (province,
//! industry and month names), with the change of each figure.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use congthuong_core::display::{month, number, signed_percent};
use congthuong_core::{BoundaryVersion, Lang, Level, Node, Period, Product};
use congthuong_store::release::{ReleaseOptions, create_release};
use serde::{Deserialize, Serialize};

use super::common::area_name;
use super::{Layout, Params, href, lang_of, page};
use crate::auth::Session;
use crate::auth::session::{check_csrf, forbidden_in};
use crate::error::AppError;
use crate::i18n::t;
use crate::state::{AppState, store_error};

/// The texts of the releases pages.
pub const TEXTS: crate::i18n::Texts = &[
    ("rel_view", "Xem số liệu", "View its figures"),
    (
        "rel_compare_previous",
        "So sánh với lần trước",
        "Compare with the previous",
    ),
    ("rel_making", "Đang lập lần công bố", "Making the release"),
    (
        "rel_refresh",
        "Trang tự làm mới sau vài giây; có thể rời trang, việc tổng hợp vẫn tiếp tục.",
        "This page refreshes itself every few seconds; you may leave it, the compilation goes on.",
    ),
    ("rel_done", "Đã lập lần công bố", "Release made"),
    (
        "rel_failed",
        "Không lập được lần công bố",
        "The release could not be made",
    ),
    (
        "rel_busy",
        "Một lần công bố khác đang được lập; hãy chờ nó xong.",
        "Another release is being made; wait until it is done.",
    ),
    (
        "rel_stage_reading",
        "Đọc các báo cáo",
        "Reading the reports",
    ),
    (
        "rel_stage_compiling",
        "Tổng hợp chỉ số",
        "Compiling the index",
    ),
    (
        "rel_stage_storing",
        "Lưu lần công bố",
        "Storing the release",
    ),
    (
        "rel_stage_loading",
        "Nạp số liệu để hiển thị",
        "Loading the figures",
    ),
    ("rel_stage_waiting", "Bắt đầu", "Starting"),
    ("rel_elapsed", "Thời gian", "Elapsed"),
    ("rel_figure", "Số liệu", "Figure"),
    ("rel_change", "Thay đổi", "Change"),
    ("rel_because", "Do báo cáo", "Because of"),
    ("rel_index", "Chỉ số", "Index"),
    ("rel_yoy", "Tăng so với cùng kỳ", "Year on year"),
    ("rel_in_one", "chỉ có ở một lần", "in one release only"),
    (
        "rel_more_reports",
        "và {n} báo cáo khác",
        "and {n} more reports",
    ),
    ("rel_map_2025", "bản đồ 34 tỉnh", "34-province map"),
    ("rel_map_pre2025", "bản đồ 63 tỉnh", "63-province map"),
];

/// A release being made from the dashboard: its progress (as the store
/// reports it) and, when done, its outcome.
pub struct Job {
    /// The last month included.
    pub period: Period,
    /// Why.
    pub note: String,
    /// Who.
    pub actor: String,
    started: Instant,
    stage: Mutex<(String, u64, u64)>,
    outcome: Mutex<Option<Result<i64, String>>>,
}

impl Job {
    fn new(period: Period, note: String, actor: String) -> Self {
        Self {
            period,
            note,
            actor,
            started: Instant::now(),
            stage: Mutex::new(("waiting".into(), 0, 0)),
            outcome: Mutex::new(None),
        }
    }

    /// True while the release is being made.
    pub fn running(&self) -> bool {
        self.outcome.lock().is_ok_and(|o| o.is_none())
    }

    fn set_stage(&self, stage: &str, len: u64) {
        if let Ok(mut s) = self.stage.lock() {
            *s = (stage.to_owned(), 0, len);
        }
    }

    fn finish_with(&self, outcome: Result<i64, String>) {
        if let Ok(mut o) = self.outcome.lock() {
            *o = Some(outcome);
        }
    }
}

impl congthuong_store::progress::Progress for Job {
    fn start(&self, stage: &str, len: u64) {
        self.set_stage(stage, len);
    }
    fn advance(&self, n: u64) {
        if let Ok(mut s) = self.stage.lock() {
            s.1 = s.1.saturating_add(n);
        }
    }
    fn finish(&self) {}
}

#[derive(Serialize)]
struct Row {
    id: i64,
    period: String,
    created_at: String,
    actor: String,
    note: String,
    counts: String,
    hash: String,
    /// The overview pinned to this release.
    view: String,
    /// The comparison with the release before it.
    compare: Option<String>,
}

/// `GET /cong-bo`
pub async fn list(
    State(state): State<AppState>,
    session: Option<Session>,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let lang = lang_of(&params);
    let layout = Layout::new(&state, lang, "/cong-bo", &params, t(lang, "nav_releases"))
        .session(session.as_ref());
    let store = state.store();
    let releases = tokio::task::spawn_blocking(move || store.releases())
        .await
        .map_err(|e| AppError::Internal(e.into()))?
        .map_err(store_error)?;
    let mut previous: Option<i64> = None;
    let mut rows: Vec<Row> = Vec::new();
    for r in &releases {
        rows.push(Row {
            id: r.id,
            period: r.period.clone(),
            created_at: r
                .created_at
                .chars()
                .take(19)
                .collect::<String>()
                .replace('T', " "),
            actor: r.actor.clone(),
            note: r.note.clone(),
            counts: r
                .counts
                .iter()
                .map(|n| number(Some(*n as f64), 0, lang))
                .collect::<Vec<_>>()
                .join(" / "),
            hash: r.content_hash.chars().take(12).collect(),
            view: href("/", lang, &[("release", r.id.to_string())]),
            compare: previous.map(|p| href(&format!("/cong-bo/{p}/so-sanh/{}", r.id), lang, &[])),
        });
        previous = Some(r.id);
    }
    rows.reverse();
    let may_release = session.as_ref().is_some_and(|s| s.account.may_release());
    let next = state
        .release()
        .map(|r| r.meta.period.to_string())
        .unwrap_or_default();
    let job = state
        .release_job()
        .filter(|j| j.running())
        .map(|_| href("/cong-bo/tien-do", lang, &[]));
    page(
        &state,
        layout,
        "releases.html",
        serde_json::json!({ "rows": rows, "may_release": may_release, "next": next, "running": job }),
    )
}

/// The make-a-release form.
#[derive(Deserialize)]
pub struct NewReleaseForm {
    csrf: String,
    period: String,
    note: String,
    #[serde(default)]
    lang: String,
}

/// `POST /cong-bo`: starts making the release and shows its progress.
pub async fn create(
    State(state): State<AppState>,
    session: Session,
    Form(f): Form<NewReleaseForm>,
) -> Result<Response, AppError> {
    check_csrf(&session, Some(&f.csrf))?;
    if !session.account.may_release() {
        return Err(forbidden_in(
            &state,
            &session,
            "releases".into(),
            "only analysts and administrators make releases",
            "chỉ chuyên viên phân tích của Bộ và quản trị viên được tạo lần công bố",
        )
        .await);
    }
    let lang: Lang = f.lang.parse().unwrap_or_default();
    let period: Period = f
        .period
        .trim()
        .parse()
        .map_err(|e: congthuong_core::Error| AppError::BadRequest(e.to_string()))?;
    let note = congthuong_core::text::nfc(f.note.trim());
    if note.is_empty() {
        return Err(AppError::BadRequest(
            lang.pick(
                "Một lần công bố cần ghi chú lý do.",
                "A release needs a note saying why.",
            )
            .into(),
        ));
    }
    let job = Arc::new(Job::new(
        period,
        note.clone(),
        session.account.username.clone(),
    ));
    let progress = href("/cong-bo/tien-do", lang, &[]);
    if state.start_release_job(job.clone()).is_err() {
        // One at a time: show the one being made.
        return Ok(Redirect::to(&progress).into_response());
    }
    let opts = ReleaseOptions {
        period,
        base_year: None,
        actor: session.account.username.clone(),
        note,
        synthetic: state.release().is_some_and(|r| r.meta.synthetic),
    };
    let store = state.store();
    let st = state.clone();
    tokio::task::spawn_blocking(move || {
        let outcome = create_release(&*store, &opts, &*job)
            .map_err(|e| {
                if e.is_user_error() {
                    format!("{e:#}")
                } else {
                    tracing::error!(error = %e, "making a release");
                    "internal error (logged)".to_owned()
                }
            })
            .and_then(|r| {
                job.set_stage("loading", 0);
                st.reload().map(|_| r.id).map_err(|e| {
                    tracing::error!(error = %e, "loading the new release");
                    "the release was made but could not be loaded (logged)".to_owned()
                })
            });
        job.finish_with(outcome);
    });
    Ok(Redirect::to(&progress).into_response())
}

#[derive(Serialize)]
struct ProgressPage {
    running: bool,
    refresh: bool,
    period: String,
    note: String,
    actor: String,
    stage: String,
    steps: String,
    elapsed: String,
    release: Option<i64>,
    error: Option<String>,
    links: Vec<(String, String)>,
}

/// `GET /cong-bo/tien-do`: the release being made (refreshing itself
/// while it runs), then what was made.
pub async fn progress(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    if !session.account.may_release() {
        return Err(forbidden_in(
            &state,
            &session,
            "releases".into(),
            "only analysts and administrators make releases",
            "chỉ chuyên viên phân tích của Bộ và quản trị viên được tạo lần công bố",
        )
        .await);
    }
    let Some(job) = state.release_job() else {
        return Ok(Redirect::to(&href("/cong-bo", lang, &[])).into_response());
    };
    let (stage, done, len) = job
        .stage
        .lock()
        .map(|s| s.clone())
        .unwrap_or_else(|_| ("waiting".into(), 0, 0));
    let stage_key = match stage.as_str() {
        "reading the submissions" => "rel_stage_reading",
        "compiling" => "rel_stage_compiling",
        "storing the release" => "rel_stage_storing",
        "loading" => "rel_stage_loading",
        _ => "rel_stage_waiting",
    };
    let outcome = job.outcome.lock().map(|o| o.clone()).unwrap_or(None);
    let mut links = Vec::new();
    let (release, error) = match &outcome {
        Some(Ok(id)) => {
            links.push((
                t(lang, "rel_view").to_owned(),
                href("/", lang, &[("release", id.to_string())]),
            ));
            if *id > 1 {
                links.push((
                    t(lang, "rel_compare_previous").to_owned(),
                    href(&format!("/cong-bo/{}/so-sanh/{id}", id - 1), lang, &[]),
                ));
            }
            (Some(*id), None)
        }
        Some(Err(e)) => (None, Some(e.clone())),
        None => (None, None),
    };
    links.push((
        t(lang, "nav_releases").to_owned(),
        href("/cong-bo", lang, &[]),
    ));
    let layout = Layout::new(&state, lang, "/cong-bo", &params, t(lang, "nav_releases"))
        .session(Some(&session));
    let running = outcome.is_none();
    let html = page(
        &state,
        layout,
        "release_progress.html",
        ProgressPage {
            running,
            refresh: running,
            period: match lang {
                Lang::Vi => format!("kỳ {}", month(job.period, lang).to_lowercase()),
                Lang::En => format!("period {}", month(job.period, lang)),
            },
            note: job.note.clone(),
            actor: job.actor.clone(),
            stage: t(lang, stage_key).to_owned(),
            steps: if len > 0 {
                format!("{} / {}", done.min(len), len)
            } else {
                String::new()
            },
            elapsed: format!("{} s", job.started.elapsed().as_secs()),
            release,
            error,
            links,
        },
    )?;
    Ok(html.into_response())
}

#[derive(Serialize)]
struct ChangeRow {
    area: String,
    boundaries: String,
    industry: String,
    period: String,
    index_a: String,
    index_b: String,
    index_change: String,
    yoy_a: String,
    yoy_b: String,
    yoy_change: String,
    because: String,
}

/// An industry node's or a product's name.
fn industry_name(code: &str, level: Level, lang: Lang) -> String {
    if level == Level::Product {
        return Product::basket()
            .iter()
            .find(|p| p.code == code)
            .map_or_else(
                || code.to_owned(),
                |p| lang.pick(&p.name_vi, &p.name_en).to_owned(),
            );
    }
    let node = if level == Level::Total {
        Some(Node::Total)
    } else {
        Node::parse(code).ok()
    };
    match node.and_then(Node::name) {
        Some(n) if level == Level::Total => lang.pick(&n.name_vi, &n.name_en).to_owned(),
        Some(n) => format!("{code} {}", lang.pick(&n.name_vi, &n.name_en)),
        None => code.to_owned(),
    }
}

/// A changed input in words: a province's report of a month, or a table.
fn input_name(key: &str, lang: Lang) -> String {
    let mut parts = key.splitn(3, '/');
    let (dataset, area, period) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    match (dataset, period.parse::<Period>()) {
        ("microdata", Ok(p)) => format!(
            "{} {}",
            area_name(area, BoundaryVersion::in_force(p), lang),
            month(p, lang).to_lowercase()
        ),
        _ => key.to_owned(),
    }
}

/// `GET /cong-bo/{a}/so-sanh/{b}`
pub async fn compare(
    State(state): State<AppState>,
    session: Option<Session>,
    Path((a, b)): Path<(i64, i64)>,
    Query(params): Query<Params>,
) -> Result<Html<String>, AppError> {
    let lang = lang_of(&params);
    let layout = Layout::new(&state, lang, "/cong-bo", &params, t(lang, "nav_releases"))
        .session(session.as_ref());
    let d = state.release_diff(a, b).await?;
    // Counts in the page's digit grouping (7.410 on a Vietnamese page).
    let count = |n: usize| number(Some(n as f64), 0, lang);
    let pct = |v: Option<f64>| signed_percent(v, 1, lang);
    // Totals first, then sections, divisions, classes and products.
    let rank = |l: Level| match l {
        Level::Total => 0,
        Level::Section => 1,
        Level::Division => 2,
        Level::Class => 3,
        Level::Product => 4,
        _ => 5,
    };
    let mut order: Vec<&congthuong_store::release::IndexChange> = d.index.iter().collect();
    order.sort_by(|x, y| {
        (
            rank(x.level),
            x.boundaries.as_str(),
            &*x.area,
            &*x.code,
            x.period,
        )
            .cmp(&(
                rank(y.level),
                y.boundaries.as_str(),
                &*y.area,
                &*y.code,
                y.period,
            ))
    });
    // A figure whose index and growth both read the same at the page's
    // one decimal changed only below the display rounding: counted here,
    // listed in full in the downloads. Values a tenth or more apart always
    // read differently, equal ones never: only the rest are formatted.
    let reads_differently =
        |a: Option<f64>, b: Option<f64>, show: &dyn Fn(Option<f64>) -> String| match (a, b) {
            (Some(x), Some(y)) if (x - y).abs() >= 0.1 => true,
            (Some(x), Some(y)) if x == y => false,
            (None, None) => false,
            _ => show(a) != show(b),
        };
    let (shown, below): (Vec<_>, Vec<_>) = order.into_iter().partition(|c| {
        let (Some(before), Some(after)) = (c.before, c.after) else {
            return true;
        };
        reads_differently(Some(before.index), Some(after.index), &|v| {
            number(v, 1, lang)
        }) || reads_differently(before.yoy_pct, after.yoy_pct, &pct)
    });
    let n_shown = shown.len();
    let n_below = below.len();
    let changes: Vec<ChangeRow> = shown
        .into_iter()
        .take(500)
        .map(|c| {
            let keys = c.because.as_slice();
            let mut because: Vec<String> =
                keys.iter().take(2).map(|k| input_name(k, lang)).collect();
            if keys.len() > 2 {
                because.push(
                    t(lang, "rel_more_reports").replace("{n}", &(keys.len() - 2).to_string()),
                );
            }
            let because = because.join("; ");
            let one_side = c.before.is_none() || c.after.is_none();
            ChangeRow {
                area: area_name(&c.area, c.boundaries, lang),
                boundaries: t(
                    lang,
                    if c.boundaries == BoundaryVersion::V2025 {
                        "rel_map_2025"
                    } else {
                        "rel_map_pre2025"
                    },
                )
                .to_owned(),
                industry: industry_name(&c.code, c.level, lang),
                period: month(c.period, lang),
                index_a: number(c.before.map(|x| x.index), 1, lang),
                index_b: number(c.after.map(|x| x.index), 1, lang),
                index_change: if one_side {
                    t(lang, "rel_in_one").to_owned()
                } else {
                    pct(c.index_change_pct())
                },
                yoy_a: pct(c.before.and_then(|x| x.yoy_pct)),
                yoy_b: pct(c.after.and_then(|x| x.yoy_pct)),
                yoy_change: c
                    .yoy_change_pp()
                    .map(|v| {
                        let s = number(Some(v), 1, lang);
                        if v > 0.0 { format!("+{s}") } else { s }
                    })
                    .unwrap_or_else(|| "–".into()),
                because,
            }
        })
        .collect();
    let inputs: Vec<String> = d
        .inputs
        .iter()
        .take(200)
        .map(|i| {
            let v = |s: &Option<congthuong_store::Submission>| {
                s.as_ref().map_or("–".to_owned(), |s| {
                    format!(
                        "v{} ({}, {}: {})",
                        s.version,
                        s.actor,
                        s.created_at.chars().take(10).collect::<String>(),
                        s.note
                    )
                })
            };
            format!(
                "{}: {} → {}",
                input_name(&i.key.to_string(), lang),
                v(&i.before),
                v(&i.after)
            )
        })
        .collect();
    let downloads = |f: &str| {
        href(
            &format!("/api/v1/releases/{a}/diff/{b}"),
            lang,
            &[("format", f.to_owned())],
        )
    };
    page(
        &state,
        layout,
        "compare.html",
        serde_json::json!({
            "a": d.a.id, "b": d.b.id,
            "a_period": d.a.period, "b_period": d.b.period,
            "a_href": href("/", lang, &[("release", d.a.id.to_string())]),
            "b_href": href("/", lang, &[("release", d.b.id.to_string())]),
            "n_index": d.index.len(), "n_contributions": d.contributions_changed,
            "n_shown": n_shown, "n_below": n_below,
            "n_index_shown": count(d.index.len()),
            "n_contributions_shown": count(d.contributions_changed),
            "n_below_shown": count(n_below),
            "changes": changes, "inputs": inputs, "n_inputs": d.inputs.len(),
            "csv": downloads("csv"), "xlsx": downloads("xlsx"), "json": downloads("json"),
        }),
    )
}

/// `GET /cong-bo/so-sanh?a=&b=`: the comparison form's target.
pub async fn compare_form(Query(params): Query<Params>) -> Result<Redirect, AppError> {
    let id = |k: &str| {
        params
            .get(k)
            .and_then(|v| v.parse::<i64>().ok())
            .ok_or_else(|| {
                AppError::BadRequest(match super::lang_of(&params) {
                    congthuong_core::Lang::Vi => format!("Hãy chọn số của lần công bố ({k})."),
                    congthuong_core::Lang::En => format!("{k} must be a release number"),
                })
            })
    };
    let lang = if params.get("lang").is_some_and(|l| l == "en") {
        "?lang=en"
    } else {
        ""
    };
    Ok(Redirect::to(&format!(
        "/cong-bo/{}/so-sanh/{}{lang}",
        id("a")?,
        id("b")?
    )))
}
