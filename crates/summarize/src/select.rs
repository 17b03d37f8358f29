//! Which sentences make the summary: greedy coverage of the concepts the cluster agrees on.
//!
//! A concept (stem bigram, and with less weight a content stem) is worth as much as the number of
//! documents that mention it: what many reporters independently chose to write is what the event
//! is about. Covering each concept once makes redundancy cost nothing to detect — a repeated fact
//! simply adds no gain — and dividing the gain by a power of the sentence length keeps long
//! sentences from buying the budget with filler.

use crate::prep::{overlap, Prep, Sent, Shape};

// The constants below were set on public multi-document news benchmarks (DUC 2004 dev split,
// Multi-News validation); none is specific to a site or a corpus shipped with storyline.

/// Weight of a content stem relative to a stem bigram: bigrams pin down who did what, single
/// stems mostly say what the story is about.
const TERM_WEIGHT: f64 = 0.5;

/// Exponent on sentence length in the gain normalisation: 0 would buy the budget with long
/// sentences, 1 with short fragments.
const LENGTH_POWER: f64 = 0.6;

/// Extra weight of early sentences, decaying as 1/(1+position): news leads with what matters.
const LEAD_BONUS: f64 = 0.25;

/// A document's vote for a concept is `LEAD_VOTE_BASE` plus the rest decaying with the position
/// of its first mention (scale `LEAD_VOTE_DECAY` sentences): a concept in many leads is the story.
const LEAD_VOTE_BASE: f64 = 0.3;
const LEAD_VOTE_DECAY: f64 = 3.0;

/// Factor on sentences with direct speech: quotes give colour, rarely the facts of an event.
const QUOTE_FACTOR: f64 = 0.6;

/// Share of content stems in common (of the smaller sentence) that makes a sentence a repeat of
/// one already chosen, whatever its residual gain.
pub(crate) const REDUNDANT: f64 = 0.6;

/// Sentence length range used while other sentences remain: shorter ones are mostly fragments
/// and datelines, longer ones run-ons that spend the budget on one point.
const MIN_WORDS: usize = 9;
const MAX_WORDS: usize = 55;

/// Documents a concept must appear in to count as consensus: a third of the cluster, at least
/// two, so that what one document repeats does not pass for agreement.
fn consensus_floor(n_docs: usize) -> u32 {
    (n_docs / 3 + 1).max(2) as u32
}

/// Concept weights: documents' lead-weighted votes (see [`votes`]) for concepts in at least
/// `floor` documents. With a single document, frequency within it is all there is to go on.
fn weights(df: &[u32], tf: &[u32], votes: &[f64], n_docs: usize, floor: u32) -> Vec<f64> {
    if n_docs <= 1 {
        let floor = floor.min(2);
        return tf
            .iter()
            .map(|&c| if c >= floor { f64::from(c) } else { 0.0 })
            .collect();
    }
    df.iter()
        .zip(votes)
        .map(|(&c, &v)| if c >= floor { v } else { 0.0 })
        .collect()
}

/// Per concept, the sum over documents of a vote that is full when the document mentions it in
/// its lead and fades with the position of its first mention. Returns (term, bigram) votes.
fn votes(p: &Prep) -> (Vec<f64>, Vec<f64>) {
    let mut tv = vec![0.0; p.term_df.len()];
    let mut bv = vec![0.0; p.bigram_df.len()];
    let mut seen_t = vec![usize::MAX; tv.len()];
    let mut seen_b = vec![usize::MAX; bv.len()];
    for s in &p.sents {
        let v = LEAD_VOTE_BASE + (1.0 - LEAD_VOTE_BASE) * (-(s.pos as f64) / LEAD_VOTE_DECAY).exp();
        for &t in &s.terms {
            if seen_t[t as usize] != s.doc {
                seen_t[t as usize] = s.doc;
                tv[t as usize] += v;
            }
        }
        for &b in &s.bigrams {
            if seen_b[b as usize] != s.doc {
                seen_b[b as usize] = s.doc;
                bv[b as usize] += v;
            }
        }
    }
    (tv, bv)
}

