//! Synthetic demo data for `serve --demo` (and the tests): brands of
//! several provinces with GTINs (certificates dated from today, so that
//! one is expiring and one has expired), the EPCIS chain of this folder
//! (a transformation and an aggregation: fresh lychee → dried lychee →
//! pallet → exporter), and a few saved origin checks. Nothing in it is
//! real; every product, check and capture is marked synthetic.

use std::path::Path;

use chrono::{Days, Months};
use congthuong_brand::EntryInput;
use congthuong_brand::store::{BrandStore, Change};
use congthuong_origin::store::{CheckStore, NewCheck};
use congthuong_store::attach::connection;
use congthuong_trace::{Document, SqliteStore as TraceDb, Timestamp};

use super::db::audit;
use super::origin::{CheckInput, Checked};
use super::today;

/// The demo's EPCIS documents: (file name, text).
pub const DOCUMENTS: [(&str, &str); 3] = [
    ("01-harvest.jsonld", include_str!("01-harvest.jsonld")),
    ("02-processing.jsonld", include_str!("02-processing.jsonld")),
    ("03-export.jsonld", include_str!("03-export.jsonld")),
];

/// The dried-lychee lot of the chain, as its Digital Link path.
pub const DRIED_LOT_PATH: &str = "/01/08935553000028/10/VS-2025-06";

const ACTOR: &str = "demo";
const NOTE: &str = "dữ liệu minh hoạ (tổng hợp) / synthetic demo data";

/// What the demo loaded.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// Products added to the register.
    pub products: usize,
    /// Events captured.
    pub events: usize,
    /// Origin checks saved.
    pub checks: usize,
}

