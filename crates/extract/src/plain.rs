//! Cleaning plain text: a full-page text dump (site chrome as lines) or an already-clean article.
//!
//! Each line is classified from signals available within the document alone: length, terminal
//! punctuation, stop-word density (or, for other languages, the share of lower-case words),
//! link/e-mail/© shapes, call-to-action and appeal shapes, caption shape, comment-thread markers.
//! Lines then get a signed score — prose positive, runs of short lines increasingly negative,
//! comment markers a hard border — and the story is the contiguous run of lines with the largest
//! total (Kadane). Inside that run only clearly-junk lines are dropped, so short story paragraphs
//! (one-sentence quotes, subheadings, list items) survive where a per-line threshold would lose
//! them, while teaser lists and comment threads outside it go.

use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

use storyline_model::Document;
use storyline_text::{fold, is_stopword, tokens};

use crate::dom::visible;
use crate::meta;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Long, sentence-like: certainly story.
    Prose,
    /// Short but sentence-like or neutral (subheading, short quote).
    Maybe,
    /// Chrome: menu item, call to action, legal line, caption, link.
    Junk,
    /// A sentence-shaped appeal to the reader ("Support us with a donation…"): story only when
    /// it sits between story lines.
    Appeal,
}

struct Line<'a> {
    text: &'a str,
    kind: Kind,
    words: usize,
    /// Chrome that marks the end of a story (comment headers and counts).
    separator: bool,
    /// Neither neighbour is running text.
    isolated: bool,
    /// Position (1-based) in a run of consecutive lines that are not running text.
    run: usize,
    /// A short line with inner punctuation, shaped like an item of a list in the story
    /// ("Path B: Ireland, Norway", "June 9 – Tampa, FL"), unlike a menu entry.
    listy: bool,
    /// Comes after a comment-count line that itself follows prose: reader comments, not story.
    in_comments: bool,
}

/// Imperative openers of calls to action ("Sign up", "Subscribe", "Read more", …): generic UI
/// verbs, not phrases of any site.
const CTA: &[&str] = &[
    "sign up",
    "sign in",
    "log in",
    "login",
    "subscribe",
    "register",
    "donate",
    "support us",
    "read more",
    "read next",
    "advert",
    "enlarge",
    "expand",
    "view gallery",
    "tags",
    "topics",
    "more on this",
    "most read",
    "most popular",
    "don't miss",
    "see also",
    "related",
    "more from",
    "follow us",
    "follow",
    "share",
    "share this",
    "print",
    "email",
    "click here",
    "tap here",
    "download",
    "advertisement",
    "skip to",
    "jump to",
    "back to top",
    "accept",
    "cookie",
    "we use cookies",
    "manage",
    "listen",
    "watch",
    "comments",
    "leave a comment",
    "sponsored",
    "recommended",
    "you may also like",
    "get the",
    "join",
    "already a subscriber",
    "become a",
    "contact us",
    "terms of",
    "privacy",
    "all rights reserved",
    "continue reading",
    "show more",
    "load more",
    "close",
    "menu",
    "search",
    "please enable",
    "enable javascript",
];

/// Openers of a credit line (see [`is_credit_line`]).
const CREDITS: &[&str] = &[
    "edited by",
    "edited and translated by",
    "translated by",
    "translated and edited by",
    "compiled by",
    "reporting by",
    "additional reporting by",
    "writing by",
];

/// Capitalised labels that open a line of a video player or a teaser, however long the line:
/// "CLOSE <the video's blurb>", "JUST WATCHED <title> Replay More Videos …", "MORE: <headline>".
/// Only in capitals — "Close to 300 people …" is a sentence.
const WIDGET_LABELS: &[&str] = &[
    "CLOSE ",
    "JUST WATCHED ",
    "MUST WATCH ",
    "RELATED ",
    "RELATED:",
    "MORE:",
    "READ MORE:",
    "SEE ALSO:",
    "WATCH:",
    "VIDEO:",
    "PHOTOS:",
    "SHARE COPY LINK",
];

