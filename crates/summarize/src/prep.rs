//! One pass over a cluster's documents: sentences, their concepts as integer ids, and the
//! sentence shapes that must never reach a summary.
//!
//! Everything later (salience, corroboration, syndication, exclusives) compares sentences many
//! times, so words are folded and stemmed once per distinct word form through a per-cluster
//! vocabulary and every comparison afterwards works on sorted `u32` id lists.

use std::borrow::Cow;
use std::ops::Range;

use storyline_model::ClusterDoc;
use storyline_text::{
    fold, is_caption, is_speech_verb, is_stopword, mix64, sentences, stem, tokens, Token,
};

/// Sentences shorter than this are headlines, captions, bylines or datelines far more often than
/// statements; they are only used when nothing else exists.
const SHORT_WORDS: usize = 6;

/// Words of a shingle used to spot syndicated copies: long enough that two independent reports
/// rarely share one by chance, short enough to survive light copy-editing.
const SHINGLE: usize = 5;

/// What a sentence may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Shape {
    /// A complete statement that reads well on its own.
    Good,
    /// Opens with a pronoun or connective that points back to a sentence the reader has not seen.
    Dangling,
    /// Complete but very short; a last resort.
    Short,
    /// Headline, caption, byline, link line or other page furniture: never shown.
    Junk,
}

/// A sentence of one document with its concepts.
#[derive(Debug, Clone)]
pub(crate) struct Sent {
    pub doc: usize,
    pub start: usize,
    pub end: usize,
    /// Index among the document's non-junk sentences: the lead is 0 even under a headline.
    pub pos: usize,
    pub words: usize,
    pub shape: Shape,
    /// Contains direct speech: quotes rarely summarise an event.
    pub quoted: bool,
    /// Sorted, distinct stems of content words.
    pub terms: Vec<u32>,
    /// Sorted, distinct ids of adjacent stem pairs that are not both stop words.
    pub bigrams: Vec<u32>,
    /// Sorted, distinct ids of the figures of numeric tokens ([`figure`]): the facts paraphrases
    /// must agree on.
    pub numbers: Vec<u32>,
}

/// A cluster read once.
#[derive(Debug, Default)]
pub(crate) struct Prep {
    /// The documents' sentences (`..singles`), then the pairs of sentences that read only
    /// together (see [`add_pairs`]): every candidate span of a summary.
    pub sents: Vec<Sent>,
    /// How many of `sents` are single sentences.
    pub singles: usize,
    /// Per document, the range of its single sentences in `sents`; likewise of its pairs.
    pub doc_sents: Vec<Range<usize>>,
    pub doc_pairs: Vec<Range<usize>>,
    /// Per term id, how many documents contain it; likewise for bigrams.
    pub term_df: Vec<u32>,
    pub bigram_df: Vec<u32>,
    /// Per term id, occurrences in the whole cluster; likewise for bigrams.
    pub term_tf: Vec<u32>,
    pub bigram_tf: Vec<u32>,
    /// Per document, sorted distinct hashes of its word shingles.
    pub shingles: Vec<Vec<u64>>,
}

#[derive(Clone, Copy)]
struct Word {
    stem: u32,
    content: bool,
    number: bool,
}

pub(crate) type FxMap<K, V> = storyline_text::FastMap<K, V>;

#[derive(Default)]
struct Vocab {
    words: FxMap<String, Word>,
    stems: FxMap<String, u32>,
    bigrams: FxMap<(u32, u32), u32>,
}

impl Vocab {
    fn word(&mut self, w: &str) -> Word {
        if let Some(&x) = self.words.get(w) {
            return x;
        }
        let s = stem(w);
        let next = self.stems.len() as u32;
        let id = *self.stems.entry(s).or_insert(next);
        let x = Word {
            stem: id,
            content: w.chars().nth(1).is_some() && !is_stopword(w),
            number: w.starts_with(|c: char| c.is_ascii_digit()),
        };
        self.words.insert(w.to_owned(), x);
        x
    }

    fn bigram(&mut self, a: u32, b: u32) -> u32 {
        let next = self.bigrams.len() as u32;
        *self.bigrams.entry((a, b)).or_insert(next)
    }
}