struct Brand {
    province: &'static str,
    name: &'static str,
    producer: &'static str,
    group: &'static str,
    score: Option<[&'static str; 3]>,
    /// Months before today of the certificate's decision (36 or more: expired).
    decided_months_ago: Option<u32>,
    gtins: &'static str,
    lots: &'static str,
}

const BRANDS: &[Brand] = &[
    Brand {
        province: "24",
        name: "Vải thiều tươi Lục Ngạn (minh hoạ)",
        producer: "HTX Minh Hoạ Lục Ngạn",
        group: "food",
        score: Some(["34", "21", "30"]),
        decided_months_ago: Some(14),
        gtins: "08935553000011",
        lots: "",
    },
    Brand {
        province: "24",
        name: "Vải thiều sấy Lục Ngạn (minh hoạ)",
        producer: "HTX Minh Hoạ Lục Ngạn",
        group: "food",
        score: Some(["30", "18", "25"]),
        decided_months_ago: Some(10),
        gtins: "08935553000028",
        lots: "",
    },
    Brand {
        province: "24",
        name: "Mì Chũ (minh hoạ)",
        producer: "Cơ sở Minh Hoạ Chũ",
        group: "food",
        score: Some(["28", "17", "26"]),
        decided_months_ago: Some(20),
        gtins: "08935556000018",
        lots: "",
    },
    Brand {
        province: "01",
        name: "Gốm men lam Bát Tràng (minh hoạ)",
        producer: "Xưởng gốm Minh Hoạ",
        group: "handicraft",
        score: Some(["38", "24", "32"]),
        decided_months_ago: Some(6),
        gtins: "08935557000017",
        lots: "",
    },
    Brand {
        province: "01",
        name: "Chè sen Tây Hồ (minh hoạ)",
        producer: "Hộ kinh doanh Minh Hoạ",
        group: "beverage",
        score: Some(["33", "20", "27"]),
        // Ends within the 90-day alert window.
        decided_months_ago: Some(35),
        gtins: "08935557000024",
        lots: "",
    },
    Brand {
        province: "14",
        name: "Cà phê Arabica Sơn La (minh hoạ)",
        producer: "HTX Cà phê Minh Hoạ",
        group: "beverage",
        score: Some(["31", "19", "27"]),
        decided_months_ago: Some(18),
        gtins: "08935558000016",
        lots: "",
    },
    Brand {
        province: "14",
        name: "Mận hậu Mộc Châu (minh hoạ)",
        producer: "HTX Mận Minh Hoạ",
        group: "food",
        score: Some(["25", "15", "22"]),
        // Expired.
        decided_months_ago: Some(40),
        gtins: "",
        lots: "",
    },
    Brand {
        province: "66",
        name: "Cà phê rang xay Buôn Ma Thuột (minh hoạ)",
        producer: "Công ty Minh Hoạ Tây Nguyên",
        group: "beverage",
        score: Some(["37", "23", "31"]),
        decided_months_ago: Some(4),
        gtins: "08935559000015",
        lots: "",
    },
    Brand {
        province: "96",
        name: "Tôm khô Rạch Gốc (minh hoạ)",
        producer: "HTX Minh Hoạ Ngọc Hiển",
        group: "food",
        score: None,
        decided_months_ago: None,
        gtins: "08935560000011",
        lots: "",
    },
];

/// Origin checks: (province, brand name, HS, ex-works, FOB, agreements,
/// rule, BOM rows).
type DemoCheck = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static [[&'static str; 5]],
);

const CHECKS: &[DemoCheck] = &[
    (
        "24",
        "Vải thiều sấy Lục Ngạn (minh hoạ)",
        "0813.40",
        "95",
        "100",
        &["atiga", "rcep"],
        "WO or RVC40",
        &[
            ["0810.90", "vải thiều tươi (minh hoạ)", "48", "yes", "VN"],
            [
                "3923.21",
                "túi đóng gói nhập khẩu (minh hoạ)",
                "6",
                "no",
                "CN",
            ],
        ],
    ),
    (
        "01",
        "Gốm men lam Bát Tràng (minh hoạ)",
        "6913.90",
        "180",
        "200",
        &["evfta"],
        "CTH",
        &[
            ["2508.40", "đất sét (minh hoạ)", "30", "yes", "VN"],
            ["3207.20", "men gốm nhập khẩu (minh hoạ)", "16", "no", "DE"],
        ],
    ),
    (
        "14",
        "Cà phê Arabica Sơn La (minh hoạ)",
        "0901.21",
        "70",
        "76",
        &["cptpp"],
        "CC",
        &[
            [
                "0901.11",
                "cà phê nhân nhập khẩu (minh hoạ)",
                "45",
                "no",
                "LA",
            ],
            ["4819.10", "hộp giấy (minh hoạ)", "3", "yes", "VN"],
        ],
    ),
];

fn run_check(
    hs: &str,
    exw: &str,
    fob: &str,
    agreements: &[&str],
    rule: &str,
    bom: &[[&str; 5]],
) -> anyhow::Result<(CheckInput, Checked)> {
    let input = CheckInput {
        product_hs: hs.into(),
        ex_works: exw.into(),
        fob: fob.into(),
        agreements: agreements.iter().map(|a| (*a).to_owned()).collect(),
        rule: rule.into(),
        bom: bom.iter().map(|r| r.map(str::to_owned)).collect(),
        ..CheckInput::default()
    };
    let checked = input.run(congthuong_core::Lang::En).map_err(|p| {
        anyhow::anyhow!(
            "demo origin check {hs}: {}",
            p.iter()
                .map(|x| x.detail.clone())
                .collect::<Vec<_>>()
                .join("; ")
        )
    })?;
    Ok((input, checked))
}

/// Loads the demo into the registers of `data_dir` (whose main store is
/// open); does nothing when the brand register already has products.
pub fn load(data_dir: &Path) -> anyhow::Result<Loaded> {
    let mut brands = BrandStore::with_connection(connection(data_dir)?)?;
    if !brands.is_empty()? {
        return Ok(Loaded::default());
    }
    let mut loaded = Loaded::default();
    let at = congthuong_store::time::now_rfc3339();
    let change = Change {
        at: &at,
        actor: ACTOR,
        note: NOTE,
        synthetic: true,
    };
    let today = today();
    let mut ids = Vec::new();
    for (i, b) in BRANDS.iter().enumerate() {
        let decided = b
            .decided_months_ago
            .and_then(|m| today.checked_sub_months(Months::new(m)))
            .and_then(|d| d.checked_add_days(Days::new(20)));
        let input = EntryInput {
            province: b.province.into(),
            name: b.name.into(),
            producer: b.producer.into(),
            group: b.group.into(),
            criteria: "148".into(),
            score_a: b.score.map(|s| s[0].to_owned()).unwrap_or_default(),
            score_b: b.score.map(|s| s[1].to_owned()).unwrap_or_default(),
            score_c: b.score.map(|s| s[2].to_owned()).unwrap_or_default(),
            decision: decided
                .map(|_| format!("{}/QĐ-UBND (minh hoạ)", 101 + i))
                .unwrap_or_default(),
            decided: decided.map(|d| d.to_string()).unwrap_or_default(),
            gtins: b.gtins.into(),
            lots: b.lots.into(),
            ..EntryInput::default()
        };
        let entry = input
            .build()
            .map_err(|e| anyhow::anyhow!("demo product {}: {e:?}", b.name))?;
        let saved = brands.save(None, None, &entry, &change, |conn, n| {
            audit(
                conn,
                ACTOR,
                n.action,
                &n.object,
                n.hash_before.as_deref(),
                Some(&n.hash_after),
                &n.detail,
            )
            .map_err(congthuong_brand::Error::Store)
        })?;
        ids.push((b.name, saved.product().id));
        loaded.products += 1;
    }
    let mut trace = TraceDb::with_connection(connection(data_dir)?)?;
    for (name, text) in DOCUMENTS {
        let label = format!("demo (dữ liệu minh hoạ / synthetic): {name}");
        let doc = Document::parse(text, &label)?;
        let hash = doc.text_sha256();
        let r = trace.capture_with(&doc, Timestamp::now(), |conn, report| {
            audit(
                conn,
                ACTOR,
                "epcis.capture",
                &format!("trace_captures/{}", report.capture_id),
                None,
                Some(&hash),
                &format!("{label}: {}", report.summary()),
            )
            .map_err(congthuong_trace::Error::Store)
        })?;
        loaded.events += r.events.len();
    }
    let mut checks = CheckStore::with_connection(connection(data_dir)?)?;
    for (province, name, hs, exw, fob, agreements, rule, bom) in CHECKS {
        let (input, checked) = run_check(hs, exw, fob, agreements, rule, bom)?;
        let request = serde_json::to_string(&input)?;
        let brand_id = ids.iter().find(|(n, _)| n == name).map(|(_, id)| *id);
        let rule = checked.rule.to_string();
        let product_hs = checked.product.hs().to_string();
        checks.save(
            &NewCheck {
                at: &at,
                actor: ACTOR,
                province,
                product_name: name,
                product_hs: &product_hs,
                rule: &rule,
                brand_id,
                synthetic: true,
                request_json: &request,
                assessments: &checked.assessments,
            },
            |conn, saved| {
                audit(
                    conn,
                    ACTOR,
                    "origin.check.save",
                    &format!("origin_checks/{}", saved.id),
                    None,
                    Some(&saved.hash),
                    NOTE,
                )
                .map_err(congthuong_origin::Error::Store)
            },
        )?;
        loaded.checks += 1;
    }
    Ok(loaded)
}
