//! Grid search over clustering options on a labelled stream (dev data only), for bench/cluster.py.
//!
//! `cargo run --release -p storyline-cluster --example tune -- STREAM.jsonl OUTDIR [key=v1,v2 …]`
//! writes one prediction file per combination (`{"id","cluster"}` lines) and prints its name;
//! the bench script scores them with the benchmark's own scorer.

use std::io::{BufRead, Write};

use storyline_cluster::{ClusterOptions, Clusterer};
use storyline_model::Document;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(stream), Some(outdir)) = (args.get(1), args.get(2)) else {
        return Err("usage: tune STREAM.jsonl OUTDIR [key=v1,v2 …]".into());
    };
    let mut docs = Vec::new();
    for line in std::io::BufReader::new(std::fs::File::open(stream)?).lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        docs.push(Document {
            id: v["id"].as_str().unwrap_or_default().to_owned(),
            title: v["title"].as_str().map(str::to_owned),
            published: v["published"]
                .as_str()
                .or(v["date"].as_str())
                .map(str::to_owned),
            text: v["text"].as_str().unwrap_or_default().to_owned(),
            ..Document::default()
        });
    }
    let mut grid: Vec<(String, Vec<f32>)> = Vec::new();
    for a in &args[3..] {
        let (k, vs) = a.split_once('=').ok_or("key=v1,v2")?;
        grid.push((
            k.to_owned(),
            vs.split(',').map(str::parse).collect::<Result<_, _>>()?,
        ));
    }
    let mut combos: Vec<Vec<(String, f32)>> = vec![Vec::new()];
    for (k, vs) in &grid {
        combos = combos
            .into_iter()
            .flat_map(|c| {
                vs.iter()
                    .map(move |v| [c.clone(), vec![(k.clone(), *v)]].concat())
            })
            .collect();
    }
    for combo in combos {
        let mut o = ClusterOptions::default();
        for (k, v) in &combo {
            match k.as_str() {
                "join" => o.join = *v,
                "window" => o.window_days = *v as i64,
                "half" => o.half_life_days = *v,
                "title" => o.title_weight = *v,
                "lead" => o.lead_weight = *v,
                "name" => o.name_boost = *v,
                "nw" => o.name_weight = *v,
                "cs" => o.centroid_share = *v,
                "link" => o.link = *v,
                other => return Err(format!("unknown option {other}").into()),
            }
        }
        let name: String = combo
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",");
        let name = if name.is_empty() {
            "default".to_owned()
        } else {
            name
        };
        let t = std::time::Instant::now();
        let mut c = Clusterer::new(o);
        let path = std::path::Path::new(outdir).join(format!("{name}.jsonl"));
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
        for d in &docs {
            let dec = c.push(d);
            writeln!(
                out,
                "{}",
                serde_json::json!({"id": d.id, "cluster": dec.event})
            )?;
        }
        println!(
            "{}\t{:.0}",
            path.display(),
            docs.len() as f64 / t.elapsed().as_secs_f64()
        );
    }
    Ok(())
}
