//! The benchmark's floor: one pass over a microdata file that only sums its
//! `quantity` column (bench/run.sh, BENCHMARKS.md).
//!
//! It reads the file exactly as `iip compile` does (intake's
//! [`BlockReader`]: one reader thread, one worker per core) and does the
//! least work a reader of that column must do: find each line's end, find
//! the quantity field in it (from the line's end when it is the last
//! column), parse it as `f64` and add it up. No validation, no other
//! column. Quoted fields are not supported (the benchmark has none).
//!
//!     cargo run --release -p congthuong-intake --example sum_quantity -- FILE

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use congthuong_intake::blocks::{BlockReader, BlockSink};

struct Sum {
    column: usize,
    last: bool,
    lines: u64,
    sum: f64,
    bad: u64,
}

/// Decimal text to `f64`: up to 16 bytes of digits and one dot is exact
/// (digits below 2⁵³ and a power of ten below 10¹⁶, both exact, divided
/// once, correctly rounded); anything else goes to the standard library.
#[inline]
fn parse_f64(b: &[u8]) -> Option<f64> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let slow = || std::str::from_utf8(b).ok()?.trim().parse().ok();
    if b.is_empty() || b.len() > 16 {
        return slow();
    }
    let mut mantissa: u64 = 0;
    let mut dot = b.len();
    for (i, &c) in b.iter().enumerate() {
        let d = c.wrapping_sub(b'0');
        if d < 10 {
            mantissa = mantissa * 10 + u64::from(d);
        } else if c == b'.' && dot == b.len() {
            dot = i;
        } else {
            return slow();
        }
    }
    // At most 16 bytes with one dot: at most 15 digits, below 2⁵³.
    let decimals = b.len().saturating_sub(dot + 1);
    if dot == 0 && b.len() == 1 {
        return slow();
    }
    Some(mantissa as i64 as f64 / POW10[decimals])
}

impl Sum {
    #[inline]
    fn add(&mut self, field: &[u8]) {
        let field = field.strip_suffix(b"\r").unwrap_or(field);
        match parse_f64(field) {
            Some(v) => self.sum += v,
            None => self.bad += 1,
        }
        self.lines += 1;
    }
}

impl BlockSink for Sum {
    fn block(&mut self, _seq: usize, bytes: &[u8], _quoted: bool) -> u64 {
        let mut start = 0;
        let mut lines = 0;
        while start < bytes.len() {
            lines += 1;
            let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i);
            let line = &bytes[start..end];
            start = end + 1;
            if line.is_empty() {
                continue;
            }
            if self.last {
                let from = memchr::memrchr(b',', line).map_or(0, |i| i + 1);
                self.add(&line[from..]);
            } else if let Some(field) = line.split(|&c| c == b',').nth(self.column) {
                self.add(field);
            } else {
                self.bad += 1;
            }
        }
        lines
    }
}

fn main() {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: sum_quantity FILE");
        std::process::exit(1);
    };
    let started = Instant::now();
    let reader = BlockReader::open(&path).unwrap_or_else(|e| {
        eprintln!("{}: {e}", path.display());
        std::process::exit(1);
    });
    let names = &reader.header().names;
    let Some(column) = names.iter().position(|n| n.trim() == "quantity") else {
        eprintln!("{}: no quantity column", path.display());
        std::process::exit(1);
    };
    let last = column + 1 == names.len();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let sinks = (0..threads)
        .map(|_| Sum {
            column,
            last,
            lines: 0,
            sum: 0.0,
            bad: 0,
        })
        .collect();
    let stop = AtomicBool::new(false);
    let (sinks, _) = reader.run(sinks, &stop).unwrap_or_else(|e| {
        eprintln!("{}: {e}", path.display());
        std::process::exit(1);
    });
    let lines: u64 = sinks.iter().map(|s| s.lines).sum();
    let sum: f64 = sinks.iter().map(|s| s.sum).sum();
    let bad: u64 = sinks.iter().map(|s| s.bad).sum();
    println!(
        "{lines} lines, sum of quantity {sum}, {bad} unparsable, in {:.2} s",
        started.elapsed().as_secs_f64()
    );
}
