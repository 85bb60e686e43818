//! Any bytes as an uploaded workbook, through the one capped reader that
//! every upload path uses (report, brand register, projects registers,
//! bills of materials): every sheet read, an error or cells, never a panic,
//! never one allocation over 256 MiB.
#![no_main]

#[path = "capped_alloc.rs"]
mod capped_alloc;

use congthuong_intake::workbook::{LIMITS, Workbook};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(mut book) = Workbook::open(data, "fuzz.xlsx") else {
        return;
    };
    let names = book.sheet_names().to_vec();
    assert!(!names.is_empty() && names.len() <= LIMITS.max_sheets);
    let mut cells = 0;
    for name in names {
        if let Ok(sheet) = book.read(&name) {
            for row in &sheet.rows {
                assert!(row.number >= 1 && row.number <= LIMITS.max_rows);
                assert!(row.cells.windows(2).all(|w| w[0].0 < w[1].0));
                assert!(row.cells.iter().all(|(c, _)| *c < LIMITS.max_columns));
                cells += row.cells.len();
            }
        }
    }
    assert!(cells <= LIMITS.max_cells);
});
