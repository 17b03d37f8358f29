use std::path::PathBuf;

use clap::Args;
use storyline_model::{ClusterInput, ClusterSummary, SummaryLine};
use storyline_pipeline::isolated;
use storyline_pipeline::summarize::{summarize, SummaryOptions};

use super::{read_records, JsonlOut};
use crate::report::Problems;
use crate::{Failure, Global};

#[derive(Args, Debug)]
pub struct SummarizeArgs {
    /// JSONL files of clusters ({"cluster_id","docs":[{"id","text",…}]}); none or - reads stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Word budget of each summary.
    #[arg(long, default_value_t = 100, value_name = "N")]
    pub words: usize,
}

pub fn run(args: &SummarizeArgs, g: &Global) -> Result<(), Failure> {
    let mut problems = Problems::new(g);
    let opts = SummaryOptions { words: args.words };
    let mut out = JsonlOut::new();
    // Reported once reading is done: the reader holds `problems` meanwhile.
    let mut internal: Vec<String> = Vec::new();
    read_records::<ClusterInput>(&args.inputs, g, &mut problems, |_, _, input| {
        let sentences = isolated(|| summarize(&input.docs, &opts)).unwrap_or_else(|reason| {
            internal.push(format!(
                "{}: internal error in the summary ({reason}); written without it",
                input.cluster_id
            ));
            Vec::new()
        });
        let lines: Vec<SummaryLine> = sentences
            .into_iter()
            .filter_map(|s| {
                let c = s.citations.first()?.clone();
                Some(SummaryLine {
                    text: s.text,
                    doc: c.doc,
                    start: c.start,
                    end: c.end,
                    outlets: s.outlets,
                })
            })
            .collect();
        let summary = lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        out.write(&ClusterSummary {
            cluster_id: input.cluster_id,
            summary,
            sentences: lines,
        })
    })?;
    for msg in &internal {
        problems.error(msg);
    }
    out.finish()?;
    problems.finish()
}
