//! Any bytes given as a province's Excel report: an error or lines, never a panic, never one allocation over 256 MiB.
#![no_main]

#[path = "capped_alloc.rs"]
mod capped_alloc;

use congthuong_core::AreaCode;
use congthuong_intake::report::{BasketItem, ReportSpec, read_report_xlsx};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let basket = BasketItem::national();
    let spec = ReportSpec {
        province: AreaCode::parse("01").expect("valid code"),
        period: "2024-03".parse().expect("valid period"),
        basket: &basket,
        error_cap: 100,
    };
    if let Ok(lines) = read_report_xlsx(data, "fuzz.xlsx", &spec) {
        assert!(!lines.is_empty());
    }
});
