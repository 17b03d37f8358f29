//! Plain-text cleaning (boilerplate lines, bylines, datelines, footers) on arbitrary dumps.
#![no_main]
use libfuzzer_sys::fuzz_target;
use storyline_model::{Document, RawDocument, RawFormat};

fuzz_target!(|data: &[u8]| {
    let raw = RawDocument {
        id: "f".into(),
        format: RawFormat::Text,
        content: String::from_utf8_lossy(data).into_owned(),
        hints: Document::default(),
        fallback_published: None,
    };
    let doc = storyline_extract::extract(&raw);
    assert_eq!(doc.id, "f");
    storyline_fuzz::check_extracted(&doc);
});
