//! WARC (ISO 28500) records, streamed one at a time: Common Crawl's CC-NEWS format.
//!
//! Only `response` (and `resource`) records whose payload is HTML become documents; the rest are
//! counted and skipped. Every record is read with a bounded buffer: a record larger than the
//! limit is skipped without being held, and a record whose `Content-Length` lies is detected
//! either way: too short, when the next record does not start where it should — the reader then
//! resynchronises on the next `WARC/` version line; too long, when the block runs into the next
//! record's header — the record is reported and the reader goes on from that header. Neither
//! gives up on the file.

use std::io::{self, BufRead, Read};

use storyline_model::{Document, RawDocument, RawFormat};

use crate::decode::{decode, sniff_meta_charset};
use crate::IngestError;

/// Longest header line accepted; real ones are far shorter.
const MAX_LINE: u64 = 64 * 1024;
/// Most header lines of one record (or HTTP response) read before it is judged broken.
const MAX_HEADER_LINES: usize = 1000;
/// How far the reader scans for the next record after a damaged one.
const MAX_RESYNC: u64 = 256 * 1024 * 1024;

pub(crate) enum Next {
    /// A document; the record's `WARC-Date` (when the page was fetched) is its
    /// `fallback_published`, never its publication date.
    Document(Box<RawDocument>),
    Problem(IngestError),
    Skipped,
}

/// A reader that can take back bytes it already gave out: the start of the next record, found
/// inside a block whose length lied.
struct Pushback {
    front: Vec<u8>,
    pos: usize,
    inner: Box<dyn BufRead + Send>,
}

impl Pushback {
    fn unread(&mut self, bytes: &[u8]) {
        let mut front = bytes.to_vec();
        front.extend_from_slice(&self.front[self.pos..]);
        self.front = front;
        self.pos = 0;
    }
}

impl Read for Pushback {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.pos < self.front.len() {
            let n = buf.len().min(self.front.len() - self.pos);
            buf[..n].copy_from_slice(&self.front[self.pos..self.pos + n]);
            self.consume(n);
            return Ok(n);
        }
        self.inner.read(buf)
    }
}

impl BufRead for Pushback {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos < self.front.len() {
            return Ok(&self.front[self.pos..]);
        }
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        if self.pos < self.front.len() {
            self.pos = (self.pos + n).min(self.front.len());
            if self.pos == self.front.len() {
                self.front = Vec::new();
                self.pos = 0;
            }
        } else {
            self.inner.consume(n);
        }
    }
}

/// How a block of the declared length ended.
enum BlockEnd {
    Whole,
    /// The input ended after this many bytes.
    Short(u64),
    /// The next record's header starts at this offset of the block (now unread).
    Overrun(u64),
}

/// Where a record header (a `WARC/1.` line after a blank line) starts in `window`, if anywhere.
fn record_start(window: &[u8]) -> Option<usize> {
    const MARK: &[u8] = b"\nWARC/1.";
    window
        .windows(MARK.len())
        .enumerate()
        .find(|&(i, w)| {
            w == MARK && (window[..i].ends_with(b"\n\r") || window[..i].ends_with(b"\n"))
        })
        .map(|(i, _)| i + 1)
}

/// Bytes kept from one chunk to the next so a header split between them is still found.
const OVERLAP: usize = 16;

pub(crate) struct WarcReader {
    reader: Pushback,
    origin: String,
    record: usize,
    /// A version line was already consumed while resynchronising.
    pending: bool,
    pub(crate) done: bool,
    pub(crate) skipped: usize,
}

fn read_line(r: &mut dyn BufRead, buf: &mut Vec<u8>) -> io::Result<usize> {
    buf.clear();
    r.take(MAX_LINE).read_until(b'\n', buf)
}

