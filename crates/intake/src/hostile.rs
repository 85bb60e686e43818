//! Hostile workbooks, built in memory for the regression tests of every
//! upload path and as seeds of the fuzz targets (issue 13 item 1). Each is
//! small on the wire and would take gigabytes (or abort the process) in a
//! reader that trusts it; [`crate::workbook`] refuses each with an error
//! naming the file and the sheet or part.
//!
//! May touch: nothing (builds bytes).

use std::io::Write;

use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";

/// `workbook.xml` and its relationships for `n` sheets named `name`,
/// `name2`, …, all pointing at `xl/worksheets/sheet1.xml`.
fn workbook_parts(name: &str, n: usize, shared_strings: bool) -> (String, String) {
    let mut sheets = String::new();
    let mut rels = String::new();
    for i in 1..=n {
        let sheet_name = if i == 1 {
            name.to_owned()
        } else {
            format!("{name}{i}")
        };
        sheets.push_str(&format!(
            r#"<sheet name="{sheet_name}" sheetId="{i}" r:id="rId{i}"/>"#
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#
        ));
    }
    if shared_strings {
        rels.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#,
            n + 1
        ));
    }
    (
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>"#
        ),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}</Relationships>"#
        ),
    )
}

/// A workbook of small parts (deflated), in order.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        // Writing into memory cannot fail.
        let _ = w.start_file(*name, options);
        let _ = w.write_all(bytes);
    }
    w.finish().map(|c| c.into_inner()).unwrap_or_default()
}

/// One sheet (`sheet`) whose cells are A1 and XFD1048576, the last cell
/// Excel has: a reader that allocates the sheet's range (rows × columns)
/// asks for half a terabyte. About 1.3 KB, like the file of issue 13.
pub fn far_cell(sheet: &str) -> Vec<u8> {
    let (workbook, rels) = workbook_parts(sheet, 1, false);
    let data = format!(
        r#"{SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>{SHEET_TAIL}"#
    );
    let data = data.replace(
        "<sheetData>",
        r#"<dimension ref="A1:XFD1048576"/><sheetData>"#,
    );
    package(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", data.as_bytes()),
    ])
}

/// A shared-string table that declares a trillion entries (a reader that
/// reserves what is declared aborts) and holds one.
pub fn shared_strings_bomb(sheet: &str) -> Vec<u8> {
    let (workbook, rels) = workbook_parts(sheet, 1, true);
    let data = format!(r#"{SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>{SHEET_TAIL}"#);
    let sst = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1000000000000" uniqueCount="1000000000000"><si><t>a</t></si></sst>"#;
    package(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/sharedStrings.xml", sst.as_bytes()),
        ("xl/worksheets/sheet1.xml", data.as_bytes()),
    ])
}

/// A workbook of `n` sheets (all the same small sheet).
pub fn many_sheets(sheet: &str, n: usize) -> Vec<u8> {
    let (workbook, rels) = workbook_parts(sheet, n.max(1), false);
    let data = format!(
        r#"{SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>{SHEET_TAIL}"#
    );
    package(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/worksheets/sheet1.xml", data.as_bytes()),
    ])
}

/// A zip bomb: a workbook whose sheet XML unpacks to `mib` MiB (spaces
/// inside `<sheetData>`, well-formed XML, honest sizes and checksum),
/// about a thousandth of that on the wire.
pub fn sheet_bomb(sheet: &str, mib: u32) -> Vec<u8> {
    let (workbook, rels) = workbook_parts(sheet, 1, false);
    // 1 MiB of spaces, compressed once with a sync flush (byte-aligned,
    // not final): repeated, it is a valid deflate stream of many MiB.
    let chunk_len = 1usize << 20;
    let spaces = vec![b' '; chunk_len];
    let mut compress = flate2::Compress::new(flate2::Compression::best(), false);
    let mut chunk = Vec::with_capacity(64 << 10);
    let _ = compress.compress_vec(&spaces, &mut chunk, flate2::FlushCompress::Sync);
    let mut c1 = flate2::Crc::new();
    c1.update(&spaces);
    let (head, tail) = (SHEET_HEAD.as_bytes(), SHEET_TAIL.as_bytes());
    let mut data = Vec::new();
    let mut crc = flate2::Crc::new();
    // Head and tail are stored in their own deflate blocks.
    let stored = |bytes: &[u8], out: &mut Vec<u8>| {
        out.push(0); // BFINAL 0, BTYPE 00 (stored), padded to a byte
        let n = bytes.len() as u16;
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&(!n).to_le_bytes());
        out.extend_from_slice(bytes);
    };
    stored(head, &mut data);
    crc.update(head);
    for _ in 0..mib {
        data.extend_from_slice(&chunk);
        crc.combine(&c1);
    }
    stored(tail, &mut data);
    crc.update(tail);
    data.extend_from_slice(&[0x03, 0x00]); // a final, empty fixed block
    let size = head.len() as u64 + u64::from(mib) * chunk_len as u64 + tail.len() as u64;
    let small = package(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", workbook.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
    ]);
    append_deflated(&small, "xl/worksheets/sheet1.xml", &data, crc.sum(), size)
}

