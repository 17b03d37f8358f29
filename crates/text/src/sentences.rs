//! Paragraph and sentence segmentation with byte offsets.
//!
//! News text breaks the textbook rules constantly: abbreviations (U.S., Mr., Gen., Jan., a.m.),
//! initials, headlines and captions without final punctuation, datelines, ellipses. Rules here
//! prefer *not* splitting when unsure only where a split would cut a name or a date; a line break
//! always ends a sentence because extracted text keeps one paragraph (or headline) per line.

use std::ops::Range;

/// Titles that precede a name: a period after them never ends a sentence.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "capt", "cpt", "sgt",
    "cmdr", "adm", "maj", "rev", "st", "mt", "ft", "hon", "pres", "supt", "insp", "det", "no",
    "nos", "vs", "v", "fig", "approx", "ca", "cf", "al", "ave", "blvd", "rd", "dept",
];

/// Words that often end a sentence too (Inc., Jr., Jan.): a split only when a typical sentence
/// opener follows.
const SOFT_ABBREVIATIONS: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "jr", "sr", "bros", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed",
    "thu", "thur", "thurs", "fri", "sat", "sun", "min", "max", "est", "ph", "univ",
];

/// Capitalised words that usually open a sentence; used to decide after ambiguous periods.
const OPENERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "but",
    "and",
    "in",
    "on",
    "at",
    "this",
    "that",
    "these",
    "those",
    "his",
    "her",
    "their",
    "its",
    "our",
    "there",
    "after",
    "before",
    "when",
    "while",
    "if",
    "as",
    "for",
    "since",
    "some",
    "many",
    "most",
    "officials",
    "police",
    "however",
    "meanwhile",
    "still",
    "yet",
    "also",
    "then",
    "by",
    "with",
    "from",
    "last",
    "no",
];

/// Byte ranges of the paragraphs of `text`: its non-blank lines, trimmed.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(r) = trimmed(text, offset, offset + line.len()) {
            out.push(r);
        }
        offset += line.len();
    }
    out
}

/// Byte ranges of the sentences of `text`, trimmed of surrounding white space, in order,
/// non-overlapping, each on char boundaries.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        split_paragraph(text, para, &mut out);
    }
    out
}

fn trimmed(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let slice = &text[start..end];
    let lead = slice.len() - slice.trim_start().len();
    let trail = slice.len() - slice.trim_end().len();
    let (s, e) = (start + lead, end - trail);
    (s < e).then_some(s..e)
}

/// Closing quotation marks and brackets that may follow a sentence's final punctuation.
pub fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '›')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '(' | '[' | '«' | '‹' | '„' | '‚'
    )
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// Walks the paragraph by byte offset, reading one char at a time: no per-char index is built,
/// so a paragraph costs no more memory than its text (a 10 MB "word" once cost 160 MB here).
fn split_paragraph(text: &str, para: Range<usize>, out: &mut Vec<Range<usize>>) {
    let p = &text[para.clone()];
    let at = |i: usize| p[i..].chars().next();
    let mut sent_start = 0usize;
    let mut i = 0usize;
    while let Some(c) = at(i) {
        if !is_terminator(c) {
            i += c.len_utf8();
            continue;
        }
        // The whole run of terminators ("?!", "...") and closing quotes/brackets after it.
        let term_start = i;
        let mut j = i;
        let mut term_len = 0;
        while let Some(t) = at(j).filter(|&t| is_terminator(t)) {
            j += t.len_utf8();
            term_len += 1;
        }
        while let Some(q) = at(j).filter(|&q| is_closer(q)) {
            j += q.len_utf8();
        }
        // A boundary needs white space after it (else: "3.5", "U.S.-led", "example.com") —
        // unless the space was lost in a crawl ("for Ebola.The CDC says").
        if !at(j).is_some_and(char::is_whitespace) {
            if term_len == 1 && j == term_start + c.len_utf8() && is_glued_boundary(p, term_start) {
                if let Some(r) = trimmed(text, para.start + sent_start, para.start + j) {
                    out.push(r);
                }
                sent_start = j;
            }
            i = j;
            continue;
        }
        let mut k = j;
        while let Some(w) = at(k).filter(|w| w.is_whitespace()) {
            k += w.len_utf8();
        }
        let Some(next) = at(k) else {
            break;
        };
        let mut boundary = next.is_uppercase() || next.is_ascii_digit() || is_opener(next);
        if boundary && c == '.' && term_len == 1 {
            boundary = !is_abbreviation(p, term_start, k);
        }
        if boundary {
            if let Some(r) = trimmed(text, para.start + sent_start, para.start + j) {
                out.push(r);
            }
            sent_start = k;
        }
        i = k;
    }
    if let Some(r) = trimmed(text, para.start + sent_start, para.end) {
        out.push(r);
    }
}

/// Whether the period (or "!", "?") at byte `dot` of `p`, with no space after it, still ends a
/// sentence: a lower-case word of letters before it and a capitalised word right after
/// ("Ebola.The", "on the run!The"), as in text scraped from pages that joined paragraphs
/// without a space. Names and codes glued by a period ("example.Com", "U.S.Army", "Mr.Smith")
/// have other shapes or are abbreviations.
fn is_glued_boundary(p: &str, dot: usize) -> bool {
    let mut after = p[dot..].chars().skip(1);
    let (Some(first), Some(second)) = (after.next(), after.next()) else {
        return false;
    };
    if !first.is_uppercase() || !second.is_lowercase() {
        return false;
    }
    let word_start = p[..dot]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic())
        .last()
        .map_or(dot, |(w, _)| w);
    let word = &p[word_start..dot];
    let before = p[..word_start].chars().next_back();
    let lower = word.to_lowercase();
    word.chars().count() >= 2
        && word.chars().skip(1).all(char::is_lowercase)
        && !before.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '@' || c == '/')
        && !TITLES.contains(&lower.as_str())
        && !SOFT_ABBREVIATIONS.contains(&lower.as_str())
}

