//! Writes a demo folder in the interchange contract (`docs/INTERCHANGE.md`)
//! plus the trade indicators (`docs/INDICATORS.md`) and a README.
//!
//! Everything is written into a temporary folder beside `--out` and moved
//! into place at the end, so `--out` is never half written; an existing
//! `--out` must be empty (nothing is ever overwritten).

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

use congthuong_core::{BoundaryVersion, Geography, Node, Period, Product};
use rayon::prelude::*;

use crate::calendar::{BASE_YEAR, DEFAULT_LAST, FIRST, LIMIT};
use crate::error::DemoError;
use crate::indicators;
use crate::microdata::{self, Plan};
use crate::model::{self, Model, TargetSource};
use crate::published;

/// How microdata is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `microdata.csv`.
    Csv,
    /// `microdata.parquet` (cargo feature `parquet`).
    Parquet,
}

impl Format {
    /// The microdata file name.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Csv => "microdata.csv",
            Format::Parquet => "microdata.parquet",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "csv" => Ok(Format::Csv),
            "parquet" => Ok(Format::Parquet),
            other => Err(format!("unknown format {other:?}; use csv or parquet")),
        }
    }
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct GenerateOptions {
    /// The folder to create (new or empty).
    pub out: PathBuf,
    /// The seed: the same seed gives byte-identical files.
    pub seed: u64,
    /// First month of microdata and indicators (2015-01 or later).
    pub from: Period,
    /// Last month (at most 2030-12).
    pub to: Period,
    /// About how many microdata lines (never fewer than one per
    /// province × product × month).
    pub rows: u64,
    /// CSV or Parquet microdata.
    pub format: Format,
}

impl GenerateOptions {
    /// The defaults: seed 1, 2015-01 … 2025-12, a million lines, CSV.
    pub fn new(out: impl Into<PathBuf>) -> Self {
        Self {
            out: out.into(),
            seed: 1,
            from: FIRST,
            to: DEFAULT_LAST,
            rows: DEFAULT_ROWS,
            format: Format::Csv,
        }
    }
}

/// The default number of microdata lines.
pub const DEFAULT_ROWS: u64 = 1_000_000;

/// What was written.
#[derive(Clone, Debug)]
pub struct Summary {
    /// The folder.
    pub out: PathBuf,
    /// Microdata lines.
    pub rows: u64,
    /// Reporting units.
    pub units: usize,
    /// Months of microdata.
    pub months: usize,
    /// Size of the microdata file, bytes.
    pub microdata_bytes: u64,
    /// Seconds spent writing the microdata.
    pub microdata_seconds: f64,
    /// Every file written, by name.
    pub files: Vec<String>,
}

fn check_options(opts: &GenerateOptions) -> Result<(), DemoError> {
    if opts.from < FIRST {
        return Err(DemoError::Option(format!(
            "--from {}: the demo starts in {FIRST} (its base year is {BASE_YEAR})",
            opts.from
        )));
    }
    if opts.to > LIMIT {
        return Err(DemoError::Option(format!(
            "--to {}: the demo goes at most to {LIMIT}",
            opts.to
        )));
    }
    if opts.from > opts.to {
        return Err(DemoError::Option(format!(
            "--from {} is after --to {}",
            opts.from, opts.to
        )));
    }
    if opts.format == Format::Parquet && !cfg!(feature = "parquet") {
        return Err(DemoError::Option(
            "--format parquet: this build has no Parquet support (cargo feature `parquet`)".into(),
        ));
    }
    if opts.out.exists() {
        let empty = fs::read_dir(&opts.out)
            .map_err(DemoError::io(&opts.out))?
            .next()
            .is_none();
        if !empty {
            return Err(DemoError::OccupiedOutput(opts.out.clone()));
        }
    }
    Ok(())
}

