//! Validation: every error at once with file, sheet, line and column; a
//! rejected file leaves every table byte-for-byte as it was; oversized
//! files are refused before being read; legacy encodings are read.

mod common;

use common::{Env, report_csv, request};
use congthuong_store::StoreError;
use congthuong_store::submit::{submit_report_bytes, submit_report_file};
use congthuong_store::synthetic::Spec;

/// (file, sheet, line, column) of each error.
type Place = (String, Option<String>, Option<u64>, Option<String>);

fn input_errors(e: StoreError) -> Vec<Place> {
    match e {
        StoreError::Input(errs) => errs
            .errors
            .into_iter()
            .map(|e| (e.file, e.sheet, e.line, e.column))
            .collect(),
        other => panic!("expected input errors, got {other}"),
    }
}

fn seeded() -> Env {
    let env = Env::new();
    let dir = env.folder("in", &Spec::small());
    env.import(&dir, "ministry", "seed").unwrap();
    env
}

#[test]
fn every_error_of_a_csv_report_is_reported_at_once_and_nothing_is_stored() {
    let env = seeded();
    let before = env.digest();
    let csv = report_csv(
        "2025-03",
        "01",
        &[
            ("U1", "COAL", "10"),
            ("U1", "CEMENTX", "5"), // line 3: unknown product
            ("", "COAL", "-2"),     // line 4: no unit, negative
            ("U2", "COAL", "1,5"),  // line 5: decimal comma = one field too many
            ("U3", "CRUDE_OIL", "7"),
        ],
    )
    .replace("2025-03,01,U3", "2025-02,02,U3"); // line 6: period and area
    let err = submit_report_bytes(
        &env.store,
        csv.as_bytes(),
        "hanoi-2025-03.csv",
        &request("01", "2025-03", "officer", "first"),
    )
    .unwrap_err();
    assert!(err.is_user_error());
    let got = input_errors(err);
    let expect = [
        (3, Some("product")),
        (4, Some("unit_id")),
        (4, Some("quantity")),
        (5, None),
        (6, Some("period")),
        (6, Some("area")),
    ];
    assert_eq!(got.len(), expect.len(), "{got:?}");
    for ((file, sheet, line, column), (l, c)) in got.iter().zip(expect) {
        assert_eq!(file, "hanoi-2025-03.csv");
        assert_eq!(*sheet, None);
        assert_eq!(*line, Some(l));
        assert_eq!(column.as_deref(), c);
    }
    assert_eq!(env.digest(), before, "a rejected file changes no table");
}

#[test]
fn errors_stop_at_the_cap() {
    let env = seeded();
    let lines: Vec<(String, String, String)> = (0..500)
        .map(|i| (format!("U{i}"), "NOPE".to_owned(), "1".to_owned()))
        .collect();
    let refs: Vec<(&str, &str, &str)> = lines
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    let csv = report_csv("2025-03", "01", &refs);
    let mut req = request("01", "2025-03", "officer", "");
    req.error_cap = 40;
    match submit_report_bytes(&env.store, csv.as_bytes(), "r.csv", &req).unwrap_err() {
        StoreError::Input(e) => {
            assert_eq!(e.errors.len(), 40);
            assert!(e.truncated);
            assert_eq!(e.errors[39].line, Some(41));
        }
        other => panic!("{other}"),
    }
}

