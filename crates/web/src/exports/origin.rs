//! The rules-of-origin check: `POST /api/v1/origin/check` (public, nothing
//! stored), `POST/GET /api/v1/origin/checks` (saved for a province's
//! export-readiness view), and what the calculator page
//! ([`super::origin_page`]) shares with them.
//!
//! The agreements' product-specific rule tables are not bundled: the user
//! gives the rule read in the agreement's annex (`docs/ORIGIN.md`).

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use congthuong_core::{AreaCode, Lang};
use congthuong_origin::agreement::Agreement;
use congthuong_origin::amount::{parse_amount, parse_price};
use congthuong_origin::bom_csv::{COLUMNS, material_in};
use congthuong_origin::evaluate::Assessment;
use congthuong_origin::store::{NewCheck, SavedCheck};
use congthuong_origin::{
    BillOfMaterials, Context, Costs, HsCode, HsEdition, Outcome, Product, Profile, Rule, assess,
};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{Value, json};

use super::brands::allowed;
use super::db::{audit, run};
use super::{may_edit, provinces};
use crate::auth::Session;
use crate::auth::session::{check_csrf, forbidden};
use crate::error::AppError;
use crate::i18n::t;
use crate::pages::{Params, lang_of};
use crate::state::AppState;

/// The origin crate's language of the reader's.
pub fn olang(lang: Lang) -> congthuong_origin::Lang {
    match lang {
        Lang::Vi => congthuong_origin::Lang::Vi,
        Lang::En => congthuong_origin::Lang::En,
    }
}

/// What a check needs, as typed (text fields; the BOM's rows in the CSV's
/// column order: hs, description, value, originating, country).
#[derive(Clone, Debug, Default, Serialize)]
pub struct CheckInput {
    /// The product's HS subheading.
    pub product_hs: String,
    /// Ex-works price.
    pub ex_works: String,
    /// FOB price (optional).
    pub fob: String,
    /// Net cost (optional; CPTPP).
    pub net_cost: String,
    /// Cost breakdown for build-up formulas (optional).
    pub labour: String,
    /// Direct overhead.
    pub overhead: String,
    /// Profit.
    pub profit: String,
    /// Other costs.
    pub other_costs: String,
    /// HS edition (default 2022).
    pub hs_edition: String,
    /// The consignment's value in euro (EVFTA's ceiling).
    pub consignment_eur: String,
    /// Agreement codes.
    pub agreements: Vec<String>,
    /// The product-specific rule.
    pub rule: String,
    /// The bill of materials.
    pub bom: Vec<[String; 5]>,
}

/// A problem: the field (or BOM line and column) and why.
#[derive(Clone, Debug, Serialize)]
pub struct Problem {
    /// The field, e.g. `fob`, or `bom` for a BOM row.
    pub field: String,
    /// The BOM line (1-based), for BOM problems.
    pub line: Option<u64>,
    /// The BOM column.
    pub column: Option<String>,
    /// Why.
    pub detail: String,
}

/// A problem with a field.
pub fn problem(field: &str, detail: impl ToString) -> Problem {
    Problem {
        field: field.to_owned(),
        line: None,
        column: None,
        detail: detail.to_string(),
    }
}

/// A checked request.
pub struct Checked {
    /// The product.
    pub product: Product,
    /// Its materials.
    pub bom: BillOfMaterials,
    /// The rule (canonical).
    pub rule: Rule,
    /// One assessment per agreement.
    pub assessments: Vec<Assessment>,
}

/// The numeric fields of a check, by name.
const NUMBER_FIELDS: [&str; 8] = [
    "ex_works",
    "fob",
    "net_cost",
    "labour",
    "overhead",
    "profit",
    "other_costs",
    "consignment_eur",
];

/// What a field or a BOM column is called on the calculator's form.
pub fn field_label(field: &str, lang: Lang) -> String {
    let (vi, en) = match field {
        "product_hs" => ("Mã HS sản phẩm", "Product HS code"),
        "ex_works" => ("Giá xuất xưởng (EXW)", "Ex-works price"),
        "fob" => ("Giá FOB", "FOB price"),
        "net_cost" => ("Chi phí tịnh", "Net cost"),
        "labour" => ("Chi phí nhân công trực tiếp", "Direct labour cost"),
        "overhead" => ("Chi phí phân bổ trực tiếp", "Direct overhead"),
        "profit" => ("Lợi nhuận", "Profit"),
        "other_costs" => ("Chi phí khác", "Other costs"),
        "consignment_eur" => ("Trị giá lô hàng (euro)", "Consignment value (euro)"),
        "hs_edition" => ("Phiên bản HS", "HS edition"),
        "agreements" => ("Hiệp định", "Agreements"),
        "rule" => ("Quy tắc", "Rule"),
        "bom" => ("Bảng định mức", "Bill of materials"),
        "hs" => ("Mã HS", "HS code"),
        "description" => ("Mô tả", "Description"),
        "value" => ("Trị giá", "Value"),
        "originating" => ("Có xuất xứ", "Originating"),
        "country" => ("Nước xuất xứ", "Country"),
        "province" => ("Tỉnh, thành phố", "Province"),
        other => return other.to_owned(),
    };
    lang.pick(vi, en).to_owned()
}

