use std::path::PathBuf;

use clap::Args;
use storyline_model::{Assignment, Document};
use storyline_pipeline::cluster::{ClusterOptions, Clusterer};

use super::{read_records, JsonlOut};
use crate::report::Problems;
use crate::{Failure, Global};

#[derive(Args, Debug)]
pub struct ClusterArgs {
    /// JSONL files of documents ("id", "text", optional "title", "published") in stream order; none or - reads stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Minimum time-decayed similarity for a document to join an existing event.
    #[arg(long, default_value_t = ClusterOptions::default().join)]
    pub join: f32,
    /// Days an event stays open for new documents after its latest one.
    #[arg(long, default_value_t = ClusterOptions::default().window_days)]
    pub window_days: i64,
    /// Days from an event's first document after which later ones are decayed as if the event
    /// ended there (a running story becomes a storyline of successive events).
    #[arg(long, default_value_t = ClusterOptions::default().span_days)]
    pub span_days: f32,
}

pub fn run(args: &ClusterArgs, g: &Global) -> Result<(), Failure> {
    let mut problems = Problems::new(g);
    let opts = ClusterOptions {
        join: args.join,
        window_days: args.window_days,
        span_days: args.span_days,
        ..ClusterOptions::default()
    };
    let mut clusterer = Clusterer::new(opts);
    let mut out = JsonlOut::new();
    read_records::<Document>(&args.inputs, g, &mut problems, |origin, obj, mut doc| {
        if doc.id.is_empty() {
            doc.id = obj.get("id").map(|v| v.to_string()).unwrap_or(origin);
        }
        // The decision is final when printed: later documents never move this one.
        let d = clusterer.push(&doc);
        out.write(&Assignment {
            id: doc.id,
            event: d.event,
            storyline: d.storyline,
        })
    })?;
    out.finish()?;
    problems.finish()
}
