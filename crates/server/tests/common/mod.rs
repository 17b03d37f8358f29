//! Shared by the API and UI tests: a real server over a real database, on a free local port.

#![allow(dead_code)] // each test binary uses its own part of this module

use std::path::{Path, PathBuf};

use storyline_ingest::{Ingest, IngestOptions, Item};
use storyline_model::RawDocument;
use storyline_pipeline::{Archive, DigestOptions};
use storyline_server::{Server, ServerOptions};

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every document of `examples/corpus`, as `storyline` would read them.
pub fn corpus() -> Vec<RawDocument> {
    let dir = workspace_root().join("examples/corpus");
    Ingest::new(&[dir], IngestOptions::default())
        .filter_map(|item| match item {
            Item::Document(d) => Some(d),
            Item::Problem(p) if p.is_warning() => None,
            Item::Problem(p) => panic!("corpus: {p}"),
        })
        .collect()
}

/// A fresh database directory under cargo's per-target temporary directory (cleaned by
/// `cargo clean`, never left in /tmp); whatever an earlier run left there is removed first.
pub fn fresh_db(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("remove old test database");
    }
    std::fs::create_dir_all(&dir).expect("create test database directory");
    dir
}

/// An archive in `fresh_db(name)` holding `docs`.
pub fn archive_with(name: &str, docs: Vec<RawDocument>) -> Archive {
    let mut archive =
        Archive::open(&fresh_db(name), DigestOptions::default()).expect("open archive");
    if !docs.is_empty() {
        archive.ingest(docs).expect("ingest");
    }
    archive
}

/// Start a server over `archive` on 127.0.0.1, port chosen by the OS, on its own runtime thread
/// (which lives as long as the test process); returns its base URL, `http://127.0.0.1:PORT`.
pub fn start(archive: Archive, opts: ServerOptions) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime");
        rt.block_on(async move {
            let addr = "127.0.0.1:0".parse().expect("address");
            let server = Server::bind(archive, addr, opts).await.expect("bind");
            tx.send(server.local_addr()).expect("report address");
            server
                .run(std::future::pending())
                .await
                .expect("server runs");
        });
    });
    let addr = rx.recv().expect("server started");
    format!("http://{addr}")
}
