//! Reading a large CSV file as blocks of whole lines, parsed in parallel.
//!
//! One thread reads fixed-size blocks and cuts each at its last line end
//! that is outside quotes (RFC 4180 fields may hold newlines); worker
//! threads each own a [`BlockSink`] and take blocks as they come. Memory
//! stays at a few blocks whatever the file size. The reader tells a sink
//! whether a block holds any double quote (it had to look anyway), and a
//! sink reports how many physical lines a block held (it walks them
//! anyway), so error positions (kept per block) can be turned into file
//! line numbers afterwards: nothing scans the bytes twice for either.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};

/// Bytes per block.
pub const BLOCK_SIZE: usize = 4 << 20;

/// What each worker does with the blocks it gets.
pub trait BlockSink: Send {
    /// Processes a block of whole lines (the last one may lack its line
    /// end at the end of the file). `seq` numbers blocks from 0 in file
    /// order; `quoted` is true when the block holds a double quote. Returns
    /// the number of physical lines in the block: its line feeds, plus one
    /// when it does not end with one (see [`count_lines`]).
    fn block(&mut self, seq: usize, bytes: &[u8], quoted: bool) -> u64;
}

/// The physical lines of a block: its line feeds, plus one when it does
/// not end with one.
pub fn count_lines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
        + u64::from(bytes.last().is_some_and(|b| *b != b'\n'))
}

/// The header record and what followed it.
#[derive(Clone, Debug)]
pub struct Header {
    /// Column names, as written (a UTF-8 byte-order mark removed).
    pub names: Vec<String>,
    /// Physical lines the header took (1 unless a name holds a newline).
    pub lines: u64,
}

/// The end (exclusive) of the last line that ends outside quotes, if any.
/// A block always starts outside quotes; `quoted` says whether it holds a
/// double quote at all.
fn last_line_end(buf: &[u8], quoted: bool) -> Option<usize> {
    if !quoted {
        return memchr::memrchr(b'\n', buf).map(|i| i + 1);
    }
    let mut inside = false;
    let mut last = None;
    for i in memchr::memchr2_iter(b'"', b'\n', buf) {
        match buf[i] {
            b'"' => inside = !inside,
            _ if !inside => last = Some(i + 1),
            _ => {}
        }
    }
    last
}

fn read_up_to(file: &mut File, buf: &mut Vec<u8>, want: usize) -> io::Result<bool> {
    let need = want.saturating_sub(buf.len());
    let got = file.by_ref().take(need as u64).read_to_end(buf)?;
    Ok(got < need)
}

/// Parses the header record at the start of `buf` and removes it.
fn take_header(buf: &mut Vec<u8>) -> Header {
    let end = last_line_end_first(buf).unwrap_or(buf.len());
    let head: Vec<u8> = buf.drain(..end).collect();
    let lines = head.iter().filter(|b| **b == b'\n').count().max(1) as u64;
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&head[..]);
    let names = r
        .byte_records()
        .next()
        .and_then(Result::ok)
        .map(|rec| {
            rec.iter()
                .map(|f| {
                    String::from_utf8_lossy(f)
                        .trim_start_matches('\u{feff}')
                        .to_owned()
                })
                .collect()
        })
        .unwrap_or_default();
    Header { names, lines }
}

