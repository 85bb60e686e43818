//! The interchange folder of `congthuong iip compile`: reading its input
//! files into the engine's [`RawInputs`], and writing the three output
//! files atomically. The contract is `docs/INTERCHANGE.md`.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use congthuong_core::{AreaCode, BoundaryVersion, Geography, GroupId, Node, Period};
use congthuong_engine::growth::{pct, windows};
use congthuong_engine::{Basket, Comparison, Compilation, ProductDef, RawInputs, Weights};

use crate::error::{InputError, InputErrors};
use crate::microdata::{MicrodataOptions, read_microdata};
use crate::number::parse_non_negative;
use crate::table::{RowError, read_table};

/// Input file names.
pub const PRODUCTS: &str = "products.csv";
/// Industry weights.
pub const INDUSTRY_WEIGHTS: &str = "industry_weights.csv";
/// Product weights.
pub const PRODUCT_WEIGHTS: &str = "product_weights.csv";
/// Report lines.
pub const MICRODATA: &str = "microdata.csv";
/// Report lines as Parquet (read when the build has the `parquet` feature).
pub const MICRODATA_PARQUET: &str = "microdata.parquet";
/// Optional groups.
pub const GROUPS: &str = "groups.csv";
/// Output file names.
pub const OUTPUTS: [&str; 3] = ["index.csv", "contributions.csv", "warnings.csv"];

/// How to read a folder.
#[derive(Clone, Copy, Debug)]
pub struct ReadOptions<'a> {
    /// The weight and quantity reference year.
    pub base_year: i32,
    /// The boundaries the outputs will be stated on.
    pub output: BoundaryVersion,
    /// The reference geography.
    pub geo: &'a Geography,
    /// The most errors to report.
    pub error_cap: usize,
    /// Worker threads for the microdata (0 = one per core).
    pub threads: usize,
}

fn area_on(
    geo: &Geography,
    raw: &str,
    version: BoundaryVersion,
    what: &str,
) -> Result<AreaCode, RowError> {
    geo.area(raw, version).map(|p| p.code).map_err(|e| {
        (
            "area",
            format!("{e} ({what} use the codes in force in December of the base year)"),
        )
    })
}

fn number(column: &'static str, raw: &str) -> Result<f64, RowError> {
    parse_non_negative(raw).map_err(|e| (column, e.message(raw.as_bytes())))
}

/// Reads `products.csv` of `dir` (errors added to `errors`).
pub fn read_products(dir: &Path, errors: &mut InputErrors, cap: usize) -> Basket {
    let mut products = Vec::new();
    let mut seen: HashMap<String, u64> = HashMap::new();
    read_table(
        &dir.join(PRODUCTS),
        PRODUCTS,
        &["product", "industry", "unit", "name_vi", "name_en"],
        errors,
        cap,
        |row| {
            let code = row.values[0];
            if code.is_empty() {
                return Err(("product", "empty product code".into()));
            }
            if let Some(first) = seen.insert(code.to_owned(), row.line) {
                return Err((
                    "product",
                    format!("product {code:?} is listed twice (first on line {first})"),
                ));
            }
            let class = Node::parse_class(row.values[1]).map_err(|e| {
                (
                    "industry",
                    format!(
                        "{:?}: {e}; a product's industry is its VSIC 4-digit class",
                        row.values[1]
                    ),
                )
            })?;
            products.push(ProductDef {
                code: code.to_owned(),
                class,
            });
            Ok(())
        },
    );
    Basket::new(products).unwrap_or_default()
}

