//! Ingest over real files on disk: the inputs users point storyline at, good and bad.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::io::Write;

use flate2::write::GzEncoder;
use storyline_ingest::{Ingest, IngestError, IngestOptions, Item};
use storyline_model::RawFormat;

fn run(paths: &[&std::path::Path]) -> (Vec<storyline_model::RawDocument>, Vec<IngestError>) {
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    for item in Ingest::new(paths, IngestOptions::default()) {
        match item {
            Item::Document(d) => docs.push(d),
            Item::Problem(p) => problems.push(p),
        }
    }
    (docs, problems)
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

#[test]
fn walks_directories_in_order_with_relative_ids() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("b/c")).unwrap();
    fs::write(
        dir.path().join("b/c/z.html"),
        "<html><body><p>Hi</p></body></html>",
    )
    .unwrap();
    fs::write(dir.path().join("a.txt"), "River talks open.").unwrap();
    fs::write(dir.path().join("notes.md"), "ignored in directories").unwrap();
    fs::write(
        dir.path().join("b/feed.jsonl.gz"),
        gz(b"{\"id\":\"x1\",\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n"),
    )
    .unwrap();
    let (docs, problems) = run(&[dir.path()]);
    assert!(problems.is_empty(), "{problems:?}");
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    // Sorted by name at every level, like `ls -R`.
    assert_eq!(ids, ["a.txt", "b/c/z.html", "x1", "b/feed.jsonl.gz:2"]);
    assert_eq!(docs[1].format, RawFormat::Html);
    assert_eq!(docs[0].content, "River talks open.");
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("empty.txt"), "").unwrap();
    fs::write(
        p.join("binary.txt"),
        [0x7f, b'E', b'L', b'F', 0, 0, 1, 2, 3],
    )
    .unwrap();
    fs::write(
        p.join("latin1.txt"),
        b"Caf\xe9 owners in Lisk said the flood was na\xefve to ignore.",
    )
    .unwrap();
    let full = gz(
        "Complete text that will be cut off halfway through the stream. "
            .repeat(50)
            .as_bytes(),
    );
    fs::write(p.join("cut.txt.gz"), &full[..full.len() / 2]).unwrap();
    fs::write(
        p.join("feed.jsonl"),
        "{\"text\":\"Good one.\"}\n{\"text\": oops\n\n{\"text\":\"Good two.\"}\n",
    )
    .unwrap();
    let missing = p.join("does-not-exist.txt");
    let (docs, problems) = run(&[p, missing.as_path()]);

    let texts: Vec<&str> = docs.iter().map(|d| d.content.as_str()).collect();
    assert_eq!(docs.len(), 3, "{texts:?}");
    assert!(texts.contains(&"Good one.") && texts.contains(&"Good two."));
    assert!(texts.iter().any(|t| t.starts_with("Café owners")));

    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let has = |needle: &str| messages.iter().any(|m| m.contains(needle));
    assert!(has("empty.txt: empty file"), "{messages:?}");
    assert!(has("binary.txt: binary data"), "{messages:?}");
    assert!(has("latin1.txt: not valid UTF-8"), "{messages:?}");
    assert!(
        has("cut.txt.gz: gzip data is corrupt or truncated"),
        "{messages:?}"
    );
    assert!(has("feed.jsonl:2: malformed JSON"), "{messages:?}");
    assert!(has("does-not-exist.txt: cannot read"), "{messages:?}");
    assert_eq!(problems.iter().filter(|p| p.is_warning()).count(), 1);
}

#[test]
fn oversized_records_are_skipped_not_buffered() {
    let dir = tempfile::tempdir().unwrap();
    let big = format!(
        "{{\"text\":\"{}\"}}\n{{\"text\":\"small\"}}\n",
        "word ".repeat(10_000)
    );
    fs::write(dir.path().join("f.jsonl"), big).unwrap();
    let items: Vec<Item> = Ingest::new(&[dir.path()], IngestOptions { max_bytes: 1000 }).collect();
    assert_eq!(items.len(), 2);
    assert!(
        matches!(&items[0], Item::Problem(IngestError::TooLarge { origin, .. }) if origin.ends_with("f.jsonl:1"))
    );
    assert!(matches!(&items[1], Item::Document(d) if d.content == "small"));
}
