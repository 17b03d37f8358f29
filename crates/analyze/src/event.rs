//! Event-level aggregation: what several outlets' documents about one event say together.
//!
//! Outlets quote the same words with small differences (punctuation, an elision, a dropped
//! clause), so quotes are merged on their word sets rather than on exact text; entities are
//! merged on the ids [`crate::link_entities`] gave them; dated statements are merged when they
//! share a date and most of their words.

use std::collections::{BTreeMap, BTreeSet};

use storyline_model::{
    Analysis, DateMention, Document, EntityKind, EventAttribution, EventEntity, EventQuote, Quote,
    Sentence, TimelineEntry,
};
use storyline_text::{content_terms, fold, is_caption, sorted_overlap, tokens, FastMap, FastSet};

fn outlet_of(doc: &Document, analysis: &Analysis) -> Option<String> {
    doc.outlet.clone().or_else(|| analysis.outlet.clone())
}

/// The *prefix* of a word set for prefix filtering: its words rarest first (by `freq`, then by
/// id, so the order is total), as many as a set sharing `tenths`/10 of them can still lack, plus
/// one — any such set holds one of them, so an index of prefixes finds every match.
fn rarest_prefix(words: &[u32], freq: &[u32], tenths: usize) -> Vec<u32> {
    let mut ranked = words.to_vec();
    ranked.sort_unstable_by_key(|&w| (freq.get(w as usize).copied().unwrap_or(0), w));
    let n = ranked.len();
    ranked.truncate(n - (n * tenths).div_ceil(10) + usize::from(n > 0));
    ranked
}

/// A quotation's distinct folded words as sorted ids from `vocab` (an event compares every
/// quote with every group, so sets of integers rather than of strings).
fn word_set(s: &str, vocab: &mut FastMap<String, u32>) -> Vec<u32> {
    let folded = fold(s);
    let mut ids: Vec<u32> = tokens(&folded)
        .map(|t| {
            let next = u32::try_from(vocab.len()).unwrap_or(u32::MAX);
            *vocab.entry(t.text.to_string()).or_insert(next)
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Whether two quotations are the same words as reported by different outlets.
fn same_quote(a: &[u32], b: &[u32]) -> bool {
    let (small, big) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.is_empty() {
        return false;
    }
    if small.len() <= 2 {
        return small == big;
    }
    let shared = sorted_overlap(small, big);
    let union = a.len() + b.len() - shared;
    // Same words give or take one changed word ("the river" / "this river"), or one is the
    // other with a part elided ("…").
    let near_same = if small.len() >= 6 {
        shared * 10 >= union * 7
    } else {
        shared * 10 >= union * 8
    };
    near_same || (shared * 10 >= small.len() * 9 && small.len() >= 5)
}

/// The form most members agree on; ties go to the longest, then the first seen.
fn most_common<'a>(forms: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (i, f) in forms.enumerate() {
        let e = counts.entry(f).or_insert((0, i));
        e.0 += 1;
    }
    counts
        .into_iter()
        .max_by(|x, y| {
            x.1 .0
                .cmp(&y.1 .0)
                .then(x.0.len().cmp(&y.0.len()))
                .then(y.1 .1.cmp(&x.1 .1))
        })
        .map(|(f, _)| f.to_string())
}

/// The speaker most members name, counting "Okafor" and "Chidi Okafor" as one vote for the
/// fuller form.
fn pick_speaker<'a>(speakers: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut by_last: BTreeMap<String, (usize, usize, &str)> = BTreeMap::new();
    for (i, s) in speakers.enumerate() {
        let last = fold(s)
            .split_whitespace()
            .last()
            .unwrap_or_default()
            .to_string();
        let e = by_last.entry(last).or_insert((0, i, s));
        e.0 += 1;
        if s.split_whitespace().count() > e.2.split_whitespace().count() {
            e.2 = s;
        }
    }
    by_last
        .into_values()
        .max_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)))
        .map(|(_, _, s)| s.to_string())
}

