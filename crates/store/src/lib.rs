//! The `--db` directory: what storyline keeps between runs.
//!
//! Raw documents are the source of truth, appended to `raw.jsonl` one record per line and
//! synced before a run reports them committed; every derived product (extraction, events,
//! summaries) is recomputed from them in stream order, so an incremental run gives exactly the
//! result of one run over everything. A kill mid-append leaves at most a torn last line, which
//! opening ignores and the next append cuts off. Learned site templates are written atomically
//! (temporary file, sync, rename).

use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use storyline_extract::Templates;
use storyline_model::RawDocument;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{path}: not a storyline database ({reason})")]
    Corrupt { path: PathBuf, reason: String },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StoreError + '_ {
    move |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
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

pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// Open (creating if needed) the database directory.
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        let meta = dir.join("storyline.json");
        if !meta.exists() {
            write_atomic(&meta, br#"{"format":"storyline-db","version":1}"#)?;
        } else {
            let text = fs::read_to_string(&meta).map_err(io_err(&meta))?;
            if !text.contains("storyline-db") {
                return Err(StoreError::Corrupt {
                    path: meta,
                    reason: "unknown marker file".into(),
                });
            }
        }
        Ok(Store {
            dir: dir.to_path_buf(),
        })
    }

    fn raw_path(&self) -> PathBuf {
        self.dir.join("raw.jsonl")
    }

    /// All committed raw documents, in the order they were added. A torn last line (a kill
    /// during a write) is not committed and is skipped.
    pub fn raw_documents(&self) -> Result<Vec<RawDocument>, StoreError> {
        Ok(self.stored()?.into_iter().map(|s| s.raw).collect())
    }

    fn stored(&self) -> Result<Vec<Stored>, StoreError> {
        let path = self.raw_path();
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_err(&path)(e)),
        };
        let mut out = Vec::new();
        let mut reader = BufReader::new(file);
        let mut line = Vec::new();
        loop {
            line.clear();
            let n = reader.read_until(b'\n', &mut line).map_err(io_err(&path))?;
            if n == 0 || !line.ends_with(b"\n") {
                break; // end, or a torn final write
            }
            match serde_json::from_slice::<Stored>(&line) {
                Ok(s) => out.push(s),
                Err(e) => {
                    return Err(StoreError::Corrupt {
                        path,
                        reason: format!("record {}: {e}", out.len() + 1),
                    })
                }
            }
        }
        Ok(out)
    }

    /// Append the documents whose content is not stored yet; returns those that were new.
    /// On return they are durable (synced).
    pub fn add(&self, raws: Vec<RawDocument>) -> Result<Vec<RawDocument>, StoreError> {
        let path = self.raw_path();
        let mut known: BTreeSet<String> = self.stored()?.into_iter().map(|s| s.hash).collect();
        let mut file = OpenOptions::new()
            .create(true)
            .read(true)
            .append(true)
            .open(&path)
            .map_err(io_err(&path))?;
        truncate_torn_tail(&mut file, &path)?;
        let mut added = Vec::new();
        let mut buf = Vec::new();
        for raw in raws {
            let hash = content_hash(&raw);
            if !known.insert(hash.clone()) {
                continue;
            }
            let rec = Stored { hash, raw };
            serde_json::to_writer(&mut buf, &rec).map_err(|e| StoreError::Corrupt {
                path: path.clone(),
                reason: e.to_string(),
            })?;
            buf.push(b'\n');
            added.push(rec.raw);
        }
        file.write_all(&buf).map_err(io_err(&path))?;
        file.sync_all().map_err(io_err(&path))?;
        Ok(added)
    }

    /// Site templates learned so far (empty for a new database).
    pub fn templates(&self) -> Result<Templates, StoreError> {
        let path = self.dir.join("templates.json");
        match fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| StoreError::Corrupt {
                path,
                reason: e.to_string(),
            }),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Templates::default()),
            Err(e) => Err(io_err(&path)(e)),
        }
    }

    pub fn save_templates(&self, t: &Templates) -> Result<(), StoreError> {
        let path = self.dir.join("templates.json");
        let bytes = serde_json::to_vec(t).map_err(|e| StoreError::Corrupt {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        write_atomic(&path, &bytes)
    }
}

/// Cut a final line that has no newline: it was being written when the process died.
fn truncate_torn_tail(file: &mut File, path: &Path) -> Result<(), StoreError> {
    let len = file.metadata().map_err(io_err(path))?.len();
    if len == 0 {
        return Ok(());
    }
    // Scan back in blocks for the last newline.
    let mut end = len;
    let mut block = vec![0u8; 64 * 1024];
    loop {
        let start = end.saturating_sub(block.len() as u64);
        let n = (end - start) as usize;
        file.seek(SeekFrom::Start(start)).map_err(io_err(path))?;
        file.read_exact(&mut block[..n]).map_err(io_err(path))?;
        if let Some(pos) = block[..n].iter().rposition(|&b| b == b'\n') {
            let keep = start + pos as u64 + 1;
            if keep < len {
                file.set_len(keep).map_err(io_err(path))?;
            }
            return Ok(());
        }
        if start == 0 {
            file.set_len(0).map_err(io_err(path))?;
            return Ok(());
        }
        end = start;
    }
}

/// Write a file so that readers see either the old or the new content, never a mix.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let tmp = path.with_extension("tmp");
    {
        let mut f = File::create(&tmp).map_err(io_err(&tmp))?;
        f.write_all(bytes).map_err(io_err(&tmp))?;
        f.sync_all().map_err(io_err(&tmp))?;
    }
    fs::rename(&tmp, path).map_err(io_err(path))?;
    if let Some(parent) = path.parent() {
        // Persist the rename itself; not all platforms can open a directory, which is fine.
        if let Ok(d) = File::open(parent) {
            let _ = d.sync_all();
        }
    }
    Ok(())
}
