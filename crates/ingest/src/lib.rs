//! Ingest: inputs → decoded [`RawDocument`]s, one at a time.
//!
//! This is storyline's input boundary, the only stage that touches files. It walks directories
//! in sorted order (so runs are reproducible), reads `.txt`, `.html`/`.htm`, `.jsonl`, `.json`
//! and their `.gz` forms, or stdin, and streams: JSONL is read line by line, so memory does not
//! grow with the input. Bad input never stops the stream — each problem is an [`Item::Problem`]
//! naming the file (and line) and the reason, and the next record follows.

mod decode;
mod gzip;
mod record;
mod warc;

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use storyline_model::{Document, RawDocument, RawFormat};

pub use decode::{decode, looks_binary, sniff_meta_charset, Decoded};
pub use gzip::{Bomb, MAX_RATIO};
pub use record::parse_body;

/// What went wrong with one input. Every variant names where, so a user can find it.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("{origin}: cannot read: {source}")]
    Io { origin: String, source: io::Error },
    #[error("{origin}: empty file, nothing to read")]
    Empty { origin: String },
    #[error("{origin}: binary data, not text or HTML; skipped")]
    Binary { origin: String },
    #[error("{origin}: gzip data is corrupt or truncated ({source}); {kept}")]
    Gzip {
        origin: String,
        source: io::Error,
        kept: &'static str,
    },
    #[error(
        "{origin}: larger than the limit of {limit} bytes; skipped (raise it with --max-bytes)"
    )]
    TooLarge { origin: String, limit: u64 },
    #[error("{origin}: unsupported file type (expected .txt, .html, .htm, .jsonl, .json, optionally .gz)")]
    Unsupported { origin: String },
    #[error("{origin}: {source}")]
    Bomb { origin: String, source: gzip::Bomb },
    #[error("{origin}: {reason}")]
    Record { origin: String, reason: String },
    #[error("{origin}: {detail}")]
    Decoding { origin: String, detail: String },
}

impl IngestError {
    /// Warnings leave the record usable (it was still read); everything else skipped something.
    pub fn is_warning(&self) -> bool {
        matches!(self, IngestError::Decoding { .. })
    }
}

/// One step of the stream.
#[derive(Debug)]
pub enum Item {
    Document(RawDocument),
    Problem(IngestError),
}

/// A read error of a gzip stream: a stopped bomb, or corrupt data (`kept` says what survived).
fn gzip_error(origin: String, source: io::Error, kept: &'static str) -> IngestError {
    match gzip::bomb_of(&source) {
        Some(bomb) => IngestError::Bomb {
            origin,
            source: bomb.clone(),
        },
        None => IngestError::Gzip {
            origin,
            source,
            kept,
        },
    }
}

/// The decompressed stream of a `.gz` input; `max_bytes` is the output always allowed before
/// the bomb check (one record's worth).
fn gunzip(reader: Box<dyn Read + Send>, max_bytes: u64) -> Box<dyn Read + Send> {
    Box::new(gzip::Inflate::new(reader, max_bytes))
}

/// Knobs for hostile or unusual input.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Largest single document (file, or JSONL line) read; larger ones are reported and skipped.
    pub max_bytes: u64,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_bytes: 64 * 1024 * 1024,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    Jsonl,
    Json,
    Warc,
}

/// Classify a path by extension, looking through a trailing `.gz`.
fn kind_of(path: &Path) -> Option<(Kind, bool)> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let (name, gz) = match name.strip_suffix(".gz") {
        Some(n) => (n.to_owned(), true),
        None => (name, false),
    };
    let ext = Path::new(&name).extension()?.to_str()?.to_owned();
    let kind = match ext.as_str() {
        "txt" | "text" => Kind::Text,
        "html" | "htm" | "xhtml" => Kind::Html,
        "jsonl" | "ndjson" => Kind::Jsonl,
        "json" => Kind::Json,
        "warc" => Kind::Warc,
        _ => return None,
    };
    Some((kind, gz))
}