fn is_widget_line(text: &str) -> bool {
    let t = text.trim_start();
    WIDGET_LABELS.iter().any(|l| t.starts_with(l))
}

fn starts_with_cta(folded: &str) -> bool {
    CTA.iter().any(|c| {
        folded.starts_with(c)
            && folded[c.len()..]
                .chars()
                .next()
                .is_none_or(|ch| !ch.is_alphanumeric())
    })
}

/// Caption and credit marks of a line, matched in one pass whatever their case.
const CAPTION_LINE_MARKS: &[&str] = &[
    "photo:",
    "media caption",
    "image caption",
    "image copyright",
    "photograph:",
    "image:",
    "picture:",
    "credit:",
    "illustration:",
    "(photo",
    "(image",
    "photo by",
    "getty images",
    "/ reuters",
    "/ afp",
    "/ ap",
];

fn is_caption(line: &str) -> bool {
    static MARKS: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let marks = MARKS.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(CAPTION_LINE_MARKS)
            .ok()
    });
    match marks {
        Some(ac) => ac.is_match(line),
        None => {
            let l = line.to_lowercase();
            CAPTION_LINE_MARKS.iter().any(|p| l.contains(p))
        }
    }
}

fn classify(text: &str) -> Line<'_> {
    let (mut kind, words) = classify_kind(text);
    let separator = is_comment_marker(text, words);
    if separator {
        kind = Kind::Junk;
    }
    Line {
        text,
        kind,
        words,
        separator,
        isolated: false,
        run: 0,
        listy: false,
        in_comments: false,
    }
}

/// Comment-thread chrome: "name says:", "12 comments", "3 days ago", "Rating: 9 votes".
fn is_comment_marker(text: &str, words: usize) -> bool {
    let l = text.trim().to_lowercase();
    let says = words <= 6
        && ["says:", "said:", "wrote:", "says", "commented:"]
            .iter()
            .any(|e| l.ends_with(e));
    let first_is_count = l
        .split_whitespace()
        .next()
        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()) || matches!(w, "a" | "an" | "one"));
    let ago = words <= 8 && first_is_count && l.contains(" ago");
    let votes = words <= 5
        && l.chars().any(|c| c.is_ascii_digit())
        && ["votes", "likes", "points", "upvotes"]
            .iter()
            .any(|k| l.contains(k));
    // The opening of a comment form or thread.
    let form = words <= 14
        && [
            "leave a reply",
            "leave a comment",
            "post a comment",
            "add a comment",
            "join the discussion",
            "join the conversation",
            "comments are closed",
            "your email address will not be published",
        ]
        .iter()
        .any(|p| l.starts_with(p));
    says || form || is_comment_count(text, words) || ago || votes
}

/// "34 comments", "[ 167 comments ]", "12 responses to …": the start of a comment thread.
fn is_comment_count(text: &str, words: usize) -> bool {
    let l = text.trim().to_lowercase();
    words <= 8
        && l.split_whitespace().any(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            !w.is_empty() && w.chars().all(|c| c.is_ascii_digit())
        })
        && ["comment", "responses", "replies", "reactions"]
            .iter()
            .any(|k| l.contains(k))
}

