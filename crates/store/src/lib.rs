//! The `--db` directory: what storyline keeps between runs.
//!
//! The database is one [redb] file, `storyline.redb`, chosen because it is an embedded,
//! pure-Rust, ACID key-value store: every commit is atomic and durable (copy-on-write pages and a
//! checksummed commit slot), so a kill at any moment leaves the last committed state openable,
//! and it builds in seconds with no C toolchain. A tantivy full-text index lives beside it in
//! `index/` ([`search`]).
//!
//! Raw documents are the source of truth: each is stored under an increasing sequence number
//! with the hash of its content, which is what decides whether a document is new. Everything
//! else — extracted documents, the digest report, learned templates — is *derived*: a
//! deterministic function of the raw documents and the options, saved with the generation (the
//! number of raw documents) it was computed from, so a reader can tell when it is behind and the
//! pipeline recomputes it. An incremental run therefore gives exactly the result of one run over
//! everything.
//!
//! [redb]: https://docs.rs/redb

pub mod search;

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use redb::{Database, ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};
use serde::{Deserialize, Serialize};
use storyline_extract::Templates;
use storyline_model::{Document, RawDocument, Report};

/// sequence number → `Stored` JSON: the raw documents, in the order they were committed.
const RAW: TableDefinition<u64, &[u8]> = TableDefinition::new("raw");
/// content hash → sequence number: what is already stored.
const HASHES: TableDefinition<&str, u64> = TableDefinition::new("hashes");
/// document id → extracted `Document` JSON (derived).
const DOCS: TableDefinition<&str, &[u8]> = TableDefinition::new("documents");
/// named values: format marker, templates, derived digest.
const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");

const FORMAT: &[u8] = b"storyline-db 2";
const DB_FILE: &str = "storyline.redb";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{path}: is in use by another storyline process (a running `serve`?); stop it or use its API")]
    InUse { path: PathBuf },
    #[error("{path}: not a storyline database ({reason})")]
    Corrupt { path: PathBuf, reason: String },
    #[error("{path}: database error: {reason}")]
    Db { path: PathBuf, reason: String },
}

impl StoreError {
    /// Whether the user can fix it (wrong path, database in use) rather than a fault of ours or
    /// the disk's.
    pub fn is_user_error(&self) -> bool {
        matches!(self, StoreError::InUse { .. } | StoreError::Corrupt { .. })
    }
}

/// One stored raw document with the hash of its content.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Stored {
    hash: String,
    raw: RawDocument,
}

/// Content hash that decides whether a document is new.
pub fn content_hash(raw: &RawDocument) -> String {
    format!("{:016x}", storyline_text::hash_str(&raw.content))
}

/// Everything computed from the raw documents, saved so that readers (`serve`, `search`) need
/// not recompute it.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Derived {
    /// Number of raw documents it was computed from.
    pub generation: u64,
    /// The options it was computed with, as text; different options mean it is stale.
    pub settings: String,
    pub report: Report,
    /// Extracted documents by id (citations point into their text).
    #[serde(skip)]
    pub documents: BTreeMap<String, Document>,
}

/// What [`Store::add`] did.
#[derive(Debug, Default)]
pub struct Added {
    /// Documents stored by this call, in input order.
    pub new: Vec<RawDocument>,
    /// Documents whose content was already stored (by an earlier run or earlier in the batch).
    pub known: usize,
}

pub struct Store {
    db: Database,
    path: PathBuf,
}

