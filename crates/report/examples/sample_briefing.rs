//! Writes the briefing of the synthetic sample release to stdout:
//! `cargo run -p congthuong-report --example sample_briefing -- vi 2025-06 md|html|pdf`.

use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let lang = args
        .get(1)
        .map_or("vi", String::as_str)
        .parse()
        .unwrap_or_default();
    let period = args
        .get(2)
        .map_or("2025-06", String::as_str)
        .parse()
        .expect("a month YYYY-MM");
    let data = congthuong_figures::sample::release();
    let req = congthuong_report::Request {
        group: "north_28".into(),
        period,
        lang,
        threshold: 11.0,
        boundaries: None,
        late_projects: None,
    };
    let b = match congthuong_report::write(&data, &req) {
        Ok(b) => b,
        Err(e) => return eprintln!("error: {e}"),
    };
    let out: Vec<u8> = match args.get(3).map_or("md", String::as_str) {
        "html" => congthuong_report::html::render(&b).into_bytes(),
        #[cfg(feature = "pdf")]
        "pdf" => congthuong_report::pdf::render(&b).unwrap_or_default(),
        _ => congthuong_report::markdown::render(&b).into_bytes(),
    };
    let _ = std::io::stdout().write_all(&out);
}
