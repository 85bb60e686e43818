//! Writing tables to stdout as CSV. Every cell goes through
//! `congthuong_core::spreadsheet::neutralise`: text that would start a
//! spreadsheet formula (a note, a name typed by a user) gets a leading
//! apostrophe; numbers are written as they are.

use std::io::Write;

use congthuong_core::spreadsheet::neutralise;

/// A CSV writer whose cells never start a spreadsheet formula.
pub struct SafeCsv<W: Write>(csv::Writer<W>);

impl<W: Write> SafeCsv<W> {
    /// A writer over `w`.
    pub fn new(w: W) -> Self {
        Self(csv::WriterBuilder::new().from_writer(w))
    }

    /// Writes one record, each cell neutralised.
    pub fn write_record<I, T>(&mut self, record: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.0.write_record(
            record
                .into_iter()
                .map(|c| neutralise(c.as_ref()).into_owned()),
        )
    }

    /// Flushes.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// A CSV writer on locked stdout.
pub fn stdout_csv() -> SafeCsv<std::io::StdoutLock<'static>> {
    SafeCsv::new(std::io::stdout().lock())
}

/// Writes a header and rows, then flushes.
pub fn write_table<W: Write>(
    mut w: SafeCsv<W>,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<String>>,
) -> anyhow::Result<()> {
    w.write_record(header)?;
    for row in rows {
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_that_starts_a_formula_is_neutralised_and_numbers_are_kept() {
        let mut buf = Vec::new();
        write_table(
            SafeCsv::new(&mut buf),
            &["note", "value"],
            [
                vec!["=HYPERLINK(\"http://evil\",\"x\")".into(), "-15.2".into()],
                vec!["@SUM(A1)".into(), "3".into()],
            ],
        )
        .unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(
            text,
            "note,value\n\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",-15.2\n'@SUM(A1),3\n"
        );
    }
}
