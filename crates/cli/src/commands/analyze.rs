use std::path::PathBuf;

use clap::Args;
use storyline_model::{Analysis, Document};
use storyline_pipeline::analyze::{analyze_document, link_entities};
use storyline_pipeline::isolated;

use super::{read_records, JsonlOut};
use crate::report::Problems;
use crate::{Failure, Global};

#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    /// JSONL files of documents ("id", "text", optional "published", "title", "outlet"); none or - reads stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
}

pub fn run(args: &AnalyzeArgs, g: &Global) -> Result<(), Failure> {
    let mut problems = Problems::new(g);
    let mut docs = Vec::new();
    read_records::<Document>(&args.inputs, g, &mut problems, |origin, _, mut doc| {
        if doc.id.is_empty() {
            doc.id = origin;
        }
        docs.push(doc);
        Ok(())
    })?;
    // Entities are linked across the whole input, so aliases share one id.
    let mut analyses: Vec<_> = docs
        .iter()
        .map(|d| {
            isolated(|| analyze_document(d, d.day())).unwrap_or_else(|reason| {
                problems.error(&format!(
                    "{}: internal error in analysis ({reason}); written without it",
                    d.id
                ));
                Analysis {
                    id: d.id.clone(),
                    ..Analysis::default()
                }
            })
        })
        .collect();
    link_entities(&docs, &mut analyses);
    let mut out = JsonlOut::new();
    for a in &analyses {
        out.write(a)?;
    }
    out.finish()?;
    problems.finish()
}