impl CheckInput {
    /// Rewrites the numbers as typed (`1.234,5` on a Vietnamese page) in
    /// the plain form the origin crate reads (`1234.5`), with core's one
    /// parser: `convention` is the language they were written in (a
    /// page's), `None` for an API client that did not say, where an
    /// ambiguous number is refused (see [`crate::i18n::typed_number`]).
    /// Returns every number that cannot be read, in `lang`, naming its
    /// field (or BOM line and column); those fields are left as typed.
    pub fn normalise_numbers(&mut self, convention: Option<Lang>, lang: Lang) -> Vec<Problem> {
        let mut problems = Vec::new();
        let read = |v: &mut String| -> Result<(), String> {
            if v.trim().is_empty() {
                return Ok(());
            }
            let d = crate::i18n::typed_number(v, convention, lang)?;
            *v = d.to_plain();
            Ok(())
        };
        for (name, v) in NUMBER_FIELDS.into_iter().zip([
            &mut self.ex_works,
            &mut self.fob,
            &mut self.net_cost,
            &mut self.labour,
            &mut self.overhead,
            &mut self.profit,
            &mut self.other_costs,
            &mut self.consignment_eur,
        ]) {
            if let Err(detail) = read(v) {
                problems.push(problem(name, detail));
            }
        }
        for (i, row) in self.bom.iter_mut().enumerate() {
            if let Err(detail) = read(&mut row[2]) {
                problems.push(Problem {
                    field: "bom".into(),
                    line: Some(i as u64 + 1),
                    column: Some("value".into()),
                    detail,
                });
            }
        }
        problems
    }

    /// [`CheckInput::normalise_numbers`] then [`CheckInput::run`]: every
    /// problem at once (a number that cannot be read once, with its
    /// reason), or the check and the input with its numbers made plain.
    pub fn run_typed(
        &self,
        convention: Option<Lang>,
        lang: Lang,
    ) -> Result<(Checked, CheckInput), Vec<Problem>> {
        let mut work = self.clone();
        let mut unread = work.normalise_numbers(convention, lang);
        match work.run(lang) {
            Ok(c) if unread.is_empty() => Ok((c, work)),
            Ok(_) => Err(unread),
            Err(mut rest) => {
                rest.retain(|p| {
                    !unread
                        .iter()
                        .any(|u| u.field == p.field && u.line == p.line && u.column == p.column)
                });
                unread.extend(rest);
                Err(unread)
            }
        }
    }

