//! The one domain model of storyline.
//!
//! Every stage reads and writes these types, and the JSON field names here *are* the JSONL
//! contracts documented in `docs/FORMAT.md`: renaming a field is a breaking change. The crate does
//! no I/O so that every stage can depend on it without pulling anything else in.

use serde::{Deserialize, Serialize};

mod date;
pub use date::{parse_published, published_days, Day};

/// A byte span `[start, end)` into a document's extracted `text`.
///
/// Byte (not char) offsets because that is what `&text[start..end]` needs in Rust and what the
/// contract promises to users of other languages: decode the UTF-8 and slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// The spanned text, or `None` when the span does not fall on char boundaries of `text`.
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }
}

/// One article after extraction: what `storyline extract` prints, one per line.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Path relative to the input root for files; the record's `id` (or line number) for JSONL.
    pub id: String,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    /// ISO-8601 date or date-time as found in the source (normalised to `YYYY-MM-DD[THH:MM:SS…]`).
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// Clean article body: paragraphs separated by a blank line. All offsets point into this.
    #[serde(default)]
    pub text: String,
}

impl Document {
    /// The publication day, when `published` holds a parseable date.
    pub fn day(&self) -> Option<Day> {
        self.published.as_deref().and_then(parse_published)
    }

    /// The publication time in fractional days (see [`published_days`]).
    pub fn time(&self) -> Option<f64> {
        self.published.as_deref().and_then(published_days)
    }
}

/// Output of `storyline dedup`: the input record plus the canonical copy it duplicates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DedupRecord {
    #[serde(flatten)]
    pub document: Document,
    pub duplicate_of: Option<String>,
}

/// Output of `storyline cluster`, one per input document, decided on arrival.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    pub id: String,
    pub event: String,
    pub storyline: Option<String>,
}

/// A sentence of a document, as a span into its text.
pub type Sentence = Span;

/// A direct quotation found in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Span of the quoted words, quotation marks excluded.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// `None` when the speaker is not known with confidence: a wrong speaker is worse than none.
    pub speaker: Option<String>,
    pub speaker_start: Option<usize>,
    pub speaker_end: Option<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
    Other,
}

/// One mention of a named entity in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: EntityKind,
    /// Canonical id shared by all aliases of the same entity within the analysed batch.
    pub entity: String,
}

/// A temporal expression with its normalised TimeML value (`2019-03-08`, `2019-03`, `2019-W10`,
/// `PRESENT_REF`, or a partial such as `XXXX-03-08` when nothing supports a year).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub value: String,
}

/// A news agency or outside outlet the document credits as a source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    pub agency: String,
    pub start: usize,
    pub end: usize,
}

/// What `storyline analyze` prints per document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub id: String,
    pub sentences: Vec<Sentence>,
    pub quotes: Vec<Quote>,
    pub entities: Vec<EntityMention>,
    pub dates: Vec<DateMention>,
    pub attributions: Vec<Attribution>,
    /// Outlet inferred from the text when the document carried none.
    pub outlet: Option<String>,
}

/// Where a summary sentence came from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Citation {
    pub doc: String,
    pub start: usize,
    pub end: usize,
}

/// One sentence of an event summary: verbatim text, where it is stated, and by which outlets.
/// Two sentences in a row of one document when the second does not read without the first
/// (speech after the sentence naming its speaker).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummarySentence {
    pub text: String,
    /// The first citation is the one `text` was copied from; the rest state the same thing.
    pub citations: Vec<Citation>,
    /// Distinct outlets that state it (syndicated copies of one outlet's text count once).
    pub outlets: Vec<String>,
}

/// A quote merged across the documents of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventQuote {
    pub text: String,
    pub speaker: Option<String>,
    /// When no speaker is known: the words the reports credit the quote to, as written ("they",
    /// "federal prosecutors"), so a reader still sees whom the text names. `null` otherwise.
    #[serde(default)]
    pub credited: Option<String>,
    pub documents: Vec<String>,
    pub outlets: Vec<String>,
}

/// An entity merged across the documents of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventEntity {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub mentions: usize,
}

/// A dated statement on an event's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub date: String,
    pub text: String,
    pub doc: String,
}

/// An agency and the event documents that cite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventAttribution {
    pub agency: String,
    pub documents: Vec<String>,
}

/// A statement only one outlet makes within an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusive {
    pub outlet: String,
    pub text: String,
    pub citation: Citation,
}

/// A real-world happening reported by one or more documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    pub id: String,
    pub title: String,
    pub storyline: Option<String>,
    pub documents: Vec<String>,
    pub outlets: Vec<String>,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub summary: Vec<SummarySentence>,
    pub quotes: Vec<EventQuote>,
    pub entities: Vec<EventEntity>,
    pub timeline: Vec<TimelineEntry>,
    pub attributions: Vec<EventAttribution>,
    /// Per outlet, notable statements that no other outlet of the event makes.
    #[serde(default)]
    pub exclusives: Vec<Exclusive>,
}

/// Events linked over weeks and months: the same actors and topic, recurring.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Storyline {
    pub id: String,
    pub title: String,
    pub events: Vec<String>,
}

/// A document as listed in the digest report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentEntry {
    pub id: String,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub duplicate_of: Option<String>,
}

/// The `storyline digest --json` report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub documents: Vec<DocumentEntry>,
    pub events: Vec<Event>,
    pub storylines: Vec<Storyline>,
}

/// A document handed to `storyline summarize` inside a cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterDoc {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
}

/// Input line of `storyline summarize`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterInput {
    pub cluster_id: serde_json::Value,
    pub docs: Vec<ClusterDoc>,
}

/// One sentence of `storyline summarize` output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryLine {
    pub text: String,
    pub doc: String,
    pub start: usize,
    pub end: usize,
    pub outlets: Vec<String>,
}

/// Output line of `storyline summarize`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterSummary {
    pub cluster_id: serde_json::Value,
    pub summary: String,
    pub sentences: Vec<SummaryLine>,
}

/// How the content of a raw input is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawFormat {
    /// An HTML page: the article has to be found among the page's chrome.
    Html,
    /// Plain text, possibly a full-page dump that still carries site junk as lines.
    Text,
}

/// One input record as ingest found it, decoded to UTF-8 but not yet extracted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawDocument {
    pub id: String,
    pub format: RawFormat,
    pub content: String,
    /// Metadata the container already knew (JSONL fields, WARC headers); extraction keeps a
    /// known value rather than guessing a new one.
    pub hints: Document,
    /// A date to use only when extraction finds no publication date: when a crawler fetched
    /// the page (`WARC-Date`), which is close to, but never better than, the page's own date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback_published: Option<String>,
}
