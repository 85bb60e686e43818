//! The GS1 Digital Link resolver: `GET /01/{gtin}`, `/01/{gtin}/10/{lot}`,
//! `/01/{gtin}/21/{serial}` (the Digital Link path on this server, so a QR
//! code printed on a pack opens the product's public page).
//!
//! What the public sees (Circular 02/2024/TT-BKHCN lists what consumers
//! may look up: the product, its producer, the production time, brand and
//! codes): the product's name, producer, province and OCOP group; its
//! stars and whether its certificate is in force; the GTIN; for a lot or
//! serial, the chain back to its origins — each step's date (day only),
//! what happened (the CBV business step and disposition in words), where
//! (the location's GLN) and which lots it was made from or packed in
//! (named by product when the register knows them) — and a warning when
//! the lot is marked recalled.
//!
//! The chain is the lot's backward trace: the lots it was made from
//! (through transformations, to the farms), and the logistic units it was
//! packed in with their movements (where the lot itself has been, as
//! locations). What it does not show: trading partners (owning and
//! possessing parties, sources and destinations: who sold to whom),
//! business transactions (orders, invoices), quantities, times of day, lot
//! master data (ILMD), sensor readings, event hashes, and the lot's
//! forward trace (what was made from it, other lots on the same pallet).
//! Logged-in analysts get all of it through the API.