fn classify_kind(text: &str) -> (Kind, usize) {
    let folded = fold(text);
    let ws: Vec<&str> = tokens(&folded).map(|t| t.text).collect();
    let n = meta::weighted_words(text);
    let trimmed = folded.trim();
    if ws.is_empty() {
        return (Kind::Junk, 0);
    }
    let link_like = trimmed.contains("http://")
        || trimmed.contains("https://")
        || trimmed.contains("www.")
        || (trimmed.contains('@') && trimmed.contains('.') && n <= 6);
    let legal =
        trimmed.contains('©') || trimmed.contains("(c) 20") || trimmed.contains("copyright");
    let stop = ws.iter().filter(|w| is_stopword(w)).count() as f32 / ws.len() as f32;
    // Running text in any alphabetic language is mostly lower-case words; menus and headlines
    // are capitalised. This carries the stop-word signal over to languages other than English.
    let (lower, alpha) =
        tokens(text).fold((0usize, 0usize), |(l, a), t| match t.text.chars().next() {
            Some(c) if c.is_lowercase() => (l + 1, a + 1),
            Some(c) if c.is_alphabetic() => (l, a + 1),
            _ => (l, a),
        });
    let lower = if alpha == 0 {
        0.0
    } else {
        lower as f32 / alpha as f32
    };
    let cjk = text.chars().filter(|&c| meta::is_cjk(c)).count() * 2 > text.chars().count();
    let running = stop >= 0.15 || lower >= 0.6 || cjk;
    let end = trimmed.trim_end_matches(['"', '\'', '”', '’', ')', '»', '」']);
    let terminal = end.ends_with(['.', '!', '?', '…', ':', '。', '！', '？']);
    // Breadcrumbs, slug lines and link rows: "News › World", "Home | Sport", "WIRE · WORLD · 2".
    let arrows = trimmed.contains('»')
        || trimmed.contains('›')
        || trimmed.contains(" | ")
        || trimmed.matches(" \u{b7} ").count() >= 2
        || trimmed.matches(" \u{2022} ").count() >= 2;
    if legal || (link_like && n < 20) || (is_caption(text) && n < 40) {
        return (Kind::Junk, n);
    }
    let button = matches!(
        trimmed,
        "reply" | "report" | "like" | "flag" | "report abuse"
    );
    // A call to action is short; a sentence of running text that merely opens with such a word
    // ("Close to 300 passengers sailed …", "Share prices fell …") is not one.
    let cta = starts_with_cta(trimmed) && n < 25 && !(running && terminal && n >= 12);
    if button || cta || is_widget_line(text) {
        return (Kind::Junk, n);
    }
    if arrows && n < 15 {
        return (Kind::Junk, n);
    }
    if n < 45 && is_appeal(&ws) {
        return (Kind::Appeal, n);
    }
    // Tag clouds and keyword lists are long and lower-case too, but never contain a sentence end.
    let inner_stops = trimmed.matches(". ").count() + trimmed.matches("。").count();
    if running && n >= 15 && (terminal || inner_stops > 0) || (n >= 25 && stop >= 0.2) {
        return (Kind::Prose, n);
    }
    // Everything else (short sentences, subheadings, menus, bylines) is judged by position.
    (Kind::Maybe, n)
}

/// Reader-directed calls to action: an action verb together with "you/your/us/our".
fn is_appeal(words: &[&str]) -> bool {
    let has = |set: &[&str]| words.iter().any(|w| set.contains(w));
    has(&["you", "your", "us", "our"])
        && has(&[
            "support",
            "donate",
            "donation",
            "donating",
            "subscribe",
            "subscribing",
            "subscription",
            "newsletter",
            "sign",
            "register",
            "follow",
            "download",
            "contribute",
            "contribution",
            "membership",
            "inbox",
            "advertise",
        ])
}

/// Whether a line reads as a sentence of running text (for short story lines at the edges).
fn sentence_like(l: &Line) -> bool {
    let t = l.text.trim_end_matches(['"', '\'', '”', '’', ')']);
    l.kind == Kind::Maybe
        && l.words >= 4
        && t.ends_with(['.', '!', '?', '…', ':', '。', '！', '？'])
}

/// Whether a short line is a stand-alone date line or byline rather than story.
fn is_dateline_or_byline(line: &str, words: usize) -> bool {
    words <= 14
        && (meta::byline_name(line).is_some()
            || (meta::visible_date(line).is_some() && words <= 10))
}

