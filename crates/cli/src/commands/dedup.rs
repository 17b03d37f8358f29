use std::path::PathBuf;

use clap::Args;
use serde::Deserialize;
use storyline_pipeline::dedup::{DedupOptions, Deduper};

use super::{read_records, JsonlOut};
use crate::report::Problems;
use crate::{Failure, Global};

#[derive(Args, Debug)]
pub struct DedupArgs {
    /// JSONL files of documents (each with "id" and "text"); none or - reads stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Jaccard similarity of word-shingle sets at or above which two documents are copies.
    #[arg(long, default_value_t = DedupOptions::default().threshold)]
    pub threshold: f64,
    /// Share of the shorter document found in the longer one at or above which it is a contained copy.
    #[arg(long, default_value_t = DedupOptions::default().containment)]
    pub containment: f64,
    /// Words per shingle.
    #[arg(long, default_value_t = DedupOptions::default().shingle, value_name = "WORDS")]
    pub shingle: usize,
}

#[derive(Deserialize)]
struct Rec {
    id: serde_json::Value,
    text: String,
}

fn id_string(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn run(args: &DedupArgs, g: &Global) -> Result<(), Failure> {
    let mut problems = Problems::new(g);
    let opts = DedupOptions {
        threshold: args.threshold,
        containment: args.containment,
        shingle: args.shingle.max(1),
        ..DedupOptions::default()
    };
    let mut deduper = Deduper::new(opts);
    let mut out = JsonlOut::new();
    read_records::<Rec>(&args.inputs, g, &mut problems, |_, mut obj, rec| {
        let m = deduper.push(&id_string(&rec.id), &rec.text);
        obj.insert("duplicate_of".into(), m.map(|m| m.canonical).into());
        out.write(&obj)
    })?;
    out.finish()?;
    problems.finish()
}
