//! Text primitives shared by every stage.
//!
//! Stages must agree on what a word, a sentence and a shingle are — dedup, clustering and
//! summaries compare each other's output — so all cutting-up lives here, once.

mod hash;
mod sentences;
mod stop;
mod tokens;

pub use hash::{hash_str, mix64, FastMap, StableHasher};
pub use sentences::{paragraphs, sentences};
pub use stop::is_stopword;
pub use tokens::{content_terms, fold, shingles, stem, tokens, word_count, Token};
