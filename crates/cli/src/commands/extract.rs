use std::path::PathBuf;

use clap::Args;
use storyline_pipeline::extract::Templates;

use super::{read_raw, JsonlOut};
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
    let raws = read_raw(&args.inputs, g, &mut problems);
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
    let docs = storyline_pipeline::extract_all(&raws, &mut templates);
    if let Some(s) = &store {
        s.save_templates(&templates)
            .map_err(|e| Failure::Internal(e.into()))?;
    }
    let mut out = JsonlOut::new();
    for d in &docs {
        out.write(d)?;
    }
    out.finish()?;
    problems.finish()
}
