use std::path::PathBuf;

use clap::Args;
use storyline_pipeline::extract::Templates;

use storyline_pipeline::ingest::input_size;
use storyline_pipeline::{Observer, EXTRACT_CHUNK};

use super::{stream_raw, JsonlOut};
use crate::report::Problems;
use crate::{Failure, Global};

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Files, directories (walked recursively: .txt, .html, .htm, .jsonl, .json, .warc and their .gz) or - for stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Database directory: site templates learned in earlier runs are reused and extended.
    #[arg(long, value_name = "DIR")]
    pub db: Option<PathBuf>,
}

pub fn run(args: &ExtractArgs, g: &Global) -> Result<(), Failure> {
    let mut problems = Problems::new(g);
    let store = args
        .db
        .as_deref()
        .map(storyline_store::Store::open)
        .transpose()
        .map_err(|e| Failure::Input(format!("{e:#}")))?;
    let mut templates = match &store {
        Some(s) => s.templates().map_err(|e| Failure::Internal(e.into()))?,
        None => Templates::default(),
    };
    // Chunk by chunk, as `digest` does, so memory does not grow with the input.
    let progress = problems.stream_progress(input_size(&args.inputs));
    let mut out = JsonlOut::new();
    {
        let mut raws = stream_raw(&args.inputs, g, &mut problems, progress.bytes());
        loop {
            let chunk: Vec<_> = raws.by_ref().take(EXTRACT_CHUNK).collect();
            if chunk.is_empty() {
                break;
            }
            let docs = storyline_pipeline::extract_all(&chunk, &mut templates);
            progress.extracted(docs.len());
            for d in &docs {
                out.write(d)?;
            }
        }
    }
    out.finish()?;
    if let Some(s) = &store {
        s.save_templates(&templates)
            .map_err(|e| Failure::Internal(e.into()))?;
    }
    problems.finish()
}