/// Reads the two weights files of `dir` (errors added to `errors`).
pub fn read_weights(
    dir: &Path,
    basket: &Basket,
    opts: &ReadOptions,
    errors: &mut InputErrors,
) -> Weights {
    let version = BoundaryVersion::in_force(Period::year_range(opts.base_year).last);
    let mut weights = Weights {
        version: Some(version),
        areas: BTreeMap::new(),
    };
    let mut seen: HashMap<(AreaCode, Node), u64> = HashMap::new();
    read_table(
        &dir.join(INDUSTRY_WEIGHTS),
        INDUSTRY_WEIGHTS,
        &["area", "industry", "value_added"],
        errors,
        opts.error_cap,
        |row| {
            let area = area_on(opts.geo, row.values[0], version, "weights")?;
            let node = Node::parse(row.values[1])
                .map_err(|e| ("industry", format!("{:?}: {e}", row.values[1])))?;
            let value = number("value_added", row.values[2])?;
            if let Some(first) = seen.insert((area, node), row.line) {
                return Err((
                    "industry",
                    format!(
                        "duplicate row for area {area}, industry {node} (first on line {first})"
                    ),
                ));
            }
            weights.areas.entry(area).or_default().set_node(node, value);
            Ok(())
        },
    );
    let mut seen: HashMap<(AreaCode, usize), u64> = HashMap::new();
    read_table(
        &dir.join(PRODUCT_WEIGHTS),
        PRODUCT_WEIGHTS,
        &["area", "product", "output_value"],
        errors,
        opts.error_cap,
        |row| {
            let area = area_on(opts.geo, row.values[0], version, "weights")?;
            let product = basket.index_of(row.values[1]).ok_or_else(|| {
                (
                    "product",
                    format!("unknown product {:?}: not in products.csv", row.values[1]),
                )
            })?;
            let value = number("output_value", row.values[2])?;
            if let Some(first) = seen.insert((area, product), row.line) {
                return Err((
                    "product",
                    format!(
                        "duplicate row for area {area}, product {} (first on line {first})",
                        row.values[1]
                    ),
                ));
            }
            weights
                .areas
                .entry(area)
                .or_default()
                .products
                .insert(product, value);
            Ok(())
        },
    );
    weights
}

/// Reads `groups.csv` of `dir` when present (errors added to `errors`).
pub fn read_groups(
    dir: &Path,
    opts: &ReadOptions,
    errors: &mut InputErrors,
) -> Vec<(String, Vec<AreaCode>)> {
    let path = dir.join(GROUPS);
    if !path.exists() {
        return Vec::new();
    }
    let version = BoundaryVersion::in_force(Period::year_range(opts.base_year).last);
    let mut groups: Vec<(String, Vec<AreaCode>)> = Vec::new();
    read_table(
        &path,
        GROUPS,
        &["group_id", "code"],
        errors,
        opts.error_cap,
        |row| {
            let id = GroupId::parse(row.values[0]).map_err(|e| ("group_id", e.to_string()))?;
            let code = opts
                .geo
                .area(row.values[1], version)
                .map(|p| p.code)
                .map_err(|e| {
                    (
                        "code",
                        format!("{e} (groups use the codes in force in December of the base year)"),
                    )
                })?;
            match groups.iter_mut().find(|(g, _)| g == id.as_str()) {
                Some((_, members)) if members.contains(&code) => {}
                Some((_, members)) => members.push(code),
                None => groups.push((id.as_str().to_owned(), vec![code])),
            }
            Ok(())
        },
    );
    groups
}

/// Reads and checks an interchange folder. Any error in any file means no
/// inputs: every error found is returned (up to the cap), in file order.
pub fn read_folder(dir: &Path, opts: &ReadOptions) -> Result<RawInputs, InputErrors> {
    if !dir.is_dir() {
        return Err(InputErrors::one(InputError::file(
            dir.display().to_string(),
            "not a folder",
        )));
    }
    let mut errors = InputErrors::default();
    for required in [PRODUCTS, INDUSTRY_WEIGHTS, PRODUCT_WEIGHTS] {
        if !dir.join(required).is_file() {
            errors.push(
                InputError::file(required, format!("missing from {}", dir.display())),
                opts.error_cap,
            );
        }
    }
    let microdata = match (
        dir.join(MICRODATA).is_file(),
        dir.join(MICRODATA_PARQUET).is_file(),
    ) {
        (true, false) => Some(MICRODATA),
        (false, true) => Some(MICRODATA_PARQUET),
        (true, true) => {
            errors.push(
                InputError::file(
                    MICRODATA_PARQUET,
                    format!(
                        "{} holds both {MICRODATA} and {MICRODATA_PARQUET}; keep one",
                        dir.display()
                    ),
                ),
                opts.error_cap,
            );
            None
        }
        (false, false) => {
            errors.push(
                InputError::file(
                    MICRODATA,
                    format!(
                        "missing from {} (or give {MICRODATA_PARQUET})",
                        dir.display()
                    ),
                ),
                opts.error_cap,
            );
            None
        }
    };
    if !errors.is_empty() {
        return Err(errors.sorted());
    }
    let basket = read_products(dir, &mut errors, opts.error_cap);
    let weights = read_weights(dir, &basket, opts, &mut errors);
    let groups = read_groups(dir, opts, &mut errors);
    if !errors.is_empty() {
        // Product codes are needed to check the microdata; stop here.
        return Err(errors.sorted());
    }
    let micro = MicrodataOptions {
        basket: &basket,
        geo: opts.geo,
        output: opts.output,
        error_cap: opts.error_cap,
        threads: opts.threads,
    };
    let quantities = match microdata {
        Some(MICRODATA_PARQUET) => read_parquet(&dir.join(MICRODATA_PARQUET), micro)?,
        _ => read_microdata(&dir.join(MICRODATA), MICRODATA, micro)?,
    };
    Ok(RawInputs {
        basket,
        weights,
        quantities,
        groups,
        base_year: opts.base_year,
    })
}