/// Total size of the files the inputs name (directories walked with the same filter as
/// reading), for a progress bar's ETA; `None` when an input is stdin, whose size is unknown.
pub fn input_size<P: AsRef<Path>>(inputs: &[P]) -> Option<u64> {
    let mut total = 0;
    for p in inputs {
        let p = p.as_ref();
        if p == Path::new("-") {
            return None;
        }
        if p.is_dir() {
            for e in walkdir::WalkDir::new(p).into_iter().flatten() {
                if e.file_type().is_file() && kind_of(e.path()).is_some() {
                    total += e.metadata().map_or(0, |m| m.len());
                }
            }
        } else {
            total += std::fs::metadata(p).map_or(0, |m| m.len());
        }
    }
    Some(total)
}

/// Bytes read from input files so far (before decompression), readable from another thread
/// while the [`Ingest`] iterator runs.
#[derive(Clone, Debug, Default)]
pub struct BytesRead(Arc<AtomicU64>);

impl BytesRead {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// A file reader that adds what it reads to a [`BytesRead`].
struct Counted<R> {
    inner: R,
    counter: BytesRead,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.0.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

enum Source {
    /// A file to read; `id` is its path relative to the input root.
    File {
        path: PathBuf,
        id: String,
        explicit: bool,
    },
    Dir {
        root: PathBuf,
        walk: walkdir::IntoIter,
    },
    Stdin,
    /// An already open stream (an upload, a fuzz input); its kind comes from `name`.
    Reader {
        name: String,
        reader: Box<dyn Read + Send>,
    },
}

/// A JSONL stream being read line by line.
struct Lines {
    reader: Box<dyn BufRead + Send>,
    origin: String,
    /// Prefix for ids of records that carry none (`""` for stdin: the id is the line number).
    id_prefix: String,
    line: usize,
    gz: bool,
    /// Set once the stream cannot go on (read error, truncated gzip).
    finished: bool,
}

impl Lines {
    fn new(reader: Box<dyn BufRead + Send>, origin: String, id_prefix: String, gz: bool) -> Self {
        Lines {
            reader,
            origin,
            id_prefix,
            line: 0,
            gz,
            finished: false,
        }
    }

    /// The next non-blank line as `(origin, fallback id, bytes)`, bounded by `limit` bytes:
    /// an oversized line is skipped (never held whole) and reported.
    #[allow(clippy::type_complexity)]
    fn next_record(
        &mut self,
        limit: u64,
    ) -> Option<Result<(String, String, Vec<u8>), IngestError>> {
        if self.finished {
            return None;
        }
        let mut buf = Vec::new();
        let read = self.skip_blank().and_then(|()| {
            (&mut self.reader)
                .take(limit.saturating_add(1))
                .read_until(b'\n', &mut buf)
        });
        self.line += 1;
        let origin = format!("{}:{}", self.origin, self.line);
        match read {
            Ok(0) => return None,
            Ok(_) => {}
            Err(source) => return Some(Err(self.fail(origin, source))),
        }
        if buf.len() as u64 > limit && !buf.ends_with(b"\n") {
            drop(buf);
            return Some(Err(match self.skip_line() {
                Ok(()) => IngestError::TooLarge { origin, limit },
                Err(source) => self.fail(origin, source),
            }));
        }
        let fallback_id = format!("{}{}", self.id_prefix, self.line);
        Some(Ok((origin, fallback_id, buf)))
    }

    /// Consumes white space up to the next record, counting the line ends it passes: blank
    /// lines cost a byte scan, not a read and an allocation each (a file, or a gzip bomb, of
    /// nothing but newlines).
    fn skip_blank(&mut self) -> io::Result<()> {
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            let blank = buf
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(buf.len());
            let more = blank == buf.len();
            self.line += buf[..blank].iter().filter(|&&b| b == b'\n').count();
            self.reader.consume(blank);
            if !more {
                return Ok(());
            }
        }
    }

    /// Consumes the rest of an oversized line without holding it.
    fn skip_line(&mut self) -> io::Result<()> {
        loop {
            let buf = self.reader.fill_buf()?;
            if buf.is_empty() {
                return Ok(());
            }
            match buf.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    self.reader.consume(i + 1);
                    return Ok(());
                }
                None => {
                    let n = buf.len();
                    self.reader.consume(n);
                }
            }
        }
    }

    /// The problem for a read error; the stream cannot go on after it.
    fn fail(&mut self, origin: String, source: io::Error) -> IngestError {
        self.finished = true;
        if self.gz {
            gzip_error(origin, source, "records before this line were read")
        } else {
            IngestError::Io { origin, source }
        }
    }
}

