//! Human-readable digest: what a reader sees in a terminal.

use std::collections::BTreeMap;
use std::fmt::Write;

use storyline_model::{Event, Report};

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Render the report as plain text: events newest first, each with its date range, outlets,
/// a summary whose sentences carry `[n]` citations into a numbered source list, and key quotes.
pub fn render_text(report: &Report) -> String {
    let mut out = String::new();
    let dups = report
        .documents
        .iter()
        .filter(|d| d.duplicate_of.is_some())
        .count();
    let _ = writeln!(
        out,
        "{} · {} · {} · {}\n",
        plural(report.documents.len(), "document", "documents"),
        plural(report.events.len(), "event", "events"),
        plural(report.storylines.len(), "storyline", "storylines"),
        plural(dups, "duplicate", "duplicates"),
    );
    let storyline_titles: BTreeMap<&str, &str> = report
        .storylines
        .iter()
        .map(|s| (s.id.as_str(), s.title.as_str()))
        .collect();
    let doc_meta: BTreeMap<&str, _> = report
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    for ev in &report.events {
        render_event(&mut out, ev, &storyline_titles, &doc_meta);
    }
    if !report.storylines.is_empty() {
        let _ = writeln!(out, "STORYLINES");
        for st in &report.storylines {
            let _ = writeln!(out, "  {} — {} ({})", st.id, st.title, st.events.join(", "));
        }
    }
    out
}

fn render_event(
    out: &mut String,
    ev: &Event,
    storylines: &BTreeMap<&str, &str>,
    docs: &BTreeMap<&str, &storyline_model::DocumentEntry>,
) {
    let _ = writeln!(out, "━━ {} ━━", ev.title);
    let range = match (&ev.first_published, &ev.last_published) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "undated".to_owned(),
    };
    let _ = writeln!(
        out,
        "   {range} · {} · {}",
        plural(ev.documents.len(), "document", "documents"),
        if ev.outlets.is_empty() {
            "unknown outlet".to_owned()
        } else {
            ev.outlets.join(", ")
        }
    );
    if let Some(s) = ev.storyline.as_deref() {
        let _ = writeln!(
            out,
            "   storyline {s}: {}",
            storylines.get(s).copied().unwrap_or("")
        );
    }
    // Number sources in order of first citation.
    let mut numbers: Vec<&str> = Vec::new();
    let mut number = |doc: &str| -> usize {
        match numbers.iter().position(|d| *d == doc) {
            Some(p) => p + 1,
            None => {
                numbers.push(
                    ev.documents
                        .iter()
                        .find(|d| d.as_str() == doc)
                        .map_or("", String::as_str),
                );
                numbers.len()
            }
        }
    };
    if !ev.summary.is_empty() {
        let _ = writeln!(out);
        for s in &ev.summary {
            let refs: Vec<String> = s
                .citations
                .iter()
                .map(|c| format!("[{}]", number(&c.doc)))
                .collect();
            let backing = match s.outlets.len() {
                0 => String::new(),
                1 => format!(" (1 outlet: {})", s.outlets[0]),
                n => format!(" ({n} outlets)"),
            };
            let _ = writeln!(out, "   {} {}{}", s.text, refs.join(""), backing);
        }
    }
    let quotes: Vec<_> = ev.quotes.iter().take(3).collect();
    if !quotes.is_empty() {
        let _ = writeln!(out, "\n   Quotes");
        for q in quotes {
            let who = q.speaker.as_deref().unwrap_or("unknown speaker");
            let by = if q.outlets.is_empty() {
                String::new()
            } else {
                format!(" ({})", q.outlets.join(", "))
            };
            let _ = writeln!(
                out,
                "   “{}” — {who}{by}",
                q.text.trim_end_matches([',', ' '])
            );
        }
    }
    if !ev.attributions.is_empty() {
        let agencies: Vec<String> = ev
            .attributions
            .iter()
            .map(|a| format!("{} ({})", a.agency, a.documents.len()))
            .collect();
        let _ = writeln!(out, "\n   Sources cited: {}", agencies.join(", "));
    }
    if !numbers.is_empty() {
        let _ = writeln!(out);
        for (n, id) in numbers.iter().enumerate() {
            let meta = docs.get(id);
            let outlet = meta
                .and_then(|d| d.outlet.as_deref())
                .unwrap_or("unknown outlet");
            let date = meta
                .and_then(|d| d.published.as_deref())
                .map(|p| p.get(..10).unwrap_or(p))
                .unwrap_or("undated");
            let _ = writeln!(out, "   [{}] {id} — {outlet}, {date}", n + 1);
        }
    }
    let _ = writeln!(out);
}