/// Cosine of each sentence to the cluster centroid (term frequency times inverse sentence
/// frequency): how typical of the whole cluster its vocabulary is. Coverage alone would happily
/// take a sentence that covers one heavy concept amid off-topic detail.
fn centrality(p: &Prep) -> Vec<f64> {
    let n = p.sents.len().max(1) as f64;
    let mut sf = vec![0u32; p.term_df.len()];
    for s in &p.sents {
        for &t in &s.terms {
            sf[t as usize] += 1;
        }
    }
    let idf: Vec<f64> = sf
        .iter()
        .map(|&f| (n / f64::from(f.max(1))).ln() + 1.0)
        .collect();
    let c: Vec<f64> = p
        .term_tf
        .iter()
        .zip(&idf)
        .map(|(&tf, &w)| f64::from(tf) * w)
        .collect();
    let c_norm = c.iter().map(|x| x * x).sum::<f64>().sqrt().max(1e-9);
    p.sents
        .iter()
        .map(|s| {
            let dot: f64 = s
                .terms
                .iter()
                .map(|&t| idf[t as usize] * c[t as usize])
                .sum();
            let norm = s
                .terms
                .iter()
                .map(|&t| idf[t as usize].powi(2))
                .sum::<f64>()
                .sqrt();
            if norm > 0.0 {
                dot / (norm * c_norm)
            } else {
                0.0
            }
        })
        .collect()
}

struct Scorer<'a> {
    p: &'a Prep,
    term_w: Vec<f64>,
    bigram_w: Vec<f64>,
    term_done: Vec<bool>,
    bigram_done: Vec<bool>,
    centrality: Vec<f64>,
}

impl Scorer<'_> {
    /// Weight of the concepts of `s` not covered yet.
    fn gain(&self, s: &Sent) -> f64 {
        let b: f64 = s
            .bigrams
            .iter()
            .filter(|&&b| !self.bigram_done[b as usize])
            .map(|&b| self.bigram_w[b as usize])
            .sum();
        let t: f64 = s
            .terms
            .iter()
            .filter(|&&t| !self.term_done[t as usize])
            .map(|&t| self.term_w[t as usize])
            .sum();
        b + TERM_WEIGHT * t
    }

    fn score(&self, i: usize) -> f64 {
        let s = &self.p.sents[i];
        let gain = self.gain(s);
        if gain <= 0.0 {
            return 0.0;
        }
        let words = s.words.max(1) as f64;
        let lead = 1.0 + LEAD_BONUS / (1.0 + s.pos as f64);
        let quote = if s.quoted { QUOTE_FACTOR } else { 1.0 };
        gain / words.powf(LENGTH_POWER) * lead * quote * self.centrality[i]
    }

    fn cover(&mut self, s: &Sent) {
        for &b in &s.bigrams {
            self.bigram_done[b as usize] = true;
        }
        for &t in &s.terms {
            self.term_done[t as usize] = true;
        }
    }
}

/// Whether `s` mostly repeats `t`: more than `share` of the smaller one's content stems shared.
pub(crate) fn repeats(s: &Sent, t: &Sent, share: f64) -> bool {
    let small = s.terms.len().min(t.terms.len());
    small > 0 && overlap(&s.terms, &t.terms) as f64 > share * small as f64
}

/// The sentences worth choosing from: complete, self-contained statements of a sensible length;
/// dangling, very short or overlong ones only when the cluster offers nothing else.
fn pool(p: &Prep) -> Vec<usize> {
    let usable = |allowed: Shape, lengths: bool| -> Vec<usize> {
        (0..p.sents.len())
            .filter(|&i| {
                let s = &p.sents[i];
                s.shape <= allowed && (!lengths || (MIN_WORDS..=MAX_WORDS).contains(&s.words))
            })
            .collect()
    };
    [
        (Shape::Good, true),
        (Shape::Good, false),
        (Shape::Dangling, false),
        (Shape::Short, false),
    ]
    .into_iter()
    .map(|(allowed, lengths)| usable(allowed, lengths))
    .find(|pool| !pool.is_empty())
    .unwrap_or_default()
}