    /// Checks every field (every problem at once, in `lang`), then
    /// assesses. Numbers are read plainly (`1234.5`): call
    /// [`CheckInput::normalise_numbers`] first for numbers as typed.
    pub fn run(&self, lang: Lang) -> Result<Checked, Vec<Problem>> {
        let ol = olang(lang);
        let said = |f: &'static str| move |e: congthuong_origin::Error| problem(f, e.message(ol));
        let mut problems = Vec::new();
        let opt = |v: &str, f: &'static str, problems: &mut Vec<Problem>| -> Option<Decimal> {
            match v.trim() {
                "" => None,
                s => parse_amount(s).map_err(|e| problems.push(said(f)(e))).ok(),
            }
        };
        // The product's code must be a subheading, whatever the price.
        let hs = HsCode::parse(&self.product_hs)
            .and_then(|h| Product::new(h.clone(), Decimal::ONE).map(|_| h))
            .map_err(|e| problems.push(said("product_hs")(e)))
            .ok();
        let ex_works = parse_price(&self.ex_works)
            .map_err(|e| problems.push(said("ex_works")(e)))
            .ok();
        let fob = match self.fob.trim() {
            "" => None,
            s => parse_price(s)
                .map_err(|e| problems.push(said("fob")(e)))
                .ok(),
        };
        let net_cost = opt(&self.net_cost, "net_cost", &mut problems);
        let parts = [
            opt(&self.labour, "labour", &mut problems),
            opt(&self.overhead, "overhead", &mut problems),
            opt(&self.profit, "profit", &mut problems),
            opt(&self.other_costs, "other_costs", &mut problems),
        ];
        let consignment_eur = opt(&self.consignment_eur, "consignment_eur", &mut problems);
        let edition = match self.hs_edition.trim() {
            "" => None,
            s => HsEdition::parse(s)
                .map_err(|e| problems.push(said("hs_edition")(e)))
                .ok(),
        };
        let rule = Rule::parse(&self.rule)
            .map_err(|e| problems.push(said("rule")(e)))
            .ok();
        let mut agreements = Vec::new();
        for a in &self.agreements {
            if a.trim().eq_ignore_ascii_case("all") {
                agreements.extend(Agreement::ALL);
                continue;
            }
            match Agreement::parse(a) {
                Ok(a) => agreements.push(a),
                Err(e) => problems.push(said("agreements")(e)),
            }
        }
        agreements.sort();
        agreements.dedup();
        if agreements.is_empty() && !self.agreements.iter().any(|a| !a.trim().is_empty()) {
            problems.push(problem(
                "agreements",
                lang.pick(
                    "chọn ít nhất một hiệp định: atiga, cptpp, evfta, rcep (hoặc all: tất cả)",
                    "choose at least one agreement: atiga, cptpp, evfta, rcep (or all)",
                ),
            ));
        }
        let mut materials = Vec::new();
        for (i, row) in self.bom.iter().enumerate() {
            let line = i as u64 + 1;
            let values: Vec<&str> = row.iter().map(|v| v.trim()).collect();
            match material_in(line, &values, ol) {
                Ok(m) => materials.push(m),
                Err((column, detail)) => problems.push(Problem {
                    field: "bom".into(),
                    line: Some(line),
                    column: Some(column.into()),
                    detail,
                }),
            }
        }
        let product = match (hs, ex_works) {
            (Some(hs), Some(p)) => {
                let built = (|| -> congthuong_origin::Result<Product> {
                    let mut p = Product::new(hs, p)?;
                    if let Some(e) = edition {
                        p = p.with_edition(e);
                    }
                    if let Some(f) = fob {
                        p = p.with_fob(f)?;
                    }
                    if parts.iter().any(Option::is_some) {
                        let [direct_labour, direct_overhead, profit, other] =
                            parts.map(Option::unwrap_or_default);
                        p = p.with_costs(Costs {
                            direct_labour,
                            direct_overhead,
                            profit,
                            other,
                        })?;
                    }
                    if let Some(nc) = net_cost {
                        p = p.with_net_cost(nc)?;
                    }
                    Ok(p)
                })();
                built.map_err(|e| problems.push(said("product_hs")(e))).ok()
            }
            _ => None,
        };
        let (Some(product), Some(rule)) = (product, rule) else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let bom = BillOfMaterials::new(materials);
        let ctx = Context { consignment_eur };
        let assessments = agreements
            .iter()
            .map(|&a| assess(&Profile::standard(a), &product, &bom, &rule, &ctx))
            .collect();
        Ok(Checked {
            product,
            bom,
            rule,
            assessments,
        })
    }
}

/// The field of a JSON object as text (numbers as written).
fn text(v: &Value, k: &str) -> String {
    match v.get(k) {
        Some(Value::String(s)) => congthuong_core::text::nfc(s.trim()),
        Some(Value::Number(n)) => json_number(n),
        Some(Value::Bool(b)) => if *b { "yes" } else { "no" }.to_owned(),
        _ => String::new(),
    }
}

/// A JSON number as text that reads back as the same number in either
/// convention: `1.001` would be a thousand and one in Vietnamese, so a
/// fraction of exactly three digits gets a trailing zero (`1.0010`).
pub fn json_number(n: &serde_json::Number) -> String {
    let s = n.to_string();
    match s.split_once('.') {
        Some((_, frac)) if frac.len() == 3 => format!("{s}0"),
        _ => s,
    }
}