/// The figure a number token states, however its scale or unit is written: "€4.2bn" and "4.2
/// billion euros" both state 4.2, and "4,000" is 4000. Reports of one event write the same
/// figure differently, and a figure that seems to disagree makes two statements different ones.
fn figure(token: &str) -> Cow<'_, str> {
    let end = token
        .find(|c: char| !c.is_ascii_digit() && !matches!(c, '.' | ','))
        .unwrap_or(token.len());
    let digits = &token[..end];
    if digits.contains(',') {
        Cow::Owned(digits.replace(',', ""))
    } else {
        Cow::Borrowed(digits)
    }
}

impl Prep {
    /// The documents' sentences, without the pairs after them: what every statistic of the
    /// cluster counts.
    pub fn sentences(&self) -> &[Sent] {
        &self.sents[..self.singles]
    }
}

fn sort_dedup(v: &mut Vec<u32>) {
    v.sort_unstable();
    v.dedup();
}

/// Read every document of a cluster.
pub(crate) fn prepare(docs: &[ClusterDoc]) -> Prep {
    let mut vocab = Vocab::default();
    let mut p = Prep::default();
    for (d, doc) in docs.iter().enumerate() {
        let first = p.sents.len();
        let mut stream: Vec<u32> = Vec::new();
        let mut pos = 0;
        for r in sentences(&doc.text) {
            let text = &doc.text[r.clone()];
            let shape = shape(text);
            // `fold` of ASCII text is its lower case; skipping normalisation is most of the speed.
            let folded = if text.is_ascii() {
                text.to_ascii_lowercase()
            } else {
                fold(text)
            };
            let mut terms = Vec::new();
            let mut bigrams = Vec::new();
            let mut numbers = Vec::new();
            let mut prev: Option<Word> = None;
            for t in tokens(&folded) {
                let w = vocab.word(t.text);
                stream.push(w.stem);
                if w.content {
                    terms.push(w.stem);
                }
                if w.number {
                    let f = figure(t.text);
                    numbers.push(if f.len() == t.text.len() {
                        w.stem
                    } else {
                        vocab.word(&f).stem
                    });
                }
                if let Some(pw) = prev {
                    if pw.content || w.content {
                        bigrams.push(vocab.bigram(pw.stem, w.stem));
                    }
                }
                prev = Some(w);
            }
            sort_dedup(&mut terms);
            sort_dedup(&mut bigrams);
            sort_dedup(&mut numbers);
            p.sents.push(Sent {
                doc: d,
                start: r.start,
                end: r.end,
                pos,
                words: text.split_whitespace().count(),
                shape,
                quoted: is_quoted(text),
                terms,
                bigrams,
                numbers,
            });
            if shape != Shape::Junk {
                pos += 1;
            }
        }
        p.doc_sents.push(first..p.sents.len());
        p.shingles.push(shingle_hashes(&stream));
    }
    p.term_df = vec![0; vocab.stems.len()];
    p.term_tf = vec![0; vocab.stems.len()];
    p.bigram_df = vec![0; vocab.bigrams.len()];
    p.bigram_tf = vec![0; vocab.bigrams.len()];
    let mut seen_t = vec![usize::MAX; vocab.stems.len()];
    let mut seen_b = vec![usize::MAX; vocab.bigrams.len()];
    for s in &p.sents {
        for &t in &s.terms {
            p.term_tf[t as usize] += 1;
            if seen_t[t as usize] != s.doc {
                seen_t[t as usize] = s.doc;
                p.term_df[t as usize] += 1;
            }
        }
        for &b in &s.bigrams {
            p.bigram_tf[b as usize] += 1;
            if seen_b[b as usize] != s.doc {
                seen_b[b as usize] = s.doc;
                p.bigram_df[b as usize] += 1;
            }
        }
    }
    add_pairs(docs, &mut p);
    p
}