/// Sentence indices (into `p.sents`) of a summary of at most `budget` words, most important
/// first.
pub(crate) fn select(p: &Prep, budget: usize) -> Vec<usize> {
    let n_docs = p.doc_sents.iter().filter(|r| !r.is_empty()).count();
    let floor = consensus_floor(n_docs);
    let (tv, bv) = votes(p);
    let mut sc = Scorer {
        p,
        term_w: weights(&p.term_df, &p.term_tf, &tv, n_docs, floor),
        bigram_w: weights(&p.bigram_df, &p.bigram_tf, &bv, n_docs, floor),
        term_done: vec![false; p.term_df.len()],
        bigram_done: vec![false; p.bigram_df.len()],
        centrality: centrality(p),
    };
    let pool = pool(p);
    let mut chosen: Vec<usize> = Vec::new();
    let mut used = 0usize;
    // First what the cluster agrees on; then, if words remain, what single documents add, so a
    // small cluster still gets a summary of the length asked for.
    for phase in 0..2 {
        if phase == 1 {
            sc.term_w = weights(&p.term_df, &p.term_tf, &tv, n_docs, 1);
            sc.bigram_w = weights(&p.bigram_df, &p.bigram_tf, &bv, n_docs, 1);
        }
        loop {
            let mut best: Option<(f64, usize)> = None;
            for &i in &pool {
                let s = &p.sents[i];
                if used + s.words > budget || chosen.contains(&i) {
                    continue;
                }
                let score = sc.score(i);
                if score <= 0.0 || best.is_some_and(|(b, _)| score <= b) {
                    continue;
                }
                if chosen.iter().any(|&c| repeats(s, &p.sents[c], REDUNDANT)) {
                    continue;
                }
                best = Some((score, i));
            }
            let Some((_, i)) = best else { break };
            chosen.push(i);
            used += p.sents[i].words;
            sc.cover(&p.sents[i]);
        }
    }
    if chosen.is_empty() {
        // Nothing fits the budget: one sentence beats an empty summary.
        let best = pool.iter().copied().fold(None::<(f64, usize)>, |best, i| {
            let score = sc.score(i);
            match best {
                Some((b, _)) if score <= b => best,
                _ => Some((score, i)),
            }
        });
        chosen.extend(best.map(|(_, i)| i));
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prep::prepare;
    use storyline_model::ClusterDoc;

    fn docs(texts: &[&str]) -> Vec<ClusterDoc> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| ClusterDoc {
                id: format!("d{i}"),
                text: (*t).into(),
                outlet: None,
                published: None,
                title: None,
            })
            .collect()
    }

    #[test]
    fn consensus_needs_a_third_of_the_cluster() {
        assert_eq!(consensus_floor(1), 2);
        assert_eq!(consensus_floor(3), 2);
        assert_eq!(consensus_floor(10), 4);
    }

    #[test]
    fn what_most_documents_say_comes_first() {
        let d = docs(&[
            "A local baker in Orsk won a regional prize for rye bread on Sunday evening. \
             The ferry to Lindholm was cancelled on Monday because of strong winds in the strait.",
            "The ferry to Lindholm was cancelled on Monday because of strong winds, the operator said.",
            "Strong winds forced the operator to cancel the ferry to Lindholm on Monday morning.",
        ]);
        let p = prepare(&d);
        let chosen = select(&p, 20);
        assert_eq!(chosen.len(), 1);
        let s = &p.sents[chosen[0]];
        assert!(d[s.doc].text[s.start..s.end].contains("ferry"));
    }
}
