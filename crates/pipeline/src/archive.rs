//! A database directory as a living archive: raw documents committed to the store, the digest
//! derived from them, and the search index over that digest, kept in step.
//!
//! Derived data is a deterministic function of the committed raw documents (in stream order)
//! and the options, so it is recomputed whenever documents arrive rather than patched: an archive
//! fed in several runs ends exactly where one run over everything ends. On open, whatever is
//! behind the store — derived data from an interrupted run, a missing or stale index — is
//! rebuilt before anyone reads it.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use storyline_model::{Document, RawDocument, Report};
use storyline_store::search::{SearchError, SearchIndex, SearchQuery, SearchResults};
use storyline_store::{Derived, Store, StoreError};

use crate::{build_report, extract_all, DigestOptions};
use storyline_extract::Templates;

/// Raw documents per transaction: a kill loses at most the batch being written, and a batch is
/// reported committed only once its transaction is durable.
const COMMIT_BATCH: usize = 256;

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Search(#[from] SearchError),
}

impl ArchiveError {
    /// Whether the user can fix it (a bad query, a database in use) rather than a fault of ours.
    pub fn is_user_error(&self) -> bool {
        match self {
            ArchiveError::Store(e) => e.is_user_error(),
            ArchiveError::Search(e) => matches!(e, SearchError::Query(_)),
        }
    }
}

/// The digest of everything committed, as readers see it.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Number of raw documents it covers.
    pub generation: u64,
    pub report: Report,
    pub documents: BTreeMap<String, Document>,
}

/// What one [`Archive::ingest`] did.
#[derive(Debug, Default)]
pub struct IngestOutcome {
    /// Ids of the documents newly stored, in input order.
    pub added: Vec<String>,
    /// Documents whose content was already stored.
    pub known: usize,
}

pub struct Archive {
    store: Store,
    index: SearchIndex,
    opts: DigestOptions,
    snapshot: Arc<Snapshot>,
}

impl Archive {
    /// Open (creating if needed) the archive in `dir`, bringing derived data and the index up to
    /// date with the store.
    pub fn open(dir: &Path, opts: DigestOptions) -> Result<Archive, ArchiveError> {
        let store = Store::open(dir)?;
        let index = SearchIndex::open(&dir.join("index"))?;
        let mut archive = Archive {
            store,
            index,
            opts,
            snapshot: Arc::default(),
        };
        let generation = archive.store.generation()?;
        match archive.store.derived()? {
            Some(d) if d.generation == generation && d.settings == archive.settings() => {
                archive.snapshot = Arc::new(Snapshot {
                    generation,
                    report: d.report,
                    documents: d.documents,
                });
            }
            _ => archive.recompute()?,
        }
        archive.sync_index()?;
        Ok(archive)
    }

    fn settings(&self) -> String {
        format!("{:?}", self.opts)
    }

    /// The current digest; cheap to clone and never changed in place.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot)
    }

    /// The search index; clones share it and see every rebuild at once.
    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    pub fn search(&self, q: &SearchQuery) -> Result<SearchResults, ArchiveError> {
        Ok(self.index.search(q)?)
    }

    /// Commit the documents not stored yet (durably, in batches), then bring the digest and the
    /// index up to date. Documents already stored (same content) are counted, not added.
    pub fn ingest(&mut self, raws: Vec<RawDocument>) -> Result<IngestOutcome, ArchiveError> {
        let mut out = IngestOutcome::default();
        let mut raws = raws.into_iter().peekable();
        while raws.peek().is_some() {
            let batch: Vec<RawDocument> = raws.by_ref().take(COMMIT_BATCH).collect();
            let added = self.store.add(batch)?;
            out.known += added.known;
            out.added.extend(added.new.into_iter().map(|r| r.id));
            tracing::info!(
                committed = out.added.len(),
                known = out.known,
                "documents committed"
            );
        }
        if !out.added.is_empty() {
            self.recompute()?;
            self.sync_index()?;
        }
        Ok(out)
    }

    /// Recompute the digest from every stored document and save it.
    fn recompute(&mut self) -> Result<(), ArchiveError> {
        let raws = self.store.raw_documents()?;
        let generation = raws.len() as u64;
        let mut templates = Templates::default();
        let docs = extract_all(&raws, &mut templates);
        drop(raws);
        let digested = build_report(docs, &self.opts);
        let derived = Derived {
            generation,
            settings: self.settings(),
            report: digested.report,
            documents: digested.documents,
        };
        self.store.save_derived(&derived)?;
        self.store.save_templates(&templates)?;
        tracing::info!(generation, "digest recomputed");
        self.snapshot = Arc::new(Snapshot {
            generation,
            report: derived.report,
            documents: derived.documents,
        });
        Ok(())
    }

    fn sync_index(&mut self) -> Result<(), ArchiveError> {
        let s = Arc::clone(&self.snapshot);
        if self.index.generation() != Some(s.generation) {
            self.index.rebuild(s.generation, &s.report, &s.documents)?;
            tracing::info!(generation = s.generation, "search index rebuilt");
        }
        Ok(())
    }
}
