//! Human-readable reports: plain text for a terminal, Markdown and HTML for export.
//!
//! One walk over the report decides *what* a reader sees and in which order; a [`Style`]
//! decides only how each piece looks, so the three formats cannot drift apart.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write;

use storyline_model::{DocumentEntry, Event, Report};

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How each piece of the report is written.
trait Style {
    fn header(&mut self, out: &mut String, summary: &str);
    fn event_title(&mut self, out: &mut String, title: &str);
    fn meta(&mut self, out: &mut String, text: &str);
    fn section(&mut self, out: &mut String, name: &str);
    /// A summary sentence with its numbered sources and how many outlets back it.
    fn sentence(&mut self, out: &mut String, text: &str, refs: &[usize], backing: &str);
    fn item(&mut self, out: &mut String, text: &str);
    fn source(&mut self, out: &mut String, n: usize, id: &str, rest: &str);
    fn end_event(&mut self, out: &mut String);
    fn footer(&mut self, out: &mut String);
}

struct Text;

impl Style for Text {
    fn header(&mut self, out: &mut String, summary: &str) {
        let _ = writeln!(out, "{summary}\n");
    }
    fn event_title(&mut self, out: &mut String, title: &str) {
        let _ = writeln!(out, "━━ {title} ━━");
    }
    fn meta(&mut self, out: &mut String, text: &str) {
        let _ = writeln!(out, "   {text}");
    }
    fn section(&mut self, out: &mut String, name: &str) {
        let _ = writeln!(out, "\n   {name}");
    }
    fn sentence(&mut self, out: &mut String, text: &str, refs: &[usize], backing: &str) {
        let refs: String = refs.iter().map(|n| format!("[{n}]")).collect();
        let _ = writeln!(out, "   {text} {refs}{backing}");
    }
    fn item(&mut self, out: &mut String, text: &str) {
        let _ = writeln!(out, "   {text}");
    }
    fn source(&mut self, out: &mut String, n: usize, id: &str, rest: &str) {
        let _ = writeln!(out, "   [{n}] {id} — {rest}");
    }
    fn end_event(&mut self, out: &mut String) {
        let _ = writeln!(out);
    }
    fn footer(&mut self, _: &mut String) {}
}

/// A verbatim span on one line: a summary item can run across a paragraph break (two sentences
/// shown together), and every style lists items one per line.
fn one_line(s: &str) -> Cow<'_, str> {
    if s.contains(['\n', '\r', '\t']) {
        Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        Cow::Borrowed(s)
    }
}