/// The end of the first line that ends outside quotes.
fn last_line_end_first(buf: &[u8]) -> Option<usize> {
    let mut inside = false;
    for i in memchr::memchr2_iter(b'"', b'\n', buf) {
        match buf[i] {
            b'"' => inside = !inside,
            _ if !inside => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// A worker's sink when the read is over, with `(block, lines)` of each
/// block it took.
type Done<S> = (S, Vec<(usize, u64)>);

/// A CSV file opened for block reading: the header is already read.
pub struct BlockReader {
    file: File,
    first: Vec<u8>,
    eof: bool,
    header: Header,
}

impl BlockReader {
    /// Opens `path` and reads its header record.
    pub fn open(path: &Path) -> io::Result<Self> {
        let mut file = File::open(path)?;
        let mut first = Vec::with_capacity(BLOCK_SIZE);
        let mut eof = read_up_to(&mut file, &mut first, BLOCK_SIZE)?;
        // A header longer than a block: keep reading until its line ends.
        while !eof && last_line_end_first(&first).is_none() {
            let want = first.len() + BLOCK_SIZE;
            eof = read_up_to(&mut file, &mut first, want)?;
        }
        let header = take_header(&mut first);
        Ok(Self {
            file,
            first,
            eof,
            header,
        })
    }

    /// The header record.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Sends every block through one of the `workers` (one thread each)
    /// and returns them with the physical line count of each block (as the
    /// sinks reported it), in order. `stop` lets sinks end the read early (e.g. after too many
    /// errors); blocks already read are still processed.
    pub fn run<S: BlockSink>(
        self,
        workers: Vec<S>,
        stop: &AtomicBool,
    ) -> io::Result<(Vec<S>, Vec<u64>)> {
        let BlockReader {
            mut file,
            first,
            mut eof,
            ..
        } = self;
        let n_workers = workers.len().max(1);
        let (to_workers, from_reader) = mpsc::sync_channel::<(usize, Vec<u8>, bool)>(n_workers * 2);
        let (recycle, recycled) = mpsc::channel::<Vec<u8>>();
        let from_reader = Mutex::new(from_reader);

        let done = std::thread::scope(|scope| -> io::Result<Vec<Done<S>>> {
            let handles: Vec<_> = workers
                .into_iter()
                .map(|mut sink| {
                    let from_reader = &from_reader;
                    let recycle = recycle.clone();
                    scope.spawn(move || {
                        let mut counts = Vec::new();
                        loop {
                            let next = from_reader.lock().map(|rx| rx.recv());
                            let Ok(Ok((seq, buf, quoted))) = next else {
                                break;
                            };
                            counts.push((seq, sink.block(seq, &buf, quoted)));
                            let _ = recycle.send(buf);
                        }
                        (sink, counts)
                    })
                })
                .collect();
            drop(recycle);

            let mut seq = 0;
            let mut carry = first;
            let mut read_result = Ok(());
            loop {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let mut buf = recycled
                    .try_recv()
                    .unwrap_or_else(|_| Vec::with_capacity(BLOCK_SIZE + (64 << 10)));
                buf.clear();
                buf.append(&mut carry);
                if !eof {
                    match read_up_to(&mut file, &mut buf, BLOCK_SIZE) {
                        Ok(e) => eof = e,
                        Err(e) => {
                            read_result = Err(e);
                            break;
                        }
                    }
                }
                let mut quoted = memchr::memchr(b'"', &buf).is_some();
                let cut = if eof {
                    buf.len()
                } else {
                    last_line_end(&buf, quoted).unwrap_or(0)
                };
                carry.extend_from_slice(&buf[cut..]);
                buf.truncate(cut);
                if quoted && !carry.is_empty() {
                    quoted = memchr::memchr(b'"', &buf).is_some();
                }
                if !buf.is_empty() {
                    if to_workers.send((seq, buf, quoted)).is_err() {
                        break;
                    }
                    seq += 1;
                }
                if eof && carry.is_empty() {
                    break;
                }
            }
            drop(to_workers);
            let done = handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect();
            read_result.map(|()| done)
        })?;
        let mut line_counts = Vec::new();
        let mut sinks = Vec::with_capacity(done.len());
        for (sink, counts) in done {
            for (seq, lines) in counts {
                if line_counts.len() <= seq {
                    line_counts.resize(seq + 1, 0);
                }
                line_counts[seq] = lines;
            }
            sinks.push(sink);
        }
        Ok((sinks, line_counts))
    }
}

/// The file line (1-based, header included) of line `line_in_block`
/// (1-based) of block `seq`.
pub fn file_line(header: &Header, line_counts: &[u64], seq: usize, line_in_block: u64) -> u64 {
    header.lines + line_counts[..seq].iter().sum::<u64>() + line_in_block
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    struct Collect(Vec<(usize, Vec<u8>)>);
    impl BlockSink for Collect {
        fn block(&mut self, seq: usize, bytes: &[u8], quoted: bool) -> u64 {
            assert_eq!(quoted, bytes.contains(&b'"'));
            self.0.push((seq, bytes.to_vec()));
            count_lines(bytes)
        }
    }

    #[test]
    fn blocks_hold_whole_records_even_with_quoted_newlines() {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        let mut body = b"\xef\xbb\xbfa,\"b\nc\"\r\n".to_vec();
        for i in 0..500_000 {
            write!(body, "{i},\"x\ny\"\n").unwrap();
        }
        body.extend_from_slice(b"last,row");
        f.write_all(&body).unwrap();
        let stop = AtomicBool::new(false);
        let reader = BlockReader::open(f.path()).unwrap();
        let header = Header {
            names: reader.header().names.clone(),
            lines: reader.header().lines,
        };
        let (sinks, counts) = reader
            .run(vec![Collect(Vec::new()), Collect(Vec::new())], &stop)
            .unwrap();
        assert_eq!(header.names, vec!["a".to_owned(), "b\nc".to_owned()]);
        assert_eq!(header.lines, 2);
        let mut blocks: Vec<_> = sinks.into_iter().flat_map(|s| s.0).collect();
        blocks.sort();
        assert!(blocks.len() > 1);
        let joined: Vec<u8> = blocks.iter().flat_map(|(_, b)| b.clone()).collect();
        assert_eq!(joined, body[b"\xef\xbb\xbfa,\"b\nc\"\r\n".len()..]);
        for (_, b) in &blocks[..blocks.len() - 1] {
            assert_eq!(
                b.iter().filter(|c| **c == b'"').count() % 2,
                0,
                "a block never ends inside quotes"
            );
        }
        assert_eq!(counts.iter().sum::<u64>(), 1_000_001);
        assert_eq!(file_line(&header, &counts, 0, 1), 3);
    }
}