/// A sentence that does not read alone often reads after the one before it: `“We will rebuild.”`
/// after `Mayor Ostrov spoke at the dam.`, `He said …` after the sentence naming him. Each such
/// sentence that follows a good one in its document gives one more candidate for the summary,
/// the two as one verbatim span, when together they read ([`shape`] of the span is good). The
/// pairs go after the single sentences, so every statistic of the cluster (document
/// frequencies, votes, centrality) still counts each sentence once.
fn add_pairs(docs: &[ClusterDoc], p: &mut Prep) {
    p.singles = p.sents.len();
    let mut pairs = Vec::new();
    for (d, range) in p.doc_sents.iter().enumerate() {
        let first = p.singles + pairs.len();
        for i in range.start + 1..range.end {
            let (a, b) = (&p.sents[i - 1], &p.sents[i]);
            // A quotation that runs on past the pair would be cut off mid-speech.
            if a.shape != Shape::Good
                || b.shape != Shape::Dangling
                || has_open_quote(&docs[d].text[b.start..b.end])
                || shape(&docs[d].text[a.start..b.end]) != Shape::Good
            {
                continue;
            }
            let union = |x: &[u32], y: &[u32]| {
                let mut v = [x, y].concat();
                sort_dedup(&mut v);
                v
            };
            pairs.push(Sent {
                doc: d,
                start: a.start,
                end: b.end,
                pos: a.pos,
                words: a.words + b.words,
                shape: Shape::Good,
                quoted: a.quoted || b.quoted,
                terms: union(&a.terms, &b.terms),
                bigrams: union(&a.bigrams, &b.bigrams),
                numbers: union(&a.numbers, &b.numbers),
            });
        }
        p.doc_pairs.push(first..p.singles + pairs.len());
    }
    p.sents.extend(pairs);
}

fn shingle_hashes(stream: &[u32]) -> Vec<u64> {
    let mut out: Vec<u64> = stream
        .windows(SHINGLE)
        .map(|w| w.iter().fold(0u64, |h, &id| mix64(h ^ (u64::from(id) + 1))))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Size of the intersection of two sorted, distinct lists.
pub(crate) use storyline_text::sorted_overlap as overlap;

fn is_quote_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„')
}

/// Direct speech: a double quotation mark of any style, or the doubled backticks of wire copy.
fn is_quoted(s: &str) -> bool {
    s.chars().any(is_quote_mark) || s.contains("``") || s.contains("''")
}

/// The first sentence of a longer quotation: it opens with a quote mark it does not close, so on
/// its own it is speech with no speaker. (A sentence closing a quote usually carries the "she
/// said" and still reads; one opening a quote mid-way says who speaks.)
fn has_open_quote(s: &str) -> bool {
    let t = s.trim_start();
    let unclosed = |open: &str, close: &str| {
        t.starts_with(open) && s.matches(open).count() > s.matches(close).count()
    };
    unclosed("“", "”")
        || unclosed("«", "»")
        || unclosed("``", "''")
        || (t.starts_with('"') && s.matches('"').count() % 2 == 1)
}

/// The last sentence of a longer quotation, with nothing after its closing mark: the speaker was
/// named in a sentence the reader has not seen. (One that goes on after the mark — "…,” she
/// said. — names the speaker and reads.)
fn is_quote_tail(s: &str) -> bool {
    let t = s.trim_end();
    let unopened = |open: &str, close: &str| {
        t.ends_with(close) && s.matches(close).count() > s.matches(open).count()
    };
    unopened("“", "”")
        || unopened("«", "»")
        || unopened("``", "''")
        || (t.ends_with('"') && !t.trim_start().starts_with('"') && s.matches('"').count() % 2 == 1)
}

/// The sentence with its quotations blanked out: what the reporter says in their own words.
/// A closing mark with no opening one ends a quotation begun in an earlier sentence, so
/// everything before it is speech; an opening mark never closed runs to the end.
fn outside_quotes(s: &str) -> Cow<'_, str> {
    if !is_quoted(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut quoted = false;
    // Start of the current stretch of the reporter's own words, if outside a quotation.
    let mut own = Some(0);
    let mut i = 0;
    while let Some(c) = s[i..].chars().next() {
        let rest = &s[i..];
        let (open, close, len) = if rest.starts_with("``") {
            (true, false, 2)
        } else if rest.starts_with("''") {
            (false, true, 2)
        } else {
            match c {
                '“' | '«' | '„' => (true, false, c.len_utf8()),
                '”' | '»' => (false, true, c.len_utf8()),
                '"' => (!quoted, quoted, 1),
                _ => (false, false, c.len_utf8()),
            }
        };
        if open || close {
            if let Some(st) = own.take() {
                out.push_str(&s[st..i]);
            }
            if close && !quoted {
                out.clear();
            }
            quoted = open;
            out.push(' ');
            if !quoted {
                own = Some(i + len);
            }
        }
        i += len;
    }
    if let Some(st) = own {
        out.push_str(&s[st..]);
    }
    Cow::Owned(out)
}

