//! The API's request-body parser (one object, an array, or JSON Lines): every record either
//! parses or fails with a message naming it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for r in storyline_ingest::parse_body(data, "body") {
        match r {
            Ok(doc) => assert!(!doc.id.is_empty(), "a parsed record has no id"),
            Err(e) => assert!(e.starts_with("body"), "error does not name the record: {e}"),
        }
    }
});