/// Markdown: characters that would become markup are escaped.
fn md(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

struct Markdown;

impl Style for Markdown {
    fn header(&mut self, out: &mut String, summary: &str) {
        let _ = writeln!(out, "# storyline digest\n\n{}\n", md(summary));
    }
    fn event_title(&mut self, out: &mut String, title: &str) {
        let _ = writeln!(out, "## {}\n", md(title));
    }
    fn meta(&mut self, out: &mut String, text: &str) {
        let _ = writeln!(out, "*{}*\n", md(text));
    }
    fn section(&mut self, out: &mut String, name: &str) {
        let _ = writeln!(out, "\n### {}\n", md(name));
    }
    fn sentence(&mut self, out: &mut String, text: &str, refs: &[usize], backing: &str) {
        let refs: String = refs
            .iter()
            .map(|n| format!("[\\[{n}\\]](#src-{n})"))
            .collect();
        let _ = writeln!(out, "- {} {refs}{}", md(text), md(backing));
    }
    fn item(&mut self, out: &mut String, text: &str) {
        let _ = writeln!(out, "- {}", md(text));
    }
    fn source(&mut self, out: &mut String, n: usize, id: &str, rest: &str) {
        let _ = writeln!(
            out,
            "{n}. <a id=\"src-{n}\"></a>`{}` — {}",
            id.replace('`', "'"),
            md(rest)
        );
    }
    fn end_event(&mut self, out: &mut String) {
        let _ = writeln!(out);
    }
    fn footer(&mut self, _: &mut String) {}
}

/// HTML: all report text is escaped, so an article containing markup renders as text.
fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

#[derive(Default)]
struct Html {
    event: usize,
    in_list: bool,
}

impl Html {
    fn close_list(&mut self, out: &mut String) {
        if self.in_list {
            out.push_str("</ul>\n");
            self.in_list = false;
        }
    }
    fn open_list(&mut self, out: &mut String) {
        if !self.in_list {
            out.push_str("<ul>\n");
            self.in_list = true;
        }
    }
}

impl Style for Html {
    fn header(&mut self, out: &mut String, summary: &str) {
        out.push_str(
            "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>storyline digest</title>\n\
             <style>body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;color:#222}\
             h2{border-top:1px solid #ccc;padding-top:1rem}.meta{color:#666}.backing{color:#666;font-size:.9em}\
             sup a{text-decoration:none}</style></head><body>\n",
        );
        let _ = writeln!(
            out,
            "<h1>storyline digest</h1>\n<p class=\"meta\">{}</p>",
            esc(summary)
        );
    }
    fn event_title(&mut self, out: &mut String, title: &str) {
        self.event += 1;
        let _ = writeln!(out, "<section>\n<h2>{}</h2>", esc(title));
    }
    fn meta(&mut self, out: &mut String, text: &str) {
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", esc(text));
    }
    fn section(&mut self, out: &mut String, name: &str) {
        self.close_list(out);
        let _ = writeln!(out, "<h3>{}</h3>", esc(name));
    }
    fn sentence(&mut self, out: &mut String, text: &str, refs: &[usize], backing: &str) {
        self.open_list(out);
        let ev = self.event;
        let refs: String = refs
            .iter()
            .map(|n| format!("<sup><a href=\"#e{ev}-src-{n}\">[{n}]</a></sup>"))
            .collect();
        let _ = writeln!(
            out,
            "<li>{}{refs}<span class=\"backing\">{}</span></li>",
            esc(text),
            esc(backing)
        );
    }
    fn item(&mut self, out: &mut String, text: &str) {
        self.open_list(out);
        let _ = writeln!(out, "<li>{}</li>", esc(text));
    }
    fn source(&mut self, out: &mut String, n: usize, id: &str, rest: &str) {
        self.open_list(out);
        let ev = self.event;
        let _ = writeln!(
            out,
            "<li id=\"e{ev}-src-{n}\">[{n}] <code>{}</code> — {}</li>",
            esc(id),
            esc(rest)
        );
    }
    fn end_event(&mut self, out: &mut String) {
        self.close_list(out);
        out.push_str("</section>\n");
    }
    fn footer(&mut self, out: &mut String) {
        self.close_list(out);
        out.push_str("</body></html>\n");
    }
}

/// Render the report as plain text: events newest first, each with its date range, outlets,
/// a summary whose sentences carry `[n]` citations into a numbered source list, key quotes,
/// who is involved, a timeline, the agencies cited and what single outlets add.
pub fn render_text(report: &Report) -> String {
    render(report, &mut Text)
}

/// The same report as Markdown (headings, lists, citation links to the source list).
pub fn render_markdown(report: &Report) -> String {
    render(report, &mut Markdown)
}

/// The same report as a standalone HTML page; every piece of article text is escaped.
pub fn render_html(report: &Report) -> String {
    render(report, &mut Html::default())
}

fn render(report: &Report, style: &mut dyn Style) -> String {
    let mut out = String::new();
    let dups = report
        .documents
        .iter()
        .filter(|d| d.duplicate_of.is_some())
        .count();
    let summary = format!(
        "{} · {} · {} · {}",
        plural(report.documents.len(), "document", "documents"),
        plural(report.events.len(), "event", "events"),
        plural(report.storylines.len(), "storyline", "storylines"),
        plural(dups, "duplicate", "duplicates"),
    );
    style.header(&mut out, &summary);
    let storyline_titles: BTreeMap<&str, &str> = report
        .storylines
        .iter()
        .map(|s| (s.id.as_str(), s.title.as_str()))
        .collect();
    let docs: BTreeMap<&str, &DocumentEntry> = report
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    for ev in &report.events {
        render_event(&mut out, style, ev, &storyline_titles, &docs);
    }
    if !report.storylines.is_empty() {
        style.event_title(&mut out, "Storylines");
        for st in &report.storylines {
            style.item(
                &mut out,
                &format!("{} — {} ({})", st.id, st.title, st.events.join(", ")),
            );
        }
        style.end_event(&mut out);
    }
    style.footer(&mut out);
    out
}

fn render_event(
    out: &mut String,
    style: &mut dyn Style,
    ev: &Event,
    storylines: &BTreeMap<&str, &str>,
    docs: &BTreeMap<&str, &DocumentEntry>,
) {
    style.event_title(out, &ev.title);
    let range = match (&ev.first_published, &ev.last_published) {
        (Some(a), Some(b)) if a == b => a.clone(),
        (Some(a), Some(b)) => format!("{a} – {b}"),
        _ => "undated".to_owned(),
    };
    let outlets = if ev.outlets.is_empty() {
        "unknown outlet".to_owned()
    } else {
        ev.outlets.join(", ")
    };
    style.meta(
        out,
        &format!(
            "{range} · {} · {outlets}",
            plural(ev.documents.len(), "document", "documents")
        ),
    );
    if let Some(s) = ev.storyline.as_deref() {
        style.meta(
            out,
            &format!(
                "storyline {s}: {}",
                storylines.get(s).copied().unwrap_or("")
            ),
        );
    }
    // Sources are numbered in order of first citation.
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
        style.section(out, "Summary");
        for s in &ev.summary {
            let refs: Vec<usize> = s.citations.iter().map(|c| number(&c.doc)).collect();
            let backing = match s.outlets.len() {
                0 => String::new(),
                1 => format!(" (1 outlet: {})", s.outlets[0]),
                n => format!(" ({n} outlets)"),
            };
            style.sentence(out, &one_line(&s.text), &refs, &backing);
        }
    }
    if !ev.quotes.is_empty() {
        style.section(out, "Quotes");
        for q in ev.quotes.iter().take(3) {
            let who = match (&q.speaker, &q.credited) {
                (Some(s), _) => s.clone(),
                (None, Some(c)) => format!("unknown speaker, credited to “{c}”"),
                (None, None) => "unknown speaker".to_string(),
            };
            let by = if q.outlets.is_empty() {
                String::new()
            } else {
                format!(" ({})", q.outlets.join(", "))
            };
            style.item(
                out,
                &format!(
                    "“{}” — {who}{by}",
                    one_line(q.text.trim_end_matches([',', ' ']))
                ),
            );
        }
    }
    let named: Vec<String> = ev
        .entities
        .iter()
        .filter(|e| e.mentions > 1)
        .take(8)
        .map(|e| {
            let also: Vec<&str> = e
                .aliases
                .iter()
                .map(String::as_str)
                .filter(|a| *a != e.name)
                .take(2)
                .collect();
            if also.is_empty() {
                e.name.clone()
            } else {
                format!("{} (also {})", e.name, also.join(", "))
            }
        })
        .collect();
    if !named.is_empty() {
        style.section(out, "Who and where");
        style.item(out, &named.join(" · "));
    }
    if !ev.timeline.is_empty() {
        style.section(out, "Timeline");
        for t in ev.timeline.iter().take(5) {
            style.item(out, &format!("{} — {}", t.date, one_line(&t.text)));
        }
    }
    if !ev.attributions.is_empty() {
        let agencies: Vec<String> = ev
            .attributions
            .iter()
            .map(|a| format!("{} ({})", a.agency, a.documents.len()))
            .collect();
        style.section(out, "Sources cited");
        style.item(out, &agencies.join(", "));
    }
    if !ev.exclusives.is_empty() {
        style.section(out, "Only in one outlet");
        for x in ev.exclusives.iter().take(6) {
            let n = number(&x.citation.doc);
            style.sentence(out, &one_line(&x.text), &[n], &format!(" ({})", x.outlet));
        }
    }
    if !numbers.is_empty() {
        style.section(out, "Sources");
        for (n, id) in numbers.iter().enumerate() {
            let meta = docs.get(id);
            let outlet = meta
                .and_then(|d| d.outlet.as_deref())
                .unwrap_or("unknown outlet");
            let date = meta
                .and_then(|d| d.published.as_deref())
                .map(|p| p.get(..10).unwrap_or(p))
                .unwrap_or("undated");
            style.source(out, n + 1, id, &format!("{outlet}, {date}"));
        }
    }
    style.end_event(out);
}

