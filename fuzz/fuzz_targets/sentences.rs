//! Paragraph, sentence and token segmentation: every range on char boundaries, in order.
#![no_main]
use libfuzzer_sys::fuzz_target;
use storyline_fuzz::{check_segments, check_span};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let paragraphs = storyline_text::paragraphs(&text);
    check_segments(&text, &paragraphs, "paragraph");
    let sentences = storyline_text::sentences(&text);
    check_segments(&text, &sentences, "sentence");
    // Sentences never cross a paragraph (a line break always ends one).
    for s in &sentences {
        assert!(
            paragraphs
                .iter()
                .any(|p| p.start <= s.start && s.end <= p.end),
            "sentence {s:?} crosses paragraphs"
        );
    }
    let mut last = 0;
    for t in storyline_text::tokens(&text) {
        check_span(&text, t.start, t.end, "token");
        assert!(t.start >= last && t.start < t.end && &text[t.start..t.end] == t.text);
        last = t.end;
    }
    let folded = storyline_text::fold(&text);
    for t in storyline_text::content_terms(&folded) {
        assert!(!t.is_empty());
    }
});
