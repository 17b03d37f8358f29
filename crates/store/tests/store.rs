//! The store's promises: incremental adds by content, durability of what was committed, and
//! recovery from a torn write.
#![allow(clippy::unwrap_used)]

use std::fs::OpenOptions;
use std::io::Write;

use storyline_model::{Document, RawDocument, RawFormat};
use storyline_store::Store;

fn raw(id: &str, content: &str) -> RawDocument {
    RawDocument {
        id: id.into(),
        format: RawFormat::Text,
        content: content.into(),
        hints: Document {
            id: id.into(),
            ..Document::default()
        },
        fallback_published: None,
    }
}

#[test]
fn only_new_content_is_added_and_it_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(dir.path()).unwrap();
    assert_eq!(
        s.add(vec![raw("a", "one"), raw("b", "two")]).unwrap().len(),
        2
    );
    let added = s
        .add(vec![raw("a-again", "one"), raw("c", "three")])
        .unwrap();
    assert_eq!(
        added.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["c"]
    );
    let reopened = Store::open(dir.path()).unwrap();
    let ids: Vec<String> = reopened
        .raw_documents()
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, ["a", "b", "c"]);
}

#[test]
fn a_torn_last_write_is_ignored_and_repaired() {
    let dir = tempfile::tempdir().unwrap();
    let s = Store::open(dir.path()).unwrap();
    s.add(vec![raw("a", "one")]).unwrap();
    let mut f = OpenOptions::new()
        .append(true)
        .open(dir.path().join("raw.jsonl"))
        .unwrap();
    f.write_all(br#"{"hash":"00","raw":{"id":"half"#).unwrap();
    drop(f);
    assert_eq!(s.raw_documents().unwrap().len(), 1);
    s.add(vec![raw("b", "two")]).unwrap();
    let ids: Vec<String> = s
        .raw_documents()
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, ["a", "b"]);
}

#[test]
fn refuses_a_directory_that_is_not_a_database() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("storyline.json"), "{}").unwrap();
    assert!(Store::open(dir.path()).is_err());
}
