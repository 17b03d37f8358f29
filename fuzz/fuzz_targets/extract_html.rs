//! HTML extraction (tree builder, block scoring, metadata, JSON-LD) on arbitrary pages.
#![no_main]
use libfuzzer_sys::fuzz_target;
use storyline_model::{Document, RawDocument, RawFormat};

fuzz_target!(|data: &[u8]| {
    let raw = RawDocument {
        id: "f".into(),
        format: RawFormat::Html,
        content: String::from_utf8_lossy(data).into_owned(),
        hints: Document::default(),
        fallback_published: None,
    };
    let doc = storyline_extract::extract(&raw);
    assert_eq!(doc.id, "f");
    storyline_fuzz::check_extracted(&doc);
});
