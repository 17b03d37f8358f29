//! Text primitives shared by every stage.
//!
//! Stages must agree on what a word, a sentence and a shingle are — dedup, clustering and
//! summaries compare each other's output — so all cutting-up lives here, once.

mod caption;
mod hash;
mod sentences;
mod speech;
mod stop;
mod tokens;

pub use caption::is_caption;
pub use hash::{hash_str, mix64, FastMap, FastSet, StableHasher};
pub use sentences::{is_closer, paragraphs, sentences};
pub use speech::{is_speech_verb, is_weak_speech_verb};
pub use stop::is_stopword;
pub use tokens::{content_terms, fold, shingles, stem, tokens, word_count, Token};

/// Size of the intersection of two sorted, deduplicated slices (shingle sets, term-id lists):
/// one merge pass, no allocation.
pub fn sorted_overlap<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorted_overlap_counts_common_items() {
        assert_eq!(super::sorted_overlap(&[1, 3, 5, 7], &[3, 4, 5, 8]), 2);
        assert_eq!(super::sorted_overlap::<u64>(&[], &[1]), 0);
    }
}
