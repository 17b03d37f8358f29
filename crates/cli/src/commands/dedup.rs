use std::path::PathBuf;

use base64::Engine;
use clap::Args;
use serde::{Deserialize, Serialize};
use storyline_model::published_days;
use storyline_pipeline::dedup::{
    band_keys, best_copy, fingerprint, DedupOptions, Deduper, Fingerprint,
};

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
    /// Share of each document's words in lines matching the other's at or above which two
    /// documents under the Jaccard threshold are still copies (with few rewritten phrases).
    #[arg(long, default_value_t = DedupOptions::default().line_coverage, value_name = "SHARE")]
    pub line_coverage: f64,
    /// Share of the words of matched lines in rewritten runs (more than two words) above which
    /// matching lines do not make a copy.
    #[arg(long, default_value_t = DedupOptions::default().rewrites, value_name = "SHARE")]
    pub rewrites: f64,
    /// Distributed dedup, step 1: print each document's signature instead of deciding —
    /// `{"id","time","bands":[…],"fingerprint"}` (LSH bucket keys and what verification
    /// compares: the shingle set and the words line by line, in base64).
    #[arg(long, conflicts_with = "verify")]
    pub signatures: bool,
    /// Distributed dedup, step 2: read `{"id","fingerprint","candidates":[{"id","n","fingerprint"}]}`
    /// (signatures of a document and of the earlier documents sharing a bucket with it, `n` their
    /// stream positions) and print `{"id","matched","jaccard","containment"}`: the candidate it
    /// copies, or null (docs/SCALING.md).
    #[arg(long)]
    pub verify: bool,
}

#[derive(Deserialize)]
struct Rec {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    published: Option<String>,
}

/// A document's dedup signature, for matching outside this process.
#[derive(Serialize)]
struct Signature {
    id: String,
    /// Publication time in fractional days (stream order), null when undated.
    time: Option<f64>,
    /// LSH bucket keys, one per band; empty for a text too short to match.
    bands: Vec<u64>,
    /// [`Fingerprint::to_bytes`] in base64.
    fingerprint: String,
}

#[derive(Deserialize)]
struct Candidate {
    id: String,
    n: u64,
    fingerprint: String,
}

#[derive(Deserialize)]
struct Pending {
    id: String,
    fingerprint: String,
    #[serde(default)]
    candidates: Vec<Candidate>,
}

#[derive(Serialize)]
struct Verdict {
    id: String,
    matched: Option<String>,
    jaccard: Option<f64>,
    containment: Option<f64>,
}

fn id_string(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn encode(print: &Fingerprint) -> String {
    base64::engine::general_purpose::STANDARD.encode(print.to_bytes())
}

fn decode(s: &str) -> Option<Fingerprint> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(s).ok()?;
    Fingerprint::from_bytes(&bytes)
}

pub fn run(args: &DedupArgs, g: &Global) -> Result<(), Failure> {
    let mut problems = Problems::new(g);
    let opts = DedupOptions {
        threshold: args.threshold,
        containment: args.containment,
        line_coverage: args.line_coverage,
        rewrites: args.rewrites,
        shingle: args.shingle.max(1),
        ..DedupOptions::default()
    };
    let mut out = JsonlOut::new();
    if args.verify {
        // Reported once reading is done (the reader holds the problem list meanwhile).
        let mut bad: Vec<String> = Vec::new();
        read_records::<Pending>(&args.inputs, g, &mut problems, |origin, _, p| {
            let Some(print) = decode(&p.fingerprint) else {
                bad.push(format!(
                    "{origin}: the fingerprint is not a signature made by --signatures; record skipped"
                ));
                return Ok(());
            };
            let mut candidates: Vec<(u64, String, Fingerprint)> = Vec::new();
            for c in p.candidates {
                match decode(&c.fingerprint) {
                    Some(s) => candidates.push((c.n, c.id, s)),
                    None => bad.push(format!(
                        "{origin}: candidate {} has no valid fingerprint; candidate skipped",
                        c.id
                    )),
                }
            }
            // Stream order, as the streaming detector meets them (ties go to the earliest).
            candidates.sort_by_key(|c| c.0);
            let best = best_copy(
                &opts,
                &print,
                candidates.iter().enumerate().map(|(i, c)| (i, &c.2)),
            );
            out.write(&Verdict {
                id: p.id,
                matched: best.map(|(i, _, _)| candidates[i].1.clone()),
                jaccard: best.map(|b| b.1),
                containment: best.map(|b| b.2),
            })
        })?;
        for msg in &bad {
            problems.error(msg);
        }
    } else if args.signatures {
        read_records::<Rec>(&args.inputs, g, &mut problems, |_, _, rec| {
            let print = fingerprint(&rec.text, opts.shingle);
            out.write(&Signature {
                id: id_string(&rec.id),
                time: rec.published.as_deref().and_then(published_days),
                bands: band_keys(&opts, &print.shingles),
                fingerprint: encode(&print),
            })
        })?;
    } else {
        let mut deduper = Deduper::new(opts);
        read_records::<Rec>(&args.inputs, g, &mut problems, |_, mut obj, rec| {
            let m = deduper.push(&id_string(&rec.id), &rec.text);
            obj.insert("duplicate_of".into(), m.map(|m| m.canonical).into());
            out.write(&obj)
        })?;
    }
    out.finish()?;
    problems.finish()
}
