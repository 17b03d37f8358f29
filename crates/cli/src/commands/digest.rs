use std::collections::BTreeMap;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use serde::Serialize;
use storyline_model::{DocumentEntry, Event, Report, Storyline};
use storyline_pipeline::extract::Templates;
use storyline_pipeline::ingest::input_size;
use storyline_pipeline::{
    digest_stream, render_html, render_markdown, render_text, Archive, ArchiveError, DigestOptions,
    FinishedEvent, ReportBuilder,
};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
    /// One line per document, event and storyline, written as each event is finished.
    Jsonl,
}

use super::{read_raw, stream_raw};
use crate::report::Problems;
use crate::{Failure, Global};

#[derive(Args, Debug)]
pub struct DigestArgs {
    /// Files, directories (walked recursively: .txt, .html, .htm, .jsonl, .json, .warc and their .gz) or - for stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Print the report as one JSON object (docs/FORMAT.md) instead of text (same as --format json).
    #[arg(long)]
    pub json: bool,
    /// Output format: text for a terminal, markdown or html to export the event reports, json,
    /// or jsonl to stream events out as they finish (docs/FORMAT.md).
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Database directory: documents are stored there and later runs add only what is new.
    #[arg(long, value_name = "DIR")]
    pub db: Option<PathBuf>,
    /// Word budget of each event summary.
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub words: usize,
}

pub fn run(args: &DigestArgs, g: &Global) -> Result<(), Failure> {
    if args.inputs.is_empty() && args.db.is_none() {
        return Err(Failure::Input(
            "nothing to digest: give INPUT paths (or - for stdin), or --db DIR".into(),
        ));
    }
    let mut problems = Problems::new(g);
    let opts = DigestOptions {
        words: args.words,
        ..DigestOptions::default()
    };
    if let Some(dir) = &args.db {
        let raws = read_raw(&args.inputs, g, &mut problems);
        let mut archive = open_archive(dir, opts)?;
        problems.stage("committing, then digesting everything stored");
        let outcome = archive.ingest(raws).map_err(archive_failure)?;
        tracing::info!(
            added = outcome.added.len(),
            known = outcome.known,
            "documents committed to the database"
        );
        let snapshot = archive.snapshot();
        // A database is something to read even when this run brought nothing new.
        problems.read = problems.read.max(snapshot.generation as usize);
        problems.finish()?;
        return emit(args, &snapshot.report);
    }
    // Without a database the digest streams: memory follows the news that is current, not
    // the size of the input (docs/ARCHITECTURE.md).
    let format = if args.json { Format::Json } else { args.format };
    let total = input_size(&args.inputs);
    let mut templates = Templates::default();
    let progress = problems.stream_progress(total);
    let (storylines, lines, report) = {
        let raws = stream_raw(&args.inputs, g, &mut problems, progress.bytes());
        let mut lines = (format == Format::Jsonl).then(|| BufWriter::new(std::io::stdout().lock()));
        let mut report = ReportBuilder::default();
        let storylines = digest_stream(raws, &opts, &mut templates, &progress, |f| {
            match lines.as_mut() {
                Some(out) => write_event(out, &f),
                None => {
                    report.add(f);
                    Ok(())
                }
            }
        })?;
        (storylines, lines, report)
    };
    tracing::info!(summary = %progress.summary(), "digest finished");
    problems.finish()?;
    if let Some(mut out) = lines {
        write_storylines(&mut out, &storylines)?;
        out.flush().context("writing output")?;
        return Ok(());
    }
    emit(args, &report.finish(storylines))
}

/// One JSONL record of `digest --format jsonl`: the value's fields behind a `type` field.
#[derive(Serialize)]
struct Line<'a, T: Serialize> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(flatten)]
    value: &'a T,
}

/// A document record names its event, so a reader need not hold events to place documents.
#[derive(Serialize)]
struct DocumentLine<'a> {
    #[serde(flatten)]
    entry: &'a DocumentEntry,
    event: &'a str,
}

pub(crate) fn write_line<T: Serialize>(
    out: &mut impl Write,
    kind: &'static str,
    value: &T,
) -> anyhow::Result<()> {
    serde_json::to_writer(&mut *out, &Line { kind, value }).context("writing output")?;
    out.write_all(b"\n").context("writing output")?;
    Ok(())
}

fn write_storylines(out: &mut impl Write, storylines: &[Storyline]) -> anyhow::Result<()> {
    storylines
        .iter()
        .try_for_each(|s| write_line(out, "storyline", s))
}

/// An event's documents first, then the event that cites them.
pub(crate) fn write_event(out: &mut impl Write, f: &FinishedEvent) -> anyhow::Result<()> {
    let event: &Event = &f.event;
    for d in &f.documents {
        let entry = d.entry();
        write_line(
            out,
            "document",
            &DocumentLine {
                entry: &entry,
                event: &event.id,
            },
        )?;
    }
    write_line(out, "event", event)
}

/// Open a database directory, mapping its errors to what the user can and cannot fix.
pub fn open_archive(dir: &std::path::Path, opts: DigestOptions) -> Result<Archive, Failure> {
    Archive::open(dir, opts).map_err(archive_failure)
}

pub fn archive_failure(e: ArchiveError) -> Failure {
    if e.is_user_error() {
        Failure::Input(e.to_string())
    } else {
        Failure::Internal(e.into())
    }
}

fn emit(args: &DigestArgs, report: &Report) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let format = if args.json { Format::Json } else { args.format };
    let rendered = match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, report).context("writing output")?;
            "\n".to_owned()
        }
        Format::Jsonl => {
            // The same records a streaming run writes, from a database's whole report.
            let mut out = BufWriter::new(out);
            let event_of: BTreeMap<&str, &str> = report
                .events
                .iter()
                .flat_map(|e| e.documents.iter().map(|d| (d.as_str(), e.id.as_str())))
                .collect();
            for d in &report.documents {
                let event = event_of.get(d.id.as_str()).copied().unwrap_or_default();
                write_line(&mut out, "document", &DocumentLine { entry: d, event })?;
            }
            for e in &report.events {
                write_line(&mut out, "event", e)?;
            }
            write_storylines(&mut out, &report.storylines)?;
            out.flush().context("writing output")?;
            return Ok(());
        }
        Format::Text => render_text(report),
        Format::Markdown => render_markdown(report),
        Format::Html => render_html(report),
    };
    out.write_all(rendered.as_bytes())
        .context("writing output")?;
    out.flush().context("writing output")?;
    Ok(())
}
