//! The dashboard's edit forms (URL-encoded, with the session's CSRF token
//! in the `csrf` field): on a project's page, add a progress update,
//! record a milestone's actual date, re-plan a milestone, add or resolve
//! a blocker; on the strategy grid, mark a strategy issued; on the
//! difficulties page, add a difficulty or close one.
//!
//! A saved edit redirects back (303) with `saved=VERSION`; a refusal is a
//! 403 with an audit entry; a value that does not validate shows the page
//! again with the reason (400), a stale form (someone saved in between)
//! with 409.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use congthuong_core::{BoundaryVersion, Lang};
use congthuong_projects::store::edits;
use congthuong_projects::{
    Blocker, BlockerCategory, Code, Date, Difficulty, DifficultyStatus, Error as PError,
    Escalation, Label, Place, ProgressUpdate, RaiserKind, Replan, StrategyRecord, Vocabulary,
};

use super::difficulties::render_difficulties;
use super::params;
use super::project::{Notice, render_project};
use super::registers::{change_in, refuse_in, with_repo};
use super::strategies::render_strategies;
use crate::auth::Session;
use crate::auth::session::check_csrf;
use crate::error::AppError;
use crate::pages::{Params, encode, href, lang_of};
use crate::state::AppState;

/// Where a failed form is shown again.
enum Back {
    Project(String),
    Strategies,
    Difficulties,
}

fn field<'a>(f: &'a Params, k: &str) -> Option<&'a str> {
    f.get(k).map(|s| s.trim()).filter(|s| !s.is_empty())
}

/// A form field's label, as the form shows it.
fn label(k: &str, lang: Lang) -> &'static str {
    let key = match k {
        "milestone" => "pj_milestone",
        "date" => "pj_date",
        "text" => "pj_update_text",
        "reason" => "pj_reason",
        "decision" => "pj_decision",
        "code" => "pj_code",
        "description" => "pj_description",
        "category" => "pj_category",
        "agency" => "pj_agency",
        "escalation" => "pj_escalation",
        "raised" => "pj_raised",
        "deadline" => "pj_deadline",
        "resolution" => "pj_resolution",
        "percent" => "pj_physical_percent",
        "raised_by" => "pj_raised_by",
        "raiser_kind" => "pj_raiser_kind",
        "topic" => "pj_topic",
        "detail" => "pj_detail",
        "province" => "province",
        "id" => "pj_difficulty",
        "status" => "status",
        "kind" => "pj_strategy",
        "decision_number" => "pj_decision_number",
        "decision_date" => "pj_decision_date",
        _ => return "?",
    };
    crate::i18n::t(lang, key)
}

fn need<'a>(f: &'a Params, k: &str, lang: Lang) -> Result<&'a str, String> {
    field(f, k).ok_or_else(|| match lang {
        Lang::Vi => format!("Thiếu ô bắt buộc: {}.", label(k, lang)),
        Lang::En => format!("A required field is missing: {}.", label(k, lang)),
    })
}

/// A field's refusal, naming the field as the form labels it.
fn bad_field(k: &'static str, lang: Lang) -> impl Fn(PError) -> String {
    move |e| format!("{}: {}", label(k, lang), e.reason_in(lang))
}

fn date_field(f: &Params, k: &'static str, lang: Lang) -> Result<Date, String> {
    Date::parse(need(f, k, lang)?).map_err(bad_field(k, lang))
}

/// A number typed in the reader's convention (`95,5` in Vietnamese), or
/// the reason naming the field.
fn number_field(f: &Params, k: &'static str, lang: Lang) -> Result<Option<f64>, String> {
    match field(f, k) {
        None => Ok(None),
        Some(v) => congthuong_core::number::parse_decimal(v, lang)
            .map(|d| Some(d.to_f64()))
            .map_err(|e| format!("{}: {}", label(k, lang), e.message(lang))),
    }
}