/// Whether a line credits who edited, translated or reported the piece. Such a line stays in
/// the text, where it names the agencies a report draws on, but it is no headline.
fn is_credit_line(line: &str) -> bool {
    CREDITS.iter().any(|c| {
        line.get(..c.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(c))
    })
}

/// Whether a short line or block is chrome by its own shape (call to action, legal line,
/// caption, link, appeal, stand-alone date line or byline). Shared with HTML extraction, which
/// applies it to the short blocks inside the article container.
pub(crate) fn is_boilerplate(text: &str) -> bool {
    let l = classify(text);
    matches!(l.kind, Kind::Junk | Kind::Appeal) || is_dateline_or_byline(text, l.words)
}

/// How much a line adds to (or takes from) the story segment containing it.
fn line_score(l: &Line) -> f32 {
    let s = base_score(l);
    if l.in_comments && s > 0.0 {
        0.3 * s
    } else {
        s
    }
}

fn base_score(l: &Line) -> f32 {
    match l.kind {
        // A prose line between two non-prose lines is the shape of a teaser under a headline.
        Kind::Prose if l.isolated => 0.3 * l.words as f32 - 5.0,
        Kind::Prose => l.words as f32,
        Kind::Maybe if sentence_like(l) => 0.5 * l.words as f32,
        Kind::Maybe if l.listy => -0.5,
        // Each further line of a run of short lines costs more: one subheading is nothing, twenty
        // menu entries are a border.
        Kind::Maybe => -2.0 * l.run.min(20) as f32,
        Kind::Appeal => -3.0,
        // Nothing continues a story across a comment-thread marker.
        Kind::Junk if l.separator => -1.0e6,
        Kind::Junk => -5.0,
    }
}

/// The contiguous run of lines with the largest total score (Kadane): the story, with the
/// chrome that sits inside it to be filtered line by line.
fn best_segment(lines: &[Line]) -> Option<(usize, usize)> {
    let mut best: Option<(f32, usize, usize)> = None;
    let mut run = 0.0f32;
    let mut start = 0;
    for (i, l) in lines.iter().enumerate() {
        if run <= 0.0 {
            run = 0.0;
            start = i;
        }
        run += line_score(l);
        if run > 0.0 && best.is_none_or(|(b, _, _)| run > b) {
            best = Some((run, start, i));
        }
    }
    best.map(|(_, s, e)| (s, e))
}

