//! The Excel template: written with the basket and last month's figures,
//! filled in (its cells edited inside the .xlsx, as Excel would) and
//! imported back.

mod common;

use std::io::{Read, Write};

use calamine::{Data, Reader};
use common::{Env, request};
use congthuong_store::Store;
use congthuong_store::submit::{stored_lines, submit_report_bytes, template};
use congthuong_store::synthetic::Spec;

/// The .xlsx with `edit` applied to the report sheet's XML.
fn edit_sheet(xlsx: &[u8], edit: impl Fn(String) -> String) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            bytes = edit(String::from_utf8(bytes).unwrap()).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn entry(xlsx: &[u8], name: &str) -> String {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut s = String::new();
    zin.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn template_fill_import_round_trip() {
    let env = Env::new();
    let dir = env.folder("in", &Spec::small());
    env.import(&dir, "ministry", "seed").unwrap();
    let xlsx = template(&env.store, "01", "2025-04").unwrap();

    // What the province sees.
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx.clone())).unwrap();
    assert_eq!(book.sheet_names(), ["BaoCao", "DanhMuc"]);
    let range = book.worksheet_range("BaoCao").unwrap();
    let cell = |r: u32, c: u32| range.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(1, 1), Data::String("01".into()));
    assert_eq!(cell(2, 1), Data::String("2025-04".into()));
    let headers: Vec<Data> = (0..6).map(|c| cell(5, c)).collect();
    assert_eq!(
        headers,
        [
            "Mã cơ sở",
            "Mã sản phẩm",
            "Tên sản phẩm",
            "Đơn vị tính",
            "Số lượng kỳ này",
            "Số lượng tháng trước"
        ]
        .map(|h| Data::String(h.into()))
    );
    let march = stored_lines(
        &env.store,
        "01".parse().unwrap(),
        "2025-03".parse().unwrap(),
    )
    .unwrap();
    assert_eq!(march.len(), 12, "6 products × 2 units");
    for (i, (u, p, q)) in march.iter().enumerate() {
        let r = 6 + i as u32;
        assert_eq!(cell(r, 0), Data::String(u.into()));
        assert_eq!(cell(r, 1), Data::String(p.into()));
        assert_eq!(
            cell(r, 5),
            Data::Float(congthuong_intake::lines::quantity_f64(q))
        );
        assert_ne!(cell(r, 3), Data::Empty, "unit of measure");
    }
    // The basket, pre-filled with Vietnamese names and units, after them.
    assert_eq!(cell(18, 1), Data::String("COAL".into()));
    assert_eq!(cell(18, 2), Data::String("Than đá (than sạch)".into()));
    assert_eq!(cell(18, 3), Data::String("tấn".into()));
    let sheet_xml = entry(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(
        sheet_xml.contains(r#"type="decimal" operator="greaterThanOrEqual""#),
        "quantity rule"
    );
    assert!(sheet_xml.contains("DanhMuc!$A$2:$A$7"), "product list rule");
    assert!(entry(&xlsx, "xl/workbook.xml").contains(r#"state="hidden""#));

    // Fill in April: last month + 10 % for every pre-filled row, and one
    // new unit on a basket row.
    let filled = edit_sheet(&xlsx, |mut xml| {
        for (i, (_, _, q)) in march.iter().enumerate() {
            let r = 7 + i;
            let v = (congthuong_intake::lines::quantity_f64(q) * 1.1 * 1000.0).round() / 1000.0;
            let start = xml.find(&format!(r#"<c r="E{r}" "#)).unwrap();
            let end = start + xml[start..].find("/>").unwrap();
            let cell = xml[start..end].to_owned();
            xml.replace_range(start..end + 2, &format!("{cell}><v>{v}</v></c>"));
        }
        let start = xml.find(r#"<c r="A19" "#).unwrap();
        let end = start + xml[start..].find("/>").unwrap();
        let cell = xml[start..end].to_owned();
        xml.replace_range(
            start..end + 2,
            &format!(r#"{cell} t="inlineStr"><is><t>NEW-1</t></is></c>"#),
        );
        let start = xml.find(r#"<c r="E19" "#).unwrap();
        let end = start + xml[start..].find("/>").unwrap();
        let cell = xml[start..end].to_owned();
        xml.replace_range(start..end + 2, &format!("{cell}><v>42.5</v></c>"));
        xml
    });
    let sub = submit_report_bytes(
        &env.store,
        &filled,
        "hanoi-2025-04.xlsx",
        &request("01", "2025-04", "officer", "April via the template"),
    )
    .unwrap();
    assert!(sub.is_new());
    assert_eq!(sub.submission().row_count, 13);
    assert!(
        sub.submission().warnings.is_empty(),
        "{:?}",
        sub.submission().warnings
    );
    let april = stored_lines(
        &env.store,
        "01".parse().unwrap(),
        "2025-04".parse().unwrap(),
    )
    .unwrap();
    let got: Vec<(String, String, f64)> = april
        .iter()
        .map(|(u, p, q)| {
            (
                u.to_owned(),
                p.to_owned(),
                congthuong_intake::lines::quantity_f64(q),
            )
        })
        .collect();
    assert!(got.contains(&("NEW-1".into(), "COAL".into(), 42.5)));
    for (u, p, q) in march.iter() {
        let want = (congthuong_intake::lines::quantity_f64(q) * 1.1 * 1000.0).round() / 1000.0;
        assert!(
            got.contains(&(u.to_owned(), p.to_owned(), want)),
            "{u} {p} {want}"
        );
    }
    // The same lines as a CSV are the same content: no new version.
    let mut csv = String::from("period,area,unit_id,product,quantity\n");
    for (u, p, q) in got.iter().rev() {
        csv.push_str(&format!("2025-04,01,{u},{p},{q}\n"));
    }
    let same = submit_report_bytes(
        &env.store,
        csv.as_bytes(),
        "hanoi-2025-04.csv",
        &request("01", "2025-04", "officer", "resent as CSV"),
    )
    .unwrap();
    assert!(!same.is_new());
    assert_eq!(same.submission().id, sub.submission().id);
    // The template of the wrong month is refused, naming the cell.
    let err = submit_report_bytes(
        &env.store,
        &filled,
        "hanoi-2025-04.xlsx",
        &request("01", "2025-05", "officer", ""),
    )
    .unwrap_err()
    .to_string();
    assert!(err.contains("[sheet BaoCao], line 3, column B"), "{err}");
    assert_eq!(
        env.store
            .submissions(&Default::default())
            .unwrap()
            .iter()
            .filter(|s| s.key.period == "2025-05")
            .count(),
        0
    );
}