/// Generates a demo folder.
pub fn generate(opts: &GenerateOptions) -> Result<Summary, DemoError> {
    check_options(opts)?;
    let out = &opts.out;
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(DemoError::io(parent))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "demo".into());
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let tmp = parent.join(format!(".{name}.tmp-{}-{stamp}", std::process::id()));
    fs::create_dir(&tmp).map_err(DemoError::io(&tmp))?;
    let result = write_all(opts, &tmp).and_then(|mut summary| {
        if out.exists() {
            // Checked empty above; an empty folder can be replaced.
            fs::remove_dir(out).map_err(DemoError::io(out))?;
        }
        fs::rename(&tmp, out).map_err(DemoError::io(out))?;
        summary.out = out.clone();
        Ok(summary)
    });
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

fn create(dir: &Path, name: &str) -> Result<BufWriter<File>, DemoError> {
    let path = dir.join(name);
    Ok(BufWriter::with_capacity(
        1 << 20,
        File::create(&path).map_err(DemoError::io(&path))?,
    ))
}

fn finish(w: BufWriter<File>, path: &Path) -> Result<(), DemoError> {
    w.into_inner()
        .map_err(|e| DemoError::io(path)(e.into_error()))?
        .sync_all()
        .map_err(DemoError::io(path))
}

fn write_all(opts: &GenerateOptions, dir: &Path) -> Result<Summary, DemoError> {
    let last = opts.to.max(DEFAULT_LAST);
    let model = model::build(opts.seed, last);
    let mut files = Vec::new();
    let mut small = |name: &str, f: &dyn Fn(&mut BufWriter<File>) -> std::io::Result<()>| {
        let path = dir.join(name);
        let mut w = create(dir, name)?;
        f(&mut w).map_err(DemoError::io(&path))?;
        finish(w, &path)?;
        files.push(name.to_owned());
        Ok::<(), DemoError>(())
    };
    small("products.csv", &|w| write_products(w))?;
    small("industry_weights.csv", &|w| {
        write_industry_weights(w, &model)
    })?;
    small("product_weights.csv", &|w| write_product_weights(w, &model))?;
    small("groups.csv", &|w| write_groups(w))?;
    let ind = indicators::build(&model, opts.seed);
    small("indicators.csv", &|w| {
        indicators::write_indicators(&ind, &model, opts.from, opts.to, w).map(|_| ())
    })?;
    small("targets.csv", &|w| {
        indicators::write_targets(&ind, &model, opts.seed, w).map(|_| ())
    })?;

    let plan = Plan::new(&model, opts.seed, opts.from, opts.to, opts.rows);
    let started = Instant::now();
    let micro = dir.join(opts.format.file_name());
    let rows = match opts.format {
        Format::Csv => write_microdata_csv(&plan, &micro)?,
        #[cfg(feature = "parquet")]
        Format::Parquet => crate::parquet_out::write(&plan, &micro)?,
        #[cfg(not(feature = "parquet"))]
        Format::Parquet => unreachable!("refused in check_options"),
    };
    let microdata_seconds = started.elapsed().as_secs_f64();
    files.push(opts.format.file_name().to_owned());
    let microdata_bytes = fs::metadata(&micro).map_err(DemoError::io(&micro))?.len();
    let summary = Summary {
        out: dir.to_owned(),
        rows,
        units: plan.units(),
        months: (opts.from.months_until(opts.to) + 1) as usize,
        microdata_bytes,
        microdata_seconds,
        files,
    };
    let readme = readme(opts, &model, &summary);
    let path = dir.join("README.md");
    fs::write(&path, readme).map_err(DemoError::io(&path))?;
    let mut summary = summary;
    summary.files.push("README.md".into());
    Ok(summary)
}

