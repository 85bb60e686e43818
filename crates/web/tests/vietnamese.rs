//! A Vietnamese page speaks Vietnamese in every message.
//!
//! The check: log in as each demo role (`DEMO_LOGINS`, and anonymously),
//! walk the Vietnamese pages from the navigation outwards (following
//! same-site links that stay in Vietnamese), then take the error paths (a
//! bad form field, a forbidden action, an unknown code, a malformed
//! Digital Link), and fail on English-only words in the text a reader
//! sees. Left out of the scan: `lang=en` links, what sits in `<code>`,
//! `<kbd>`, `<pre>`, `<textarea>` and attribute values (codes, field
//! values), downloads, and the JSON API (its messages may stay English).
//!
//! English words that occur in other helpers' files are listed in
//! [`ELSEWHERE`], by page, so that this test still finds every new one.

mod support;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use congthuong_web::bootstrap::DEMO_LOGINS;
use support::browser::run_scenario;
use support::{Response, TestApp, request};

/// Words of English that never occur in Vietnamese text (whole words,
/// case-insensitive). English words that are also Vietnamese words (`to`,
/// `no`, `in`, `a`, `may`, `long`, `than`) are not listed; `the` is, a
/// rare Vietnamese noun that no page uses.
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "of",
    "is",
    "not",
    "with",
    "error",
    "errors",
    "invalid",
    "must",
    "found",
    "officer",
    "analyst",
    "viewer",
    "expected",
    "unknown",
    "missing",
    "required",
    "cannot",
    "allowed",
    "should",
    "please",
    "failed",
    "already",
    "saved",
    "changed",
    "reload",
    "try",
    "again",
    "between",
    "only",
    "has",
    "have",
    "was",
    "were",
    "does",
    "field",
    "number",
    "empty",
    "digits",
    "character",
    "characters",
    "province",
    "product",
    "check",
    "digit",
    "wrong",
    "too",
    "short",
    "there",
    "this",
    "that",
    "nothing",
    "stored",
    "page",
    "login",
    "file",
    "line",
    "column",
    "sheet",
    "row",
    "date",
    "year",
    "month",
    "day",
    "days",
    "late",
    "due",
    "today",
    "version",
    "reason",
    "register",
    "record",
    "records",
    "problem",
    "problems",
    "value",
    "values",
    "score",
    "stars",
    "certificate",
    "download",
    "template",
    "import",
    "export",
    "show",
    "per",
    "from",
    "for",
    "at",
    "or",
    "are",
    "be",
    "been",
    "if",
    "when",
    "which",
    "what",
    "who",
    "where",
    "how",
    "new",
    "old",
    "more",
    "less",
    "it",
    "its",
    "you",
    "your",
    "we",
    "our",
    "they",
    "their",
    "had",
    "will",
    "would",
    "can",
    "could",
    "here",
    "not",
    "yes",
    "none",
    "all",
    "any",
    "every",
    "each",
    "some",
];

/// Known English in pages made by files other parts own, as (the page's
/// path without its query, or `*` for any; a piece of the English text;
/// whose it is): reported to their owners and skipped here, so that a new
/// finding anywhere still fails. Remove a line when its owner fixes it.
const ELSEWHERE: &[(&str, &str, &str)] = &[
    // Empty: every finding the first walk made was fixed.
];

/// The most pages walked per role.
const MAX_PAGES: usize = 160;
/// The most pages per path shape (digits replaced), so that 34 provinces
/// do not make 34 visits.
const PER_SHAPE: usize = 2;

/// One finding: the page, the word, the text around it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Finding {
    page: String,
    word: String,
    context: String,
}

/// The visible text of an HTML page: tags and attribute values dropped,
/// code-like elements dropped, entities decoded.
fn visible_text(html: &str) -> String {
    const SKIP: &[&str] = &[
        "script", "style", "code", "kbd", "pre", "samp", "textarea", "head",
    ];
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut skipping: Option<String> = None;
    while let Some(lt) = rest.find('<') {
        if skipping.is_none() {
            out.push_str(&rest[..lt]);
        }
        let after = &rest[lt..];
        let Some(gt) = after.find('>') else {
            break;
        };
        let tag = &after[1..gt];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        // Code, scripts and the like, and any part marked as English
        // (`lang="en"`: the English names beside the Vietnamese in a
        // bilingual list) are not Vietnamese text.
        let english_part = tag.contains("lang=\"en\"");
        match &skipping {
            Some(s) if closing && name == *s => skipping = None,
            None if !closing
                && (SKIP.contains(&name.as_str()) || english_part)
                && !tag.ends_with('/') =>
            {
                skipping = Some(name.clone())
            }
            _ => {}
        }
        out.push(' ');
        rest = &after[gt + 1..];
    }
    if skipping.is_none() {
        out.push_str(rest);
    }
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&#x2F;", "/")
}

