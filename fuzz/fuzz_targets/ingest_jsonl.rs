//! The JSON Lines reader: lines of any length and content, blank lines, bad UTF-8, bad JSON.
//! The first byte picks the per-record limit.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&limit, rest)) = data.split_first() else {
        return;
    };
    storyline_fuzz::ingest::read_all("f.jsonl", rest.to_vec(), 16 + 8 * u64::from(limit));
});
