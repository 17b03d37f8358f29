//! Drives the streaming reader over one in-memory input.

use std::io::Cursor;

use storyline_ingest::{Ingest, IngestOptions, Item};

/// Reads `data` as a file called `name` with a small per-record limit (so the oversized-record
/// paths run too), checking what comes out. Returns the number of items.
pub fn read_all(name: &str, data: Vec<u8>, max_bytes: u64) -> usize {
    let input_len = data.len() as u64;
    let ingest = Ingest::from_reader(name, Cursor::new(data), IngestOptions { max_bytes });
    let mut items = 0;
    for item in ingest {
        items += 1;
        match item {
            Item::Document(d) => {
                assert!(!d.id.is_empty(), "document without id");
            }
            Item::Problem(p) => {
                let msg = p.to_string();
                assert!(
                    msg.starts_with(name),
                    "problem does not name the input: {msg}"
                );
            }
        }
        // Each item consumes input (a line, a record, a file), and gzip can at most add what
        // a small input inflates to: a loop that makes no progress shows up here.
        assert!(
            items <= 64 + 2 * input_len as usize * 1100,
            "too many items"
        );
    }
    items
}