/// The streaming reader over all inputs. Build with [`Ingest::new`], then iterate.
pub struct Ingest {
    opts: IngestOptions,
    sources: VecDeque<Source>,
    lines: Option<Lines>,
    warc: Option<warc::WarcReader>,
    ready: VecDeque<Item>,
    skipped: usize,
    bytes: BytesRead,
}

impl Ingest {
    /// Count the input bytes read into `bytes` (a progress bar holds the other handle).
    pub fn counting_into(mut self, bytes: BytesRead) -> Self {
        self.bytes = bytes;
        self
    }

    /// Records read but not documents (WARC requests, metadata, non-HTML responses).
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// One stream read as if it were a file called `name` (`feed.jsonl.gz`, `crawl.warc`, …):
    /// the name picks the format and prefixes ids and problem origins, exactly as for a file.
    pub fn from_reader(
        name: &str,
        reader: impl Read + Send + 'static,
        opts: IngestOptions,
    ) -> Self {
        Ingest {
            opts,
            sources: VecDeque::from([Source::Reader {
                name: name.to_owned(),
                reader: Box::new(reader),
            }]),
            lines: None,
            warc: None,
            ready: VecDeque::new(),
            skipped: 0,
            bytes: BytesRead::default(),
        }
    }

    /// `inputs` are files, directories, or `-` for stdin, in the order given.
    pub fn new<P: AsRef<Path>>(inputs: &[P], opts: IngestOptions) -> Self {
        let sources = inputs
            .iter()
            .map(|p| {
                let p = p.as_ref();
                if p == Path::new("-") {
                    Source::Stdin
                } else if p.is_dir() {
                    let walk = walkdir::WalkDir::new(p).sort_by_file_name().into_iter();
                    Source::Dir {
                        root: p.to_path_buf(),
                        walk,
                    }
                } else {
                    let id = p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_else(|| p.display().to_string());
                    Source::File {
                        path: p.to_path_buf(),
                        id,
                        explicit: true,
                    }
                }
            })
            .collect();
        Ingest {
            opts,
            sources,
            lines: None,
            warc: None,
            ready: VecDeque::new(),
            skipped: 0,
            bytes: BytesRead::default(),
        }
    }

    fn next_line(&mut self) -> Option<Item> {
        let limit = self.opts.max_bytes;
        let lines = self.lines.as_mut()?;
        match lines.next_record(limit) {
            None => {
                self.lines = None;
                None
            }
            Some(Err(e)) => {
                if lines.finished {
                    self.lines = None;
                }
                Some(Item::Problem(e))
            }
            Some(Ok((origin, fallback_id, buf))) => {
                Some(match record::parse_line(&buf, &fallback_id) {
                    Ok(doc) => Item::Document(doc),
                    Err(reason) => Item::Problem(IngestError::Record { origin, reason }),
                })
            }
        }
    }

    /// Open one file; single-document files are read whole (bounded), JSONL becomes `self.lines`.
    fn open_file(&mut self, path: &Path, id: String, explicit: bool) {
        let origin = path.display().to_string();
        let Some(kind) = kind_of(path) else {
            if explicit {
                self.ready
                    .push_back(Item::Problem(IngestError::Unsupported { origin }));
            }
            return;
        };
        match File::open(path) {
            Ok(file) => {
                let counted = Counted {
                    inner: file,
                    counter: self.bytes.clone(),
                };
                self.open_reader(Box::new(counted), kind, id, origin);
            }
            Err(source) => self
                .ready
                .push_back(Item::Problem(IngestError::Io { origin, source })),
        }
    }

    fn open_named(&mut self, name: String, reader: Box<dyn Read + Send>) {
        match kind_of(Path::new(&name)) {
            Some(kind) => self.open_reader(reader, kind, name.clone(), name),
            None => self
                .ready
                .push_back(Item::Problem(IngestError::Unsupported { origin: name })),
        }
    }