/// A pronoun that stands for someone the sentence never mentions: `“We will rebuild,” he
/// said.`, `During that meeting, she warned …` — the name is in a sentence the reader of a summary
/// has not seen. Before the first "he", "she" or "they" outside the quotation, a capitalised word
/// ("…, says Riese, but, she adds, …"), a noun after an article ("The rancher said he …") or
/// the one saying something ("workers said they …") may be what it stands for, and then the
/// sentence reads. So does an opening clause whose pronoun the main clause names right after its
/// comma ("Had he lost the vote, Berlusconi would have …"). `outside` is the sentence with its
/// quotations blanked out ([`outside_quotes`]), `words` its tokens.
fn unnamed_pronoun(outside: &str, words: &[Token]) -> bool {
    let Some(k) = words
        .iter()
        .position(|w| matches!(w.text, "he" | "she" | "they" | "He" | "She" | "They"))
    else {
        return false;
    };
    let content = |j: usize| !is_stopword(&words[j].text.to_lowercase());
    let capitalised = |j: usize| words[j].text.starts_with(char::is_uppercase) && content(j);
    let after_article = |j: usize| {
        j > 0 && matches!(words[j - 1].text, "the" | "The" | "a" | "A" | "an" | "An") && content(j)
    };
    let antecedent = |j: usize| {
        capitalised(j)
            || after_article(j)
            || (content(j)
                && words
                    .get(j + 1)
                    .is_some_and(|v| is_speech_verb(&v.text.to_lowercase())))
    };
    if (0..k).any(antecedent) {
        return false;
    }
    let opens_clause = words
        .first()
        .is_some_and(|w| SUBORDINATORS.contains(&w.text.to_lowercase().as_str()));
    let comma = outside[words[k].end..].find(',').map(|c| c + words[k].end);
    let main_subject = comma.and_then(|c| words.iter().position(|w| w.start > c));
    !(opens_clause
        && main_subject
            .is_some_and(|j| capitalised(j) || words.get(j + 1).is_some() && after_article(j + 1)))
}

/// Words that open a clause before the main one: a pronoun in such a clause may point forward to
/// the main clause's subject.
const SUBORDINATORS: &[&str] = &[
    "when", "while", "although", "though", "before", "after", "once", "if", "as", "since",
    "because", "had", "until", "unless", "whether",
];

/// What sites say to their readers about themselves (cookies, newsletters, sign-ups, policies).
/// Only when the sentence also addresses the reader or speaks as the site ("you", "our"), so that
/// news about a privacy policy is still news.
const NOTICE_TOPICS: &[&str] = &[
    "cookie",
    "privacy policy",
    "newsletter",
    "terms of use",
    "terms of service",
    "sign up",
    "signing up",
    "subscribe",
    "subscription",
    "log in",
    "javascript",
    "your browser",
    "advertis",
    "inbox",
    "tweet",
    "mailing list",
    "email alerts",
    "delivered straight to",
    "in the comments",
    "share your",
    "our app",
    "the app",
    "new episodes",
    "full episodes",
    "full seasons",
    "stream live",
    "web exclusives",
    "confirm your",
];
const READER_ADDRESS: &[&str] = &["you", "your", "our", "we", "us"];

/// Where the page's own layout is the subject ("the clip above", "the form below"): no report
/// of an event talks about what sits above it on a web page.
const LAYOUT_REFERENCES: &[&str] = &[
    "video above",
    "video below",
    "clip above",
    "clip below",
    "gallery above",
    "gallery below",
    "photos above",
    "photos below",
    "form below",
];

/// `lower` is the sentence in lower case, `words` its tokens.
fn is_site_notice(lower: &str, words: &[&str]) -> bool {
    if LAYOUT_REFERENCES.iter().any(|t| lower.contains(t)) {
        return true;
    }
    // "You'll", "we’re": the pronoun before the apostrophe.
    let pronoun = |w: &&str| {
        w.split(['\'', '’'])
            .next()
            .unwrap_or_default()
            .to_lowercase()
    };
    NOTICE_TOPICS.iter().any(|t| lower.contains(t))
        && words
            .iter()
            .any(|w| READER_ADDRESS.contains(&pronoun(w).as_str()))
}

/// Openers of page furniture that survive extraction: link lines, sharing and subscription
/// prompts. They name the widget, not any site, so they hold across outlets.
const FURNITURE: &[&str] = &[
    "read more",
    "read also",
    "see also",
    "click here",
    "sign up",
    "subscribe to",
    "follow us",
    "share this",
    "all rights reserved",
    "copyright",
    // Editors' notes about the page, not the event.
    "updated at",
    "this story has been updated",
    "this article has been updated",
    "this post has been updated",
    "an earlier version of this",
    "editor's note",
    "editor’s note",
];

