use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use storyline_pipeline::extract::Templates;
use storyline_pipeline::{
    build_report, extract_all, render_html, render_markdown, render_text, DigestOptions,
};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Json,
}
use storyline_store::Store;

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
    let mut raws = read_raw(&args.inputs, g, &mut problems);
    let mut templates = Templates::default();
    if let Some(dir) = &args.db {
        let store = Store::open(dir).map_err(|e| Failure::Input(e.to_string()))?;
        let added = store.add(raws).map_err(|e| Failure::Internal(e.into()))?;
        tracing::info!(added = added.len(), "documents committed to the database");
        raws = store
            .raw_documents()
            .map_err(|e| Failure::Internal(e.into()))?;
        // A database is something to read even when this run brought nothing new.
        problems.read = problems.read.max(raws.len());
        problems.stage("extracting");
        let docs = extract_all(&raws, &mut templates);
        store
            .save_templates(&templates)
            .map_err(|e| Failure::Internal(e.into()))?;
        return emit(args, docs, problems);
    }
    problems.stage("extracting");
    let docs = extract_all(&raws, &mut templates);
    emit(args, docs, problems)
}

fn emit(
    args: &DigestArgs,
    docs: Vec<storyline_model::Document>,
    problems: Problems,
) -> Result<(), Failure> {
    problems.stage("deduplicating, clustering, analysing, summarising");
    let opts = DigestOptions {
        words: args.words,
        ..DigestOptions::default()
    };
    let digested = build_report(docs, &opts);
    problems.finish()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let format = if args.json { Format::Json } else { args.format };
    let rendered = match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &digested.report).context("writing output")?;
            "\n".to_owned()
        }
        Format::Text => render_text(&digested.report),
        Format::Markdown => render_markdown(&digested.report),
        Format::Html => render_html(&digested.report),
    };
    out.write_all(rendered.as_bytes())
        .context("writing output")?;
    out.flush().context("writing output")?;
    Ok(())
}
