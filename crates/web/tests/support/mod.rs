//! Test support: a small synthetic release over every province (not real
//! data), and a real server on a random port with a tiny HTTP client.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::net::SocketAddr;

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Node, Period};
use congthuong_engine::{AreaWeights, Basket, ProductDef, QuantityAccumulator, RawInputs, Weights};
use congthuong_figures::{ReferencePoint, ReleaseData, ReleaseMeta, Target, View};
use congthuong_web::{AppState, Settings};

const PRODUCTS: [(&str, &str); 3] = [("COAL", "0510"), ("CEMENT", "2394"), ("ELEC_GEN", "3511")];

fn growth_of(code: AreaCode) -> f64 {
    // A spread of yearly growth rates, -6 % … +40 %.
    ((code.number() * 37) % 47) as f64 - 6.0
}

fn raw(last: Period) -> RawInputs {
    let geo = Geography::embedded();
    let basket = Basket::new(
        PRODUCTS
            .iter()
            .map(|(c, k)| ProductDef {
                code: (*c).into(),
                class: Node::parse_class(k).unwrap(),
            })
            .collect(),
    )
    .unwrap();
    let mut weights = Weights::default();
    for p in geo.provinces(BoundaryVersion::Pre2025) {
        let w = weights
            .areas
            .entry(p.code)
            .or_insert_with(AreaWeights::default);
        for (j, (_, class)) in PRODUCTS.iter().enumerate() {
            let node = Node::parse_class(class).unwrap();
            w.products.insert(j, 1.0);
            w.set_node(node, 1.0 + j as f64);
            w.set_node(node.parent().unwrap(), 1.0 + j as f64);
            w.set_node(
                node.parent().unwrap().parent().unwrap(),
                10.0 + (p.code.number() % 7) as f64 * (1.0 + j as f64),
            );
        }
    }
    let mut q = QuantityAccumulator::new(basket.len());
    let first: Period = "2024-01".parse().unwrap();
    for t in 0..=first.months_until(last) {
        let period = first.add_months(t);
        let version = BoundaryVersion::in_force(period);
        for p in geo.provinces(version) {
            let g = if version == BoundaryVersion::Pre2025 {
                growth_of(p.code)
            } else {
                growth_of(geo.predecessors(p.code)[0])
            };
            let season = 1.0 + 0.1 * ((period.month() as f64) / 2.0).sin();
            let trend = (1.0 + g / 100.0).powf(t as f64 / 12.0);
            let size = if version == BoundaryVersion::Pre2025 {
                1.0
            } else {
                geo.predecessors(p.code).len() as f64
            };
            for j in 0..basket.len() {
                let v = 1000.0 * size * season * trend * (1.0 + j as f64);
                q.add_scaled(period, p.code, j, (v * 1e9).round() as i128);
            }
        }
    }
    let groups = geo
        .groups_with_subregions()
        .iter()
        .map(|g| (g.id().to_owned(), g.members(BoundaryVersion::Pre2025, geo)))
        .collect();
    RawInputs {
        basket,
        weights,
        quantities: q,
        groups,
        base_year: 2024,
    }
}

/// A release of synthetic figures, 2024-01 … 2025-12, on both boundary versions.
pub fn sample_release() -> ReleaseData {
    let geo = Geography::embedded();
    let v2025 = raw("2025-12".parse().unwrap())
        .compile(BoundaryVersion::V2025, geo)
        .unwrap();
    let pre = raw("2025-06".parse().unwrap())
        .compile(BoundaryVersion::Pre2025, geo)
        .unwrap();
    let mut reference = BTreeMap::new();
    reference.insert(
        "2025-06".parse().unwrap(),
        ReferencePoint {
            yoy_pct: Some(10.3),
            ytd_pct: Some(9.59),
            source: "test".into(),
        },
    );
    let mut data = ReleaseData {
        meta: ReleaseMeta {
            id: 1,
            period: "2025-12".parse().unwrap(),
            created_at: "2026-01-01T00:00:00Z".into(),
            note: "test".into(),
            synthetic: true,
        },
        views: vec![
            View::new(BoundaryVersion::V2025, &v2025),
            View::new(BoundaryVersion::Pre2025, &pre),
        ],
        indicators: Default::default(),
        targets: vec![Target {
            area: "24".into(),
            year: 2025,
            indicator: "retail_sales".into(),
            target: 50_000.0,
        }],
        reference,
    };
    let first: Period = "2024-01".parse().unwrap();
    for t in 0..24 {
        let p = first.add_months(t);
        for pr in geo.provinces(BoundaryVersion::in_force(p)) {
            data.add_indicator(
                pr.code,
                p,
                "retail_sales",
                1000.0 + t as f64 * 10.0,
                "billion_vnd",
                if t == 23 { "provisional" } else { "revised" },
            );
        }
    }
    data
}

/// A running server.
pub struct TestApp {
    pub addr: SocketAddr,
    pub state: AppState,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl TestApp {
    /// Starts the real server on 127.0.0.1:0 with the sample release.
    pub async fn spawn() -> TestApp {
        let state = AppState::new(Settings {
            addr: "127.0.0.1:0".parse().unwrap(),
            ..Settings::default()
        });
        state.set_release(sample_release());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let s = state.clone();
        tokio::spawn(async move {
            congthuong_web::startup::serve(listener, s, async {
                let _ = rx.await;
            })
            .await
            .unwrap();
        });
        TestApp {
            addr,
            state,
            shutdown: Some(tx),
        }
    }

    /// A GET request: (status, headers, body).
    pub async fn get(&self, path: &str) -> Response {
        request(self.addr, "GET", path, &[], &[]).await
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }
}

/// A response.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// A minimal HTTP/1.1 client over a real socket (`Connection: close`).
pub async fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Response {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body).await.unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked"))
    {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(nl) = b.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&b[..nl]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        out.extend_from_slice(&b[nl + 2..nl + 2 + size]);
        b = &b[nl + 2 + size + 2..];
    }
    out
}
