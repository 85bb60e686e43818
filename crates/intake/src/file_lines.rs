//! File line numbers for CSV records, counted from byte offsets.
//!
//! The csv crate skips blank lines without counting them, so its own line
//! numbers fall behind after the first blank line. Every CSV reader here
//! asks [`FileLines`] instead, with the byte offset the record starts at.

/// Counts lines in a file's text as records are read, front to back.
#[derive(Debug)]
pub struct FileLines<'a> {
    text: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> FileLines<'a> {
    /// A counter over the whole text the CSV reader reads.
    pub fn new(text: &'a [u8]) -> Self {
        Self {
            text,
            at: 0,
            line: 1,
        }
    }

    /// The 1-based line of a record whose read began at `byte`: the reader
    /// may begin at the blank lines before a record, so line ends there
    /// are stepped over. Offsets normally grow; a smaller one recounts.
    pub fn at(&mut self, byte: u64) -> u64 {
        let mut end = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        while matches!(self.text.get(end), Some(b'\r' | b'\n')) {
            end += 1;
        }
        if end < self.at {
            self.at = 0;
            self.line = 1;
        }
        self.line += memchr::memchr_iter(b'\n', &self.text[self.at..end]).count() as u64;
        self.at = end;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::FileLines;

    /// Every record's line as the csv crate finds the records.
    fn lines(text: &str) -> Vec<u64> {
        let mut counter = FileLines::new(text.as_bytes());
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .byte_records()
            .map(|r| counter.at(r.unwrap().position().unwrap().byte()))
            .collect()
    }

    #[test]
    fn blank_lines_and_crlf_are_counted() {
        assert_eq!(lines("a\nb\n\n\nc\nd\n"), [1, 2, 5, 6]);
        assert_eq!(lines("a\r\n\r\nb\r\nc"), [1, 3, 4]);
        assert_eq!(lines("\n\na\n"), [3]);
        // A quoted field over two lines: the next record starts two on.
        assert_eq!(lines("\"x\ny\"\nz\n"), [1, 3]);
    }
}