#[cfg(feature = "parquet")]
fn read_parquet(
    path: &Path,
    micro: MicrodataOptions,
) -> Result<congthuong_engine::QuantityAccumulator, InputErrors> {
    crate::parquet::read_microdata_parquet(path, MICRODATA_PARQUET, micro)
}

#[cfg(not(feature = "parquet"))]
fn read_parquet(
    _path: &Path,
    _micro: MicrodataOptions,
) -> Result<congthuong_engine::QuantityAccumulator, InputErrors> {
    Err(InputErrors::one(InputError::file(
        MICRODATA_PARQUET,
        format!(
            "this build of congthuong cannot read Parquet (built without the cargo feature `parquet`); convert it to {MICRODATA}"
        ),
    )))
}

/// Quotes a CSV field when it needs it.
fn field(w: &mut impl Write, s: &str) -> io::Result<()> {
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        write!(w, "\"{}\"", s.replace('"', "\"\""))
    } else {
        w.write_all(s.as_bytes())
    }
}

/// Writes a number as the shortest decimal that reads back to the same
/// binary value, in the notation of the `ryu` crate (`96.6`, `1e16`,
/// `1.4210854715202004e-14`): `zmij` finds the digits (faster), and writes
/// a positive exponent as `e+16`, which is written `e16` here. Nothing is
/// written for `None` or a non-finite value.
fn num(w: &mut impl Write, buf: &mut zmij::Buffer, v: Option<f64>) -> io::Result<()> {
    match v {
        Some(v) if v.is_finite() => {
            let text = buf.format_finite(v).as_bytes();
            // A `+` is only ever that of an exponent (at most 3 digits).
            let tail = text.len().saturating_sub(4);
            match text[tail..].iter().position(|&b| b == b'+') {
                Some(i) => {
                    w.write_all(&text[..tail + i])?;
                    w.write_all(&text[tail + i + 1..])
                }
                None => w.write_all(text),
            }
        }
        _ => Ok(()),
    }
}

/// Quotes a field into a byte buffer (see [`field`]).
fn field_bytes(out: &mut Vec<u8>, s: &str) {
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push(b'"');
        out.extend_from_slice(s.replace('"', "\"\"").as_bytes());
        out.push(b'"');
    } else {
        out.extend_from_slice(s.as_bytes());
    }
}

/// `items` in the written row order: as compiled (area, then level or
/// parent), and by code within each run of the same `run` key, so the
/// rows do not depend on the order of `products.csv`.
fn by_code_within<'a, T, K: PartialEq>(
    items: &'a [T],
    run: impl Fn(&'a T) -> K,
    code: impl Fn(&'a T) -> &'a str,
) -> Vec<&'a T> {
    let mut out: Vec<&'a T> = items.iter().collect();
    let mut start = 0;
    while start < out.len() {
        let key = run(out[start]);
        let end = start + out[start..].iter().take_while(|s| run(s) == key).count();
        out[start..end].sort_by(|a, b| code(a).cmp(code(b)));
        start = end;
    }
    out
}

