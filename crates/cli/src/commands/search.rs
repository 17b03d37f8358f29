use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use storyline_pipeline::store::search::{SearchQuery, SearchResults, Snippet};
use storyline_pipeline::DigestOptions;

use super::digest::{archive_failure, open_archive};
use crate::{Failure, Global};

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Words to find (all of them, English stemming: "flooding" finds "floods"); "quoted words"
    /// match as a phrase; title:word searches titles only.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    /// Database directory built by `storyline digest --db DIR`.
    #[arg(long, value_name = "DIR", required = true)]
    pub db: PathBuf,
    /// Only documents from this outlet (exact name, any case).
    #[arg(long, value_name = "OUTLET")]
    pub outlet: Option<String>,
    /// Only documents published on or after this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only documents published on or before this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only documents of events involving this entity (a person, place or organisation).
    #[arg(long, value_name = "NAME")]
    pub entity: Option<String>,
    /// How many events and documents to show.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Print the results as one JSON object (docs/FORMAT.md).
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &SearchArgs, _g: &Global) -> Result<(), Failure> {
    if !args.db.join("storyline.redb").exists() {
        return Err(Failure::Input(format!(
            "{}: no storyline database here; build one with `storyline digest --db {} INPUT…`",
            args.db.display(),
            args.db.display()
        )));
    }
    let archive = open_archive(&args.db, DigestOptions::default())?;
    let query = SearchQuery {
        text: args.query.join(" "),
        outlet: args.outlet.clone(),
        from: args.from.clone(),
        to: args.to.clone(),
        entity: args.entity.clone(),
        limit: args.limit,
        offset: 0,
    };
    let results = archive.search(&query).map_err(archive_failure)?;
    let stdout = std::io::stdout();
    let color = stdout.is_terminal();
    let mut out = stdout.lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &results).context("writing output")?;
        out.write_all(b"\n").context("writing output")?;
    } else {
        out.write_all(render(&results, color).as_bytes())
            .context("writing output")?;
    }
    out.flush().context("writing output")?;
    Ok(())
}

/// The results for a terminal: events first (what happened), then the documents, each with its
/// snippet; matches in bold when writing to a terminal.
fn render(r: &SearchResults, color: bool) -> String {
    let mut s = format!(
        "{} event{} · {} document{} match\n",
        r.total_events,
        if r.total_events == 1 { "" } else { "s" },
        r.total_documents,
        if r.total_documents == 1 { "" } else { "s" },
    );
    if !r.events.is_empty() {
        s.push_str("\nEvents\n");
        for e in &r.events {
            let dates = match (&e.first_published, &e.last_published) {
                (Some(a), Some(b)) if a[..a.len().min(10)] != b[..b.len().min(10)] => {
                    format!("{} – {}", &a[..a.len().min(10)], &b[..b.len().min(10)])
                }
                (Some(a), _) => a[..a.len().min(10)].to_owned(),
                _ => "undated".to_owned(),
            };
            s.push_str(&format!(
                "  {}  {} ({}, {} of {} documents match)\n      {}\n",
                e.id,
                e.title,
                dates,
                e.matched_documents,
                e.documents,
                highlight(&e.snippet, color)
            ));
        }
    }
    if !r.documents.is_empty() {
        s.push_str("\nDocuments\n");
        for d in &r.documents {
            let meta: Vec<&str> = [
                d.outlet.as_deref(),
                d.published.as_deref(),
                d.event.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect();
            s.push_str(&format!(
                "  {}  {}\n      {}\n      {}\n",
                d.id,
                d.title.as_deref().unwrap_or("(untitled)"),
                meta.join(" · "),
                highlight(&d.snippet, color)
            ));
        }
    }
    let facet = |name: &str, f: &[storyline_pipeline::store::search::FacetCount]| {
        if f.is_empty() {
            return String::new();
        }
        let items: Vec<String> = f
            .iter()
            .map(|c| format!("{} ({})", c.name, c.count))
            .collect();
        format!("  {name}: {}\n", items.join(" · "))
    };
    let facets = facet("outlets", &r.facets.outlets) + &facet("entities", &r.facets.entities);
    if !facets.is_empty() {
        s.push_str("\nRefine\n");
        s.push_str(&facets);
    }
    s
}

/// The snippet on one line, matched spans in bold (ANSI) when `color`.
fn highlight(sn: &Snippet, color: bool) -> String {
    let mut out = String::new();
    let mut at = 0;
    for h in &sn.highlights {
        let (Some(before), Some(hit)) = (sn.text.get(at..h.start), sn.text.get(h.start..h.end))
        else {
            continue;
        };
        out.push_str(before);
        if color {
            out.push_str("\x1b[1;33m");
            out.push_str(hit);
            out.push_str("\x1b[0m");
        } else {
            out.push_str(hit);
        }
        at = h.end;
    }
    out.push_str(sn.text.get(at..).unwrap_or(""));
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}