/// Reads a JSON request body.
pub fn input_of_json(v: &Value) -> Result<CheckInput, AppError> {
    if !v.is_object() {
        return Err(AppError::BadRequest(
            "the body must be a JSON object".into(),
        ));
    }
    let agreements = match v.get("agreements").or_else(|| v.get("agreement")) {
        Some(Value::Array(a)) => a
            .iter()
            .map(|x| x.as_str().unwrap_or_default().to_owned())
            .collect(),
        Some(Value::String(s)) => s.split([',', ' ']).map(str::to_owned).collect(),
        _ => Vec::new(),
    };
    let bom = match v.get("bom") {
        Some(Value::Array(rows)) => rows.iter().map(|r| COLUMNS.map(|c| text(r, c))).collect(),
        None | Some(Value::Null) => Vec::new(),
        Some(_) => {
            return Err(AppError::BadRequest(
                "bom must be a list of {hs, description, value, originating, country}".into(),
            ));
        }
    };
    Ok(CheckInput {
        product_hs: text(v, "product_hs"),
        ex_works: text(v, "ex_works"),
        fob: text(v, "fob"),
        net_cost: text(v, "net_cost"),
        labour: text(v, "labour"),
        overhead: text(v, "overhead"),
        profit: text(v, "profit"),
        other_costs: text(v, "other_costs"),
        hs_edition: text(v, "hs_edition"),
        consignment_eur: text(v, "consignment_eur"),
        agreements,
        rule: text(v, "rule"),
        bom,
    })
}

/// A JSON body checked: numbers in strings read in the convention the
/// request names (`?lang=`), else only when unambiguous; JSON numbers as
/// they are; problems in `lang`.
fn checked_json(body: &Value, p: &Params, lang: Lang) -> Result<Checked, AppError> {
    input_of_json(body)?
        .run_typed(crate::i18n::explicit_lang(p), lang)
        .map(|(checked, _)| checked)
        .map_err(problems_error)
}

fn problems_error(p: Vec<Problem>) -> AppError {
    AppError::Invalid(
        p.into_iter()
            .map(|p| json!({ "field": p.field, "line": p.line, "column": p.column, "detail": p.detail }))
            .collect(),
    )
}