/// English words in a page's visible text.
fn english_in(page: &str, html: &str) -> Vec<Finding> {
    let text = visible_text(html);
    let mut found = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphabetic() {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i;
        while j < chars.len() && (chars[j].1.is_alphanumeric() || chars[j].1 == '\'') {
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        let word = text[start..end].to_lowercase();
        if ENGLISH.contains(&word.as_str()) {
            let from = text[..start]
                .char_indices()
                .rev()
                .nth(40)
                .map_or(0, |(k, _)| k);
            let to = text[end..]
                .char_indices()
                .nth(40)
                .map_or(text.len(), |(k, _)| end + k);
            let context = text[from..to]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let path = page.split('?').next().unwrap_or(page);
            let known = ELSEWHERE
                .iter()
                .any(|(p, piece, _)| (*p == "*" || *p == path) && context.contains(piece));
            if !known {
                found.push(Finding {
                    page: page.to_owned(),
                    word,
                    context,
                });
            }
        }
        i = j;
    }
    found
}

/// The same-site links of a page that stay in Vietnamese and lead to pages.
fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in html.split("href=\"").skip(1) {
        let Some(end) = part.find('"') else { continue };
        let href = part[..end].replace("&amp;", "&");
        if !href.starts_with('/') || href.starts_with("//") {
            continue;
        }
        let path = href.split('?').next().unwrap_or("");
        let download = href.contains("format=")
            || [
                ".xlsx", ".csv", ".pdf", ".md", ".css", ".svg", ".ico", ".json",
            ]
            .iter()
            .any(|x| path.ends_with(x))
            || path.starts_with("/bao-cao/tai-ve")
            || path.starts_with("/api/v1/")
            || path.starts_with("/static/");
        if href.contains("lang=en") || download || path == "/dang-xuat" {
            continue;
        }
        out.push(href.split('#').next().unwrap_or("").to_owned());
    }
    out
}

/// `/du-an/DA-24-019?x=1` → `/du-an/DA-#-#`.
fn shape(href: &str) -> String {
    let path = href.split('?').next().unwrap_or("");
    let mut s = String::new();
    let mut digits = false;
    for c in path.chars() {
        if c.is_ascii_digit() {
            if !digits {
                s.push('#');
            }
            digits = true;
        } else {
            s.push(c);
            digits = false;
        }
    }
    s
}

async fn get_page(app: &TestApp, path: &str, cookie: Option<&str>) -> Response {
    let mut headers = vec![("accept", "text/html")];
    if let Some(c) = cookie {
        headers.push(("cookie", c));
    }
    request(app.addr, "GET", path, &headers, b"").await
}

fn is_html(r: &Response) -> bool {
    r.header("content-type")
        .is_some_and(|c| c.starts_with("text/html"))
}

/// Walks the Vietnamese pages from `seeds` as one account: the findings
/// and how many pages were read.
async fn walk(app: &TestApp, cookie: Option<&str>, seeds: &[String]) -> (Vec<Finding>, usize) {
    let mut queue: VecDeque<String> = seeds.iter().cloned().collect();
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut shapes: BTreeMap<String, usize> = BTreeMap::new();
    let mut findings = Vec::new();
    let mut visited = 0;
    while let Some(href) = queue.pop_front() {
        if visited >= MAX_PAGES || !seen.insert(href.clone()) {
            continue;
        }
        let n = shapes.entry(shape(&href)).or_default();
        if *n >= PER_SHAPE {
            continue;
        }
        *n += 1;
        visited += 1;
        let r = get_page(app, &href, cookie).await;
        assert!(r.status < 500, "{href}: {} {}", r.status, r.text());
        if !is_html(&r) {
            continue;
        }
        let html = r.text();
        findings.extend(english_in(&href, &html));
        queue.extend(links(&html));
    }
    (findings, visited)
}