/// Labels of captions and credits; only page furniture when a colon, dash or bar follows
/// ("Photo: …"), since "Credit markets fell" is news.
const LABELS: &[&str] = &[
    "photo",
    "photos",
    "image",
    "images",
    "picture",
    "caption",
    "credit",
    "credits",
    "video",
    "watch",
    "related",
    "advertisement",
    "file",
    "source",
    "graphic",
    "listen",
    "more",
    "correction",
];

/// Sentences shorter than this need a recognisable verb to count as statements.
const VERB_CHECK_WORDS: usize = 12;

/// Words that can stand in for a verb: auxiliaries and common reporting verbs. Together with
/// `-ed` and `-s` forms they separate statements from name lists and headings.
const VERBISH: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "can", "could", "may", "might", "must", "should", "shall", "do", "does", "did", "said", "says",
    "say", "told", "took", "made", "came", "went", "got", "left", "won", "lost", "met", "fell",
    "rose", "hit", "put", "set", "cut", "ran", "saw", "began", "led", "sent", "held", "paid",
    "gave", "found", "struck", "killed", "died", "chose", "became", "kept", "brought", "thought",
    "knew", "spoke", "wrote", "broke", "fled", "fought", "sought", "built", "drew", "grew",
];

/// Pronouns and connectives that lean on an unseen previous sentence.
const DANGLING: &[&str] = &[
    "he",
    "she",
    "they",
    "it",
    "this",
    "that",
    "these",
    "those",
    "but",
    "however",
    "also",
    "and",
    "yet",
    "still",
    "his",
    "her",
    "their",
    "its",
    "such",
    "then",
    "meanwhile",
    "moreover",
    "instead",
    "nevertheless",
    "furthermore",
    "besides",
    "so",
    "or",
    "there",
    "here",
    "him",
    "them",
    "otherwise",
    "thus",
    "hence",
    "later",
    "nonetheless",
];

/// Openers whose first word alone is harmless ("Since the storm…") but which as a phrase point
/// back to a time or fact the reader has not seen.
const DANGLING_PHRASES: &[&str] = &[
    "since then",
    "after that",
    "before that",
    "by then",
    "until then",
    "as a result",
    "in addition",
    "even so",
    "the latter",
    // "One would require …": one of something named before.
    "one would",
    "one will",
    "one is",
    "one was",
    "one has",
    "one had",
    "one could",
    "one can",
    "another would",
    "another will",
    "another is",
    "another was",
    "another has",
    "another had",
];