fn trim_eol(b: &[u8]) -> &[u8] {
    let mut end = b.len();
    while end > 0 && matches!(b[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    &b[..end]
}

/// Header fields in order, names lower-cased.
type Headers = Vec<(String, String)>;

/// Parse `Name: value` header lines up to a blank line; lines without a colon are ignored.
fn read_headers(r: &mut dyn BufRead) -> io::Result<Headers> {
    let mut out = Vec::new();
    let mut buf = Vec::new();
    for _ in 0..MAX_HEADER_LINES {
        if read_line(r, &mut buf)? == 0 {
            return Ok(out);
        }
        let line = trim_eol(&buf);
        if line.is_empty() {
            return Ok(out);
        }
        let text = String::from_utf8_lossy(line);
        if let Some((k, v)) = text.split_once(':') {
            out.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidData,
        format!("more than {MAX_HEADER_LINES} header lines"),
    ))
}

fn header<'a>(h: &'a [(String, String)], name: &str) -> Option<&'a str> {
    h.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

/// `charset=` parameter of a Content-Type value.
fn charset_param(content_type: &str) -> Option<&'static encoding_rs::Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let (_, rest) = lower.split_once("charset=")?;
    let label = rest
        .trim_start_matches(['"', '\''])
        .split(['"', '\'', ';', ' '])
        .next()?;
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// Split an HTTP response into (status code, headers, body).
fn split_http(block: &[u8]) -> Option<(u16, Headers, &[u8])> {
    let mut r: &[u8] = block;
    let mut status = Vec::new();
    read_line(&mut r, &mut status).ok()?;
    let status_line = String::from_utf8_lossy(trim_eol(&status)).into_owned();
    let code = status_line.split_whitespace().nth(1)?.parse().ok()?;
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let headers = read_headers(&mut r).ok()?;
    Some((code, headers, r))
}

fn is_html(content_type: Option<&str>, body: &[u8]) -> bool {
    match content_type {
        Some(ct) => {
            let ct = ct.to_ascii_lowercase();
            ct.contains("text/html") || ct.contains("application/xhtml")
        }
        // No type given: trust the bytes.
        None => body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<'),
    }
}

impl WarcReader {
    pub(crate) fn new(reader: Box<dyn BufRead + Send>, origin: String) -> Self {
        WarcReader {
            reader: Pushback {
                front: Vec::new(),
                pos: 0,
                inner: reader,
            },
            origin,
            record: 0,
            pending: false,
            done: false,
            skipped: 0,
        }
    }

    /// Find the next `WARC/` version line. Returns whether one was found and whether other
    /// bytes had to be skipped to reach it (the previous record's length was wrong).
    fn seek_record(&mut self) -> io::Result<(bool, bool)> {
        let mut buf = Vec::new();
        let mut scanned = 0u64;
        let mut garbage = false;
        loop {
            let n = read_line(&mut self.reader, &mut buf)?;
            if n == 0 {
                return Ok((false, garbage));
            }
            let line = trim_eol(&buf);
            if line.starts_with(b"WARC/") {
                return Ok((true, garbage));
            }
            garbage |= !line.is_empty();
            scanned += n as u64;
            if scanned > MAX_RESYNC {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("no WARC record header in {MAX_RESYNC} bytes; not a WARC file?"),
                ));
            }
        }
    }

    /// Reads a block of `len` bytes (keeping them only when `keep`), watching for the next
    /// record's header inside it: a `Content-Length` that is too long must not swallow the
    /// records after it.
    fn read_block(&mut self, len: u64, keep: bool) -> io::Result<(Vec<u8>, BlockEnd)> {
        let mut block = Vec::with_capacity(if keep { len.min(1 << 20) as usize } else { 0 });
        let mut chunk = vec![0u8; 64 * 1024];
        let mut window: Vec<u8> = Vec::with_capacity(chunk.len() + OVERLAP);
        let mut done = 0u64;
        while done < len {
            let want = (len - done).min(chunk.len() as u64) as usize;
            let n = match self.reader.read(&mut chunk[..want]) {
                Ok(0) => return Ok((block, BlockEnd::Short(done))),
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            // `window` holds the last bytes of the previous chunk, then this one.
            let window_start = done - window.len() as u64;
            window.extend_from_slice(&chunk[..n]);
            if keep {
                block.extend_from_slice(&chunk[..n]);
            }
            if let Some(p) = record_start(&window) {
                let at = window_start + p as u64;
                self.reader.unread(&window[p..]);
                block.truncate(at as usize);
                return Ok((block, BlockEnd::Overrun(at)));
            }
            done += n as u64;
            let keep_from = window.len().saturating_sub(OVERLAP);
            window.drain(..keep_from);
        }
        Ok((block, BlockEnd::Whole))
    }

    pub(crate) fn next(&mut self, max_bytes: u64) -> Option<Next> {
        if self.done {
            return None;
        }
        if !std::mem::take(&mut self.pending) {
            let (found, garbage) = match self.seek_record() {
                Ok(f) => f,
                Err(source) => {
                    self.done = true;
                    return Some(Next::Problem(IngestError::Io {
                        origin: self.origin.clone(),
                        source,
                    }));
                }
            };
            if garbage {
                // Report the damage once, then read the record we resynchronised on.
                self.pending = found;
                self.done = !found;
                return Some(Next::Problem(IngestError::Record {
                    origin: format!("{} after record {}", self.origin, self.record),
                    reason: "unexpected bytes where a record should start (a wrong Content-Length?); resynchronised on the next record".into(),
                }));
            }
            if !found {
                self.done = true;
                return None;
            }
        }
        self.record += 1;
        Some(self.read_record(max_bytes))
    }

    fn read_record(&mut self, max_bytes: u64) -> Next {
        let origin = format!("{} record {}", self.origin, self.record);
        let problem = |reason: String| {
            Next::Problem(IngestError::Record {
                origin: origin.clone(),
                reason,
            })
        };
        let headers = match read_headers(&mut self.reader) {
            Ok(h) => h,
            Err(e) => {
                self.done = true;
                return problem(format!("unreadable header: {e}"));
            }
        };
        let Some(len) = header(&headers, "content-length").and_then(|v| v.parse::<u64>().ok())
        else {
            // Without a length the block's end is unknown: the next seek resynchronises.
            return problem("missing or invalid Content-Length; record skipped".into());
        };
        let keep = len <= max_bytes;
        let (block, end) = match self.read_block(len, keep) {
            Ok(b) => b,
            Err(e) => {
                self.done = true;
                return problem(format!("cannot read the record: {e}"));
            }
        };
        match end {
            BlockEnd::Overrun(at) => {
                return problem(format!(
                    "Content-Length says {len} bytes but the next record starts after {at}; \
                     record skipped"
                ))
            }
            BlockEnd::Short(present) => {
                self.done = true;
                return problem(format!("truncated: {present} of {len} bytes present"));
            }
            BlockEnd::Whole if !keep => {
                return Next::Problem(IngestError::TooLarge {
                    origin,
                    limit: max_bytes,
                })
            }
            BlockEnd::Whole => {}
        }
        let warc_type = header(&headers, "warc-type")
            .unwrap_or("")
            .to_ascii_lowercase();
        let (content_type, body): (Option<String>, &[u8]) = match warc_type.as_str() {
            "response" => match split_http(&block) {
                Some((code, http, body)) if (200..300).contains(&code) => {
                    if header(&http, "content-encoding")
                        .is_some_and(|e| !e.eq_ignore_ascii_case("identity"))
                    {
                        // CC-NEWS stores decoded payloads; an encoded one we cannot trust.
                        self.skipped += 1;
                        return Next::Skipped;
                    }
                    (header(&http, "content-type").map(str::to_owned), body)
                }
                Some(_) => {
                    self.skipped += 1;
                    return Next::Skipped;
                }
                None => {
                    return problem("response record without a valid HTTP header; skipped".into())
                }
            },
            "resource" => (
                header(&headers, "content-type").map(str::to_owned),
                &block[..],
            ),
            _ => {
                self.skipped += 1;
                return Next::Skipped;
            }
        };
        if !is_html(content_type.as_deref(), body) {
            self.skipped += 1;
            return Next::Skipped;
        }
        let declared = content_type
            .as_deref()
            .and_then(charset_param)
            .or_else(|| sniff_meta_charset(body));
        let decoded = decode(body, declared);
        let url =
            header(&headers, "warc-target-uri").map(|u| u.trim_matches(['<', '>']).to_owned());
        let id = url
            .clone()
            .or_else(|| header(&headers, "warc-record-id").map(str::to_owned))
            .unwrap_or_else(|| origin.clone());
        let hints = Document {
            id: id.clone(),
            url,
            ..Document::default()
        };
        let fetched = header(&headers, "warc-date").map(str::to_owned);
        Next::Document(Box::new(RawDocument {
            id,
            format: RawFormat::Html,
            content: decoded.text,
            hints,
            fallback_published: fetched,
        }))
    }
}