/// Clean a plain-text page; metadata already known in `hints` wins.
pub fn clean_text(raw_text: &str, hints: &Document) -> Document {
    let mut lines: Vec<Line> = raw_text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(classify)
        .collect();
    let running = |l: &Line| l.kind == Kind::Prose || sentence_like(l);
    let mut seen_prose = false;
    let mut in_comments = false;
    let mut run = 0;
    for l in lines.iter_mut() {
        l.listy = l.kind == Kind::Maybe
            && l.words >= 4
            && l.text
                .trim_end_matches([',', ':', ';'])
                .contains([',', ':', ';', '(', '–', '—', '@', '$', '%']);
    }
    for i in 0..lines.len() {
        run = if running(&lines[i]) {
            0
        } else if lines[i].listy {
            run
        } else {
            run + 1
        };
        lines[i].run = run;
        in_comments |=
            seen_prose && lines[i].separator && is_comment_count(lines[i].text, lines[i].words);
        seen_prose |= lines[i].kind == Kind::Prose;
        lines[i].in_comments = in_comments;
        let prev = i > 0 && running(&lines[i - 1]);
        let next = lines.get(i + 1).is_some_and(running);
        lines[i].isolated = !prev && !next;
    }

    let mut doc = hints.clone();
    doc.text.clear();

    let Some((mut first, last)) = best_segment(&lines) else {
        // No prose at all: short already-clean text (or nothing) — keep every neutral line.
        let kept: Vec<Cow<str>> = lines
            .iter()
            .filter(|l| matches!(l.kind, Kind::Maybe | Kind::Prose))
            .map(|l| visible(l.text))
            .collect();
        doc.text = kept.join("\n\n");
        return doc;
    };
    // The segment may open with short lines (title, byline) that scored on their own.
    while first < last && lines[first].kind != Kind::Prose && !sentence_like(&lines[first]) {
        first += 1;
    }

    // Header zone: title, byline and date line just before the story.
    let header_start = first.saturating_sub(8);
    for l in &lines[header_start..first] {
        if doc.author.is_none() {
            if let Some(a) = meta::byline_name(l.text) {
                doc.author = Some(a);
                continue;
            }
        }
        if doc.published.is_none() && l.words <= 12 {
            if let Some(d) = meta::visible_date(l.text) {
                doc.published = Some(d);
            }
        }
    }
    if doc.title.is_none() {
        // The title is the last heading-shaped line before the byline/date/story.
        doc.title = lines[header_start..first]
            .iter()
            .rev()
            .find(|l| {
                l.kind == Kind::Maybe
                    && (4..=30).contains(&l.words)
                    && !is_dateline_or_byline(l.text, l.words)
                    && !is_credit_line(l.text)
                    && !l.text.trim_end().ends_with(['.', ':'])
            })
            .map(|l| visible(l.text).into_owned());
    }

    if doc.outlet.is_none() {
        // A dump's legal footer names the site: "© 2026 Valley Daily Record. All rights reserved."
        doc.outlet = lines[last..]
            .iter()
            .rev()
            .filter(|l| l.text.contains('©') || l.text.to_lowercase().starts_with("copyright"))
            .find_map(|l| meta::name_in_line(l.text));
    }

    let title_key = doc.title.as_deref().map(fold).unwrap_or_default();
    let kept: Vec<Cow<str>> = lines[first..=last]
        .iter()
        .filter(|l| match l.kind {
            Kind::Prose => true,
            Kind::Maybe => {
                !is_dateline_or_byline(l.text, l.words) && fold(&visible(l.text)) != title_key
            }
            Kind::Appeal | Kind::Junk => false,
        })
        .map(|l| visible(l.text))
        .collect();
    doc.text = kept.join("\n\n");
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_passes_through() {
        let t = "The council approved the new budget on Tuesday after a long debate about school funding and roads.\n\n\"It is a fair compromise,\" the mayor said.\n\nThe vote was seven to two, with both dissenters calling the road plan too expensive for the town.\n\nIt takes effect in May.";
        let d = clean_text(t, &Document::default());
        assert_eq!(d.text, t);
    }

    fn para(topic: &str) -> String {
        format!(
            "The regional council said on Monday that the {topic} plan would go ahead after months of debate, and that work would start in the spring."
        )
    }

    #[test]
    fn player_notices_captions_and_credit_lines_are_no_title() {
        let t = format!(
            "Ferry Returns to Lindholm\nEdited and translated by Mara Lind, Harbour Daily Online\nPlease enable Javascript to watch this video\nMedia caption The mayor: \"We waited three weeks for this\"\n{}\n{}",
            para("ferry"),
            para("harbour")
        );
        let d = clean_text(&t, &Document::default());
        assert_eq!(d.title.as_deref(), Some("Ferry Returns to Lindholm"));
        assert_eq!(d.text, format!("{}\n\n{}", para("ferry"), para("harbour")));
    }

    #[test]
    fn invisible_characters_are_dropped() {
        let t = format!(
            "\u{200b}Harbour \u{200b}pilot A\u{200b}rwa Dane was honoured on Monday for thirty years of guiding ships into the port of Lisk.\n{}",
            para("pilot")
        );
        let d = clean_text(&t, &Document::default());
        assert!(
            d.text.starts_with("Harbour pilot Arwa Dane was honoured"),
            "{}",
            d.text
        );
        assert!(!d.text.contains('\u{200b}'));
    }

    #[test]
    fn video_player_and_teaser_lines_are_not_story() {
        let t = format!(
            "CLOSE Ferry services to Lindholm resumed on Monday after the storm, and passengers were glad to be moving again. Mara Lind, Harbour Daily\n\
             JUST WATCHED Ferry returns Replay More Videos ... MUST WATCH Ferry returns 01:22\n{}\n{}\nMORE: Storm closes coastal road\n{}\nClose to 300 passengers sailed on the first crossing of the morning, the operator said on Monday evening.",
            para("ferry"),
            para("harbour"),
            para("road")
        );
        let d = clean_text(&t, &Document::default());
        assert!(
            !d.text.contains("CLOSE") && !d.text.contains("WATCHED") && !d.text.contains("MORE:"),
            "{}",
            d.text
        );
        assert!(d.text.starts_with(&para("ferry")), "{}", d.text);
        assert!(
            d.text.ends_with("the operator said on Monday evening."),
            "{}",
            d.text
        );
    }

    #[test]
    fn comment_thread_is_not_story() {
        let t = format!(
            "{}\n{}\n14 comments\nriverfan says:\n{}\nold_harbour says:\n{}\n{}",
            para("bridge"),
            para("harbour"),
            para("comment one, which is long enough to look like prose to any per-line rule"),
            para("comment two"),
            para("comment three")
        );
        let d = clean_text(&t, &Document::default());
        assert_eq!(d.text, format!("{}\n\n{}", para("bridge"), para("harbour")));
    }

    #[test]
    fn teaser_list_after_story_is_dropped() {
        let mut t = format!(
            "{}\n{}\n{}\nMore from the newsroom\n",
            para("road"),
            para("school"),
            para("park")
        );
        for h in [
            "Storm Closes Coastal Road",
            "Mayor Opens New Library",
            "Ferry Fares Rise Again",
        ] {
            t.push_str(&format!("{h}\nJane Writer\n{}\n", para(h)));
        }
        let d = clean_text(&t, &Document::default());
        assert_eq!(d.text.split("\n\n").count(), 3, "{}", d.text);
        assert!(!d.text.contains("Storm"));
    }

    #[test]
    fn list_inside_story_is_kept() {
        let t = format!(
            "{}\nThe stops on the new route are:\nMill Street: north entrance, near the library\nHarbour Road: by the ferry terminal\nStation Square: main bus bay (platform 3)\n{}",
            para("bus"),
            para("tram")
        );
        let d = clean_text(&t, &Document::default());
        assert!(
            d.text.contains("Harbour Road: by the ferry terminal"),
            "{}",
            d.text
        );
        assert!(d.text.ends_with(&para("tram")));
    }

    #[test]
    fn non_english_prose_is_recognised() {
        let t = "Inicio\nNoticias\nContacto\nEl ayuntamiento aprobó el lunes el nuevo plan de transporte para la ciudad, que incluye tres líneas de autobús y un carril bici en el centro.\nLas obras empezarán en primavera y durarán unos ocho meses, según explicó la concejala de movilidad en la rueda de prensa.\nAviso legal\nPolítica de privacidad";
        let d = clean_text(t, &Document::default());
        assert_eq!(d.text.split("\n\n").count(), 2, "{}", d.text);
        assert!(d.text.starts_with("El ayuntamiento"));
    }

    #[test]
    fn comment_form_after_story_is_dropped() {
        let t = format!(
            "{}\n{}\nLeave a Reply Cancel reply\nYour email address will not be published. Required fields are marked *\nSave my name, email, and website in this browser for the next time I comment, which is a long sentence.",
            para("museum"),
            para("theatre")
        );
        let d = clean_text(&t, &Document::default());
        assert_eq!(d.text, format!("{}\n\n{}", para("museum"), para("theatre")));
    }
}
