//! The benchmark's baseline: only parse (and check) a folder's
//! microdata.csv, storing nothing. Three readings: summing into the
//! engine's accumulator in parallel (what `iip compile` does); keeping
//! every line split by (province, month) in parallel (what `import-folder`
//! does before storing); and a plain `csv` crate read of every record on
//! one thread, without any check (a generic CSV parse).
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
    let t = Instant::now();
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{e}"));
    let mut record = csv::ByteRecord::new();
    let mut records = 0u64;
    while reader.read_byte_record(&mut record).unwrap_or(false) {
        records += 1;
    }
    let plain = t.elapsed();
    println!(
        "parse_sum_s={:.3} parse_keep_s={:.3} parse_csv_crate_s={:.3} lines={lines} records={records} months={}",
        summed.as_secs_f64(),
        kept.as_secs_f64(),
        plain.as_secs_f64(),
        acc.periods().len()
    );
}
