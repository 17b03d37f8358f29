//! The WARC reader: headers, lying or missing Content-Length, resynchronisation, HTTP
//! responses, charsets. The first byte picks the per-record limit.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&limit, rest)) = data.split_first() else {
        return;
    };
    storyline_fuzz::ingest::read_all("f.warc", rest.to_vec(), 16 + 16 * u64::from(limit));
});