/// A server with the demo accounts and the demo registers.
async fn demo_app() -> TestApp {
    let app = TestApp::spawn().await;
    for l in &DEMO_LOGINS {
        app.add_user(l.username, l.role, l.province, l.password);
    }
    let data = app.dir.path().join("data");
    congthuong_web::exports::demo::load(&data).unwrap();
    let db = data.join(congthuong_store::sqlite::DB_FILE);
    congthuong_web::projects::demo::load(
        &db,
        congthuong_web::projects::registers::today_in_vietnam(),
    )
    .unwrap();
    app
}

fn seeds() -> Vec<String> {
    [
        "/",
        "/tinh",
        "/tinh/24",
        "/san-pham",
        "/thuong-mai",
        "/bao-cao",
        "/cong-bo",
        "/cong-bo/so-sanh",
        "/nop-bao-cao",
        "/du-an",
        "/du-an/danh-sach",
        "/du-an/giai-ngan",
        "/du-an/chien-luoc",
        "/du-an/dau-tu",
        "/du-an/kho-khan",
        "/du-an/excel",
        "/nhan-hieu",
        "/nhan-hieu/them",
        "/nhan-hieu/nhap",
        "/xuat-khau",
        "/xuat-khau/xuat-xu",
        "/api/docs",
        "/dang-nhap",
        "/01/08935553000028",
        "/01/08935553000028/10/VS-2025-06",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

/// Pages that answer an error: unknown codes, malformed links and values.
const ERROR_PAGES: &[&str] = &[
    "/tinh/99",
    "/nhan-hieu/tinh/99",
    "/nhan-hieu/tinh/xx",
    "/nhan-hieu/san-pham/999999",
    "/nhan-hieu/san-pham/999999/sua",
    "/du-an/KHONG-CO-DU-AN",
    "/01/08935553000029",
    "/01/0893555300002X",
    "/01/089355530000",
    "/01/08935553000028/10",
    "/01/08935553000028/99/1",
    "/01/08935553000028/21/1/10/2",
    "/01/08935553000028/10/%C3%A9",
    "/01/00000000000000",
    "/01/00000000000000/10/KHONG-CO",
    "/?threshold=abc",
    "/?threshold=1.000.000",
    "/?period=2099-13",
    "/?group=khong-co",
    "/?boundaries=1990",
    "/du-an?group=khong-co",
    "/du-an?province=99",
    "/du-an?today=2025-13-40",
    "/du-an/giai-ngan?year=abc",
    "/xuat-khau?province=99",
    "/khong-co-trang-nay",
];

/// The form posts that fail: (role, path, body).
fn bad_posts(project: &str, other_project: &str, csrf: &str) -> Vec<(String, String)> {
    vec![
        (
            "/nhan-hieu/them".into(),
            format!(
                "csrf={csrf}&province=24&name=&producer=&group=xx&score_a=abc&score_b=200&score_c=1&gtins=123&decided=2024-13-01"
            ),
        ),
        ("/nhan-hieu/them".into(), "csrf=sai&province=24".into()),
        (
            format!("/du-an/{project}/cap-nhat"),
            format!("csrf={csrf}&text=ghi+ch%C3%BA&percent=abc&date=2025-02-30"),
        ),
        (
            format!("/du-an/{project}/cap-nhat"),
            format!("csrf={csrf}&text=ghi+ch%C3%BA&percent=150"),
        ),
        (
            format!("/du-an/{project}/hoan-thanh"),
            format!("csrf={csrf}&milestone=KHONG-CO&date=2020-01-01"),
        ),
        (
            format!("/du-an/{project}/vuong-mac"),
            format!("csrf={csrf}&code=&description=x"),
        ),
        (
            format!("/du-an/{other_project}/cap-nhat"),
            format!("csrf={csrf}&text=ghi+ch%C3%BA"),
        ),
        (
            "/du-an/chien-luoc".into(),
            format!("csrf={csrf}&province=99&kind=x&decision_number=1&decision_date=abc"),
        ),
        (
            "/du-an/kho-khan".into(),
            format!("csrf={csrf}&province=24&topic=x&deadline=abc"),
        ),
        (
            "/du-an/kho-khan/giai-quyet".into(),
            format!("csrf={csrf}&id=KHONG-CO&date=2025-01-01&resolution=x"),
        ),
    ]
}

fn multipart_origin(csrf: &str) -> (String, Vec<u8>) {
    let boundary = "----ranh-gioi-kiem-tra";
    let mut body = String::new();
    for (k, v) in [
        ("csrf", csrf),
        ("product_hs", "73089"),
        ("ex_works", "abc"),
        ("fob", "1.000.000,5,5"),
        ("agreements", "atiga"),
        ("rule", "RVC40 hoặc CTH"),
        ("hs_0", "7208.51"),
        ("desc_0", "thép tấm"),
        ("value_0", "năm mươi"),
        ("orig_0", "no"),
        ("country_0", "CN"),
        ("save", "1"),
        ("province", "99"),
    ] {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (
        format!("multipart/form-data; boundary={boundary}"),
        body.into_bytes(),
    )
}

/// A demo project in Bắc Ninh (24) and one in neither 24 nor 01.
async fn projects(app: &TestApp, cookie: &str) -> (String, String) {
    let r = request(
        app.addr,
        "GET",
        "/api/v1/projects?group=north_28",
        &[("cookie", cookie)],
        b"",
    )
    .await;
    let v = r.json();
    let list = v["projects"].as_array().cloned().unwrap_or_default();
    let find = |ok: &dyn Fn(&str) -> bool| {
        list.iter()
            .find(|p| ok(p["provinces"].as_str().unwrap_or("")))
            .and_then(|p| p["id"].as_str().map(str::to_owned))
            .unwrap_or_else(|| panic!("no such project: {v}"))
    };
    (
        find(&|p| p.split(',').any(|c| c.trim() == "24")),
        find(&|p| !p.contains("24") && !p.contains("01")),
    )
}

#[tokio::test]
async fn every_message_on_a_vietnamese_page_is_in_vietnamese() {
    let app = demo_app().await;
    let mut findings: BTreeSet<Finding> = BTreeSet::new();
    // Anonymous, then each demo role.
    let (found, visited) = walk(&app, None, &seeds()).await;
    assert!(
        visited >= 25,
        "the anonymous walk read only {visited} pages"
    );
    findings.extend(found);
    for path in ERROR_PAGES {
        let r = get_page(&app, path, None).await;
        assert!(r.status < 500, "{path}: {}", r.status);
        if is_html(&r) {
            findings.extend(english_in(path, &r.text()));
        }
    }
    let analyst = app.login("phantich", "demo-phantich").await;
    let (mine, theirs) = projects(&app, &analyst.0).await;
    for l in &DEMO_LOGINS {
        let (cookie, csrf) = app.login(l.username, l.password).await;
        let role = format!("[{}] ", l.username);
        let (found, visited) = walk(&app, Some(&cookie), &seeds()).await;
        assert!(
            visited >= 30,
            "{}: the walk read only {visited} pages",
            l.username
        );
        for f in found {
            findings.insert(Finding {
                page: format!("{role}{}", f.page),
                ..f
            });
        }
        for path in ERROR_PAGES {
            let r = get_page(&app, path, Some(&cookie)).await;
            if is_html(&r) {
                for f in english_in(path, &r.text()) {
                    findings.insert(Finding {
                        page: format!("{role}{}", f.page),
                        ..f
                    });
                }
            }
        }
        // Forms that fail: a bad field, a forbidden action, an unknown code.
        for (path, body) in bad_posts(&mine, &theirs, &csrf) {
            let r = request(
                app.addr,
                "POST",
                &path,
                &[
                    ("accept", "text/html"),
                    ("cookie", &cookie),
                    ("content-type", "application/x-www-form-urlencoded"),
                ],
                body.as_bytes(),
            )
            .await;
            assert!(r.status < 500, "POST {path}: {} {}", r.status, r.text());
            if is_html(&r) {
                for f in english_in(&format!("POST {path}"), &r.text()) {
                    findings.insert(Finding {
                        page: format!("{role}{}", f.page),
                        ..f
                    });
                }
            }
        }
        let (ctype, body) = multipart_origin(&csrf);
        let r = request(
            app.addr,
            "POST",
            "/xuat-khau/xuat-xu",
            &[
                ("accept", "text/html"),
                ("cookie", &cookie),
                ("content-type", &ctype),
            ],
            &body,
        )
        .await;
        assert!(r.status < 500, "{}", r.text());
        for f in english_in("POST /xuat-khau/xuat-xu", &r.text()) {
            findings.insert(Finding {
                page: format!("{role}{}", f.page),
                ..f
            });
        }
    }
    let report: Vec<String> = findings
        .iter()
        .map(|f| format!("{}: {:?} in “{}”", f.page, f.word, f.context))
        .collect();
    assert!(
        report.is_empty(),
        "{} English words on Vietnamese pages:\n{}",
        report.len(),
        report.join("\n")
    );
}

#[test]
fn the_scan_sees_text_and_skips_code_and_attributes() {
    let html = r#"<html><head><title>the title</title></head><body><p title="invalid">Mã <code>not found</code> sai</p><a href="/x?lang=en">English</a><p>Lỗi: the GTIN is invalid</p></body></html>"#;
    let words: Vec<String> = english_in("/", html).into_iter().map(|f| f.word).collect();
    assert_eq!(words, ["the", "is", "invalid"]);
    assert_eq!(shape("/du-an/DA-24-019?a=1"), "/du-an/DA-#-#");
    assert_eq!(
        links(
            r#"<a href="/a?lang=en">x</a><a href="/b?x=1&amp;y=2">y</a><a href="/c?format=csv">z</a>"#
        ),
        ["/b?x=1&y=2"]
    );
}

/// A form post as a browser sends it (URL-encoded), asking for a page.
async fn post_form(app: &TestApp, path: &str, cookie: &str, body: &str) -> Response {
    request(
        app.addr,
        "POST",
        path,
        &[
            ("accept", "text/html"),
            ("cookie", cookie),
            ("content-type", "application/x-www-form-urlencoded"),
        ],
        body.as_bytes(),
    )
    .await
}

/// A JSON request to the API.
async fn api(
    app: &TestApp,
    method: &str,
    path: &str,
    who: &(String, String),
    body: &str,
) -> Response {
    request(
        app.addr,
        method,
        path,
        &[
            ("content-type", "application/json"),
            ("cookie", &who.0),
            ("x-csrf-token", &who.1),
        ],
        body.as_bytes(),
    )
    .await
}

#[tokio::test]
async fn numbers_are_read_as_the_pages_reader_writes_them() {
    let app = demo_app().await;
    // The overview's threshold: 10,5 on the Vietnamese page, 10.5 on the
    // English one; a malformed one names the field in the page's language.
    let r = get_page(&app, "/?threshold=10,5", None).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("10,5 %"), "the threshold shown as read");
    let r = get_page(&app, "/?threshold=10.5&lang=en", None).await;
    assert!(r.text().contains("10.5 %"));
    let r = get_page(&app, "/?threshold=10,5,5", None).await;
    assert_eq!(r.status, 400);
    assert!(
        r.text()
            .contains("Ngưỡng tăng trưởng: &quot;10,5,5&quot; không đọc được"),
        "{}",
        r.text()
    );
    // The briefing reads the same parameter.
    assert_eq!(
        get_page(&app, "/bao-cao?threshold=10,5", None).await.status,
        200
    );

    let analyst = app.login("phantich", "demo-phantich").await;
    let cookie = analyst.0.clone();
    // The disbursement ranking's average to compare with.
    let r = get_page(&app, "/du-an/giai-ngan?average=45,5", Some(&cookie)).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("45,5"), "the average shown as read");
    let r = get_page(&app, "/du-an/giai-ngan?average=45%2C5%2C5", Some(&cookie)).await;
    assert_eq!(r.status, 400);
    assert!(r.text().contains("tỷ lệ bình quân so sánh"), "{}", r.text());

    // A project's progress update: 40,5 %.
    let (project, _) = projects(&app, &cookie).await;
    let r = post_form(
        &app,
        &format!("/du-an/{project}/cap-nhat"),
        &cookie,
        &format!("csrf={}&text=ki%E1%BB%83m+tra&percent=40%2C5", analyst.1),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let show = request(
        app.addr,
        "GET",
        &format!("/api/v1/projects/{project}"),
        &[("cookie", &cookie)],
        b"",
    )
    .await
    .json();
    let updates = show["project"]["updates"].as_array().unwrap();
    assert_eq!(updates.last().unwrap()["physical_percent"], 40.5);
    let r = post_form(
        &app,
        &format!("/du-an/{project}/cap-nhat"),
        &cookie,
        &format!("csrf={}&text=ki%E1%BB%83m+tra&percent=40%2C5%25", analyst.1),
    )
    .await;
    assert_eq!(r.status, 400);
    assert!(
        r.text().contains("Tiến độ"),
        "the field by its label: {}",
        r.text()
    );

    // The brand form's scores: 36,5 + 20 + 30 = 86,5.
    let r = post_form(
        &app,
        "/nhan-hieu/them",
        &cookie,
        &format!(
            "csrf={}&province=24&name=Ch%C3%A8+th%E1%BB%AD&producer=HTX+th%E1%BB%AD&group=food&criteria=148&score_a=36%2C5&score_b=20&score_c=30",
            analyst.1
        ),
    )
    .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let product = r.header("location").unwrap().to_owned();
    let page = get_page(&app, &product, None).await.text();
    assert!(page.contains("A 36,5 + B 20 + C 30 = 86,5/100"), "{page}");
    let en = get_page(&app, &format!("{product}?lang=en"), None)
        .await
        .text();
    assert!(en.contains("A 36.5 + B 20 + C 30 = 86.5/100"));

    // The origin calculator: FOB 1.000 (a thousand), a material worth 52,5.
    let boundary = "----so-viet-nam";
    let mut body = String::new();
    for (k, v) in [
        ("product_hs", "7308.90"),
        ("ex_works", "950"),
        ("fob", "1.000"),
        ("agreements", "atiga"),
        ("rule", "RVC40"),
        ("hs_0", "7208.51"),
        ("desc_0", "thép tấm"),
        ("value_0", "52,5"),
        ("orig_0", "no"),
        ("country_0", "CN"),
    ] {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    let r = request(
        app.addr,
        "POST",
        "/xuat-khau/xuat-xu",
        &[
            ("accept", "text/html"),
            (
                "content-type",
                &format!("multipart/form-data; boundary={boundary}"),
            ),
        ],
        body.as_bytes(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(
        html.contains("FOB 1.000") && html.contains("VNM 52,5"),
        "{html}"
    );

    // The API: 1.000 is refused unless the request says how it writes numbers.
    let check = r#"{"product_hs": "7308.90", "ex_works": "950", "fob": "1.000", "agreements": ["atiga"], "rule": "RVC40",
        "bom": [{"hs": "7208.51", "value": "52,5", "originating": "no", "country": "CN"}]}"#;
    let r = api(
        &app,
        "POST",
        "/api/v1/origin/check?lang=en",
        &analyst,
        check,
    )
    .await;
    assert_eq!(r.status, 200, "?lang=en: 1.000 is one; {}", r.text());
    let r = api(&app, "POST", "/api/v1/origin/check", &analyst, check).await;
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.text().contains("1000 hoặc 1.000"), "{}", r.text());
    let r = api(
        &app,
        "POST",
        "/api/v1/origin/check?lang=vi",
        &analyst,
        check,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    // A brand's score in a JSON string, with a decimal comma.
    let brand = r#"{"province": "24", "name": "Mật ong API", "producer": "HTX API", "group": "food", "score_a": "36,5", "score_b": "20", "score_c": "30"}"#;
    let r = api(&app, "POST", "/api/v1/brands", &analyst, brand).await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["product"]["score"]["total"], "86.5");
}

/// The browser's view: `tests/browser/vietnamese.mjs` through
/// `tests/browser/scenario.mjs` in Debian's headless Chromium
/// (screenshots in `target/browser/vietnamese/`). Skipped with a note
/// when Chromium, node or `tests/browser/node_modules` is missing, except
/// under `CI=true`, where it fails (as `tests/browser.rs`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn vietnamese_pages_and_numbers_in_chromium() {
    let app = demo_app().await;
    let base = format!("http://{}", app.addr);
    let steps = "vi_officer,vi_threshold,vi_bad_threshold,vi_digital_link,vi_api_docs";
    tokio::task::spawn_blocking(move || run_scenario(&base, steps, "vietnamese", &[]))
        .await
        .unwrap();
}