/// The event's quotes, each once with every document and outlet that carries it; most-reported
/// first.
pub fn event_quotes(docs: &[Document], analyses: &[Analysis]) -> Vec<EventQuote> {
    struct Group {
        words: Vec<u32>,
        texts: Vec<String>,
        speakers: Vec<String>,
        credits: Vec<String>,
        docs: BTreeSet<String>,
        outlets: BTreeSet<String>,
        first: usize,
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut vocab: FastMap<String, u32> = FastMap::default();
    let quote_words: Vec<Vec<u32>> = analyses
        .iter()
        .flat_map(|a| &a.quotes)
        .map(|q| word_set(&q.text, &mut vocab))
        .collect();
    // An event of hundreds of reports has thousands of quotes, so a quote is compared only
    // with groups that can be the same quote. Two quotes are the same only if they share at
    // least 7 in 10 of the smaller one's words, so with words ranked rarest first (in this
    // event's quotes), a group at least as long as the quote holds one of the quote's rarest
    // `n − ⌈0.7·n⌉ + 1` words (its *prefix*), and a shorter group has one of *its* prefix words
    // in the quote. Two indexes find both: every word of a group, and the prefix words of a
    // group; entries stay when a group's words are replaced by a longer form, which only adds
    // candidates. The answer is the one comparing every group gives, as long as no list is
    // longer than [`MAX_SCAN`].
    let mut freq = vec![0u32; vocab.len()];
    for &w in quote_words.iter().flatten() {
        freq[w as usize] += 1;
    }
    let prefix = |words: &[u32]| rarest_prefix(words, &freq, 7);
    let mut holders: Vec<Vec<u32>> = vec![Vec::new(); vocab.len()];
    let mut prefix_holders: Vec<Vec<u32>> = vec![Vec::new(); vocab.len()];
    let mut seen: Vec<bool> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    let mut seq = 0;
    let mut quote_words = quote_words.into_iter();
    for (doc, analysis) in docs.iter().zip(analyses) {
        for q in &analysis.quotes {
            seq += 1;
            let words = quote_words.next().unwrap_or_default();
            let lists = prefix(&words)
                .into_iter()
                .map(|w| &holders[w as usize])
                .chain(words.iter().map(|&w| &prefix_holders[w as usize]));
            for &g in lists.flat_map(|l| l.iter().rev().take(MAX_SCAN)) {
                if !seen[g as usize] {
                    seen[g as usize] = true;
                    touched.push(g);
                }
            }
            // The earliest group it matches, as a scan of every group would find.
            let found = touched
                .iter()
                .map(|&g| g as usize)
                .filter(|&g| same_quote(&groups[g].words, &words))
                .min();
            for &g in &touched {
                seen[g as usize] = false;
            }
            touched.clear();
            let idx = match found {
                Some(i) => i,
                None => {
                    groups.push(Group {
                        words: words.clone(),
                        texts: Vec::new(),
                        speakers: Vec::new(),
                        credits: Vec::new(),
                        docs: BTreeSet::new(),
                        outlets: BTreeSet::new(),
                        first: seq,
                    });
                    groups.len() - 1
                }
            };
            seen.resize(groups.len(), false);
            let g = &mut groups[idx];
            if words.len() > g.words.len() || g.texts.is_empty() {
                g.words = words;
                for &w in &g.words {
                    let list = &mut holders[w as usize];
                    if list.last() != Some(&(idx as u32)) {
                        list.push(idx as u32);
                    }
                }
                for w in prefix(&g.words) {
                    let list = &mut prefix_holders[w as usize];
                    if list.last() != Some(&(idx as u32)) {
                        list.push(idx as u32);
                    }
                }
            }
            g.texts.push(q.text.clone());
            if let Some(s) = &q.speaker {
                g.speakers.push(s.clone());
            } else if let Some(c) = q
                .speaker_start
                .zip(q.speaker_end)
                .and_then(|(a, b)| doc.text.get(a..b))
                // A relative pronoun ("…, who said") tells a reader nothing on its own.
                .filter(|c| !matches!(c.to_lowercase().as_str(), "who" | "which" | "that"))
            {
                g.credits.push(c.to_string());
            }
            g.docs.insert(doc.id.clone());
            if let Some(o) = outlet_of(doc, analysis) {
                g.outlets.insert(o);
            }
        }
    }
    groups.sort_by(|a, b| {
        b.docs
            .len()
            .cmp(&a.docs.len())
            .then(b.outlets.len().cmp(&a.outlets.len()))
            .then(a.first.cmp(&b.first))
    });
    groups
        .into_iter()
        .map(|g| {
            let speaker = pick_speaker(g.speakers.iter().map(String::as_str));
            EventQuote {
                text: most_common(g.texts.iter().map(String::as_str)).unwrap_or_default(),
                credited: if speaker.is_none() {
                    most_common(g.credits.iter().map(String::as_str))
                } else {
                    None
                },
                speaker,
                documents: g.docs.into_iter().collect(),
                outlets: g.outlets.into_iter().collect(),
            }
        })
        .collect()
}

/// The event's entities by canonical id: the fullest name, its other forms, and how often the
/// documents mention it; most-mentioned first.
pub fn event_entities(_docs: &[Document], analyses: &[Analysis]) -> Vec<EventEntity> {
    struct Group {
        forms: BTreeMap<String, (usize, usize)>,
        kinds: [usize; 4],
        mentions: usize,
    }
    let mut groups: BTreeMap<&str, Group> = BTreeMap::new();
    let mut seq = 0;
    for a in analyses {
        for m in &a.entities {
            seq += 1;
            let g = groups.entry(m.entity.as_str()).or_insert_with(|| Group {
                forms: BTreeMap::new(),
                kinds: [0; 4],
                mentions: 0,
            });
            let e = g.forms.entry(m.text.clone()).or_insert((0, seq));
            e.0 += 1;
            g.kinds[kind_slot(m.kind)] += 1;
            g.mentions += 1;
        }
    }
    let mut out: Vec<EventEntity> = groups
        .into_values()
        .map(|g| {
            let name = g
                .forms
                .iter()
                .max_by(|x, y| {
                    let (wx, wy) = (
                        x.0.split_whitespace().count(),
                        y.0.split_whitespace().count(),
                    );
                    wx.cmp(&wy)
                        .then(x.1 .0.cmp(&y.1 .0))
                        .then(y.1 .1.cmp(&x.1 .1))
                })
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            let mut seen = BTreeSet::new();
            seen.insert(fold(&name));
            let aliases = g
                .forms
                .keys()
                .filter(|f| seen.insert(fold(f)))
                .cloned()
                .collect();
            let kind = KINDS
                .iter()
                .zip(g.kinds)
                .filter(|(k, _)| **k != EntityKind::Other)
                .max_by(|x, y| x.1.cmp(&y.1).then(kind_slot(*y.0).cmp(&kind_slot(*x.0))))
                .filter(|(_, n)| *n > 0)
                .map_or(EntityKind::Other, |(k, _)| *k);
            EventEntity {
                name,
                kind,
                aliases,
                mentions: g.mentions,
            }
        })
        .collect();
    out.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
    out
}

const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Place,
    EntityKind::Other,
];

