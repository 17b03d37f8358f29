//! The store over real files: the example corpus added in two runs equals one run, and a second
//! run of the same files adds nothing.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use storyline_model::{Document, RawDocument, RawFormat};
use storyline_store::Store;

fn corpus() -> Vec<RawDocument> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let mut paths: Vec<PathBuf> = Vec::new();
    for outlet in std::fs::read_dir(&root).unwrap() {
        for f in std::fs::read_dir(outlet.unwrap().path()).unwrap() {
            paths.push(f.unwrap().path());
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let id = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let bytes = std::fs::read(&p).unwrap();
            RawDocument {
                id: id.clone(),
                format: RawFormat::Text,
                content: String::from_utf8_lossy(&bytes).into_owned(),
                hints: Document {
                    id,
                    ..Document::default()
                },
                fallback_published: None,
            }
        })
        .collect()
}

#[test]
fn two_runs_store_what_one_run_stores() {
    let all = corpus();
    assert!(all.len() >= 20);
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    let n = Store::open(one.path())
        .unwrap()
        .add(all.clone())
        .unwrap()
        .new
        .len();
    {
        let s = Store::open(two.path()).unwrap();
        s.add(all[..10].to_vec()).unwrap();
    }
    let s = Store::open(two.path()).unwrap();
    let second = s.add(all.clone()).unwrap();
    assert_eq!(second.known, 10);
    assert_eq!(s.generation().unwrap() as usize, n);
    let again = s.add(all.clone()).unwrap();
    assert!(again.new.is_empty());
    let ids = |st: &Store| -> Vec<String> {
        st.raw_documents()
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect()
    };
    assert_eq!(ids(&s), ids(&Store::open(one.path()).unwrap()));
}
