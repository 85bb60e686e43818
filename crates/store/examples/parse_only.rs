//! The benchmark's baseline: only parse (and check) a folder's
//! microdata.csv, storing nothing. Two readings: summing into the engine's
//! accumulator (what `iip compile` does) and keeping every line split by
//! (province, month) (what `import-folder` does before storing).
//! `cargo run --release -p congthuong-store --example parse_only -- DIR`.

use std::path::Path;
use std::time::Instant;

use congthuong_core::{BoundaryVersion, Geography};
use congthuong_intake::interchange::read_products;
use congthuong_intake::lines::SplitLines;
use congthuong_intake::microdata::{MicrodataOptions, read_lines, read_microdata};

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: parse_only DIR");
        std::process::exit(1);
    };
    let dir = Path::new(&dir);
    let mut errors = congthuong_intake::InputErrors::default();
    let basket = read_products(dir, &mut errors, 100);
    if !errors.is_empty() {
        eprintln!("{errors}");
        std::process::exit(1);
    }
    let opts = MicrodataOptions {
        basket: &basket,
        geo: Geography::embedded(),
        output: BoundaryVersion::V2025,
        error_cap: 100,
        threads: 0,
    };
    let path = dir.join("microdata.csv");
    let t = Instant::now();
    let acc = read_microdata(&path, "microdata.csv", opts).unwrap_or_else(|e| panic!("{e}"));
    let summed = t.elapsed();
    let t = Instant::now();
    let parts = read_lines(&path, "microdata.csv", opts, SplitLines::default)
        .unwrap_or_else(|e| panic!("{e}"));
    let kept = t.elapsed();
    let lines: usize = parts
        .iter()
        .flat_map(|p| p.by_key.values())
        .map(|b| b.len())
        .sum();
    println!(
        "parse_sum_s={:.3} parse_keep_s={:.3} lines={lines} months={}",
        summed.as_secs_f64(),
        kept.as_secs_f64(),
        acc.periods().len()
    );
}
