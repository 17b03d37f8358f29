//! Invariants the fuzz targets assert on top of "no panic, no hang": the properties later
//! stages rely on, checked on every generated input.

use storyline_model::{Analysis, Document};

/// `start..end` indexes `text` on char boundaries (slicing it cannot panic).
pub fn check_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(
        start <= end && text.get(start..end).is_some(),
        "{what} {start}..{end} does not index a text of {} bytes on char boundaries",
        text.len()
    );
}

/// Ranges are valid, trimmed, non-empty and in order without overlap.
pub fn check_segments(text: &str, ranges: &[std::ops::Range<usize>], what: &str) {
    let mut last = 0;
    for r in ranges {
        check_span(text, r.start, r.end, what);
        assert!(r.start >= last, "{what} {r:?} overlaps the one before");
        let s = &text[r.clone()];
        assert!(
            !s.is_empty() && s.trim() == s,
            "{what} {r:?} is blank or untrimmed: {s:?}"
        );
        last = r.end;
    }
}

/// Extracted text is paragraphs separated by one blank line, each trimmed and non-empty.
pub fn check_extracted(doc: &Document) {
    if doc.text.is_empty() {
        return;
    }
    for p in doc.text.split("\n\n") {
        assert!(
            !p.is_empty() && !p.contains('\n') && p.trim() == p,
            "bad paragraph {p:?} in {:?}",
            doc.text
        );
    }
}

/// Every offset an analysis reports indexes the analysed text, and its `text` is that slice.
pub fn check_analysis(text: &str, a: &Analysis) {
    let sentences: Vec<_> = a.sentences.iter().map(|s| s.start..s.end).collect();
    check_segments(text, &sentences, "sentence");
    for q in &a.quotes {
        check_span(text, q.start, q.end, "quote");
        assert_eq!(
            &text[q.start..q.end],
            q.text,
            "quote text differs from its span"
        );
        if let (Some(s), Some(e)) = (q.speaker_start, q.speaker_end) {
            check_span(text, s, e, "speaker");
        }
    }
    for m in &a.entities {
        check_span(text, m.start, m.end, "entity");
        assert_eq!(
            &text[m.start..m.end],
            m.text,
            "entity text differs from its span"
        );
    }
    for d in &a.dates {
        check_span(text, d.start, d.end, "date");
        assert_eq!(
            &text[d.start..d.end],
            d.text,
            "date text differs from its span"
        );
    }
    for at in &a.attributions {
        check_span(text, at.start, at.end, "attribution");
    }
}

pub mod ingest;
