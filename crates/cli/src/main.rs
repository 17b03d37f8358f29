//! The `storyline` binary: parses arguments, runs a command, maps the outcome to an exit code.
//!
//! Exit codes: 0 success; 1 input problems (nothing could be read, or any problem under
//! `--strict`); 2 usage errors (from clap); 3 internal or output errors.

mod commands;
mod report;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// The digest allocates many small strings and vectors across threads; mimalloc measured
/// faster and returns memory to the system more readily than the system allocator
/// (docs/BENCHMARKS.md, "Scale").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// storyline turns piles and streams of raw news into stories you can trust: it extracts
/// articles, drops duplicate copies, clusters reports into events and storylines, and writes
/// cited multi-document summaries.
#[derive(Parser, Debug)]
#[command(name = "storyline", version, about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    global: Global,
}

/// Options every command takes.
#[derive(Args, Debug, Clone)]
pub struct Global {
    /// Exit non-zero if any input problem (unreadable file, bad record, bad encoding) occurred.
    #[arg(long, global = true)]
    pub strict: bool,
    /// Print no warnings about skipped input (errors that stop the run are still printed).
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// More diagnostics on stderr (-v: info, -vv: debug). STORYLINE_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Largest single document or JSONL line read, in bytes; larger ones are skipped with an error.
    #[arg(long, global = true, default_value_t = 64 * 1024 * 1024, value_name = "BYTES")]
    pub max_bytes: u64,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run every stage and print the stories (events newest first, with cited summaries).
    Digest(commands::digest::DigestArgs),
    /// Extract articles (title, date, author, outlet, clean text) as JSONL, one per document.
    Extract(commands::extract::ExtractArgs),
    /// Mark syndicated and near-duplicate copies: JSONL documents in, the same records plus `duplicate_of` out.
    Dedup(commands::dedup::DedupArgs),
    /// Assign documents to events and storylines online, in input order: `{"id","event","storyline"}` per line.
    Cluster(commands::cluster::ClusterArgs),
    /// Link events reported by separate runs (distributed windows) into storylines: event records in, storyline records out.
    Link(commands::link::LinkArgs),
    /// Build event reports for documents grouped into events elsewhere: `{"event","documents":[…]}` in, `digest --format jsonl` records out.
    Report(commands::grouped::ReportArgs),
    /// Summarize clusters: `{"cluster_id","docs":[…]}` in, cited extractive summaries out.
    Summarize(commands::summarize::SummarizeArgs),
    /// Find sentences, quotes with speakers, entities, dates and attributions in JSONL documents.
    Analyze(commands::analyze::AnalyzeArgs),
    /// Search a database (built with `digest --db`): events and documents ranked, with snippets.
    Search(commands::search::SearchArgs),
    /// Serve a database over HTTP: the web UI and the JSON API (docs/API.md), on localhost by default.
    Serve(commands::serve::ServeArgs),
}

/// An error with the exit code it deserves.
#[derive(Debug)]
pub enum Failure {
    /// The input was the problem: the user can fix it.
    Input(String),
    /// Something on our side or the output failed.
    Internal(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Internal(e)
    }
}

fn init_tracing(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("STORYLINE_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing(cli.global.verbose);
    let g = &cli.global;
    let result = match &cli.command {
        Command::Digest(a) => commands::digest::run(a, g),
        Command::Extract(a) => commands::extract::run(a, g),
        Command::Dedup(a) => commands::dedup::run(a, g),
        Command::Cluster(a) => commands::cluster::run(a, g),
        Command::Link(a) => commands::link::run(a, g),
        Command::Report(a) => commands::grouped::run(a, g),
        Command::Summarize(a) => commands::summarize::run(a, g),
        Command::Analyze(a) => commands::analyze::run(a, g),
        Command::Search(a) => commands::search::run(a, g),
        Command::Serve(a) => commands::serve::run(a, g),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(msg)) => {
            eprintln!("storyline: {msg}");
            ExitCode::from(1)
        }
        Err(Failure::Internal(e)) => {
            // A closed pipe (`storyline … | head`) is the reader's choice, not an error.
            if e.chain().any(|c| {
                let kind = c
                    .downcast_ref::<std::io::Error>()
                    .map(std::io::Error::kind)
                    .or_else(|| c.downcast_ref::<serde_json::Error>()?.io_error_kind());
                kind == Some(std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("storyline: error: {e:#}");
            ExitCode::from(3)
        }
    }
}

/// Input paths: at least one for commands that walk files.
pub type Inputs = Vec<PathBuf>;