/// Adds one already-deflated part to a ZIP written by [`package`]
/// (rewriting its central directory; sizes below 4 GiB).
fn append_deflated(zip_bytes: &[u8], name: &str, data: &[u8], crc: u32, size: u64) -> Vec<u8> {
    // The end of central directory record: the last 22 bytes (no comment).
    let eocd = zip_bytes.len() - 22;
    let le16 = |at: usize| u16::from_le_bytes([zip_bytes[at], zip_bytes[at + 1]]);
    let le32 = |at: usize| {
        u32::from_le_bytes([
            zip_bytes[at],
            zip_bytes[at + 1],
            zip_bytes[at + 2],
            zip_bytes[at + 3],
        ])
    };
    let entries = le16(eocd + 10);
    let cd_size = le32(eocd + 12) as usize;
    let cd_start = le32(eocd + 16) as usize;
    let mut out = zip_bytes[..cd_start].to_vec();
    let offset = out.len() as u32;
    let (compressed, size) = (data.len() as u32, size as u32);
    let name = name.as_bytes();
    // Local file header.
    out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
    out.extend_from_slice(&20u16.to_le_bytes()); // version needed
    out.extend_from_slice(&0u16.to_le_bytes()); // flags
    out.extend_from_slice(&8u16.to_le_bytes()); // deflate
    out.extend_from_slice(&0u32.to_le_bytes()); // time, date
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&compressed.to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&(name.len() as u16).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // extra
    out.extend_from_slice(name);
    out.extend_from_slice(data);
    let new_cd_start = out.len() as u32;
    out.extend_from_slice(&zip_bytes[cd_start..cd_start + cd_size]);
    // Its central directory header.
    out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
    out.extend_from_slice(&20u16.to_le_bytes()); // made by
    out.extend_from_slice(&20u16.to_le_bytes()); // needed
    out.extend_from_slice(&0u16.to_le_bytes());
    out.extend_from_slice(&8u16.to_le_bytes());
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&crc.to_le_bytes());
    out.extend_from_slice(&compressed.to_le_bytes());
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&(name.len() as u16).to_le_bytes());
    out.extend_from_slice(&[0u8; 12]); // extra, comment, disk, attributes
    out.extend_from_slice(&offset.to_le_bytes());
    out.extend_from_slice(name);
    let new_cd_size = out.len() as u32 - new_cd_start;
    // End of central directory.
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0u8; 4]);
    out.extend_from_slice(&(entries + 1).to_le_bytes());
    out.extend_from_slice(&(entries + 1).to_le_bytes());
    out.extend_from_slice(&new_cd_size.to_le_bytes());
    out.extend_from_slice(&new_cd_start.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    #[test]
    fn the_bomb_is_an_honest_zip() {
        let bytes = super::sheet_bomb("S", 3);
        assert!(bytes.len() < 64 << 10, "{} bytes on the wire", bytes.len());
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let mut part = zip.by_name("xl/worksheets/sheet1.xml").unwrap();
        let mut text = Vec::new();
        part.read_to_end(&mut text)
            .expect("the checksum and size hold");
        assert_eq!(text.len() as u64, part.size());
        assert!(text.len() > 3 << 20);
        assert!(text.ends_with(super::SHEET_TAIL.as_bytes()));
    }

    #[test]
    fn the_small_ones_are_small() {
        assert!(super::far_cell("S").len() < 2_000);
        assert!(super::shared_strings_bomb("S").len() < 2_000);
        assert!(super::many_sheets("S", 2_000).len() < 100_000);
    }
}