/// The session's CSRF token must be in the form (the refusal carries
/// both languages: the error page shows the reader's).
fn csrf(session: &Session, form: &Params) -> Result<(), AppError> {
    check_csrf(session, form.get("csrf").map(String::as_str))
}

fn version_field(f: &Params) -> Option<u32> {
    field(f, "version").and_then(|v| v.parse().ok())
}

async fn again(
    state: &AppState,
    session: &Session,
    params: &Params,
    back: &Back,
    text: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    let notice = Some(Notice { kind: "bad", text });
    match back {
        Back::Project(id) => {
            render_project(state, session, params, id.clone(), notice, status).await
        }
        Back::Strategies => render_strategies(state, session, params, notice, status).await,
        Back::Difficulties => render_difficulties(state, session, params, notice, status).await,
    }
}

/// Answers a saved or failed write.
async fn answer(
    state: &AppState,
    session: &Session,
    params: &Params,
    back: Back,
    outcome: Result<Result<u32, PError>, AppError>,
) -> Result<Response, AppError> {
    let lang = lang_of(params);
    let keep = params::carried(params);
    match outcome? {
        Ok(version) => {
            let mut q = keep;
            q.push(("saved", version.to_string()));
            let path = match &back {
                Back::Project(id) => format!("/du-an/{}", encode(id)),
                Back::Strategies => "/du-an/chien-luoc".into(),
                Back::Difficulties => "/du-an/kho-khan".into(),
            };
            Ok(Redirect::to(&href(&path, lang, &q)).into_response())
        }
        Err(e @ PError::Stale { .. }) => {
            let text = match lang {
                Lang::Vi => format!(
                    "Không lưu: dữ liệu đã được người khác sửa sau khi bạn mở trang. Tải lại trang rồi làm lại. ({})",
                    e.message(lang)
                ),
                Lang::En => format!(
                    "Not saved: someone changed the record after you opened the page. Reload and try again. ({e})"
                ),
            };
            again(state, session, params, &back, text, StatusCode::CONFLICT).await
        }
        Err(e @ PError::Forbidden { .. }) => Ok(refuse_in(state, session, e, lang).await),
        Err(e @ PError::NotFound { .. }) => Err(AppError::NotFound(e.message(lang))),
        Err(e) if e.is_user_error() => {
            let text = match lang {
                Lang::Vi => format!("Không lưu: {}", e.message(lang)),
                Lang::En => format!("Not saved: {e}"),
            };
            again(state, session, params, &back, text, StatusCode::BAD_REQUEST).await
        }
        Err(e) => Err(AppError::Internal(e.into())),
    }
}

/// Checks the token, the account's right to write at all, and reads the
/// reason; then runs `edit` on the project.
async fn edit_project<F>(
    state: &AppState,
    session: &Session,
    params: &Params,
    form: &Params,
    id: String,
    build: F,
) -> Result<Response, AppError>
where
    F: FnOnce(
        &congthuong_projects::store::Change,
    ) -> Result<
        Box<
            dyn FnOnce(&mut congthuong_projects::Project) -> congthuong_projects::Result<()> + Send,
        >,
        String,
    >,
{
    let lang = lang_of(params);
    csrf(session, form)?;
    let reason = field(form, "reason").unwrap_or("");
    let change = change_in(state, session, &format!("project {id}"), reason, lang).await?;
    let back = Back::Project(id.clone());
    let edit = match build(&change) {
        Ok(e) => e,
        Err(text) => {
            return again(state, session, params, &back, text, StatusCode::BAD_REQUEST).await;
        }
    };
    let expected = version_field(form);
    let outcome = with_repo(state, move |r| {
        r.edit_project(&id, expected, &change, edit)
            .map(|s| s.version)
    })
    .await;
    answer(state, session, params, back, outcome).await
}