#[cfg(test)]
mod tests {
    use super::*;
    use storyline_model::{Citation, EventQuote, SummarySentence};

    fn report() -> Report {
        Report {
            documents: vec![DocumentEntry {
                id: "a.html".into(),
                outlet: Some("Harbour <Gazette>".into()),
                title: None,
                published: Some("2026-04-14T10:00:00Z".into()),
                duplicate_of: None,
            }],
            events: vec![Event {
                id: "e1".into(),
                title: "Ferry <script>alert(1)</script> returns".into(),
                storyline: None,
                documents: vec!["a.html".into()],
                outlets: vec!["Harbour <Gazette>".into()],
                first_published: Some("2026-04-14".into()),
                last_published: Some("2026-04-14".into()),
                summary: vec![SummarySentence {
                    text: "The ferry *returned* on Monday <b>early</b>.".into(),
                    citations: vec![Citation {
                        doc: "a.html".into(),
                        start: 0,
                        end: 10,
                    }],
                    outlets: vec!["Harbour <Gazette>".into()],
                }],
                quotes: vec![
                    EventQuote {
                        text: "The ferry will sail daily".into(),
                        speaker: None,
                        credited: Some("port officials".into()),
                        documents: vec!["a.html".into()],
                        outlets: vec![],
                    },
                    EventQuote {
                        text: "We are back".into(),
                        speaker: Some("Mara Lind".into()),
                        credited: None,
                        documents: vec!["a.html".into()],
                        outlets: vec![],
                    },
                ],
                entities: vec![],
                timeline: vec![],
                attributions: vec![],
                exclusives: vec![],
            }],
            storylines: vec![],
        }
    }