/// Every row of a series starts the same way (its key columns); each is
/// written once per series, then per row only the period and the numbers.
fn write_index(c: &Compilation, path: &Path) -> io::Result<()> {
    let mut w = BufWriter::with_capacity(1 << 20, fs::File::create(path)?);
    let mut buf = zmij::Buffer::new();
    w.write_all(b"area,level,code,period,index,mom_pct,yoy_pct,ytd_yoy_pct\n")?;
    let periods: Vec<String> = c.range.iter().map(|p| p.to_string()).collect();
    // The comparison windows of each month are the same for every series.
    let windows: Vec<_> = (0..c.range.len())
        .map(|t| Comparison::ALL.map(|cmp| windows(c.range.first, t, cmp)))
        .collect();
    let mut head = Vec::new();
    for s in by_code_within(&c.index, |s| (&s.area, s.level), |s| &s.code) {
        head.clear();
        field_bytes(&mut head, &s.area.to_string());
        head.push(b',');
        head.extend_from_slice(s.level.as_str().as_bytes());
        head.push(b',');
        field_bytes(&mut head, &s.code);
        head.push(b',');
        for (t, value) in s.values.iter().enumerate() {
            w.write_all(&head)?;
            w.write_all(periods[t].as_bytes())?;
            w.write_all(b",")?;
            num(&mut w, &mut buf, Some(*value))?;
            for window in &windows[t] {
                w.write_all(b",")?;
                let growth = window.as_ref().and_then(|(cur, prev)| {
                    let cur: f64 = s.values[cur.clone()].iter().sum();
                    let prev: f64 = s.values[prev.clone()].iter().sum();
                    pct(cur, prev)
                });
                num(&mut w, &mut buf, growth)?;
            }
            w.write_all(b"\n")?;
        }
    }
    w.into_inner().map_err(|e| e.into_error())?.sync_all()
}

fn write_contributions(c: &Compilation, path: &Path) -> io::Result<()> {
    let mut w = BufWriter::with_capacity(1 << 20, fs::File::create(path)?);
    let mut buf = zmij::Buffer::new();
    w.write_all(b"area,period,comparison,parent,child_level,child,contribution_pp\n")?;
    let periods: Vec<String> = c.range.iter().map(|p| p.to_string()).collect();
    let (mut head, mut tail) = (Vec::new(), Vec::new());
    let series = by_code_within(
        &c.contributions,
        |s| (&s.area, s.comparison, &s.parent, s.child_level),
        |s| &s.child,
    );
    for s in series {
        head.clear();
        field_bytes(&mut head, &s.area.to_string());
        head.push(b',');
        tail.clear();
        tail.push(b',');
        tail.extend_from_slice(s.comparison.as_str().as_bytes());
        tail.push(b',');
        field_bytes(&mut tail, &s.parent);
        tail.push(b',');
        tail.extend_from_slice(s.child_level.as_str().as_bytes());
        tail.push(b',');
        field_bytes(&mut tail, &s.child);
        tail.push(b',');
        for (t, value) in s.values.iter().enumerate() {
            let Some(value) = value else { continue };
            w.write_all(&head)?;
            w.write_all(periods[t].as_bytes())?;
            w.write_all(&tail)?;
            num(&mut w, &mut buf, Some(*value))?;
            w.write_all(b"\n")?;
        }
    }
    w.into_inner().map_err(|e| e.into_error())?.sync_all()
}

fn write_warnings(c: &Compilation, path: &Path) -> io::Result<()> {
    let mut w = BufWriter::new(fs::File::create(path)?);
    w.write_all(b"area,code,period,message\n")?;
    for warning in &c.warnings {
        field(&mut w, &warning.area)?;
        w.write_all(b",")?;
        field(&mut w, &warning.code)?;
        w.write_all(b",")?;
        if let Some(p) = warning.period {
            write!(w, "{p}")?;
        }
        w.write_all(b",")?;
        field(&mut w, &warning.message)?;
        w.write_all(b"\n")?;
    }
    w.into_inner().map_err(|e| e.into_error())?.sync_all()
}