/// `POST /du-an/{id}/cap-nhat`: date, text, percent.
pub async fn update(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    Query(params): Query<Params>,
    Form(form): Form<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    edit_project(&state, &session, &params, &form, id, |change| {
        let date = match field(&form, "date") {
            Some(d) => Date::parse(d).map_err(bad_field("date", lang))?,
            None => params::today(lang, &params).map_err(|e| e.to_string())?,
        };
        let percent = match number_field(&form, "percent", lang)? {
            Some(v) => Some(
                congthuong_projects::model::common::percent(v)
                    .map_err(bad_field("percent", lang))?,
            ),
            None => None,
        };
        let u = ProgressUpdate {
            date,
            author: change.actor.name.clone(),
            text: Label::parse(need(&form, "text", lang)?).map_err(bad_field("text", lang))?,
            physical_percent: percent,
        };
        Ok(Box::new(move |p| edits::add_update(p, u)))
    })
    .await
}

/// `POST /du-an/{id}/hoan-thanh`: milestone, date (not after the day).
pub async fn actual(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    Query(params): Query<Params>,
    Form(form): Form<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    edit_project(&state, &session, &params, &form, id, |_| {
        let code = need(&form, "milestone", lang)?.to_owned();
        let date = date_field(&form, "date", lang)?;
        let today = params::today(lang, &params).map_err(|e| e.to_string())?;
        if date > today {
            return Err(match lang {
                Lang::Vi => format!("Ngày hoàn thành {date} ở sau hôm nay ({today})."),
                Lang::En => format!("The actual date {date} is after today ({today})."),
            });
        }
        Ok(Box::new(move |p| {
            edits::record_actual(p, &code, Some(date))
        }))
    })
    .await
}

/// `POST /du-an/{id}/dieu-chinh`: milestone, date, reason (required),
/// decision.
pub async fn replan(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    Query(params): Query<Params>,
    Form(form): Form<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    edit_project(&state, &session, &params, &form, id, |change| {
        let code = need(&form, "milestone", lang)?.to_owned();
        let r = Replan {
            date: date_field(&form, "date", lang)?,
            reason: Label::parse(need(&form, "reason", lang)?)
                .map_err(bad_field("reason", lang))?,
            decision: field(&form, "decision")
                .map(Label::parse)
                .transpose()
                .map_err(bad_field("decision", lang))?,
            by: change.actor.to_string(),
            at: change.at,
        };
        Ok(Box::new(move |p| edits::replan(p, &code, r)))
    })
    .await
}

/// `POST /du-an/{id}/vuong-mac`: code, description, category, agency,
/// escalation, raised, deadline.
pub async fn blocker(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    Query(params): Query<Params>,
    Form(form): Form<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    edit_project(&state, &session, &params, &form, id, |_| {
        let b = Blocker {
            code: Code::parse(need(&form, "code", lang)?).map_err(bad_field("code", lang))?,
            description: Label::parse(need(&form, "description", lang)?)
                .map_err(bad_field("description", lang))?,
            category: BlockerCategory::parse(need(&form, "category", lang)?)
                .map_err(bad_field("category", lang))?,
            agency: Label::parse(need(&form, "agency", lang)?)
                .map_err(bad_field("agency", lang))?,
            escalation: Escalation::parse(need(&form, "escalation", lang)?)
                .map_err(bad_field("escalation", lang))?,
            raised: match field(&form, "raised") {
                Some(d) => Date::parse(d).map_err(bad_field("raised", lang))?,
                None => params::today(lang, &params).map_err(|e| e.to_string())?,
            },
            deadline: date_field(&form, "deadline", lang)?,
            resolved: None,
            resolution: None,
        };
        Ok(Box::new(move |p| edits::add_blocker(p, b)))
    })
    .await
}

/// `POST /du-an/{id}/vuong-mac/giai-quyet`: code, date, resolution.
pub async fn resolve(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    Query(params): Query<Params>,
    Form(form): Form<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    edit_project(&state, &session, &params, &form, id, |_| {
        let code = need(&form, "code", lang)?.to_owned();
        let date = date_field(&form, "date", lang)?;
        let how = Label::parse(need(&form, "resolution", lang)?)
            .map_err(bad_field("resolution", lang))?;
        Ok(Box::new(move |p| {
            edits::resolve_blocker(p, &code, date, how)
        }))
    })
    .await
}

