//! English stop words: function words that carry no topic.

const STOPWORDS: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
    "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both",
    "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few",
    "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers",
    "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
    "itself", "just", "may", "me", "might", "more", "most", "must", "my", "myself", "no", "nor",
    "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves",
    "out", "over", "own", "said", "same", "says", "she", "should", "so", "some", "such", "than",
    "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they",
    "this", "those", "through", "to", "too", "under", "until", "up", "us", "very", "was", "we",
    "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with",
    "would", "you", "your", "yours", "yourself", "yourselves", "s", "t", "don't", "it's",
    "i'm", "we're", "they're", "he's", "she's", "that's", "there's", "can't", "won't", "isn't",
    "aren't", "wasn't", "weren't", "hasn't", "haven't", "hadn't", "doesn't", "didn't", "shall",
    "yet", "however", "since", "though", "although", "per", "via", "whether", "within",
    "without", "among", "around", "told", "say", "according",
];

/// Whether a folded (lower-case) word is an English stop word.
pub fn is_stopword(word: &str) -> bool {
    // The list is short and sorted at first use; binary search keeps this allocation-free.
    static SORTED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let sorted = SORTED.get_or_init(|| {
        let mut v = STOPWORDS.to_vec();
        v.sort_unstable();
        v.dedup();
        v
    });
    sorted.binary_search(&word).is_ok()
}