/// Whether the period at byte `dot` of `p` ends an abbreviation rather than the sentence,
/// given that the next word starts at byte `next`.
fn is_abbreviation(p: &str, dot: usize, next: usize) -> bool {
    let w = p[..dot]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| !c.is_whitespace() && !is_opener(c))
        .last()
        .map_or(dot, |(w, _)| w);
    if w == dot {
        return false;
    }
    let word = &p[w..dot];
    let lower = word.to_lowercase();
    let next_word: String = p[next..]
        .chars()
        .skip_while(|c| is_opener(*c))
        .take_while(|c| c.is_alphanumeric())
        .collect();
    let next_is_opener = OPENERS.contains(&next_word.to_lowercase().as_str());
    let next_is_number = next_word.chars().next().is_some_and(|c| c.is_ascii_digit());

    if TITLES.contains(&lower.as_str()) {
        return true;
    }
    // An initial: "J. K. Rowling", "Gen. Mark A. Milley".
    let mut wc = word.chars();
    if let (Some(first), None) = (wc.next(), wc.next()) {
        if first.is_uppercase() {
            return true;
        }
    }
    if SOFT_ABBREVIATIONS.contains(&lower.as_str()) {
        return next_is_number || !next_is_opener;
    }
    // Dotted forms: U.S., U.K., a.m., p.m., e.g., i.e.
    let dotted = word.contains('.') && word.split('.').all(|part| part.chars().count() <= 2);
    if dotted {
        return !next_is_opener;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn split(s: &str) -> Vec<&str> {
        sentences(s).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn sentences_glued_by_a_crawl_split() {
        assert_eq!(
            split("A passenger is being evaluated for Ebola.The CDC says he flew from Liberia.They are in isolation. Why?The rules!"),
            [
                "A passenger is being evaluated for Ebola.",
                "The CDC says he flew from Liberia.",
                "They are in isolation.",
                "Why?",
                "The rules!"
            ]
        );
        // Web addresses, codes and abbreviations glued by a period are not sentence ends.
        for s in [
            "Visit www.example.Com today.",
            "Ask Mr.Smith or Dr.Osei about it.",
            "The U.S.Army and the 3rd.Division left.",
            "He wrote to press@harbour.News about it.",
        ] {
            assert_eq!(split(s), [s]);
        }
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            split("Mr. Valk met Gen. A. B. Osei in the U.S. on Jan. 5 at 9 a.m. local time. Talks ended."),
            ["Mr. Valk met Gen. A. B. Osei in the U.S. on Jan. 5 at 9 a.m. local time.", "Talks ended."]
        );
    }

    #[test]
    fn dotted_abbreviation_at_sentence_end_splits_before_an_opener() {
        assert_eq!(
            split("The aid came from the U.S. The ministry thanked Acme Inc. It was late."),
            [
                "The aid came from the U.S.",
                "The ministry thanked Acme Inc.",
                "It was late."
            ]
        );
    }

    #[test]
    fn quotes_questions_and_ellipses() {
        assert_eq!(
            split("“Will it hold?” she asked. “We hope so…” He left!  Then rain."),
            [
                "“Will it hold?” she asked.",
                "“We hope so…”",
                "He left!",
                "Then rain."
            ]
        );
        assert_eq!(
            split("It rose 3.5 percent. Shares fell."),
            ["It rose 3.5 percent.", "Shares fell."]
        );
    }

    #[test]
    fn lines_are_boundaries_and_headlines_stand_alone() {
        let t =
            "River talks open in Lisk\n\nPORT VALE, March 12 (BPA) — Leaders met. They talked.\n";
        assert_eq!(
            split(t),
            [
                "River talks open in Lisk",
                "PORT VALE, March 12 (BPA) — Leaders met.",
                "They talked."
            ]
        );
    }

    #[test]
    fn one_huge_word_is_one_sentence() {
        let word = "a".repeat(1 << 20);
        assert_eq!(split(&word), [word.as_str()]);
        let dotted = format!("{word}. {word}. A{word}");
        assert_eq!(split(&dotted).len(), 2);
    }

    #[test]
    fn lower_case_after_period_does_not_split() {
        assert_eq!(
            split("See e.g. the report. done."),
            ["See e.g. the report. done."]
        );
    }

    proptest! {
        #[test]
        fn spans_are_ordered_trimmed_and_cover_all_text(s in "[ a-zA-Z.!?“”\"\n…]{0,120}|\\PC{0,80}") {
            let spans = sentences(&s);
            let mut last = 0;
            let mut covered = 0;
            for r in &spans {
                prop_assert!(r.start >= last && r.start < r.end);
                let piece = &s[r.clone()];
                prop_assert_eq!(piece.trim(), piece);
                covered += piece.chars().filter(|c| !c.is_whitespace()).count();
                last = r.end;
            }
            prop_assert_eq!(covered, s.chars().filter(|c| !c.is_whitespace()).count());
        }
    }
}
