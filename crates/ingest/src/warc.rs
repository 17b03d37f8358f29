//! WARC (ISO 28500) records, streamed one at a time: Common Crawl's CC-NEWS format.
//!
//! Only `response` (and `resource`) records whose payload is HTML become documents; the rest are
//! counted and skipped. Every record is read with a bounded buffer: a record larger than the
//! limit is skipped without being held, and a record whose `Content-Length` lies is detected
//! when the next record does not start where it should — the reader then resynchronises on the
//! next `WARC/` version line instead of giving up on the file.

use std::io::{self, BufRead, Read};

use storyline_model::{Document, RawDocument, RawFormat};

use crate::decode::{decode, sniff_meta_charset};
use crate::IngestError;

/// Longest header line accepted; real ones are far shorter.
const MAX_LINE: u64 = 64 * 1024;
/// How far the reader scans for the next record after a damaged one.
const MAX_RESYNC: u64 = 256 * 1024 * 1024;

pub(crate) enum Next {
    /// A document; the record's `WARC-Date` (when the page was fetched) is its
    /// `fallback_published`, never its publication date.
    Document(Box<RawDocument>),
    Problem(IngestError),
    Skipped,
}

pub(crate) struct WarcReader {
    reader: Box<dyn BufRead>,
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

/// Parse `Name: value` header lines up to a blank line; names lower-cased.
/// Header fields in order, names lower-cased.
type Headers = Vec<(String, String)>;

fn read_headers(r: &mut dyn BufRead) -> io::Result<Headers> {
    let mut out = Vec::new();
    let mut buf = Vec::new();
    loop {
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
        if out.len() > 1000 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "more than 1000 header lines",
            ));
        }
    }
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
    pub(crate) fn new(reader: Box<dyn BufRead>, origin: String) -> Self {
        WarcReader {
            reader,
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
            let n = read_line(self.reader.as_mut(), &mut buf)?;
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
                    "no WARC record header found",
                ));
            }
        }
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
        let headers = match read_headers(self.reader.as_mut()) {
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
        if len > max_bytes {
            let skipped = io::copy(&mut self.reader.as_mut().take(len), &mut io::sink());
            if skipped.map_or(true, |n| n < len) {
                self.done = true;
            }
            return Next::Problem(IngestError::TooLarge {
                origin,
                limit: max_bytes,
            });
        }
        let mut block = Vec::with_capacity(len.min(1 << 20) as usize);
        if let Err(e) = self.reader.as_mut().take(len).read_to_end(&mut block) {
            self.done = true;
            return problem(format!("cannot read the record: {e}"));
        }
        if (block.len() as u64) < len {
            self.done = true;
            return problem(format!("truncated: {} of {len} bytes present", block.len()));
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