/// A strategy record marked issued: the province's record on the 2025
/// map, keeping an earlier record's note and synthetic flag.
pub fn issued_record(
    existing: Option<StrategyRecord>,
    province: &str,
    kind: &str,
    decision_number: &str,
    decision_date: Date,
    integrated: bool,
    note: Option<&str>,
) -> congthuong_projects::Result<StrategyRecord> {
    let place = Place::one(BoundaryVersion::V2025, province)?;
    let kind = Code::parse(kind)?;
    let note = match note {
        Some(n) => Some(Label::parse(n)?),
        None => existing.as_ref().and_then(|e| e.note.clone()),
    };
    Ok(StrategyRecord {
        place,
        kind,
        issued: true,
        decision_number: Some(Label::parse(decision_number)?),
        decision_date: Some(decision_date),
        integrated,
        note,
        synthetic: existing.is_some_and(|e| e.synthetic),
    })
}

/// `POST /du-an/chien-luoc`: province (2025 code), kind, decision_number,
/// decision_date, integrated, note.
pub async fn strategy(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<Params>,
    Form(form): Form<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    csrf(&session, &form)?;
    let province = field(&form, "province").unwrap_or("").to_owned();
    let change = change_in(
        &state,
        &session,
        &format!("strategy record {province}"),
        field(&form, "reason").unwrap_or(""),
        lang,
    )
    .await?;
    let parsed = (|| -> Result<_, String> {
        Ok((
            need(&form, "kind", lang)?.to_owned(),
            need(&form, "decision_number", lang)?.to_owned(),
            date_field(&form, "decision_date", lang)?,
            field(&form, "integrated").is_some(),
            field(&form, "note").map(str::to_owned),
        ))
    })();
    let (kind, number, date, integrated, note) = match parsed {
        Ok(v) => v,
        Err(text) => {
            return again(
                &state,
                &session,
                &params,
                &Back::Strategies,
                text,
                StatusCode::BAD_REQUEST,
            )
            .await;
        }
    };
    let outcome = with_repo(&state, move |r| {
        let place = Place::one(BoundaryVersion::V2025, &province)?;
        let key = format!("{}:{}:{kind}", place.boundary(), place.lead());
        let cur = r.strategy(&key)?;
        let version = cur.as_ref().map_or(0, |c| c.meta.version);
        let rec = issued_record(
            cur.map(|c| c.value),
            &province,
            &kind,
            &number,
            date,
            integrated,
            note.as_deref(),
        )?;
        r.save_strategy(&rec, Some(version), &change)
            .map(|s| s.version)
    })
    .await;
    answer(&state, &session, &params, Back::Strategies, outcome).await
}

/// The next free difficulty id of a province: `KK-{province}-{n}`.
pub fn next_difficulty_id(existing: &[Difficulty], province: &str) -> String {
    let mut n = existing
        .iter()
        .filter(|d| d.id.as_str().starts_with(&format!("KK-{province}-")))
        .count()
        + 1;
    while existing
        .iter()
        .any(|d| d.id.as_str() == format!("KK-{province}-{n}"))
    {
        n += 1;
    }
    format!("KK-{province}-{n}")
}

/// A new open difficulty from its fields.
#[allow(clippy::too_many_arguments)]
pub fn new_difficulty(
    id: &str,
    raised_by: &str,
    raiser_kind: &str,
    topic: &str,
    detail: Option<&str>,
    province: &str,
    boundary: BoundaryVersion,
    agency: &str,
    raised: Date,
    deadline: Date,
) -> congthuong_projects::Result<Difficulty> {
    let d = Difficulty {
        id: Code::parse(id)?,
        raised_by: Label::parse(raised_by)?,
        raiser_kind: RaiserKind::parse(raiser_kind)?,
        topic: Label::parse(topic)?,
        detail: detail.map(Label::parse).transpose()?,
        place: Place::one(boundary, province)?,
        agency: Label::parse(agency)?,
        raised,
        deadline,
        status: DifficultyStatus::Open,
        resolution: None,
        closed_on: None,
        synthetic: false,
    };
    d.validate()?;
    Ok(d)
}

