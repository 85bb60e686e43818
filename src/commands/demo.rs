//! `demo generate` and `demo calibrate`.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use congthuong_core::Period;
use congthuong_demo::calibration;
use congthuong_demo::{Format, GenerateOptions, generate as generate_folder};

use crate::args::DemoFormat;
use crate::failure::user;

fn format_of(f: DemoFormat) -> Format {
    match f {
        DemoFormat::Csv => Format::Csv,
        DemoFormat::Parquet => Format::Parquet,
    }
}

/// `congthuong demo generate`
pub fn generate(
    out: PathBuf,
    seed: u64,
    from: Period,
    to: Period,
    rows: u64,
    format: DemoFormat,
) -> anyhow::Result<()> {
    let started = Instant::now();
    let opts = GenerateOptions {
        out,
        seed,
        from,
        to,
        rows,
        format: format_of(format),
    };
    let s = generate_folder(&opts)?;
    eprintln!(
        "wrote synthetic demo data into {}: {} microdata lines from {} units over {} months ({:.1} MB, {:.1} s), {} files, in {:.1} s",
        s.out.display(),
        s.rows,
        s.units,
        s.months,
        s.microdata_bytes as f64 / 1e6,
        s.microdata_seconds,
        s.files.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `congthuong demo calibrate`
pub fn calibrate(seed: u64, rows: u64) -> anyhow::Result<()> {
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let work = std::env::temp_dir().join(format!(
        "congthuong-calibrate-{}-{stamp}",
        std::process::id()
    ));
    std::fs::create_dir_all(&work)?;
    let result = calibration::run(seed, rows, Format::Csv, &work);
    let _ = std::fs::remove_dir_all(&work);
    let checks = result?;
    let width = checks
        .iter()
        .map(|c| c.what.chars().count())
        .max()
        .unwrap_or(0);
    let target_width = checks
        .iter()
        .map(|c| c.target.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:width$}  {:target_width$}  achieved",
        "target (synthetic demo data, compiled by the real engine)", "wanted"
    )?;
    for c in &checks {
        writeln!(
            out,
            "{:width$}  {:target_width$}  {} {}",
            c.what,
            c.target,
            c.achieved,
            if c.ok { "ok" } else { "MISSED" }
        )?;
    }
    out.flush()?;
    let missed = checks.iter().filter(|c| !c.ok).count();
    if missed > 0 {
        return Err(user(format!(
            "{missed} of {} calibration targets missed",
            checks.len()
        )));
    }
    eprintln!("all {} calibration targets met (seed {seed})", checks.len());
    Ok(())
}
