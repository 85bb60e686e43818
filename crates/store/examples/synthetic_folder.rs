//! Writes a synthetic interchange folder (made-up numbers) for benchmarks:
//! `cargo run --release -p congthuong-store --example synthetic_folder -- DIR ROWS_MILLIONS`.

use congthuong_core::{AreaCode, BoundaryVersion, Geography, Period};
use congthuong_store::synthetic::{Spec, write_folder};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(millions)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: synthetic_folder DIR ROWS_MILLIONS");
        std::process::exit(1);
    };
    let millions: f64 = millions.parse().unwrap_or(1.0);
    let geo = Geography::embedded();
    let provinces: Vec<AreaCode> = geo
        .provinces(BoundaryVersion::Pre2025)
        .iter()
        .map(|p| p.code)
        .collect();
    let mut spec = Spec {
        base_year: 2023,
        first: Period::new(2023, 1).unwrap_or(Period::from_ordinal(2023 * 12)),
        months: 24,
        provinces,
        products: 54,
        units: 1,
        variant: 0,
        series: true,
    };
    let per_unit = spec.lines();
    spec.units = ((millions * 1e6) / per_unit as f64).round().max(1.0) as u32;
    if let Err(e) = write_folder(std::path::Path::new(dir), &spec) {
        eprintln!("{dir}: {e}");
        std::process::exit(2);
    }
    eprintln!("wrote {} report lines (synthetic) into {dir}", spec.lines());
}