impl Store {
    /// Open (creating if needed) the database directory. A database that an earlier version kept
    /// as `raw.jsonl` is imported once.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = dir.join(DB_FILE);
        let db = Database::create(&path).map_err(|e| match e {
            redb::DatabaseError::DatabaseAlreadyOpen => StoreError::InUse { path: path.clone() },
            redb::DatabaseError::Storage(redb::StorageError::Corrupted(reason)) => {
                StoreError::Corrupt {
                    path: path.clone(),
                    reason,
                }
            }
            other => StoreError::Db {
                path: path.clone(),
                reason: other.to_string(),
            },
        })?;
        let store = Store { db, path };
        store.init()?;
        store.import_legacy(dir)?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn db_err(&self) -> impl Fn(&dyn std::fmt::Display) -> StoreError + '_ {
        move |e| StoreError::Db {
            path: self.path.clone(),
            reason: e.to_string(),
        }
    }

    fn corrupt(&self, reason: String) -> StoreError {
        StoreError::Corrupt {
            path: self.path.clone(),
            reason,
        }
    }

    /// Create the tables and the format marker of a new database; check the marker of an old one.
    fn init(&self) -> Result<(), StoreError> {
        let err = self.db_err();
        let tx = self.db.begin_write().map_err(|e| err(&e))?;
        {
            let mut meta = tx.open_table(META).map_err(|e| err(&e))?;
            let marker = meta
                .get("format")
                .map_err(|e| err(&e))?
                .map(|v| v.value().to_vec());
            match marker {
                Some(m) if m == FORMAT => {}
                Some(m) => {
                    return Err(self.corrupt(format!(
                        "unknown format marker {:?}",
                        String::from_utf8_lossy(&m)
                    )))
                }
                None => {
                    meta.insert("format", FORMAT).map_err(|e| err(&e))?;
                }
            }
            tx.open_table(RAW).map_err(|e| err(&e))?;
            tx.open_table(HASHES).map_err(|e| err(&e))?;
            tx.open_table(DOCS).map_err(|e| err(&e))?;
        }
        tx.commit().map_err(|e| err(&e))
    }

    /// Import `raw.jsonl` from the first storyline format (append-only JSON Lines), then rename
    /// it so it is imported once. A torn last line was never committed and is dropped.
    fn import_legacy(&self, dir: &Path) -> Result<(), StoreError> {
        let legacy = dir.join("raw.jsonl");
        let bytes = match fs::read(&legacy) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(source) => {
                return Err(StoreError::Io {
                    path: legacy,
                    source,
                })
            }
        };
        let mut raws = Vec::new();
        for (i, line) in bytes.split_inclusive(|&b| b == b'\n').enumerate() {
            if !line.ends_with(b"\n") {
                break;
            }
            let s: Stored = serde_json::from_slice(line).map_err(|e| StoreError::Corrupt {
                path: legacy.clone(),
                reason: format!("record {}: {e}", i + 1),
            })?;
            raws.push(s.raw);
        }
        let added = self.add(raws)?;
        tracing::info!(imported = added.new.len(), "imported raw.jsonl");
        let done = dir.join("raw.jsonl.imported");
        fs::rename(&legacy, &done).map_err(|source| StoreError::Io { path: done, source })
    }

    /// Store the documents whose content is not stored yet, in one transaction: on return they
    /// are durable, and a kill before the return leaves none of them.
    pub fn add(&self, raws: Vec<RawDocument>) -> Result<Added, StoreError> {
        let err = self.db_err();
        let tx = self.db.begin_write().map_err(|e| err(&e))?;
        let mut out = Added::default();
        {
            let mut raw_t = tx.open_table(RAW).map_err(|e| err(&e))?;
            let mut hashes = tx.open_table(HASHES).map_err(|e| err(&e))?;
            let mut next = raw_t.len().map_err(|e| err(&e))?;
            for raw in raws {
                let hash = content_hash(&raw);
                if hashes.get(hash.as_str()).map_err(|e| err(&e))?.is_some() {
                    out.known += 1;
                    continue;
                }
                let rec = Stored { hash, raw };
                let json = serde_json::to_vec(&rec).map_err(|e| err(&e))?;
                raw_t.insert(next, json.as_slice()).map_err(|e| err(&e))?;
                hashes
                    .insert(rec.hash.as_str(), next)
                    .map_err(|e| err(&e))?;
                next += 1;
                out.new.push(rec.raw);
            }
        }
        tx.commit().map_err(|e| err(&e))?;
        Ok(out)
    }

    /// Number of raw documents stored: the generation derived data is computed from.
    pub fn generation(&self) -> Result<u64, StoreError> {
        let err = self.db_err();
        let tx = self.db.begin_read().map_err(|e| err(&e))?;
        let t = tx.open_table(RAW).map_err(|e| err(&e))?;
        t.len().map_err(|e| err(&e))
    }

    /// All committed raw documents, in the order they were added.
    pub fn raw_documents(&self) -> Result<Vec<RawDocument>, StoreError> {
        let err = self.db_err();
        let tx = self.db.begin_read().map_err(|e| err(&e))?;
        let t = tx.open_table(RAW).map_err(|e| err(&e))?;
        let mut out = Vec::new();
        for entry in t.iter().map_err(|e| err(&e))? {
            let (k, v) = entry.map_err(|e| err(&e))?;
            let s: Stored = serde_json::from_slice(v.value())
                .map_err(|e| self.corrupt(format!("raw document {}: {e}", k.value())))?;
            out.push(s.raw);
        }
        Ok(out)
    }

    fn meta_json<T: serde::de::DeserializeOwned>(
        &self,
        key: &str,
    ) -> Result<Option<T>, StoreError> {
        let err = self.db_err();
        let tx = self.db.begin_read().map_err(|e| err(&e))?;
        let t = tx.open_table(META).map_err(|e| err(&e))?;
        let Some(v) = t.get(key).map_err(|e| err(&e))? else {
            return Ok(None);
        };
        serde_json::from_slice(v.value())
            .map(Some)
            .map_err(|e| self.corrupt(format!("{key}: {e}")))
    }

    /// Site templates learned so far (empty for a new database).
    pub fn templates(&self) -> Result<Templates, StoreError> {
        Ok(self.meta_json("templates")?.unwrap_or_default())
    }

    pub fn save_templates(&self, t: &Templates) -> Result<(), StoreError> {
        let err = self.db_err();
        let json = serde_json::to_vec(t).map_err(|e| err(&e))?;
        let tx = self.db.begin_write().map_err(|e| err(&e))?;
        tx.open_table(META)
            .map_err(|e| err(&e))?
            .insert("templates", json.as_slice())
            .map_err(|e| err(&e))?;
        tx.commit().map_err(|e| err(&e))
    }

    /// The derived data last saved, with its documents; None for a new database.
    pub fn derived(&self) -> Result<Option<Derived>, StoreError> {
        let Some(mut d) = self.meta_json::<Derived>("derived")? else {
            return Ok(None);
        };
        let err = self.db_err();
        let tx = self.db.begin_read().map_err(|e| err(&e))?;
        let t = tx.open_table(DOCS).map_err(|e| err(&e))?;
        for entry in t.iter().map_err(|e| err(&e))? {
            let (k, v) = entry.map_err(|e| err(&e))?;
            let doc: Document = serde_json::from_slice(v.value())
                .map_err(|e| self.corrupt(format!("document {}: {e}", k.value())))?;
            d.documents.insert(k.value().to_owned(), doc);
        }
        Ok(Some(d))
    }

    /// Replace the derived data, atomically: readers see the old or the new, never a mix.
    pub fn save_derived(&self, d: &Derived) -> Result<(), StoreError> {
        let err = self.db_err();
        let json = serde_json::to_vec(d).map_err(|e| err(&e))?;
        let tx = self.db.begin_write().map_err(|e| err(&e))?;
        {
            let mut docs = tx.open_table(DOCS).map_err(|e| err(&e))?;
            docs.retain(|_, _| false).map_err(|e| err(&e))?;
            for (id, doc) in &d.documents {
                let v = serde_json::to_vec(doc).map_err(|e| err(&e))?;
                docs.insert(id.as_str(), v.as_slice())
                    .map_err(|e| err(&e))?;
            }
            tx.open_table(META)
                .map_err(|e| err(&e))?
                .insert("derived", json.as_slice())
                .map_err(|e| err(&e))?;
        }
        tx.commit().map_err(|e| err(&e))
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use storyline_model::RawFormat;

    fn raw(id: &str, text: &str) -> RawDocument {
        RawDocument {
            id: id.into(),
            format: RawFormat::Text,
            content: text.into(),
            hints: Document {
                id: id.into(),
                ..Document::default()
            },
            fallback_published: None,
        }
    }

    #[test]
    fn adds_only_new_content_and_survives_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let s = Store::open(dir.path()).unwrap();
            let a = s
                .add(vec![
                    raw("a", "Rain."),
                    raw("b", "Sun."),
                    raw("a2", "Rain."),
                ])
                .unwrap();
            assert_eq!(a.new.len(), 2);
            assert_eq!(a.known, 1);
            assert_eq!(s.generation().unwrap(), 2);
        }
        let s = Store::open(dir.path()).unwrap();
        let a = s.add(vec![raw("b", "Sun."), raw("c", "Snow.")]).unwrap();
        assert_eq!(
            a.new.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
            ["c"]
        );
        let ids: Vec<String> = s
            .raw_documents()
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(ids, ["a", "b", "c"]);
    }

    #[test]
    fn second_open_is_refused_while_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let _s = Store::open(dir.path()).unwrap();
        let e = Store::open(dir.path()).err().unwrap();
        assert!(e.to_string().contains("in use"), "{e}");
        assert!(e.is_user_error());
    }

    #[test]
    fn derived_round_trips_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path()).unwrap();
        assert!(s.derived().unwrap().is_none());
        let mut d = Derived {
            generation: 3,
            settings: "x".into(),
            ..Derived::default()
        };
        for id in ["p", "q"] {
            d.documents.insert(
                id.into(),
                Document {
                    id: id.into(),
                    text: format!("text of {id}"),
                    ..Document::default()
                },
            );
        }
        s.save_derived(&d).unwrap();
        d.documents.remove("p");
        d.generation = 4;
        s.save_derived(&d).unwrap();
        let back = s.derived().unwrap().unwrap();
        assert_eq!(back.generation, 4);
        assert_eq!(back.documents.keys().collect::<Vec<_>>(), ["q"]);
        assert_eq!(back.documents["q"].text, "text of q");
    }

    #[test]
    fn imports_the_first_format_once() {
        let dir = tempfile::tempdir().unwrap();
        let rec = |id: &str, t: &str| {
            let s = Stored {
                hash: content_hash(&raw(id, t)),
                raw: raw(id, t),
            };
            serde_json::to_string(&s).unwrap()
        };
        let text = format!(
            "{}\n{}\n{{\"hash\":\"torn",
            rec("a", "Rain."),
            rec("b", "Sun.")
        );
        fs::write(dir.path().join("raw.jsonl"), text).unwrap();
        {
            let s = Store::open(dir.path()).unwrap();
            assert_eq!(s.generation().unwrap(), 2);
        }
        assert!(!dir.path().join("raw.jsonl").exists());
        let s = Store::open(dir.path()).unwrap();
        assert_eq!(s.generation().unwrap(), 2);
    }

    #[test]
    fn a_foreign_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(
            dir.path().join(DB_FILE),
            b"not a database at all, just text",
        )
        .unwrap();
        let e = Store::open(dir.path()).err().unwrap();
        assert!(e.to_string().contains(DB_FILE), "{e}");
    }
}
