//! `storyline report`: event reports for documents already grouped into events elsewhere.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use serde::Deserialize;
use storyline_model::Document;
use storyline_pipeline::{DigestOptions, EventBuilder, GroupedDocument};

use super::digest::write_event;
use super::read_records;
use crate::report::Problems;
use crate::{Failure, Global};

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// JSONL files of events, `{"event","storyline","documents":[{document…,"seq","duplicate_of"}]}`
    /// (documents in stream order); none or - reads stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Word budget of each event summary.
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub words: usize,
}

#[derive(Deserialize)]
struct Member {
    #[serde(flatten)]
    document: Document,
    #[serde(default)]
    seq: u64,
    #[serde(default)]
    duplicate_of: Option<String>,
}

#[derive(Deserialize)]
struct Grouped {
    event: String,
    #[serde(default)]
    storyline: Option<String>,
    documents: Vec<Member>,
}

pub fn run(args: &ReportArgs, g: &Global) -> Result<(), Failure> {
    let mut problems = Problems::new(g);
    let mut builder = EventBuilder::new(DigestOptions {
        words: args.words,
        ..DigestOptions::default()
    });
    let mut out = BufWriter::new(std::io::stdout().lock());
    read_records::<Grouped>(&args.inputs, g, &mut problems, |_, _, ev| {
        let documents = ev
            .documents
            .into_iter()
            .map(|m| GroupedDocument {
                seq: m.seq,
                document: m.document,
                duplicate_of: m.duplicate_of,
            })
            .collect();
        let finished = builder.build(ev.event, ev.storyline, documents);
        write_event(&mut out, &finished)
    })?;
    out.flush().context("writing output")?;
    problems.finish()
}