fn shape(s: &str) -> Shape {
    let lower = s.to_lowercase();
    let body = s.trim_start_matches(|c: char| !c.is_alphanumeric());
    let lower_head: String = body.chars().take(24).flat_map(char::to_lowercase).collect();
    let starts_with_word = |w: &str| {
        lower_head.starts_with(w)
            && !lower_head[w.len()..].starts_with(|c: char| c.is_alphanumeric())
    };
    let labelled = |w: &str| {
        starts_with_word(w)
            && lower_head[w.len()..]
                .trim_start()
                .starts_with([':', '|', '-', '–', '—'])
    };
    if FURNITURE.iter().any(|w| starts_with_word(w))
        || LABELS.iter().any(|w| labelled(w))
        || is_caption(&lower)
    {
        return Shape::Junk;
    }
    let last = s
        .trim_end_matches(storyline_text::is_closer)
        .chars()
        .next_back();
    if !matches!(last, Some('.' | '!' | '?' | '…')) {
        return Shape::Junk;
    }
    let (mut upper, mut letters) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
    }
    if letters < 2 || (letters >= 4 && upper * 10 > letters * 7) {
        return Shape::Junk;
    }
    let toks: Vec<Token> = tokens(s).collect();
    let words: Vec<&str> = toks.iter().map(|t| t.text).collect();
    if is_site_notice(&lower, &words) {
        return Shape::Junk;
    }
    let verbish = words.iter().skip(1).any(|w| {
        let first_lower = w.starts_with(|c: char| c.is_lowercase());
        first_lower
            && (VERBISH.contains(w)
                || (w.len() > 3 && (w.ends_with("ed") || w.ends_with('s') || w.ends_with("ing"))))
    });
    // Irregular verbs are many; a long sentence with final punctuation is a statement anyway.
    if !verbish && words.len() < VERB_CHECK_WORDS {
        return Shape::Junk;
    }
    if words.len() < SHORT_WORDS {
        return Shape::Short;
    }
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    // What the reporter says outside the quotation: nothing, when the sentence is all speech
    // whose speaker was named in a sentence before.
    let unattributed = || match outside_quotes(s) {
        Cow::Borrowed(_) => unnamed_pronoun(s, &toks),
        Cow::Owned(o) => {
            !o.contains(char::is_alphanumeric)
                || unnamed_pronoun(&o, &tokens(&o).collect::<Vec<_>>())
        }
    };
    if DANGLING.contains(&first.as_str())
        || DANGLING_PHRASES.iter().any(|w| starts_with_word(w))
        || has_open_quote(s)
        || is_quote_tail(s)
        || unattributed()
    {
        return Shape::Dangling;
    }
    Shape::Good
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn captions_player_chrome_and_site_promotions_are_junk() {
        use Shape::{Good, Junk};
        for (line, want) in [
            // Photo captions and player chrome.
            ("In this May 3, 2015 photo, police investigate a shooting at the bridge in Varn.", Junk),
            ("(Varn Wire) In this Saturday, July 1, 2017, photo, people queue outside a shop in Lisk.", Junk),
            ("Damage to the ferry is seen after the collision, this photo released by the coast guard shows.", Junk),
            ("Judge Ana Ruiz is shown in this June 27, 2011 file photo.", Junk),
            ("Image caption Rescuers reached the village on Tuesday after the road reopened.", Junk),
            ("CLOSE Skip in Skip x Embed x Share A police officer was found dead in his home on Thursday.", Junk),
            // The site speaking to its reader.
            ("Want stories like these delivered straight to your phone?", Junk),
            ("Watch the rescue of the two fishermen in the clip above.", Junk),
            ("You’ll also find behind the scenes videos and other great web exclusives.", Junk),
            ("Just fill in your contact details to join our mailing list.", Junk),
            // News that only shares their words.
            ("The broadcaster said new episodes of the series would stream from March.", Good),
            ("The activist ripped up a photo of the king in court in 2014, officials said.", Good),
            ("In this town, residents said the water rose by a metre overnight.", Good),
        ] {
            assert_eq!(shape(line), want, "{line}");
        }
    }

    #[test]
    fn speech_or_a_pronoun_for_someone_the_sentence_never_names_dangles() {
        use Shape::{Dangling, Good};
        for (line, want) in [
            // Speech alone: the speaker was named in the sentence before.
            (
                "“The water came in minutes and took the whole street with it.”",
                Dangling,
            ),
            (
                "``The water came in minutes and took the whole street with it.''",
                Dangling,
            ),
            // The speaker is only "he": who said it is in a sentence the reader has not seen.
            (
                "“We will rebuild every bridge in the valley,” he said on Tuesday.",
                Dangling,
            ),
            (
                "\"The water came in minutes,\" she told reporters near the dam.",
                Dangling,
            ),
            (
                "During that meeting, she warned the council about the state of the dam.",
                Dangling,
            ),
            (
                "When she went back to the house on Wednesday, her roof was gone.",
                Dangling,
            ),
            // What the pronoun stands for is in the sentence.
            (
                "The engineer said he expected the dam to hold through the night.",
                Good,
            ),
            (
                "Rescue workers said they had reached every house in the valley.",
                Good,
            ),
            (
                "The dam is safe, says Mara Lind, but, she adds, “only for now.”",
                Good,
            ),
            (
                "Had he lost the vote, Mayor Ostrov would have resigned on the spot.",
                Good,
            ),
            (
                "Although he has not been found, the driver was known to the police.",
                Good,
            ),
            // A pronoun inside the quotation is the speaker's, not the reporter's.
            (
                "“Let the storm come, they will find us ready,” Mayor Ostrov said.",
                Good,
            ),
        ] {
            assert_eq!(shape(line), want, "{line}");
        }
    }

    #[test]
    fn shapes_of_news_lines() {
        assert_eq!(
            shape("Floods cut the road to Varn on Tuesday, officials said."),
            Shape::Good
        );
        assert_eq!(
            shape("Floods cut the road to Varn"),
            Shape::Junk,
            "no final punctuation"
        );
        assert_eq!(
            shape("Photo: rescuers carry a boat through the water near Varn."),
            Shape::Junk
        );
        assert_eq!(
            shape("Read more: how the river rose and what it costs."),
            Shape::Junk
        );
        assert_eq!(
            shape("BY ANNA KOVAR AND TOMAS REE, STAFF WRITERS."),
            Shape::Junk
        );
        assert_eq!(
            shape("Varn, Lisk, Porta, Delm and Ostra."),
            Shape::Junk,
            "no verb"
        );
        assert_eq!(shape("The dam held."), Shape::Short);
        assert_eq!(
            shape("He said the water was rising fast overnight."),
            Shape::Dangling
        );
        assert_eq!(
            shape("Updated at 9:23 a.m. to correct the name of the driver."),
            Shape::Junk
        );
        assert_eq!(
            shape("Correction: An earlier version of this story misstated the toll."),
            Shape::Junk
        );
        assert_eq!(
            shape("One would require the county to rebuild the dyke by May."),
            Shape::Dangling
        );
        assert_eq!(
            shape("One man was still missing near the dam on Tuesday night."),
            Shape::Good
        );
        assert_eq!(
            shape("``It was gone in minutes,'' said a farmer near the river."),
            Shape::Dangling
        );
        assert_eq!(
            shape("We use cookies to personalise content and to analyse our traffic."),
            Shape::Junk
        );
        assert_eq!(
            shape("By signing up you agree to our privacy policy."),
            Shape::Junk
        );
        assert_eq!(
            shape("The ministry rewrote the privacy policy of its national tax portal last week."),
            Shape::Good
        );
        assert_eq!(
            shape("“We will rebuild every house in the valley."),
            Shape::Dangling,
            "opens a longer quote"
        );
        assert_eq!(
            shape("“We will rebuild,” the mayor of Varn said on Tuesday."),
            Shape::Good
        );
        assert_eq!(
            shape("We need help from the capital now,” the mayor of Varn added."),
            Shape::Good,
            "closes a quote opened earlier but names the speaker"
        );
        assert_eq!(
            shape("\"We have lost everything we built here."),
            Shape::Dangling
        );
        assert_eq!(
            shape("The mayor of Varn said the town was \"ready to rebuild every house."),
            Shape::Good,
            "opened mid-sentence"
        );
        assert_eq!(
            shape("After that, I think the whole valley will be rebuilt by the spring.''"),
            Shape::Dangling,
            "ends a quote opened earlier without naming the speaker"
        );
        assert_eq!(
            shape("The town will need every boat it can find before the river crests.”"),
            Shape::Dangling
        );
        assert_eq!(
            shape("“The town will need every boat it can find,” the mayor of Varn said."),
            Shape::Good
        );
        assert_eq!(
            shape("Since then, the council has moved the boats to the eastern quay."),
            Shape::Dangling
        );
        assert_eq!(
            shape("Since the storm the council has moved the boats to the eastern quay."),
            Shape::Good
        );
        assert_eq!(
            shape("Credit markets fell sharply in Lisk on Monday."),
            Shape::Good
        );
        assert_eq!(
            shape("Relatedly, the mayor asked for help from the region."),
            Shape::Good
        );
    }

    #[test]
    fn concepts_are_shared_ids() {
        let docs = vec![
            ClusterDoc {
                id: "a".into(),
                text: "The rivers rose 3 metres in Varn. Rescuers were sent at night.".into(),
                outlet: None,
                published: None,
                title: None,
            },
            ClusterDoc {
                id: "b".into(),
                text: "The river rose 3 metres.".into(),
                outlet: None,
                published: None,
                title: None,
            },
        ];
        let p = prepare(&docs);
        assert_eq!(p.sents.len(), 3);
        let (a, b) = (&p.sents[0], &p.sents[2]);
        assert_eq!(
            overlap(&a.terms, &b.terms),
            3,
            "river, rose, metre shared after stemming"
        );
        assert_eq!(overlap(&a.numbers, &b.numbers), 1);
        // Both documents mention the river; only the first mentions rescuers.
        let df_of =
            |s: &Sent| -> Vec<u32> { s.terms.iter().map(|&t| p.term_df[t as usize]).collect() };
        assert_eq!(df_of(b), [2, 2, 2]);
        assert!(df_of(&p.sents[1]).iter().all(|&df| df == 1));
        assert_eq!(p.doc_sents, vec![0..2, 2..3]);
    }
}
