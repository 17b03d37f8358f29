//! The pipeline: storyline's stages wired in data-flow order.
//!
//! ```text
//! ingest ─▶ extract ─▶ templates ─▶ dedup ─▶ cluster ─▶ analyze ─▶ summarize ─▶ Report
//! (files)   (per doc,   (across      (stream  (stream   (per doc,   (per event)
//!            parallel)   docs)        order)   order)    parallel)
//! ```
//!
//! [`Archive`] is the same pipeline over a database directory: committed raw documents, the
//! digest derived from them and the search index, kept in step.
//!
//! Stages know nothing of each other; this crate is the only place that knows their order,
//! and the CLI and server call it rather than the stages directly.

pub mod archive;
mod digest;
mod guard;
mod render;
mod spill;
mod stream;

pub use archive::{Archive, ArchiveError, IngestOutcome, Snapshot};
pub use digest::{
    build_report, extract_all, stream_order, Chapters, DigestOptions, Digested, EventBuilder,
    GroupedDocument, ReportBuilder,
};
pub use guard::isolated;
pub use render::{render_html, render_markdown, render_text};
pub use stream::{
    digest_stream, FinishedDocument, FinishedEvent, Observer, Unobserved, EXTRACT_CHUNK,
};

pub use storyline_analyze as analyze;
pub use storyline_cluster as cluster;
pub use storyline_dedup as dedup;
pub use storyline_extract as extract;
pub use storyline_ingest as ingest;
pub use storyline_store as store;
pub use storyline_summarize as summarize;
