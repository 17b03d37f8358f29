//! Words and word-level features.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

use crate::hash::StableHasher;
use crate::stop::is_stopword;

/// A word of a text with its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Words of `s`: runs of letters and digits, joined across an inner apostrophe (`don't`,
/// `O’Neill`) and a decimal point or comma between digits (`3.5`, `10,000`).
pub fn tokens(s: &str) -> impl Iterator<Item = Token<'_>> + '_ {
    let mut chars = s.char_indices().peekable();
    std::iter::from_fn(move || {
        // Skip to the next alphanumeric char.
        let (start, first) = loop {
            let (i, c) = chars.next()?;
            if c.is_alphanumeric() {
                break (i, c);
            }
        };
        let mut end = start + first.len_utf8();
        let mut prev = first;
        while let Some(&(i, c)) = chars.peek() {
            if c.is_alphanumeric() {
                end = i + c.len_utf8();
                prev = c;
                chars.next();
                continue;
            }
            let joins = (is_apostrophe(c) && prev.is_alphabetic())
                || ((c == '.' || c == ',') && prev.is_ascii_digit());
            if joins {
                // Look one past the joiner: it must be followed by the right kind of char.
                let next = s[i + c.len_utf8()..].chars().next();
                let ok = match next {
                    Some(n) if is_apostrophe(c) => n.is_alphabetic(),
                    Some(n) => n.is_ascii_digit(),
                    None => false,
                };
                if ok {
                    chars.next();
                    continue;
                }
            }
            break;
        }
        Some(Token {
            text: &s[start..end],
            start,
            end,
        })
    })
}

/// Number of words in `s`.
pub fn word_count(s: &str) -> usize {
    tokens(s).count()
}

/// Case- and accent-insensitive form used for matching: lower case, diacritics removed,
/// typographic apostrophes and a few letters without decompositions mapped to ASCII.
pub fn fold(s: &str) -> String {
    // Most news text is ASCII: skip decomposition entirely.
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        match c {
            '\u{2019}' | '\u{2018}' => out.push('\''),
            'ø' | 'Ø' => out.push('o'),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'ł' | 'Ł' => out.push('l'),
            'đ' | 'Đ' => out.push('d'),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// English Snowball stem of an already folded word.
pub fn stem(word: &str) -> String {
    stemmer().stem(word).into_owned()
}

/// The content-bearing terms of `s` (folded, stop words and one-letter words dropped, stemmed):
/// the vocabulary of clustering and summarisation.
pub fn content_terms(s: &str) -> Vec<String> {
    let folded = fold(s);
    tokens(&folded)
        .filter(|t| t.text.chars().count() > 1 && !is_stopword(t.text))
        .map(|t| stem(t.text))
        .collect()
}

/// Hashes of every run of `k` consecutive words (one hash for texts shorter than `k`).
pub fn shingles<S: AsRef<str>>(words: &[S], k: usize) -> Vec<u64> {
    let k = k.max(1);
    if words.is_empty() {
        return Vec::new();
    }
    let hash = |ws: &[S]| {
        let mut h = StableHasher::default();
        for w in ws {
            h.write(w.as_ref().as_bytes());
            h.write_sep();
        }
        h.finish()
    };
    if words.len() <= k {
        return vec![hash(words)];
    }
    words.windows(k).map(hash).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn words(s: &str) -> Vec<&str> {
        tokens(s).map(|t| t.text).collect()
    }

    #[test]
    fn words_keep_apostrophes_and_numbers_together() {
        assert_eq!(
            words("O’Neill's 3.5% of 10,000 don't."),
            ["O’Neill's", "3.5", "of", "10,000", "don't"]
        );
        assert_eq!(words("end. Next, then"), ["end", "Next", "then"]);
        assert_eq!(words("rock 'n' roll"), ["rock", "n", "roll"]);
    }

    #[test]
    fn fold_removes_case_and_accents() {
        assert_eq!(fold("Søren Aurélie MÜLLER’s"), "soren aurelie muller's");
    }

    #[test]
    fn content_terms_stem_and_drop_stopwords() {
        assert_eq!(
            content_terms("The leaders were meeting about the rivers"),
            ["leader", "meet", "river"]
        );
    }

    #[test]
    fn shingles_count() {
        let w = ["a", "b", "c", "d"];
        assert_eq!(shingles(&w, 2).len(), 3);
        assert_eq!(shingles(&w, 9).len(), 1);
        assert!(shingles::<&str>(&[], 3).is_empty());
        assert_ne!(shingles(&["ab", "c"], 2), shingles(&["a", "bc"], 2));
    }

    proptest! {
        #[test]
        fn token_spans_are_exact(s in "\\PC{0,200}") {
            let mut last = 0;
            for t in tokens(&s) {
                prop_assert!(t.start >= last);
                prop_assert_eq!(&s[t.start..t.end], t.text);
                prop_assert!(!t.text.is_empty());
                last = t.end;
            }
        }
    }
}
