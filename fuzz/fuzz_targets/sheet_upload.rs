//! Any bytes as an uploaded register or bill of materials (CSV or XLSX,
//! read by column name): an error or rows, never a panic, never one
//! allocation over 256 MiB.
#![no_main]

#[path = "capped_alloc.rs"]
mod capped_alloc;

use congthuong_intake::sheet::read_sheet;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(sheet) = read_sheet(data, "fuzz", &["hs", "value"], &["country"], 100) {
        assert!(sheet.rows.iter().all(|r| r.values.len() == 3));
    }
});