fn kind_slot(k: EntityKind) -> usize {
    match k {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Place => 2,
        EntityKind::Other => 3,
    }
}

/// Whether a date mention is a possessive ("Monday's closing price", "Friday’s vote").
fn possessive(text: &str, d: &DateMention) -> bool {
    let after = text.get(d.end..).unwrap_or_default();
    ["'s", "’s"]
        .iter()
        .any(|s| after.starts_with(s) || d.text.ends_with(s))
}

/// Whether sentence `sent` holds nothing but quotation `q` and punctuation.
fn only_quoted(text: &str, sent: Sentence, q: &Quote) -> bool {
    let outside = [
        sent.start..q.start.max(sent.start),
        q.end.min(sent.end)..sent.end,
    ];
    outside.into_iter().all(|r| {
        !text
            .get(r)
            .unwrap_or_default()
            .chars()
            .any(char::is_alphanumeric)
    })
}

/// The calendar day of a TimeML value that names one (`2026-03-12`, `2026-03-12TEV`).
fn full_date(v: &str) -> Option<&str> {
    let day = v.get(..10)?;
    let b = day.as_bytes();
    let ok = b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    (ok && (v.len() == 10 || v[10..].starts_with('T'))).then_some(day)
}

/// Dated statements: every sentence holding a fully resolved date, in date order, each
/// statement once even when several documents make it.
///
/// Two statements are one when they carry the same date and the same text, or when at least
/// [`SAME_STATEMENT`] tenths of their distinct content terms are shared (Jaccard). A long-running
/// event has thousands of dated sentences, most on a handful of dates, so a statement is compared
/// only with earlier ones that share a term of its *prefix* — its rarest terms, as many as can be
/// missing from a set it still matches (prefix filtering): the same answer as comparing it with
/// every earlier statement of its date (while no list is longer than [`MAX_SCAN`]), at a
/// fraction of the cost.
pub fn timeline(docs: &[Document], analyses: &[Analysis]) -> Vec<TimelineEntry> {
    struct Dated<'a> {
        day: &'a str,
        text: &'a str,
        doc: &'a str,
        /// Distinct content terms as ids, ascending.
        terms: Vec<u32>,
    }
    let mut vocab: FastMap<String, u32> = FastMap::default();
    let mut dated: Vec<Dated> = Vec::new();
    for (doc, a) in docs.iter().zip(analyses) {
        // (sentence, day, possessive) of every resolved day: sentences are in text order, so the
        // one holding a date is the last starting at or before it, if it reaches past it.
        let anchors: Vec<(Sentence, &str, bool)> = a
            .dates
            .iter()
            .filter_map(|d| {
                let day = full_date(&d.value)?;
                let k = a.sentences.partition_point(|s| s.start <= d.start);
                let sent = a.sentences[k.checked_sub(1)?];
                if d.start >= sent.end {
                    return None;
                }
                // A sentence that is nothing but a quotation ("“Today we fix it.”") names no one
                // and no event: as a timeline entry it would tell a reader nothing.
                let bare_quote = || {
                    a.quotes.iter().any(|q| {
                        q.start <= d.start && d.end <= q.end && only_quoted(&doc.text, sent, q)
                    })
                };
                // A photo caption dates the picture ("…, Monday, June 5, 2017."), not the event.
                let caption = || doc.text.get(sent.start..sent.end).is_some_and(is_caption);
                // A sentence that is only its date ("Thursday, Dec. 20, 2012.") states nothing.
                let words_besides = |r: std::ops::Range<usize>| {
                    doc.text.get(r).map_or(0, |t| {
                        t.split_whitespace()
                            .filter(|w| w.chars().any(char::is_alphabetic))
                            .count()
                    })
                };
                let statement = words_besides(sent.start..d.start)
                    + words_besides(d.end.min(sent.end)..sent.end)
                    >= 3;
                (statement && !bare_quote() && !caption())
                    .then(|| (sent, day, possessive(&doc.text, d)))
            })
            .collect();
        for &(sent, day, poss) in &anchors {
            // "premium to Monday's closing price" dates a price, not what the sentence reports:
            // when the sentence has a day of its own ("said on Tuesday …"), it goes there only.
            if poss && anchors.iter().any(|&(s, _, p)| !p && s == sent) {
                continue;
            }
            let Some(text) = doc.text.get(sent.start..sent.end) else {
                continue;
            };
            let mut terms: Vec<u32> = content_terms(text)
                .into_iter()
                .map(|t| {
                    let next = u32::try_from(vocab.len()).unwrap_or(u32::MAX);
                    *vocab.entry(t).or_insert(next)
                })
                .collect();
            terms.sort_unstable();
            terms.dedup();
            dated.push(Dated {
                day,
                text,
                doc: &doc.id,
                terms,
            });
        }
    }
    // Rarest terms first (then by id, so the order is total): the order prefixes are cut in.
    let mut freq = vec![0u32; vocab.len()];
    for t in dated.iter().flat_map(|d| &d.terms) {
        freq[*t as usize] += 1;
    }
    let mut kept: Vec<usize> = Vec::new();
    let mut texts: FastSet<(&str, &str)> = FastSet::default();
    let mut index: FastMap<(&str, u32), Vec<usize>> = FastMap::default();
    let mut candidates: Vec<usize> = Vec::new();
    for (i, d) in dated.iter().enumerate() {
        if texts.contains(&(d.day, d.text)) {
            continue;
        }
        // A match shares at least ⌈0.6·|terms|⌉ of these terms.
        let prefix = rarest_prefix(&d.terms, &freq, SAME_STATEMENT);
        candidates.clear();
        for &t in &prefix {
            let list = index.get(&(d.day, t)).map_or(&[][..], Vec::as_slice);
            candidates.extend(list.iter().rev().take(MAX_SCAN));
        }
        candidates.sort_unstable();
        candidates.dedup();
        let dup = candidates.iter().any(|&j| {
            let e = &dated[j].terms;
            let shared = sorted_overlap(e, &d.terms);
            let union = e.len() + d.terms.len() - shared;
            union > 0 && shared * 10 >= union * SAME_STATEMENT
        });
        if dup {
            continue;
        }
        texts.insert((d.day, d.text));
        for &t in &prefix {
            index.entry((d.day, t)).or_default().push(i);
        }
        kept.push(i);
    }
    // By date, then in the order the statements came (documents in stream order).
    kept.sort_by(|&a, &b| dated[a].day.cmp(dated[b].day).then(a.cmp(&b)));
    kept.into_iter()
        .map(|i| TimelineEntry {
            date: dated[i].day.to_string(),
            text: dated[i].text.to_string(),
            doc: dated[i].doc.to_string(),
        })
        .collect()
}