/// The result in one language: per agreement, the outcome, each criterion
/// with its arithmetic, and the proofs of origin.
pub fn summary(c: &Checked, lang: Lang) -> Vec<Value> {
    let ol = olang(lang);
    c.assessments
        .iter()
        .map(|a| {
            json!({
                "agreement": a.agreement.code(),
                "outcome": match a.outcome { Outcome::Pass => "pass", Outcome::Fail => "fail", Outcome::Undetermined => "undetermined" },
                "outcome_label": a.outcome.label().get(ol).to_uppercase(),
                "criteria_met": a.criteria.iter().filter(|x| x.outcome == Outcome::Pass).map(|x| x.label.clone()).collect::<Vec<_>>(),
                "vom": congthuong_origin::text::number(a.materials.originating, ol),
                "vnm": congthuong_origin::text::number(a.materials.non_originating, ol),
                "criteria": a.criteria.iter().map(|x| json!({
                    "label": x.label,
                    "outcome": match x.outcome { Outcome::Pass => "pass", Outcome::Fail => "fail", Outcome::Undetermined => "undetermined" },
                    "outcome_label": if x.applicable { x.outcome.label().get(ol).to_owned() } else { lang.pick("không áp dụng", "not applicable").to_owned() },
                    "lines": x.lines.iter().map(|l| l.get(ol).to_owned()).collect::<Vec<_>>(),
                    "source": x.source.as_ref().map(|s| s.show(ol)),
                })).collect::<Vec<_>>(),
                "route": a.route.iter().map(|p| json!({
                    "name": p.proof.name.get(ol),
                    "by": p.proof.by.get(ol),
                    "source": p.proof.source.show(ol),
                    "open": p.open,
                })).collect::<Vec<_>>(),
                "route_notes": a.route_notes.iter().map(|n| n.get(ol).to_owned()).collect::<Vec<_>>(),
                "notes": a.notes.iter().map(|n| n.get(ol).to_owned()).collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn result_json(c: &Checked, lang: Lang) -> Value {
    json!({
        "rule": c.rule.to_string(),
        "product": c.product,
        "bom_total": c.bom.total().to_string(),
        "summary": summary(c, lang),
        "assessments": c.assessments,
        "note": t(lang, "ex_no_psr"),
    })
}

/// `POST /api/v1/origin/check`
pub async fn check_api(
    Query(p): Query<Params>,
    Json(body): Json<Value>,
) -> Result<Response, AppError> {
    let lang = lang_of(&p);
    let checked = checked_json(&body, &p, lang)?;
    Ok(Json(result_json(&checked, lang)).into_response())
}

/// Saves a check for a province (the caller checked the account's right).
#[allow(clippy::too_many_arguments)]
pub async fn save(
    state: &AppState,
    s: &Session,
    province: AreaCode,
    product_name: String,
    brand_id: Option<i64>,
    request: String,
    checked: &Checked,
    lang: Lang,
) -> Result<SavedCheck, AppError> {
    let actor = s.account.username.clone();
    let assessments = checked.assessments.clone();
    let hs = checked.product.hs().to_string();
    let rule = checked.rule.to_string();
    run(state, move |o| {
        if let Some(id) = brand_id {
            let p = o
                .brands()?
                .get(id)
                .map_err(super::brand_error)?
                .ok_or_else(|| AppError::BadRequest(match lang {
                    Lang::Vi => format!("brand_id {id}: sổ đăng ký không có sản phẩm này"),
                    Lang::En => format!("brand_id {id}: no such product in the register"),
                }))?;
            if p.entry.province != province {
                return Err(AppError::BadRequest(match lang {
                    Lang::Vi => format!(
                        "brand_id {id} là sản phẩm của tỉnh {}, không phải {province}",
                        p.entry.province
                    ),
                    Lang::En => format!(
                        "brand_id {id} is a product of province {}, not {province}",
                        p.entry.province
                    ),
                }));
            }
        }
        let at = congthuong_store::time::now_rfc3339();
        let new = NewCheck {
            at: &at,
            actor: &actor,
            province: province.as_str(),
            product_name: &product_name,
            product_hs: &hs,
            rule: &rule,
            brand_id,
            synthetic: false,
            request_json: &request,
            assessments: &assessments,
        };
        o.checks()?
            .save(&new, |conn, saved| {
                let detail = json!({
                    "province": saved.province, "product": saved.product_name, "rule": saved.rule,
                    "outcomes": saved.outcomes.iter().map(|(a, o)| format!("{}:{o:?}", a.code())).collect::<Vec<_>>(),
                })
                .to_string();
                audit(
                    conn,
                    &actor,
                    "origin.check.save",
                    &format!("origin_checks/{}", saved.id),
                    None,
                    Some(&saved.hash),
                    &detail,
                )
                .map_err(congthuong_origin::Error::Store)
            })
            .map_err(|e| AppError::Internal(e.into()))
    })
    .await
}

/// `POST /api/v1/origin/checks`
pub async fn save_api(
    State(state): State<AppState>,
    s: Session,
    headers: HeaderMap,
    Query(p): Query<Params>,
    Json(body): Json<Value>,
) -> Result<Response, AppError> {
    check_csrf(
        &s,
        headers.get("x-csrf-token").and_then(|v| v.to_str().ok()),
    )?;
    let lang = lang_of(&p);
    let province_text = text(&body, "province");
    allowed(&state, &s, &province_text).await?;
    let province = AreaCode::parse(&province_text)
        .map_err(|e| AppError::BadRequest(format!("province: {e}")))?;
    if !provinces(lang).iter().any(|(c, _)| *c == province) {
        return Err(AppError::BadRequest(format!(
            "province {province} is not on the 2025 map"
        )));
    }
    let name = text(&body, "product_name");
    if name.is_empty() {
        return Err(AppError::BadRequest(
            "product_name: say which product was checked".into(),
        ));
    }
    let brand_id = match body.get("brand_id") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) if !s.is_empty() => Some(
            s.parse()
                .map_err(|_| AppError::BadRequest(format!("brand_id {s:?} is not a product id")))?,
        ),
        _ => None,
    };
    let checked = checked_json(&body, &p, lang)?;
    let saved = save(
        &state,
        &s,
        province,
        name,
        brand_id,
        body.to_string(),
        &checked,
        Lang::En,
    )
    .await?;
    let mut out = result_json(&checked, lang);
    out["saved"] = json!(saved);
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

/// `GET /api/v1/origin/checks?province=CODE`
pub async fn list_api(
    State(state): State<AppState>,
    s: Session,
    Query(p): Query<Params>,
) -> Result<Response, AppError> {
    let province = p
        .get("province")
        .map(|x| x.trim().to_owned())
        .filter(|x| !x.is_empty())
        .ok_or_else(|| AppError::BadRequest("the parameter province is required".into()))?;
    let code = AreaCode::parse(&province).map_err(|e| AppError::BadRequest(e.to_string()))?;
    if !may_edit(&s, code) {
        return Err(forbidden(
            &state,
            &s,
            format!("origin_checks:{code}"),
            "this account may not read that province's saved checks".into(),
        )
        .await);
    }
    let checks = run(&state, move |o| {
        o.checks()?
            .list(Some(code.as_str()))
            .map_err(|e| AppError::Internal(e.into()))
    })
    .await?;
    Ok(Json(json!({ "checks": checks })).into_response())
}