fn csv_field(s: &str) -> String {
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn write_products(w: &mut impl Write) -> std::io::Result<()> {
    writeln!(w, "product,industry,unit,name_vi,name_en")?;
    for p in Product::basket() {
        writeln!(
            w,
            "{},{},{},{},{}",
            p.code,
            p.class,
            p.unit,
            csv_field(&p.name_vi),
            csv_field(&p.name_en)
        )?;
    }
    Ok(())
}

/// Million VND as billion VND with three decimals.
fn billions(millis: i64) -> String {
    format!("{}.{:03}", millis / 1000, millis % 1000)
}

fn write_industry_weights(w: &mut impl Write, model: &Model) -> std::io::Result<()> {
    writeln!(w, "area,industry,value_added")?;
    let basket = Product::basket();
    for p in &model.provinces {
        // Classes, then divisions, then sections, each the exact sum below.
        let mut classes: std::collections::BTreeMap<Node, i64> = Default::default();
        for c in p.cells.clone() {
            let cell = &model.cells[c];
            *classes.entry(basket[cell.product].class).or_default() += cell.value_added_m;
        }
        let mut divisions: std::collections::BTreeMap<Node, i64> = Default::default();
        for (class, v) in &classes {
            *divisions
                .entry(class.parent().expect("class has a division"))
                .or_default() += v;
        }
        let mut sections: std::collections::BTreeMap<Node, i64> = Default::default();
        for (division, v) in &divisions {
            *sections
                .entry(division.parent().expect("division has a section"))
                .or_default() += v;
        }
        for level in [&sections, &divisions, &classes] {
            for (node, v) in level {
                writeln!(w, "{},{node},{}", p.spec.code, billions(*v))?;
            }
        }
    }
    Ok(())
}

fn write_product_weights(w: &mut impl Write, model: &Model) -> std::io::Result<()> {
    writeln!(w, "area,product,output_value")?;
    let basket = Product::basket();
    for p in &model.provinces {
        for c in p.cells.clone() {
            let cell = &model.cells[c];
            writeln!(
                w,
                "{},{},{}",
                p.spec.code,
                basket[cell.product].code,
                billions(cell.output_value_m)
            )?;
        }
    }
    Ok(())
}

fn write_groups(w: &mut impl Write) -> std::io::Result<()> {
    let geo = Geography::embedded();
    writeln!(w, "group_id,code")?;
    for g in geo.groups() {
        for code in g.members(BoundaryVersion::Pre2025, geo) {
            writeln!(w, "{},{code}", g.id())?;
        }
    }
    Ok(())
}

/// Writes the CSV microdata: chunks generated in parallel, written in
/// order by one thread.
fn write_microdata_csv(plan: &Plan, path: &Path) -> Result<u64, DemoError> {
    let chunks = plan.chunks();
    let window = rayon::current_num_threads().max(1) * 8;
    let file = File::create(path).map_err(DemoError::io(path))?;
    let (send, receive) = mpsc::sync_channel::<Vec<Vec<u8>>>(2);
    std::thread::scope(|scope| {
        let writer = scope.spawn(move || -> std::io::Result<()> {
            let mut w = BufWriter::with_capacity(4 << 20, file);
            w.write_all(microdata::HEADER)?;
            for batch in receive {
                for buf in batch {
                    w.write_all(&buf)?;
                }
            }
            w.into_inner().map_err(|e| e.into_error())?.sync_all()
        });
        let mut rows = 0u64;
        for batch in chunks.chunks(window) {
            let parts: Vec<(Vec<u8>, u64)> = batch
                .par_iter()
                .map_init(Vec::new, |scratch, &(t, a)| {
                    let mut out = Vec::with_capacity(64 << 10);
                    let n = microdata::csv_chunk(plan, t, a, scratch, &mut out);
                    (out, n)
                })
                .collect();
            rows += parts.iter().map(|(_, n)| n).sum::<u64>();
            if send
                .send(parts.into_iter().map(|(b, _)| b).collect())
                .is_err()
            {
                break;
            }
        }
        drop(send);
        writer
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
            .map_err(DemoError::io(path))?;
        Ok(rows)
    })
}

fn readme(opts: &GenerateOptions, model: &Model, s: &Summary) -> String {
    let mut published_list = String::new();
    for p in &model.provinces {
        if p.target_source == TargetSource::Published {
            let figure = published::provincial_targets()
                .into_iter()
                .find(|f| f.area == p.spec.code)
                .expect("published target");
            let caveat = if figure.indicator == "IIP total" {
                String::new()
            } else {
                format!(" (published indicator: {})", figure.indicator)
            };
            published_list.push_str(&format!(
                "| {} {} | {} | {}{caveat} |\n",
                p.spec.code, p.spec.name, figure.pct, figure.publisher
            ));
        }
    }
    format!(
        "# congthuong demo data (synthetic)

**Every number in this folder is synthetic.** No enterprise, report or
figure here is real. The data is generated by `congthuong demo generate`
so the system can be tried, tested and benchmarked; its compiled results
are calibrated to figures GSO (now the NSO) published, listed below.

Generated with seed {seed}, months {from} … {to}, {rows} microdata lines
from {units} reporting units ({format}). The same seed and options give
byte-identical files.

## Files

| file | what |
| --- | --- |
| `products.csv` | the embedded basket of {n_products} products (`congthuong products`) |
| `industry_weights.csv` | base year {base}, every province on the pre-2025 codes: value added (billion VND) at section, division and class level, each level the exact sum of the one below |
| `product_weights.csv` | base year {base}: output value (billion VND) of each product a province makes |
| `groups.csv` | the reference groups (north_28, the GSO regions, …) on the pre-2025 codes |
| `{micro}` | report lines `period,area,unit_id,product,quantity`; from 2025-07 units report under the 34-province codes |
| `indicators.csv` | retail sales (billion VND) and exports (million USD) a month, by province on the boundaries in force (docs/INDICATORS.md) |
| `targets.csv` | plan targets 2021–2025: IIP growth (%), retail sales, exports |

Compile it: `congthuong iip compile --input THIS_FOLDER --out OUT --base-year {base}`
(`--boundaries pre2025` needs microdata that ends by 2025-06: generate with `--to 2025-06`).

## What it is calibrated to

The compiled IIP of this data (not a hand-set output) reproduces:

- the national index (`VN`, the value-added-weighted mean of the
  provinces): year-on-year growth within one point of GSO's published
  monthly series for 2016-01 … 2025-02 (the revised figure where GSO
  printed one), with January–September 2022 at GSO's 9.59 %;
- the published January–September 2022 growth of these provinces
  (pre-2025 boundaries), to within half a point:

| province | published % | publisher |
| --- | --- | --- |
{published_list}
- 21 of the 28 northern provinces above 11 % in January–September 2022,
  and at least one above 30 %.

`congthuong demo calibrate` regenerates and prints achieved against
target. The published figures and their sources are in the project's
`data/iip/` (see `data/iip/SOURCES.md`). After 2025-02 nothing is
published: the series continue with seasonality, Tết on the actual lunar
new year of each year, and a trend of about 9 % a year.

The provinces' industrial structures (electronics in Bắc Ninh and Thái
Nguyên, coal in Quảng Ninh, steel in Hà Tĩnh, the Nghi Sơn refinery in
Thanh Hóa, hydropower in Sơn La, crude oil off Bà Rịa–Vũng Tàu, seafood
in the Mekong delta…), the events (plants opening, outages), the other
provinces' growth rates, the retail sales and exports, the plan targets
and every unit-level line are invented to look plausible. The national
sizes of retail sales and exports follow rounded magnitudes of Vietnam's
totals; they are not calibration targets.
",
        seed = opts.seed,
        from = opts.from,
        to = opts.to,
        rows = s.rows,
        units = s.units,
        format = opts.format.file_name(),
        n_products = Product::basket().len(),
        base = BASE_YEAR,
        micro = opts.format.file_name(),
    )
}