    fn open_reader(
        &mut self,
        reader: Box<dyn Read + Send>,
        (kind, gz): (Kind, bool),
        id: String,
        origin: String,
    ) {
        let reader: Box<dyn Read + Send> = if gz {
            gunzip(reader, self.opts.max_bytes)
        } else {
            reader
        };
        match kind {
            Kind::Jsonl => {
                self.lines = Some(Lines::new(
                    Box::new(BufReader::new(reader)),
                    origin,
                    format!("{id}:"),
                    gz,
                ));
            }
            Kind::Warc => {
                self.warc = Some(warc::WarcReader::new(
                    Box::new(BufReader::new(reader)),
                    origin,
                ));
            }
            Kind::Text | Kind::Html | Kind::Json => {
                let bytes = match read_bounded(reader, self.opts.max_bytes) {
                    Ok(Some(b)) => b,
                    Ok(None) => {
                        let limit = self.opts.max_bytes;
                        self.ready
                            .push_back(Item::Problem(IngestError::TooLarge { origin, limit }));
                        return;
                    }
                    Err(source) if gz => {
                        self.ready.push_back(Item::Problem(gzip_error(
                            origin,
                            source,
                            "file skipped",
                        )));
                        return;
                    }
                    Err(source) => {
                        self.ready
                            .push_back(Item::Problem(IngestError::Io { origin, source }));
                        return;
                    }
                };
                self.push_whole(bytes, kind, id, origin);
            }
        }
    }

    fn push_whole(&mut self, bytes: Vec<u8>, kind: Kind, id: String, origin: String) {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            self.ready
                .push_back(Item::Problem(IngestError::Empty { origin }));
            return;
        }
        if looks_binary(&bytes) {
            self.ready
                .push_back(Item::Problem(IngestError::Binary { origin }));
            return;
        }
        if kind == Kind::Json {
            match record::parse_json_file(&bytes, &id) {
                Ok(docs) => self.ready.extend(docs.into_iter().map(Item::Document)),
                Err(reason) => self
                    .ready
                    .push_back(Item::Problem(IngestError::Record { origin, reason })),
            }
            return;
        }
        let declared = if kind == Kind::Html {
            sniff_meta_charset(&bytes)
        } else {
            None
        };
        let decoded = decode(&bytes, declared);
        if let Some(detail) = decoded.warning {
            self.ready
                .push_back(Item::Problem(IngestError::Decoding { origin, detail }));
        }
        let format = if kind == Kind::Html {
            RawFormat::Html
        } else {
            RawFormat::Text
        };
        let hints = Document {
            id: id.clone(),
            ..Document::default()
        };
        self.ready.push_back(Item::Document(RawDocument {
            id,
            format,
            content: decoded.text,
            hints,
            fallback_published: None,
        }));
    }

    fn open_stdin(&mut self) {
        let mut reader = BufReader::new(io::stdin());
        let first = match reader.fill_buf() {
            Ok(buf) => buf.iter().copied().find(|b| !b.is_ascii_whitespace()),
            Err(source) => {
                self.ready.push_back(Item::Problem(IngestError::Io {
                    origin: "<stdin>".into(),
                    source,
                }));
                return;
            }
        };
        match first {
            Some(b'{') => {
                self.lines = Some(Lines::new(
                    Box::new(reader),
                    "<stdin>".into(),
                    String::new(),
                    false,
                ));
            }
            None => self.ready.push_back(Item::Problem(IngestError::Empty {
                origin: "<stdin>".into(),
            })),
            Some(b) => {
                let kind = if b == b'<' { Kind::Html } else { Kind::Text };
                match read_bounded(reader, self.opts.max_bytes) {
                    Ok(Some(bytes)) => {
                        self.push_whole(bytes, kind, "stdin".into(), "<stdin>".into())
                    }
                    Ok(None) => self.ready.push_back(Item::Problem(IngestError::TooLarge {
                        origin: "<stdin>".into(),
                        limit: self.opts.max_bytes,
                    })),
                    Err(source) => self.ready.push_back(Item::Problem(IngestError::Io {
                        origin: "<stdin>".into(),
                        source,
                    })),
                }
            }
        }
    }
}

/// Read at most `limit` bytes; `Ok(None)` when there is more.
fn read_bounded(reader: impl Read, limit: u64) -> io::Result<Option<Vec<u8>>> {
    let mut buf = Vec::new();
    reader.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= limit).then_some(buf))
}