#[test]
fn every_error_of_an_xlsx_report_names_sheet_row_and_column() {
    use rust_xlsxwriter::Workbook;
    let env = seeded();
    let before = env.digest();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("BaoCao").unwrap();
    sheet.write_string(1, 0, "Mã tỉnh/thành phố").unwrap();
    sheet.write_string(1, 1, "02").unwrap(); // wrong province: row 2, column B
    for (c, h) in [
        "Mã cơ sở",
        "Mã sản phẩm",
        "Tên sản phẩm",
        "Đơn vị tính",
        "Số lượng kỳ này",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(5, c as u16, *h).unwrap();
    }
    sheet.write_string(6, 0, "U1").unwrap();
    sheet.write_string(6, 1, "COAL").unwrap();
    sheet.write_number(6, 4, 12.5).unwrap(); // good, row 7
    sheet.write_string(7, 0, "U2").unwrap();
    sheet.write_string(7, 1, "COAL").unwrap();
    sheet.write_string(7, 4, "abc").unwrap(); // row 8, column E
    sheet.write_string(8, 1, "NOPE").unwrap();
    sheet.write_number(8, 4, 3.0).unwrap(); // row 9: no unit (A), unknown product (B)
    sheet.write_string(9, 0, "U4").unwrap();
    sheet.write_string(9, 1, "COAL").unwrap();
    sheet.write_number(9, 4, -1.0).unwrap(); // row 10: negative (E)
    let bytes = book.save_to_buffer().unwrap();
    let err = submit_report_bytes(
        &env.store,
        &bytes,
        "hanoi.xlsx",
        &request("01", "2025-03", "officer", ""),
    )
    .unwrap_err();
    let got = input_errors(err);
    let cells: Vec<(u64, String)> = got
        .iter()
        .map(|(f, s, l, c)| {
            assert_eq!(f, "hanoi.xlsx");
            assert_eq!(s.as_deref(), Some("BaoCao"));
            (l.unwrap(), c.clone().unwrap())
        })
        .collect();
    assert_eq!(
        cells,
        [
            (2, "B".to_owned()),
            (8, "E (Số lượng kỳ này)".to_owned()),
            (9, "A (Mã cơ sở)".to_owned()),
            (9, "B (Mã sản phẩm)".to_owned()),
            (10, "E (Số lượng kỳ này)".to_owned()),
        ]
    );
    assert_eq!(env.digest(), before);
}

#[test]
fn a_bad_folder_stores_nothing_of_any_of_its_files() {
    let env = seeded();
    let before = env.digest();
    let mut spec = Spec::small();
    spec.variant = 9;
    let dir = env.folder("bad", &spec);
    // One bad line at the end of the microdata; everything else is new and good.
    let mut micro = std::fs::read_to_string(dir.join("microdata.csv")).unwrap();
    let n = micro.lines().count() as u64 + 1;
    micro.push_str("2024-05,01,U-X,COAL,lots\n");
    std::fs::write(dir.join("microdata.csv"), micro).unwrap();
    let got = input_errors(env.import(&dir, "ministry", "bad").unwrap_err());
    assert_eq!(
        got,
        [(
            "microdata.csv".to_owned(),
            None,
            Some(n),
            Some("quantity".to_owned())
        )]
    );
    assert_eq!(env.digest(), before, "nothing of the folder was stored");
}

#[test]
fn an_oversized_file_is_refused_before_it_is_read() {
    let env = seeded();
    let before = env.digest();
    // A sparse 8 GiB file: reading it whole would take minutes and memory.
    let big = env.path("huge.csv");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(8 << 30)
        .unwrap();
    let err =
        submit_report_file(&env.store, &big, &request("01", "2025-03", "officer", "")).unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("8589934592 bytes") && text.contains("limit of 10000000"),
        "{text}"
    );
    assert!(err.is_user_error());
    // The same for a folder.
    let dir = env.path("bigfolder");
    std::fs::create_dir(&dir).unwrap();
    std::fs::File::create(dir.join("microdata.csv"))
        .unwrap()
        .set_len(8 << 30)
        .unwrap();
    let mut opts = common::options("ministry", "");
    opts.max_bytes = 1_000_000;
    let err = congthuong_store::folder::import_folder(
        &env.store,
        &dir,
        &opts,
        &congthuong_store::progress::NoProgress,
    )
    .unwrap_err();
    assert!(err.to_string().contains("more than the limit"), "{err}");
    assert_eq!(env.digest(), before);
}

#[test]
fn utf16_and_utf8_files_with_the_same_lines_are_the_same_content() {
    let env = seeded();
    let csv = report_csv(
        "2025-03",
        "01",
        &[("Cơ-sở-1", "COAL", "10.5"), ("U2", "NAT_GAS", "3")],
    );
    let req = request("01", "2025-03", "officer", "utf-8");
    let first = submit_report_bytes(&env.store, csv.as_bytes(), "a.csv", &req).unwrap();
    assert!(first.is_new());
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(csv.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let second = submit_report_bytes(&env.store, &utf16, "a-utf16.csv", &req).unwrap();
    assert!(!second.is_new(), "same lines, same content hash");
    assert_eq!(
        first.submission().content_hash,
        second.submission().content_hash
    );
}