/// Why the outputs could not be put in place.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// `--out` holds files other than earlier outputs of a compilation.
    #[error(
        "{0} exists and holds other files than earlier outputs (index.csv, contributions.csv, warnings.csv); choose an empty or new folder"
    )]
    OccupiedOutput(PathBuf),
    /// A file system failure.
    #[error("writing the outputs to {path}: {source}")]
    Io {
        /// Where.
        path: PathBuf,
        /// What.
        source: io::Error,
    },
}

/// Writes the three output files into a temporary folder beside `out`,
/// then moves it into place: `out` is never left half written. An
/// existing `out` may be empty or hold only earlier outputs, which are
/// replaced; anything else is refused. Returns true when earlier outputs
/// were replaced.
pub fn write_outputs(c: &Compilation, out: &Path) -> Result<bool, WriteError> {
    let io_err = |path: &Path| {
        let path = path.to_owned();
        move |source| WriteError::Io { path, source }
    };
    let mut replacing = false;
    if out.exists() {
        let entries: Vec<_> = fs::read_dir(out)
            .map_err(io_err(out))?
            .filter_map(Result::ok)
            .map(|e| e.file_name())
            .collect();
        if !entries.iter().all(|n| OUTPUTS.iter().any(|o| n == *o)) {
            return Err(WriteError::OccupiedOutput(out.to_owned()));
        }
        replacing = !entries.is_empty();
    }
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(io_err(parent))?;
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let tmp = parent.join(format!(".{name}.tmp-{}-{stamp}", std::process::id()));
    fs::create_dir(&tmp).map_err(io_err(&tmp))?;
    let written = std::thread::scope(|s| {
        let a = s.spawn(|| write_index(c, &tmp.join(OUTPUTS[0])));
        let b = s.spawn(|| write_contributions(c, &tmp.join(OUTPUTS[1])));
        let w = write_warnings(c, &tmp.join(OUTPUTS[2]));
        a.join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p))
            .and(b.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .and(w)
    });
    let moved = written.and_then(|()| {
        if out.exists() {
            let old = parent.join(format!(".{name}.old-{}-{stamp}", std::process::id()));
            fs::rename(out, &old)?;
            fs::rename(&tmp, out)?;
            fs::remove_dir_all(&old)
        } else {
            fs::rename(&tmp, out)
        }
    });
    if let Err(e) = moved {
        let _ = fs::remove_dir_all(&tmp);
        return Err(WriteError::Io {
            path: out.to_owned(),
            source: e,
        });
    }
    // The rename is durable once the parent folder's entry is on disk.
    sync_dir(parent).map_err(|source| WriteError::Io {
        path: parent.to_owned(),
        source,
    })?;
    Ok(replacing)
}

/// Flushes a folder's entries (the files' own data is synced as written).
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    fs::File::open(dir)?.sync_all()
}

/// Windows has no folder handle to sync; renames there are journalled.
#[cfg(not(unix))]
fn sync_dir(_: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ryu(v: f64) -> String {
        ryu::Buffer::new().format_finite(v).to_owned()
    }

    fn written(v: f64) -> String {
        let mut out = Vec::new();
        num(&mut out, &mut zmij::Buffer::new(), Some(v)).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_written_as_ryu_writes_them() {
        for v in [
            0.0,
            -0.0,
            96.6,
            100.0,
            5.000000000000004,
            1e16,
            1.5e300,
            1.4210854715202004e-14,
            1e-7,
            -3.25,
            123456789012345680.0,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
        ] {
            assert_eq!(written(v), ryu(v), "{v:e}");
        }
        assert_eq!(written(f64::NAN), "");
        assert_eq!(written(f64::INFINITY), "");
    }

    proptest! {
        #[test]
        fn any_finite_number_is_written_as_ryu_writes_it(bits in any::<u64>()) {
            let v = f64::from_bits(bits);
            prop_assume!(v.is_finite());
            prop_assert_eq!(written(v), ryu(v));
        }

        #[test]
        fn index_like_numbers_are_written_as_ryu_writes_them(v in 0.0f64..1e6) {
            prop_assert_eq!(written(v), ryu(v));
        }
    }
}