use axum::extract::{OriginalUri, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use congthuong_core::Lang;
use congthuong_gs1::DigitalLink;
use congthuong_trace::{Direction, EventType, Relation, Trace, trace};
use serde_json::{Value, json};

use super::brands::{traced_ids, view};
use super::db::run;
use super::trace_error;
use crate::auth::Session;
use crate::error::AppError;
use crate::pages::{Layout, Params, lang_of, page};
use crate::state::AppState;

/// A CBV business step in words.
fn step_words(uri: Option<&str>, lang: Lang) -> String {
    let word = uri
        .and_then(|u| u.strip_prefix("https://ref.gs1.org/cbv/BizStep-"))
        .unwrap_or_else(|| uri.unwrap_or(""));
    let (vi, en) = match word {
        "commissioning" => ("Sản xuất, gắn mã", "Produced and coded"),
        "receiving" | "arriving" | "accepting" => ("Nhận hàng", "Received"),
        "shipping" | "departing" => ("Xuất hàng", "Shipped"),
        "packing" => ("Đóng gói, đóng kiện", "Packed"),
        "unpacking" => ("Tháo kiện", "Unpacked"),
        "inspecting" => ("Kiểm tra", "Inspected"),
        "storing" | "stocking" => ("Lưu kho", "Stored"),
        "loading" => ("Xếp lên phương tiện", "Loaded"),
        "unloading" => ("Dỡ hàng", "Unloaded"),
        "transporting" => ("Vận chuyển", "Transported"),
        "retail_selling" => ("Bán lẻ", "Sold at retail"),
        "destroying" => ("Tiêu huỷ", "Destroyed"),
        "creating_class_instance" => ("Tạo lô", "Lot created"),
        "" => ("Sự kiện", "Event"),
        _ => return word.replace('_', " "),
    };
    lang.pick(vi, en).to_owned()
}

fn disposition_words(uri: Option<&str>, lang: Lang) -> String {
    let word = uri
        .and_then(|u| u.strip_prefix("https://ref.gs1.org/cbv/Disp-"))
        .unwrap_or_else(|| uri.unwrap_or(""));
    let (vi, en) = match word {
        "active" => ("đang lưu hành", "active"),
        "in_progress" => ("đang chế biến", "in progress"),
        "in_transit" => ("đang vận chuyển", "in transit"),
        "container_closed" => ("đã đóng kiện", "container closed"),
        "sellable_accessible" => ("sẵn sàng bán", "for sale"),
        "recalled" => ("ĐÃ THU HỒI", "RECALLED"),
        "destroyed" => ("đã tiêu huỷ", "destroyed"),
        "retail_sold" => ("đã bán", "sold"),
        "conformant" => ("đạt yêu cầu", "conformant"),
        "non_conformant" => ("không đạt", "non-conformant"),
        "" => return String::new(),
        _ => return word.replace('_', " "),
    };
    lang.pick(vi, en).to_owned()
}

/// `GLN 8930003000015` for a canonical location.
fn place(loc: Option<&str>) -> String {
    match loc.and_then(|l| l.strip_prefix("https://id.gs1.org/414/")) {
        Some(rest) => format!("GLN {}", rest.split('/').next().unwrap_or(rest)),
        None => loc.unwrap_or("").to_owned(),
    }
}

/// What an identifier is, for people: (kind, number, gtin).
fn describe(key: &str, lang: Lang) -> (String, String, Option<String>) {
    if let Some(rest) = key.strip_prefix("https://id.gs1.org/01/") {
        let mut parts = rest.split('/');
        let gtin = parts.next().unwrap_or("").to_owned();
        let (kind, n) = match (parts.next(), parts.next()) {
            (Some("10"), Some(lot)) => (lang.pick("Lô", "Lot"), lot),
            (Some("21"), Some(s)) => (lang.pick("Số sê-ri", "Serial"), s),
            _ => (lang.pick("Sản phẩm", "Product"), ""),
        };
        let n = congthuong_gs1::charset::dl_decode(n).unwrap_or_else(|_| n.to_owned());
        return (kind.to_owned(), n, Some(gtin));
    }
    if let Some(sscc) = key.strip_prefix("https://id.gs1.org/00/") {
        return (
            lang.pick("Kiện hàng (SSCC)", "Logistic unit (SSCC)")
                .to_owned(),
            sscc.to_owned(),
            None,
        );
    }
    (
        lang.pick("Mã", "Identifier").to_owned(),
        key.to_owned(),
        None,
    )
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The public view of a backward trace (see the module doc).
fn public_trace(t: &Trace, names: &[(String, String)], lang: Lang) -> Vec<Value> {
    t.nodes
        .iter()
        .map(|n| {
            let (kind, number, gtin) = describe(&n.key, lang);
            let product = gtin
                .as_ref()
                .and_then(|g| names.iter().find(|(x, _)| x == g).map(|(_, name)| name.clone()));
            let reached = t.links.iter().find(|l| l.to == n.key).map(|l| {
                let (k, num, _) = describe(&l.from, lang);
                let what = format!("{} {num}", lower_first(&k));
                match (l.relation, lang) {
                    (Relation::MadeFrom, Lang::Vi) => format!("nguyên liệu làm ra {what}"),
                    (Relation::MadeFrom, Lang::En) => format!("an input of {what}"),
                    (Relation::PackedIn, Lang::Vi) => format!("kiện chứa {what}"),
                    (Relation::PackedIn, Lang::En) => format!("the unit {what} was packed in"),
                    (Relation::Contains, Lang::Vi) => format!("hàng đóng trong {what}"),
                    (Relation::Contains, Lang::En) => format!("packed in {what}"),
                    (Relation::MadeInto, Lang::Vi) => format!("làm ra từ {what}"),
                    (Relation::MadeInto, Lang::En) => format!("made from {what}"),
                }
            });
            let mut steps: Vec<Value> = n
                .movements
                .iter()
                .map(|m| {
                    let what = match m.event_type {
                        EventType::TransformationEvent => {
                            lang.pick("Chế biến", "Processed").to_owned()
                        }
                        _ => step_words(m.biz_step.as_deref(), lang),
                    };
                    json!({
                        "date": m.event_time.to_local_string(&m.time_zone_offset).chars().take(10).collect::<String>(),
                        "what": what,
                        "state": disposition_words(m.disposition.as_deref(), lang),
                        "where": place(m.biz_location.as_deref().or(m.read_point.as_deref())),
                    })
                })
                .collect();
            steps.dedup();
            json!({
                "depth": n.depth,
                "kind": kind,
                "number": number,
                "gtin": gtin,
                "product": product,
                "reached": reached,
                "steps": steps,
            })
        })
        .collect()
}

fn message(
    state: &AppState,
    layout: Layout,
    text: String,
    status: StatusCode,
) -> Result<Response, AppError> {
    Ok((
        status,
        page(state, layout, "message.html", json!({ "message": text }))?,
    )
        .into_response())
}

/// `GET /01/{gtin}[/10/{lot}|/21/{serial}]`
pub async fn page_handler(
    state: AppState,
    session: Option<Session>,
    uri: axum::http::Uri,
    params: Params,
) -> Result<Response, AppError> {
    let lang = lang_of(&params);
    let path = uri.path().to_owned();
    let layout =
        Layout::new(&state, lang, &path, &params, "GS1 Digital Link").session(session.as_ref());
    // A GTIN-8/12/13 in the path: the same product at its 14-digit address.
    let segments: Vec<&str> = path.split('/').collect();
    if let Some(g) = segments.get(2)
        && g.len() != 14
        && let Ok(gtin) = congthuong_gs1::Gtin::parse(g)
    {
        let mut to = segments.clone();
        to[2] = gtin.as_str();
        let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
        return Ok(Redirect::permanent(&format!("{}{query}", to.join("/"))).into_response());
    }
    let dl = match DigitalLink::parse(&format!("https://id.gs1.org{path}")) {
        Ok(dl) if dl.key_ai() == "01" => dl,
        Ok(_) => {
            return message(
                &state,
                layout,
                lang.pick("Đường dẫn không phải mã GTIN.", "Not a GTIN path.")
                    .into(),
                StatusCode::NOT_FOUND,
            );
        }
        Err(e) => {
            return message(
                &state,
                layout,
                format!(
                    "{} {}.",
                    lang.pick(
                        "Mã trên bao bì không hợp lệ:",
                        "The code on the pack is not valid:"
                    ),
                    e.reason(lang == Lang::Vi)
                ),
                StatusCode::BAD_REQUEST,
            );
        }
    };
    let gtin = dl.key_value().to_owned();
    let item = (dl.qualifier("10").is_some() || dl.qualifier("21").is_some())
        .then(|| dl.constrained().canonical());
    let g = gtin.clone();
    let it = item.clone();
    let (product, chain, recalled, names) = run(&state, move |o| {
        let p = o.brands()?.by_gtin(&g).map_err(super::brand_error)?;
        let product = match &p {
            Some(p) => Some(view(p, &traced_ids(o, p)?, lang)),
            None => None,
        };
        let Some(item) = it else {
            return Ok((product, None, false, Vec::new()));
        };
        let t = match trace(&*o.trace()?, &item, Direction::Backward, None) {
            Ok(t) => Some(t),
            Err(congthuong_trace::Error::Identifier { .. }) => None,
            Err(e) => return Err(trace_error(e)),
        };
        let recalled = t.as_ref().is_some_and(|t| {
            t.nodes.first().is_some_and(|n| {
                n.movements.iter().any(|m| {
                    m.disposition
                        .as_deref()
                        .is_some_and(|d| d.ends_with("-recalled"))
                })
            })
        });
        // Names of the registered products along the chain.
        let mut names = Vec::new();
        if let Some(t) = &t {
            let brands = o.brands()?;
            for n in &t.nodes {
                if let Some(g) = n
                    .key
                    .strip_prefix("https://id.gs1.org/01/")
                    .and_then(|r| r.split('/').next())
                    && !names.iter().any(|(x, _): &(String, String)| x == g)
                    && let Some(p) = brands.by_gtin(g).map_err(super::brand_error)?
                {
                    names.push((g.to_owned(), p.entry.name.clone()));
                }
            }
        }
        Ok((product, t, recalled, names))
    })
    .await?;
    if product.is_none() && item.is_some() && chain.is_none() || product.is_none() && item.is_none()
    {
        return message(
            &state,
            layout,
            format!(
                "{} {gtin}{}",
                lang.pick(
                    "Chưa có thông tin về sản phẩm mang mã GTIN",
                    "Nothing is recorded about the product with GTIN"
                ),
                lang.pick(
                    " trong sổ đăng ký và hồ sơ truy xuất của hệ thống.",
                    " in this system's register and traceability records."
                )
            ),
            StatusCode::NOT_FOUND,
        );
    }
    let (item_kind, item_number, _) = item
        .as_deref()
        .map(|i| describe(i, lang))
        .unwrap_or_default();
    let mut layout = layout;
    layout.title = product
        .as_ref()
        .map(|p| p.name.clone())
        .unwrap_or_else(|| format!("GTIN {gtin}"));
    layout.synthetic |= product.as_ref().is_some_and(|p| p.synthetic);
    let steps = chain
        .as_ref()
        .map(|t| public_trace(t, &names, lang))
        .unwrap_or_default();
    let html = page(
        &state,
        layout,
        "exports/public.html",
        json!({
            "gtin": gtin,
            "p": product,
            "item": item.is_some(),
            "item_kind": item_kind,
            "item_number": item_number,
            "traced": chain.is_some(),
            "chain": steps,
            "truncated": chain.as_ref().is_some_and(|t| t.truncated),
            "recalled": recalled,
        }),
    )?;
    Ok(html.into_response())
}

/// The route's handler.
pub async fn resolve(
    State(state): State<AppState>,
    session: Option<Session>,
    OriginalUri(uri): OriginalUri,
    Query(params): Query<Params>,
) -> Result<Response, AppError> {
    page_handler(state, session, uri, params).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_and_vocabulary_in_words() {
        let (kind, n, gtin) = describe("https://id.gs1.org/01/08935553000028/10/VS%2F1", Lang::Vi);
        assert_eq!(
            (kind.as_str(), n.as_str(), gtin.as_deref()),
            ("Lô", "VS/1", Some("08935553000028"))
        );
        let (kind, n, _) = describe("https://id.gs1.org/00/089355530000001018", Lang::En);
        assert_eq!(
            (kind.as_str(), n.as_str()),
            ("Logistic unit (SSCC)", "089355530000001018")
        );
        assert_eq!(
            step_words(Some("https://ref.gs1.org/cbv/BizStep-shipping"), Lang::Vi),
            "Xuất hàng"
        );
        assert_eq!(
            step_words(
                Some("https://ref.gs1.org/cbv/BizStep-cycle_counting"),
                Lang::En
            ),
            "cycle counting"
        );
        assert_eq!(
            disposition_words(Some("https://ref.gs1.org/cbv/Disp-recalled"), Lang::En),
            "RECALLED"
        );
        assert_eq!(
            place(Some("https://id.gs1.org/414/8935553000011/254/7")),
            "GLN 8935553000011"
        );
        assert_eq!(lower_first("Kiện hàng"), "kiện hàng");
    }
}