impl Iterator for Ingest {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            if self.lines.is_some() {
                if let Some(item) = self.next_line() {
                    return Some(item);
                }
                continue;
            }
            if let Some(w) = self.warc.as_mut() {
                match w.next(self.opts.max_bytes) {
                    None => {
                        self.skipped += w.skipped;
                        self.warc = None;
                    }
                    Some(warc::Next::Skipped) => {}
                    Some(warc::Next::Problem(p)) => return Some(Item::Problem(p)),
                    Some(warc::Next::Document(doc)) => return Some(Item::Document(*doc)),
                }
                continue;
            }
            match self.sources.pop_front()? {
                Source::Stdin => self.open_stdin(),
                Source::Reader { name, reader } => self.open_named(name, reader),
                Source::File { path, id, explicit } => self.open_file(&path, id, explicit),
                Source::Dir { root, mut walk } => {
                    let entry = walk.next();
                    let root_again = root.clone();
                    match entry {
                        None => continue,
                        Some(Ok(e)) => {
                            // Put the walk back first: the file may queue JSONL lines.
                            self.sources.push_front(Source::Dir { root, walk });
                            if !e.file_type().is_dir() {
                                // Symlinks too: a dangling one is reported, not silently lost.
                                let rel = e.path().strip_prefix(&root_again).unwrap_or(e.path());
                                let id = rel.to_string_lossy().replace('\\', "/");
                                self.open_file(e.path(), id, false);
                                // Keep the directory's files in order: drain this file's
                                // lines before walking on (handled by the loop: lines first).
                            }
                        }
                        Some(Err(err)) => {
                            let origin = err
                                .path()
                                .map(|p| p.display().to_string())
                                .unwrap_or_else(|| root_again.display().to_string());
                            let source = err
                                .into_io_error()
                                .unwrap_or_else(|| io::Error::other("walk failed"));
                            self.sources.push_front(Source::Dir { root, walk });
                            self.ready
                                .push_back(Item::Problem(IngestError::Io { origin, source }));
                        }
                    }
                }
            }
        }
    }
}

/// JSON objects from JSONL files or stdin, for the stage subcommands (`dedup`, `cluster`,
/// `summarize`, `analyze`) whose input is already structured: the records are kept whole so
/// a stage can pass through fields it does not know.
pub struct JsonLines {
    opts: IngestOptions,
    inputs: VecDeque<PathBuf>,
    lines: Option<Lines>,
}

impl JsonLines {
    /// `inputs` are JSONL files (optionally .gz) or `-`; none means stdin.
    pub fn new<P: AsRef<Path>>(inputs: &[P], opts: IngestOptions) -> Self {
        let mut inputs: VecDeque<PathBuf> =
            inputs.iter().map(|p| p.as_ref().to_path_buf()).collect();
        if inputs.is_empty() {
            inputs.push_back(PathBuf::from("-"));
        }
        JsonLines {
            opts,
            inputs,
            lines: None,
        }
    }
}

impl Iterator for JsonLines {
    /// `(origin "file:line", object)` or the problem with that line.
    type Item = Result<(String, serde_json::Map<String, serde_json::Value>), IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(lines) = self.lines.as_mut() {
                match lines.next_record(self.opts.max_bytes) {
                    None => self.lines = None,
                    Some(Err(e)) => return Some(Err(e)),
                    Some(Ok((origin, _, buf))) => {
                        return Some(match serde_json::from_slice::<serde_json::Value>(&buf) {
                            Ok(serde_json::Value::Object(obj)) => Ok((origin, obj)),
                            Ok(_) => Err(IngestError::Record {
                                origin,
                                reason: "expected a JSON object per line".into(),
                            }),
                            Err(e) => Err(IngestError::Record {
                                origin,
                                reason: format!("malformed JSON: {e}"),
                            }),
                        });
                    }
                }
                continue;
            }
            let path = self.inputs.pop_front()?;
            if path == Path::new("-") {
                self.lines = Some(Lines::new(
                    Box::new(BufReader::new(io::stdin())),
                    "<stdin>".into(),
                    String::new(),
                    false,
                ));
                continue;
            }
            let origin = path.display().to_string();
            let gz = path.extension().is_some_and(|e| e == "gz");
            match File::open(&path) {
                Ok(f) => {
                    let reader: Box<dyn Read + Send> = if gz {
                        gunzip(Box::new(f), self.opts.max_bytes)
                    } else {
                        Box::new(f)
                    };
                    self.lines = Some(Lines::new(
                        Box::new(BufReader::new(reader)),
                        origin,
                        String::new(),
                        gz,
                    ));
                }
                Err(source) => return Some(Err(IngestError::Io { origin, source })),
            }
        }
    }
}