/// `POST /du-an/kho-khan`: raised_by, raiser_kind, topic, detail,
/// province (2025 code), agency, raised, deadline.
pub async fn difficulty(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<Params>,
    Form(form): Form<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    csrf(&session, &form)?;
    let province = field(&form, "province").unwrap_or("").to_owned();
    let change = change_in(
        &state,
        &session,
        &format!("difficulty in {province}"),
        field(&form, "reason").unwrap_or(""),
        lang,
    )
    .await?;
    let parsed = (|| -> Result<_, String> {
        let raised = match field(&form, "raised") {
            Some(d) => Date::parse(d).map_err(bad_field("raised", lang))?,
            None => params::today(lang, &params).map_err(|e| e.to_string())?,
        };
        Ok((
            need(&form, "raised_by", lang)?.to_owned(),
            need(&form, "raiser_kind", lang)?.to_owned(),
            need(&form, "topic", lang)?.to_owned(),
            field(&form, "detail").map(str::to_owned),
            need(&form, "agency", lang)?.to_owned(),
            raised,
            date_field(&form, "deadline", lang)?,
        ))
    })();
    let (raised_by, kind, topic, detail, agency, raised, deadline) = match parsed {
        Ok(v) => v,
        Err(text) => {
            return again(
                &state,
                &session,
                &params,
                &Back::Difficulties,
                text,
                StatusCode::BAD_REQUEST,
            )
            .await;
        }
    };
    let outcome = with_repo(&state, move |r| {
        let id = next_difficulty_id(&r.difficulties()?, &province);
        let d = new_difficulty(
            &id,
            &raised_by,
            &kind,
            &topic,
            detail.as_deref(),
            &province,
            BoundaryVersion::V2025,
            &agency,
            raised,
            deadline,
        )?;
        r.save_difficulty(&d, Some(0), &change).map(|s| s.version)
    })
    .await;
    answer(&state, &session, &params, Back::Difficulties, outcome).await
}

/// `POST /du-an/kho-khan/giai-quyet`: id, status (resolved or answered),
/// date, resolution.
pub async fn close_difficulty(
    State(state): State<AppState>,
    session: Session,
    Query(params): Query<Params>,
    Form(form): Form<Params>,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    csrf(&session, &form)?;
    let id = field(&form, "id").unwrap_or("").to_owned();
    let change = change_in(
        &state,
        &session,
        &format!("difficulty {id}"),
        field(&form, "reason").unwrap_or(""),
        lang,
    )
    .await?;
    let parsed = (|| -> Result<_, String> {
        Ok((
            DifficultyStatus::parse(field(&form, "status").unwrap_or("resolved"))
                .map_err(bad_field("status", lang))?,
            date_field(&form, "date", lang)?,
            Label::parse(need(&form, "resolution", lang)?)
                .map_err(bad_field("resolution", lang))?,
        ))
    })();
    let (status, date, how) = match parsed {
        Ok(v) => v,
        Err(text) => {
            return again(
                &state,
                &session,
                &params,
                &Back::Difficulties,
                text,
                StatusCode::BAD_REQUEST,
            )
            .await;
        }
    };
    let expected = version_field(&form);
    let outcome = with_repo(&state, move |r| {
        r.edit_difficulty(&id, expected, &change, |d| {
            edits::close_difficulty(d, status, date, how)
        })
        .map(|s| s.version)
    })
    .await;
    answer(&state, &session, &params, Back::Difficulties, outcome).await
}