    #[test]
    fn html_escapes_all_article_text() {
        let h = render_html(&report());
        assert!(!h.contains("<script>alert"), "{h}");
        assert!(h.contains("Ferry &lt;script&gt;alert(1)&lt;/script&gt; returns"));
        assert!(h.contains("&lt;b&gt;early&lt;/b&gt;"));
        assert!(h.contains("href=\"#e1-src-1\"") && h.contains("id=\"e1-src-1\""));
    }

    #[test]
    fn markdown_escapes_markup_and_links_citations() {
        let m = render_markdown(&report());
        assert!(
            m.contains("## Ferry \\<script\\>alert(1)\\</script\\> returns"),
            "{m}"
        );
        assert!(m.contains("\\*returned\\*"));
        assert!(m.contains("[\\[1\\]](#src-1)"));
    }

    #[test]
    fn text_numbers_citations_into_the_source_list() {
        let t = render_text(&report());
        assert!(
            t.contains("early</b>. [1] (1 outlet: Harbour <Gazette>)"),
            "{t}"
        );
        assert!(t.contains("[1] a.html — Harbour <Gazette>, 2026-04-14"));
    }

    #[test]
    fn an_item_across_a_paragraph_break_stays_one_line() {
        let mut r = report();
        r.events[0].summary[0].text =
            "The ferry returned on Monday.\n\n“We are back,” Mara Lind said.".into();
        let t = render_text(&r);
        assert!(
            t.contains("   The ferry returned on Monday. “We are back,” Mara Lind said. [1]"),
            "{t}"
        );
        let m = render_markdown(&r);
        assert!(
            m.contains("- The ferry returned on Monday. “We are back,” Mara Lind said. [\\[1"),
            "{m}"
        );
    }

    #[test]
    fn a_quote_without_a_speaker_shows_whom_the_text_credits() {
        let t = render_text(&report());
        assert!(
            t.contains(
                "“The ferry will sail daily” — unknown speaker, credited to “port officials”"
            ),
            "{t}"
        );
        assert!(t.contains("“We are back” — Mara Lind"), "{t}");
    }
}
