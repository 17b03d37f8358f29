use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use storyline_model::Report;
use storyline_pipeline::extract::Templates;
use storyline_pipeline::{
    build_report, extract_all, render_html, render_markdown, render_text, Archive, ArchiveError,
    DigestOptions,
};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
}

use super::read_raw;
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
    /// Output format: text for a terminal, markdown or html to export the event reports, json.
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
    let raws = read_raw(&args.inputs, g, &mut problems);
    if let Some(dir) = &args.db {
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
    let mut templates = Templates::default();
    problems.stage("extracting");
    let docs = extract_all(&raws, &mut templates);
    problems.stage("deduplicating, clustering, analysing, summarising");
    let digested = build_report(docs, &opts);
    problems.finish()?;
    emit(args, &digested.report)
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
        Format::Text => render_text(report),
        Format::Markdown => render_markdown(report),
        Format::Html => render_html(report),
    };
    out.write_all(rendered.as_bytes())
        .context("writing output")?;
    out.flush().context("writing output")?;
    Ok(())
}
