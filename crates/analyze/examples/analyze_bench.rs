//! Runs the analyser over a benchmark JSONL file and writes predictions in the scorer's format.
//!
//! usage: cargo run --release -p storyline-analyze --example analyze_bench -- TASK GOLD.jsonl PRED.jsonl
//! TASK is `quotes`, `quotes-resolved`, `dates` or `ner`. Scorers take code-point offsets, so
//! byte offsets are converted on the way out. Prints documents/second of the analysis itself to
//! stderr.
//!
//! `quotes` gives each quote's speaker as the text credits it (`speaker_start..speaker_end`: the
//! name, or the pronoun of "…," he said), which is what PolNeAR annotates as a quote's source;
//! `quotes-resolved` gives the name storyline resolves it to (`speaker`), which the scorer can
//! check against the corpus's automatic coreference only.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, Write};
use std::time::Instant;

use serde_json::{json, Value};
use storyline_analyze::{analyze_document, link_entities};
use storyline_model::{Analysis, Document, EntityKind};

fn cp(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn timex_type(value: &str) -> &'static str {
    if value.starts_with('P') {
        "DURATION"
    } else if value.contains('T') && value.len() > 10 && !value.ends_with("REF") {
        "TIME"
    } else {
        "DATE"
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        eprintln!("usage: analyze_bench quotes|quotes-resolved|dates|ner GOLD.jsonl PRED.jsonl");
        std::process::exit(2);
    }
    let (task, gold, pred) = (&args[1], &args[2], &args[3]);
    let file = std::fs::File::open(gold).expect("open gold");
    let mut docs = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.expect("read line");
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(&line).expect("json line");
        let published = v
            .get("dct")
            .or_else(|| v.get("date"))
            .and_then(Value::as_str)
            .map(str::to_string);
        docs.push(Document {
            id: v["id"].as_str().unwrap_or_default().to_string(),
            text: v["text"].as_str().unwrap_or_default().to_string(),
            published,
            ..Default::default()
        });
    }
    let start = Instant::now();
    let rounds = 5;
    let mut analyses: Vec<Analysis> = Vec::new();
    for _ in 0..rounds {
        analyses = docs.iter().map(|d| analyze_document(d, d.day())).collect();
    }
    let elapsed = start.elapsed().as_secs_f64() / rounds as f64;
    if task == "ner" {
        // Each document is its own batch: the scorer measures alias merging within a document.
        for (d, a) in docs.iter().zip(analyses.iter_mut()) {
            link_entities(std::slice::from_ref(d), std::slice::from_mut(a));
        }
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    eprintln!(
        "{} docs in {:.3}s: {:.0} docs/s, {:.2} MB/s (one core)",
        docs.len(),
        elapsed,
        docs.len() as f64 / elapsed,
        bytes as f64 / elapsed / 1e6
    );
    let mut out = std::io::BufWriter::new(std::fs::File::create(pred).expect("create pred"));
    for (d, a) in docs.iter().zip(&analyses) {
        let t = &d.text;
        let rec = match task.as_str() {
            "quotes" | "quotes-resolved" => json!({"id": d.id, "quotes": a.quotes.iter().map(|q| {
                let credited = match (q.speaker_start, q.speaker_end) {
                    (Some(s), Some(e)) if task == "quotes" => t.get(s..e),
                    _ => q.speaker.as_deref(),
                };
                json!({"start": cp(t, q.start), "end": cp(t, q.end), "speaker": credited})
            }).collect::<Vec<_>>()}),
            "dates" => json!({"id": d.id, "timexes": a.dates.iter().map(|x| json!({
                "start": cp(t, x.start), "end": cp(t, x.end), "value": x.value, "type": timex_type(&x.value),
            })).collect::<Vec<_>>()}),
            "ner" => json!({"id": d.id, "entities": a.entities.iter().filter_map(|e| {
                let label = match e.kind {
                    EntityKind::Person => "PER",
                    EntityKind::Organization => "ORG",
                    EntityKind::Place => "LOC",
                    EntityKind::Other => return None,
                };
                Some(json!({"start": cp(t, e.start), "end": cp(t, e.end), "label": label, "cluster": e.entity}))
            }).collect::<Vec<_>>()}),
            other => panic!("unknown task {other}"),
        };
        writeln!(out, "{rec}").expect("write");
    }
}