/// Most recent entries of one index list looked at per quote or dated statement. Prefix
/// filtering is exact but its lists are as long as the statements sharing a rare word: normally a
/// handful, but an event of thousands of reports reworded in many ways (a long-running story, a
/// clustering that chained several) can have thousands, and comparing each statement with all of
/// them is quadratic again. Copies of one statement come close together in the stream, so the
/// latest entries are where a match is; past this many the merge may miss one (a statement then
/// stands twice) — it never merges two that do not match.
const MAX_SCAN: usize = 64;

/// Tenths of their distinct content terms two dated sentences must share to be one statement.
const SAME_STATEMENT: usize = 6;

/// First letters of the words of a folded name ("boreal press agency" → "bpa").
fn initials(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Agencies the event's documents credit, each with the documents that credit it; most-cited
/// first.
pub fn event_attributions(docs: &[Document], analyses: &[Analysis]) -> Vec<EventAttribution> {
    let mut groups: BTreeMap<String, (Vec<String>, BTreeSet<String>)> = BTreeMap::new();
    for (doc, a) in docs.iter().zip(analyses) {
        for at in &a.attributions {
            let g = groups.entry(fold(&at.agency)).or_default();
            g.0.push(at.agency.clone());
            g.1.insert(doc.id.clone());
        }
    }
    // A wire credited by acronym in its own copy ("(BPA)") and by name elsewhere is one agency.
    let names: Vec<String> = groups.keys().cloned().collect();
    for short in &names {
        if short.contains(' ') {
            continue;
        }
        let expansions: Vec<&String> = names
            .iter()
            .filter(|long| long.contains(' ') && initials(long) == *short)
            .collect();
        if let [long] = expansions.as_slice() {
            if let Some((forms, docs)) = groups.remove(short) {
                let g = groups.entry((*long).clone()).or_default();
                g.0.extend(forms.into_iter().filter(|f| f.contains(' ')));
                g.1.extend(docs);
            }
        }
    }
    let mut out: Vec<EventAttribution> = groups
        .into_values()
        .map(|(forms, docs)| EventAttribution {
            agency: most_common(forms.iter().map(String::as_str)).unwrap_or_default(),
            documents: docs.into_iter().collect(),
        })
        .collect();
    out.sort_by(|a, b| {
        b.documents
            .len()
            .cmp(&a.documents.len())
            .then(a.agency.cmp(&b.agency))
    });
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use crate::{analyze_document, link_entities};

    fn doc(id: &str, outlet: &str, text: &str) -> Document {
        Document {
            id: id.into(),
            outlet: Some(outlet.into()),
            published: Some("2026-03-12".into()),
            text: text.into(),
            ..Default::default()
        }
    }

    fn batch(docs: &[Document]) -> Vec<Analysis> {
        let mut a: Vec<Analysis> = docs.iter().map(|d| analyze_document(d, d.day())).collect();
        link_entities(docs, &mut a);
        a
    }

    fn sample() -> Vec<Document> {
        vec![
            doc("a", "Lisk Courier", "Chidi Okafor toured Lisk on Tuesday. “We will rebuild every home, and we will do it this year,” Okafor said, according to the Valley Wire."),
            doc("b", "Port Vale Times", "Minister Chidi Okafor visited Lisk. “We will rebuild every home... this year,” he said. The Valley Wire reported that 40 homes were lost on Tuesday."),
            doc("c", "Valley Herald", "“Help is coming,” said Ana Ruiz of the Lisk Council. Okafor arrived in Lisk on Tuesday."),
        ]
    }

    #[test]
    fn quotes_merge_across_outlets() {
        let docs = sample();
        let q = event_quotes(&docs, &batch(&docs));
        assert_eq!(q[0].documents, ["a", "b"]);
        assert_eq!(q[0].outlets, ["Lisk Courier", "Port Vale Times"]);
        assert_eq!(q[0].speaker.as_deref(), Some("Chidi Okafor"));
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].speaker.as_deref(), Some("Ana Ruiz"));
    }

    #[test]
    fn a_quote_credited_to_no_resolvable_name_keeps_the_credit() {
        let docs = [
            doc("a", "Lisk Courier", "Engineers inspected the Lisk dam on Monday. “The dam will hold through the spring,” they said."),
            doc("b", "Valley Herald", "“Help is coming,” said Ana Ruiz of the Lisk Council."),
        ];
        let q = event_quotes(&docs, &batch(&docs));
        let dam = q
            .iter()
            .find(|q| q.text.contains("dam"))
            .expect("dam quote");
        assert_eq!(dam.speaker, None);
        assert_eq!(dam.credited.as_deref(), Some("they"));
        let help = q
            .iter()
            .find(|q| q.text.contains("Help"))
            .expect("help quote");
        assert_eq!(help.speaker.as_deref(), Some("Ana Ruiz"));
        assert_eq!(help.credited, None, "a named speaker needs no credit line");
        // A relative pronoun alone says nothing about who spoke.
        let docs = [doc(
            "c",
            "Lisk Courier",
            "The inspection was led by engineers from the capital who said the dam would “hold \
             through the spring.”",
        )];
        let q = event_quotes(&docs, &batch(&docs));
        assert_eq!(
            (q[0].speaker.as_deref(), q[0].credited.as_deref()),
            (None, None)
        );
    }

    #[test]
    fn one_changed_word_still_merges_but_different_quotes_do_not() {
        let mut v = FastMap::default();
        let a = word_set("We will not let the river divide us.", &mut v);
        assert!(same_quote(
            &a,
            &word_set("We will not let this river divide us", &mut v)
        ));
        assert!(same_quote(
            &a,
            &word_set("We will not let the river … divide us", &mut v)
        ));
        assert!(!same_quote(
            &a,
            &word_set("We will not let the dam be built on the river", &mut v)
        ));
        assert!(!same_quote(
            &word_set("No.", &mut v),
            &word_set("No way.", &mut v)
        ));
    }

    #[test]
    fn entities_merge_with_aliases() {
        let docs = sample();
        let e = event_entities(&docs, &batch(&docs));
        let okafor = e.iter().find(|x| x.name == "Chidi Okafor").unwrap();
        assert_eq!(okafor.kind, EntityKind::Person);
        assert_eq!(okafor.aliases, ["Okafor"]);
        assert!(okafor.mentions >= 4);
        let lisk = e.iter().find(|x| x.name == "Lisk").unwrap();
        assert_eq!(lisk.kind, EntityKind::Place);
        assert!(e.windows(2).all(|w| w[0].mentions >= w[1].mentions));
    }

    #[test]
    fn timeline_is_sorted_and_deduplicated() {
        let docs = sample();
        let t = timeline(&docs, &batch(&docs));
        assert!(t.iter().all(|x| x.date == "2026-03-10"));
        assert!(t.windows(2).all(|w| w[0].date <= w[1].date));
        // "toured Lisk on Tuesday" and "arrived in Lisk on Tuesday" are different statements.
        assert!(t.len() >= 2 && t.len() <= 3, "{t:?}");
    }

    #[test]
    fn a_possessive_day_dates_a_sentence_only_without_a_day_of_its_own() {
        let docs = vec![doc(
            "a",
            "Lisk Courier",
            "The board said on Tuesday it would pay 30 euros a share, a premium to Monday's closing price. \
             Monday’s vote was postponed.",
        )];
        let t = timeline(&docs, &batch(&docs));
        let days: Vec<(&str, &str)> = t
            .iter()
            .map(|e| {
                (
                    e.date.as_str(),
                    e.text.split(' ').next().unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            days,
            [("2026-03-09", "Monday’s"), ("2026-03-10", "The")],
            "{t:?}"
        );
    }

    #[test]
    fn a_bare_quotation_is_no_timeline_entry() {
        let docs = vec![doc(
            "a",
            "Lisk Courier",
            "“Every fisherman has waited for this,” harbour master Annika Roe said on Thursday. \
             “Today we fix it.” \
             “We start work today,” said Roe.",
        )];
        let a = batch(&docs);
        assert!(
            a[0].quotes.iter().any(|q| q.text == "Today we fix it."),
            "{:?}",
            a[0].quotes
        );
        let t: Vec<String> = timeline(&docs, &a).into_iter().map(|e| e.text).collect();
        assert_eq!(
            t,
            [
                "“Every fisherman has waited for this,” harbour master Annika Roe said on Thursday.",
                "“We start work today,” said Roe."
            ]
        );
    }

    #[test]
    fn a_photo_caption_or_a_bare_date_is_no_timeline_entry() {
        let docs = vec![doc(
            "a",
            "Lisk Courier",
            "The harbour wall at Lisk was repaired on Tuesday. \
             A child looks at the new wall on the quay at Lisk, Wednesday, March 11, 2026. \
             In this March 2, 2026 photo, waves break over the old wall.\n\
             Wednesday, March 11, 2026.",
        )];
        let t: Vec<String> = timeline(&docs, &batch(&docs))
            .into_iter()
            .map(|e| e.text)
            .collect();
        assert_eq!(t, ["The harbour wall at Lisk was repaired on Tuesday."]);
    }

    #[test]
    fn acronym_credit_joins_the_named_agency() {
        let docs = vec![
            doc(
                "a",
                "Lisk Courier",
                "Rain fell, the Boreal Press Agency reported.",
            ),
            doc("b", "Boreal Press Agency", "PORT VALE (BPA) — Rain fell."),
        ];
        let a = event_attributions(&docs, &batch(&docs));
        assert_eq!(
            a,
            [EventAttribution {
                agency: "Boreal Press Agency".into(),
                documents: vec!["a".into(), "b".into()]
            }]
        );
    }

    #[test]
    fn attributions_grouped() {
        let docs = sample();
        let a = event_attributions(&docs, &batch(&docs));
        assert_eq!(
            a,
            [EventAttribution {
                agency: "Valley Wire".into(),
                documents: vec!["a".into(), "b".into()]
            }]
        );
    }
}
