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

/// One WARC record with the given type, extra headers and block.
fn warc_record(kind: &str, headers: &[(&str, &str)], block: &[u8]) -> Vec<u8> {
    let mut out = format!("WARC/1.0\r\nWARC-Type: {kind}\r\n").into_bytes();
    for (k, v) in headers {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("Content-Length: {}\r\n\r\n", block.len()).as_bytes());
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(content_type: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

fn page(title: &str) -> Vec<u8> {
    format!("<html><head><title>{title}</title></head><body><p>{title} story.</p></body></html>")
        .into_bytes()
}

#[test]
fn warc_responses_with_html_become_documents_the_rest_is_skipped_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = Vec::new();
    w.extend(warc_record("warcinfo", &[], b"software: test\r\n"));
    w.extend(warc_record(
        "request",
        &[("WARC-Target-URI", "https://a.example/1")],
        b"GET /1 HTTP/1.1\r\n\r\n",
    ));
    w.extend(warc_record(
        "response",
        &[
            ("WARC-Target-URI", "https://a.example/1"),
            ("WARC-Date", "2026-04-14T10:00:00Z"),
        ],
        &http(
            "text/html; charset=windows-1252",
            b"<html><body><p>Caf\xe9 reopens.</p></body></html>",
        ),
    ));
    w.extend(warc_record(
        "response",
        &[("WARC-Target-URI", "https://a.example/logo.png")],
        &http("image/png", b"\x89PNG"),
    ));
    w.extend(warc_record("metadata", &[], b"fetchTimeMs: 12\r\n"));
    // A record whose Content-Length is 10 bytes short: the reader must resynchronise.
    let mut liar = warc_record(
        "response",
        &[("WARC-Target-URI", "https://a.example/2")],
        &http("text/html", &page("Second")),
    );
    let text = String::from_utf8(liar.clone()).unwrap();
    let declared: usize = text
        .split("Content-Length: ")
        .nth(1)
        .unwrap()
        .split('\r')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    liar = text
        .replacen(
            &format!("Content-Length: {declared}"),
            &format!("Content-Length: {}", declared - 10),
            1,
        )
        .into_bytes();
    w.extend(liar);
    w.extend(warc_record(
        "response",
        &[("WARC-Target-URI", "https://a.example/3")],
        &http("text/html", &page("Third")),
    ));
    // Truncated last record.
    let cut = warc_record(
        "response",
        &[("WARC-Target-URI", "https://a.example/4")],
        &http("text/html", &page("Fourth")),
    );
    w.extend_from_slice(&cut[..cut.len() - 30]);
    std::fs::write(dir.path().join("crawl.warc"), &w).unwrap();

    let mut ingest = Ingest::new(&[dir.path()], IngestOptions::default());
    let items: Vec<Item> = ingest.by_ref().collect();
    let docs: Vec<_> = items
        .iter()
        .filter_map(|i| {
            if let Item::Document(d) = i {
                Some(d)
            } else {
                None
            }
        })
        .collect();
    let problems: Vec<String> = items
        .iter()
        .filter_map(|i| {
            if let Item::Problem(p) = i {
                Some(p.to_string())
            } else {
                None
            }
        })
        .collect();
    let urls: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://a.example/1",
            "https://a.example/2",
            "https://a.example/3"
        ],
        "{problems:?}"
    );
    assert!(
        docs[0].content.contains("Café reopens"),
        "charset from the HTTP header"
    );
    assert_eq!(docs[0].hints.url.as_deref(), Some("https://a.example/1"));
    assert_eq!(
        docs[0].fallback_published.as_deref(),
        Some("2026-04-14T10:00:00Z")
    );
    assert_eq!(
        docs[0].hints.published, None,
        "the fetch date is only a fallback"
    );
    assert!(
        problems.iter().any(|p| p.contains("resynchronised")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("truncated")),
        "{problems:?}"
    );
    assert_eq!(ingest.skipped(), 4, "warcinfo, request, image, metadata");
}

#[test]
fn gzipped_warc_with_one_member_per_record_streams() {
    let dir = tempfile::tempdir().unwrap();
    let mut w = Vec::new();
    for i in 0..3 {
        w.extend(gz(&warc_record(
            "response",
            &[("WARC-Target-URI", &format!("https://b.example/{i}"))],
            &http("text/html", &page("Story")),
        )));
    }
    std::fs::write(dir.path().join("crawl.warc.gz"), &w).unwrap();
    let (docs, problems) = run(&[dir.path()]);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(docs.len(), 3);
}

fn read_with(name: &str, bytes: Vec<u8>, max_bytes: u64) -> Vec<Item> {
    Ingest::from_reader(
        name,
        std::io::Cursor::new(bytes),
        IngestOptions { max_bytes },
    )
    .collect()
}

#[test]
fn a_stream_is_read_like_the_file_its_name_says() {
    let items = read_with(
        "upload.jsonl.gz",
        gz(b"{\"text\":\"One.\"}\n\n\n{\"text\":\"Two.\"}\n"),
        1000,
    );
    let ids: Vec<&str> = items
        .iter()
        .map(|i| match i {
            Item::Document(d) => d.id.as_str(),
            Item::Problem(p) => panic!("{p}"),
        })
        .collect();
    // Blank lines still count: the second record is on line 4.
    assert_eq!(ids, ["upload.jsonl.gz:1", "upload.jsonl.gz:4"]);
    let items = read_with("notes.md", b"# hi".to_vec(), 1000);
    assert!(matches!(
        &items[..],
        [Item::Problem(IngestError::Unsupported { .. })]
    ));
}

