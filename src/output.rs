//! Writing tables to stdout as CSV.

use std::io::Write;

/// A CSV writer on locked stdout.
pub fn stdout_csv() -> csv::Writer<std::io::StdoutLock<'static>> {
    csv::WriterBuilder::new().from_writer(std::io::stdout().lock())
}

/// Writes a header and rows, then flushes.
pub fn write_table<W: Write>(
    mut w: csv::Writer<W>,
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
