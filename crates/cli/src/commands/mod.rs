//! One module per subcommand; shared input/output helpers here.

pub mod analyze;
pub mod cluster;
pub mod dedup;
pub mod digest;
pub mod extract;
pub mod grouped;
pub mod link;
pub mod search;
pub mod serve;
pub mod summarize;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use serde::de::DeserializeOwned;
use serde::Serialize;
use storyline_model::RawDocument;
use storyline_pipeline::ingest::{BytesRead, Ingest, IngestOptions, Item, JsonLines};

use crate::report::Problems;
use crate::Global;

pub fn ingest_options(g: &Global) -> IngestOptions {
    IngestOptions {
        max_bytes: g.max_bytes,
    }
}

/// Read every raw document of the inputs, reporting problems as they come.
pub fn read_raw(inputs: &[PathBuf], g: &Global, problems: &mut Problems) -> Vec<RawDocument> {
    let mut out = Vec::new();
    let mut ingest = Ingest::new(inputs, ingest_options(g));
    problems.stage("reading");
    for item in ingest.by_ref() {
        match item {
            Item::Document(d) => {
                problems.read_one();
                out.push(d);
            }
            Item::Problem(p) => problems.ingest(&p),
        }
    }
    if ingest.skipped() > 0 {
        tracing::info!(
            skipped = ingest.skipped(),
            "WARC records that are not HTML responses skipped"
        );
    }
    out
}

/// The raw documents of the inputs as a stream, reporting problems as they come and counting
/// the input bytes read into `bytes`, for progress.
pub fn stream_raw<'a>(
    inputs: &[PathBuf],
    g: &Global,
    problems: &'a mut Problems,
    bytes: BytesRead,
) -> impl Iterator<Item = RawDocument> + Send + 'a {
    let mut ingest = Ingest::new(inputs, ingest_options(g)).counting_into(bytes);
    let mut done = false;
    std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        match ingest.next() {
            Some(Item::Document(d)) => {
                problems.read_one();
                return Some(d);
            }
            Some(Item::Problem(p)) => problems.ingest(&p),
            None => {
                done = true;
                if ingest.skipped() > 0 {
                    tracing::info!(
                        skipped = ingest.skipped(),
                        "WARC records that are not HTML responses skipped"
                    );
                }
                return None;
            }
        }
    })
}

/// Typed JSONL records for the stage commands; bad lines are reported and skipped.
pub fn read_records<T: DeserializeOwned>(
    inputs: &[PathBuf],
    g: &Global,
    problems: &mut Problems,
    mut each: impl FnMut(String, serde_json::Map<String, serde_json::Value>, T) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    for item in JsonLines::new(inputs, ingest_options(g)) {
        match item {
            Err(e) => problems.ingest(&e),
            Ok((origin, obj)) => {
                match serde_json::from_value::<T>(serde_json::Value::Object(obj.clone())) {
                    Ok(rec) => {
                        problems.read += 1;
                        each(origin, obj, rec)?;
                    }
                    Err(e) => problems.error(&format!("{origin}: {e}; record skipped")),
                }
            }
        }
    }
    Ok(())
}

/// Buffered stdout that writes one JSON value per line.
pub struct JsonlOut {
    out: BufWriter<io::StdoutLock<'static>>,
}

impl JsonlOut {
    pub fn new() -> Self {
        JsonlOut {
            out: BufWriter::new(io::stdout().lock()),
        }
    }

    pub fn write<T: Serialize>(&mut self, value: &T) -> anyhow::Result<()> {
        serde_json::to_writer(&mut self.out, value).context("writing output")?;
        self.out.write_all(b"\n").context("writing output")?;
        Ok(())
    }

    pub fn finish(mut self) -> anyhow::Result<()> {
        self.out.flush().context("writing output")
    }
}