#[test]
fn gzip_bombs_stop_early_with_a_clear_error() {
    // 50 MB of zeros (one endless "line") and 50 MB of newlines (endless blank lines), each
    // about 50 KB compressed, read with a 1 MB record limit.
    for (what, byte) in [("zeros", 0u8), ("newlines", b'\n')] {
        let bomb = gz(&vec![byte; 50 << 20]);
        let items = read_with("bomb.jsonl.gz", bomb, 1 << 20);
        let messages: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Problem(p) => p.to_string(),
                Item::Document(d) => panic!("{what}: unexpected document {}", d.id),
            })
            .collect();
        assert!(
            matches!(items.last(), Some(Item::Problem(IngestError::Bomb { .. }))),
            "{what}: {messages:?}"
        );
        assert!(messages.len() <= 2, "{what}: {messages:?}");
        assert!(
            messages.last().unwrap().contains("decompression bomb"),
            "{messages:?}"
        );
    }
    // A whole-file format stops at the record limit, before the ratio is even judged.
    let items = read_with("bomb.html.gz", gz(&vec![b' '; 50 << 20]), 1 << 20);
    assert!(
        matches!(
            &items[..],
            [Item::Problem(
                IngestError::TooLarge { .. } | IngestError::Bomb { .. }
            )]
        ),
        "{items:?}"
    );
}

#[test]
fn a_warc_content_length_that_is_too_long_costs_only_its_record() {
    let first = warc_record(
        "response",
        &[("WARC-Target-URI", "https://c.example/1")],
        &http("text/html", &page("First")),
    );
    let text = String::from_utf8(first).unwrap();
    let second = warc_record(
        "response",
        &[("WARC-Target-URI", "https://c.example/2")],
        &http("text/html", &page("Second")),
    );
    let third = warc_record(
        "response",
        &[("WARC-Target-URI", "https://c.example/3")],
        &http("text/html", &page("Third")),
    );
    // Claims more than the rest of the file, then more than the limit, then a little more
    // than the record: each time the next record is still found.
    for claim in ["99999999999", "5000", "600"] {
        let liar = &text;
        let start = liar.find("Content-Length: ").unwrap() + "Content-Length: ".len();
        let end = start + liar[start..].find('\r').unwrap();
        let liar = format!("{}{claim}{}", &liar[..start], &liar[end..]);
        let mut w = liar.into_bytes();
        w.extend_from_slice(&second);
        w.extend_from_slice(&third);
        let items = read_with("crawl.warc", w, 4000);
        let docs: Vec<&str> = items
            .iter()
            .filter_map(|i| match i {
                Item::Document(d) => Some(d.id.as_str()),
                Item::Problem(_) => None,
            })
            .collect();
        let problems: Vec<String> = items
            .iter()
            .filter_map(|i| match i {
                Item::Problem(p) => Some(p.to_string()),
                Item::Document(_) => None,
            })
            .collect();
        assert_eq!(
            docs,
            ["https://c.example/2", "https://c.example/3"],
            "claim {claim}: {problems:?}"
        );
        assert_eq!(problems.len(), 1, "claim {claim}: {problems:?}");
        assert!(
            problems[0].starts_with("crawl.warc record 1: Content-Length says"),
            "{problems:?}"
        );
    }
}

#[test]
fn the_largest_limit_does_not_overflow() {
    let items = read_with("a.jsonl", b"{\"text\":\"x\"}\n".to_vec(), u64::MAX);
    assert!(matches!(&items[..], [Item::Document(_)]));
    let items = read_with("a.txt", b"x".to_vec(), u64::MAX);
    assert!(matches!(&items[..], [Item::Document(_)]));
}

/// One line of a generated JSON Lines file.
fn jsonl_line() -> impl proptest::strategy::Strategy<Value = Vec<u8>> {
    use proptest::prelude::*;
    prop_oneof![
        "[ \t\r]{0,3}".prop_map(String::into_bytes),
        "[a-z ]{0,300}".prop_map(|t| format!("{{\"text\":\"{t}\"}}").into_bytes()),
        "[^\n]{0,40}".prop_map(String::into_bytes),
        proptest::collection::vec(
            any::<u8>().prop_filter("no newline", |b| *b != b'\n'),
            0..40
        ),
    ]
}

proptest::proptest! {
    /// Nothing is lost or invented: every non-blank line of a JSON Lines stream comes out as
    /// exactly one document or one problem, named by its line number, whatever its length.
    #[test]
    fn every_jsonl_line_is_one_document_or_one_problem(
        lines in proptest::collection::vec(jsonl_line(), 0..20),
        limit in 20u64..200,
    ) {
        let expected: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !l.iter().all(u8::is_ascii_whitespace))
            .map(|(i, _)| i + 1)
            .collect();
        let items = read_with("p.jsonl", lines.join(&b'\n'), limit);
        let got: Vec<usize> = items
            .iter()
            .map(|i| {
                let named = match i {
                    Item::Document(d) => d.id.clone(),
                    Item::Problem(p) => p.to_string(),
                };
                let rest = named.strip_prefix("p.jsonl:").unwrap();
                rest.split(':').next().unwrap().parse().unwrap()
            })
            .collect();
        proptest::prop_assert_eq!(got, expected);
    }
}
