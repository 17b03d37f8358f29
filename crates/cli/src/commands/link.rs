//! `storyline link`: storylines over events reported by separate runs.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use storyline_model::{parse_published, Event};
use storyline_pipeline::cluster::{ClusterOptions, Linker, PROFILE_LINK};
use storyline_pipeline::Chapters;

use super::digest::write_line;
use super::read_records;
use crate::report::Problems;
use crate::{Failure, Global};

#[derive(Args, Debug)]
pub struct LinkArgs {
    /// JSONL event records (`digest --format jsonl` or `report` output; other record types are
    /// skipped), in the order the events began; none or - reads stdin.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Minimum cosine of two events' profiles (headline, summary, names) to link them.
    #[arg(long, default_value_t = PROFILE_LINK)]
    pub threshold: f32,
    /// Storylines link events at most this many days apart.
    #[arg(long, default_value_t = ClusterOptions::default().link_horizon_days, value_name = "DAYS")]
    pub horizon_days: i64,
}

pub fn run(args: &LinkArgs, g: &Global) -> Result<(), Failure> {
    let mut problems = Problems::new(g);
    let opts = ClusterOptions {
        link_horizon_days: args.horizon_days,
        ..ClusterOptions::default()
    };
    let mut linker = Linker::new(opts, args.threshold);
    let mut chapters = Chapters::default();
    read_records::<serde_json::Value>(&args.inputs, g, &mut problems, |origin, obj, _| {
        if obj.get("type").is_some_and(|t| t != "event") {
            return Ok(());
        }
        let event: Event = match serde_json::from_value(serde_json::Value::Object(obj)) {
            Ok(e) => e,
            Err(e) => {
                tracing::warn!(%origin, error = %e, "not an event record; skipped");
                return Ok(());
            }
        };
        let day = |d: &Option<String>| d.as_deref().and_then(parse_published);
        let mut texts: Vec<(&str, f32)> = vec![(event.title.as_str(), 2.0)];
        texts.extend(event.summary.iter().map(|s| (s.text.as_str(), 1.0)));
        texts.extend(event.entities.iter().map(|e| (e.name.as_str(), 1.5)));
        linker.push(
            &event.id,
            day(&event.first_published),
            day(&event.last_published),
            &texts,
        );
        chapters.record(&event);
        Ok(())
    })?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for s in chapters.storylines(linker.storylines()) {
        write_line(&mut out, "storyline", &s)?;
    }
    out.flush().context("writing output")?;
    problems.finish()
}
