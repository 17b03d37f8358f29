//! Every reader behind gzip. The first byte picks the inner format and whether the rest is
//! compressed here first (valid gzip, optionally cut short, to reach the inner reader) or fed
//! as it is (corrupt gzip, to exercise the decoder's error paths).
#![no_main]
use std::io::Write;

use flate2::{write::GzEncoder, Compression};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = [
    "f.jsonl.gz",
    "f.warc.gz",
    "f.txt.gz",
    "f.html.gz",
    "f.json.gz",
];

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(mode & 0x0f) % NAMES.len()];
    let input = if mode & 0x80 == 0 {
        let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
        enc.write_all(rest).expect("in-memory write");
        let mut gz = enc.finish().expect("in-memory write");
        if mode & 0x40 != 0 {
            // Truncated stream: keep a prefix decided by the input.
            let keep = rest.len() % (gz.len() + 1);
            gz.truncate(keep);
        }
        if mode & 0x20 != 0 {
            // Two members back to back, as CC-NEWS writes one per record.
            let again = gz.clone();
            gz.extend_from_slice(&again);
        }
        gz
    } else {
        rest.to_vec()
    };
    storyline_fuzz::ingest::read_all(name, input, 4096);
});
