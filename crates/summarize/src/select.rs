//! Which sentences make the summary: the set that best covers the concepts the cluster agrees on.
//!
//! A concept (stem bigram, and with less weight a content stem) is worth as much as the number of
//! documents that mention it: what many reporters independently chose to write is what the event
//! is about. The summary maximises the total weight of the concepts it covers within the word
//! budget (Gillick & Favre's concept-coverage objective), so a repeated fact adds nothing and
//! redundancy needs no separate penalty. Each concept counts at the centrality of the best chosen
//! sentence stating it: a fact told in a sentence typical of the whole cluster is worth more than
//! the same fact in an aside.
//!
//! The objective is maximised greedily by gain per word, the better of that and the best single
//! sentence (the usual guarantee for budgeted submodular maximisation). An exact branch and bound
//! over the same objective found higher-scoring sets that read no better and scored lower ROUGE
//! on the benchmarks, so the cheaper greedy stays.

use crate::prep::{overlap, Prep, Sent, Shape};

// The constants below were set on public multi-document news benchmarks (DUC 2004 dev split,
// Multi-News validation); none is specific to a site or a corpus shipped with storyline.

/// Weight of a content stem relative to a stem bigram: bigrams pin down who did what, single
/// stems mostly say what the story is about.
const TERM_WEIGHT: f64 = 0.5;

/// A document's vote for a concept is `LEAD_VOTE_BASE` plus the rest decaying with the position
/// of its first mention (scale `LEAD_VOTE_DECAY` sentences): a concept in many leads is the story.
const LEAD_VOTE_BASE: f64 = 0.3;
const LEAD_VOTE_DECAY: f64 = 3.0;

/// Share of content stems in common (of the smaller sentence) that makes a sentence a repeat of
/// one already chosen, whatever its residual gain.
pub(crate) const REDUNDANT: f64 = 0.6;

/// Sentence length range used while other sentences remain: shorter ones are mostly fragments
/// and datelines, longer ones run-ons that spend the budget on one point.
const MIN_WORDS: usize = 9;
const MAX_WORDS: usize = 55;

/// Documents a concept must appear in to count as consensus: more than a quarter of the
/// cluster (three of ten), at least two, so that what one document repeats does not pass for
/// agreement.
fn consensus_floor(n_docs: usize) -> u32 {
    (n_docs / 4 + 1).max(2) as u32
}

/// Concept weights: documents' lead-weighted votes (see [`votes`]) for concepts in at least
/// `floor` documents. With a single document, frequency within it is all there is to go on.
fn weights(
    df: &[u32],
    tf: &[u32],
    votes: &[f64],
    n_docs: usize,
    floor: u32,
    scale: f64,
) -> Vec<f64> {
    if n_docs <= 1 {
        let floor = floor.min(2);
        return tf
            .iter()
            .map(|&c| {
                if c >= floor {
                    scale * f64::from(c)
                } else {
                    0.0
                }
            })
            .collect();
    }
    df.iter()
        .zip(votes)
        .map(|(&c, &v)| if c >= floor { scale * v } else { 0.0 })
        .collect()
}

/// Per concept, the sum over documents of a vote that is full when the document mentions it in
/// its lead and fades with the position of its first mention. Returns (term, bigram) votes.
fn votes(p: &Prep) -> (Vec<f64>, Vec<f64>) {
    let mut tv = vec![0.0; p.term_df.len()];
    let mut bv = vec![0.0; p.bigram_df.len()];
    let mut seen_t = vec![usize::MAX; tv.len()];
    let mut seen_b = vec![usize::MAX; bv.len()];
    for s in p.sentences() {
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
    let n = p.singles.max(1) as f64;
    let mut sf = vec![0u32; p.term_df.len()];
    for s in p.sentences() {
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

/// Concept coverage of a set of sentences: per concept, the centrality of the best chosen
/// sentence stating it (a facility-location form of coverage, still submodular, so the greedy
/// keeps its guarantee).
struct Coverage<'a> {
    p: &'a Prep,
    term_w: Vec<f64>,
    bigram_w: Vec<f64>,
    q: Vec<f64>,
    term_q: Vec<f64>,
    bigram_q: Vec<f64>,
    value: f64,
}

impl Coverage<'_> {
    /// What adding sentence `i` would add to the objective.
    fn gain(&self, i: usize) -> f64 {
        let s = &self.p.sents[i];
        let q = self.q[i];
        let b: f64 = s
            .bigrams
            .iter()
            .map(|&b| self.bigram_w[b as usize] * (q - self.bigram_q[b as usize]).max(0.0))
            .sum();
        let t: f64 = s
            .terms
            .iter()
            .map(|&t| self.term_w[t as usize] * (q - self.term_q[t as usize]).max(0.0))
            .sum();
        b + t
    }

    fn add(&mut self, i: usize) {
        let s = &self.p.sents[i];
        let q = self.q[i];
        self.value += self.gain(i);
        for &b in &s.bigrams {
            let c = &mut self.bigram_q[b as usize];
            *c = c.max(q);
        }
        for &t in &s.terms {
            let c = &mut self.term_q[t as usize];
            *c = c.max(q);
        }
    }

    fn clear(&mut self) {
        self.term_q.fill(0.0);
        self.bigram_q.fill(0.0);
        self.value = 0.0;
    }
}

/// Whether `s` mostly repeats `t`: more than `share` of the smaller one's content stems shared.
pub(crate) fn repeats(s: &Sent, t: &Sent, share: f64) -> bool {
    let small = s.terms.len().min(t.terms.len());
    small > 0 && overlap(&s.terms, &t.terms) as f64 > share * small as f64
}

/// The sentences worth choosing from: complete, self-contained statements of a sensible length
/// in documents about the event; dangling, very short or overlong ones only when the cluster
/// offers nothing else.
fn pool(p: &Prep) -> Vec<usize> {
    let off = off_topic(p);
    let usable = |allowed: Shape, lengths: bool, on_topic: bool| -> Vec<usize> {
        (0..p.sents.len())
            .filter(|&i| {
                let s = &p.sents[i];
                s.shape <= allowed
                    && !(on_topic && off[s.doc])
                    && (!lengths || (MIN_WORDS..=MAX_WORDS).contains(&s.words))
            })
            .collect()
    };
    [true, false]
        .into_iter()
        .flat_map(|on_topic| {
            [
                (Shape::Good, true),
                (Shape::Good, false),
                (Shape::Dangling, false),
                (Shape::Short, false),
            ]
            .map(|(allowed, lengths)| (allowed, lengths, on_topic))
        })
        .map(|(allowed, lengths, on_topic)| usable(allowed, lengths, on_topic))
        .find(|pool| !pool.is_empty())
        .unwrap_or_default()
}

/// Cosine below which a document shares too little with the rest of its cluster to be about the
/// same event (see [`off_topic`]).
const OFF_TOPIC: f64 = 0.1;

/// Documents that are not about the cluster's event: a crawler's notice, a sign-in widget, a
/// video page or a story on something else that a crawl or a loose grouping put among the
/// reports. Such a document's content words (counted per sentence) have a cosine below
/// [`OFF_TOPIC`] with those of all the other documents together. The longest document is never
/// off-topic: when nothing agrees with anything, it is the bulk of what was given.
fn off_topic(p: &Prep) -> Vec<bool> {
    let longest = (0..p.doc_sents.len()).max_by_key(|&d| {
        let sents = p.sents[p.doc_sents[d].clone()].iter();
        let words: usize = sents
            .filter(|s| s.shape != Shape::Junk)
            .map(|s| s.words)
            .sum();
        (words, std::cmp::Reverse(d))
    });
    let total: f64 = p.term_tf.iter().map(|&c| f64::from(c).powi(2)).sum();
    let mut own = vec![0u32; p.term_tf.len()];
    p.doc_sents
        .iter()
        .enumerate()
        .map(|(d, range)| {
            let sents = &p.sents[range.clone()];
            let terms = || {
                sents
                    .iter()
                    .flat_map(|s| s.terms.iter().map(|&t| t as usize))
            };
            terms().for_each(|t| own[t] += 1);
            // The others' counts are the cluster's minus this document's, so their squared norm
            // is the cluster's less what this document's terms add to it.
            let (mut dot, mut norm, mut others) = (0.0, 0.0, total);
            for t in terms() {
                if own[t] > 0 {
                    let (mine, all) = (f64::from(own[t]), f64::from(p.term_tf[t]));
                    dot += mine * (all - mine);
                    norm += mine * mine;
                    others -= all * all - (all - mine) * (all - mine);
                    own[t] = 0;
                }
            }
            let cos = dot / (norm.sqrt() * others.max(0.0).sqrt()).max(1e-9);
            cos < OFF_TOPIC && Some(d) != longest
        })
        .collect()
}

/// Most words a summary's opening sentence may take of the budget: a lead that fills it would
/// leave no room for anything else.
const LEAD_SHARE: f64 = 0.5;

/// See [`per_word`].
const SENTENCE_COST: f64 = 5.0;

/// A summary: sentence indices into `p.sents`, most important first.
#[derive(Debug, Default)]
pub(crate) struct Selection {
    pub sents: Vec<usize>,
    /// Whether `sents[0]` is a document's opening statement chosen to open the summary: a lead
    /// says what happened, so it goes first whatever its date.
    pub lead: bool,
}

/// The opening statement that best states the event: the document lead that agrees most with
/// the other documents' leads (each reporter's own choice of what happened), among those that
/// cover consensus concepts at all. A lead from an early report of a developing story ("talks
/// open") loses to the one most reports lead with ("accord signed").
fn best_lead(cov: &Coverage, pool: &[usize], budget: usize) -> Option<usize> {
    let p = cov.p;
    let room = (budget as f64 * LEAD_SHARE) as usize;
    let leads: Vec<usize> = pool
        .iter()
        .copied()
        .filter(|&i| i < p.singles && p.sents[i].pos == 0 && p.sents[i].shape == Shape::Good)
        .collect();
    // Agreement of a lead with every other lead is a sum of cosines of binary vectors, so it is
    // one pass over its own concepts: per concept, the other leads' 1/√(size) summed — linear
    // in the leads, where comparing each pair was quadratic in a large event's reports.
    // (A document has one lead, so "other leads" is all leads but this one.)
    let spread = |concepts: fn(&Sent) -> &[u32], n: usize| -> Vec<f64> {
        let mut w = vec![0.0; n];
        for &j in &leads {
            let c = concepts(&p.sents[j]);
            let share = 1.0 / (c.len().max(1) as f64).sqrt();
            for &t in c {
                w[t as usize] += share;
            }
        }
        w
    };
    let term_w = spread(|s| &s.terms, p.term_df.len());
    let bigram_w = spread(|s| &s.bigrams, p.bigram_df.len());
    let agreement = |c: &[u32], w: &[f64]| -> f64 {
        if c.is_empty() {
            return 0.0;
        }
        let own = 1.0 / (c.len() as f64).sqrt();
        let total: f64 = c.iter().map(|&t| w[t as usize] - own).sum();
        total * own
    };
    let fits = leads
        .iter()
        .copied()
        .filter(|&i| p.sents[i].words <= room && cov.gain(i) > 0.0);
    best_by(fits, |i| {
        let s = &p.sents[i];
        let agree = agreement(&s.terms, &term_w) + agreement(&s.bigrams, &bigram_w);
        // A lone document's lead agrees with nothing but still states its event.
        agree.max(f64::MIN_POSITIVE)
    })
}

/// Gain of sentence `i` per word spent, the ratio rule of budgeted coverage. Each sentence is
/// charged `SENTENCE_COST` words more than it has: every new sentence makes the reader take up a
/// new subject, so a string of short ones is worth less than one sentence stating the same facts.
fn per_word(cov: &Coverage, i: usize) -> f64 {
    cov.gain(i) / (cov.p.sents[i].words as f64 + SENTENCE_COST)
}

/// The item of largest positive `score`; the first one on ties, so the result is deterministic.
fn best_by(items: impl Iterator<Item = usize>, score: impl Fn(usize) -> f64) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    for i in items {
        let s = score(i);
        if s > 0.0 && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, i));
        }
    }
    best.map(|(_, i)| i)
}

/// Greedy under the budget (the ratio rule for budgeted submodular maximisation): repeatedly
/// the sentence of best gain per word, skipping near-repeats of chosen ones.
fn greedy(cov: &mut Coverage, pool: &[usize], chosen: &mut Vec<usize>, budget: usize) {
    let p = cov.p;
    let mut used: usize = chosen.iter().map(|&i| p.sents[i].words).sum();
    loop {
        let mut best: Option<(f64, usize)> = None;
        for &i in pool {
            let s = &p.sents[i];
            if used + s.words > budget || chosen.contains(&i) {
                continue;
            }
            let score = per_word(cov, i);
            // The repeat test is the costly one: only for a sentence that would win.
            if score <= 0.0
                || best.is_some_and(|(b, _)| score <= b)
                || chosen.iter().any(|&c| repeats(s, &p.sents[c], REDUNDANT))
            {
                continue;
            }
            best = Some((score, i));
        }
        let Some((_, i)) = best else { break };
        chosen.push(i);
        used += p.sents[i].words;
        cov.add(i);
    }
}

/// The summary of at most `budget` words.
pub(crate) fn select(p: &Prep, budget: usize) -> Selection {
    let n_docs = p.doc_sents.iter().filter(|r| !r.is_empty()).count();
    let (tv, bv) = votes(p);
    let floor = consensus_floor(n_docs);
    let mut cov = Coverage {
        p,
        term_w: weights(&p.term_df, &p.term_tf, &tv, n_docs, floor, TERM_WEIGHT),
        bigram_w: weights(&p.bigram_df, &p.bigram_tf, &bv, n_docs, floor, 1.0),
        q: centrality(p),
        term_q: vec![0.0; p.term_df.len()],
        bigram_q: vec![0.0; p.bigram_df.len()],
        value: 0.0,
    };
    let pool = pool(p);
    let mut lead = best_lead(&cov, &pool, budget);
    let mut chosen: Vec<usize> = lead.into_iter().collect();
    for &i in &chosen {
        cov.add(i);
    }
    greedy(&mut cov, &pool, &mut chosen, budget);
    // The ratio rule alone can be beaten by a single long sentence that it passed over for
    // shorter ones it then could not afford; taking the better of the two bounds the loss.
    let greedy_value = cov.value;
    cov.clear();
    let fits = pool.iter().copied().filter(|&i| p.sents[i].words <= budget);
    if let Some(single) = best_by(fits, |i| cov.gain(i)) {
        if cov.gain(single) > greedy_value {
            chosen = vec![single];
            // A document's opening (with the sentence after it) still says what happened.
            lead = Some(single).filter(|&i| p.sents[i].pos == 0);
        }
    }
    // If words remain, what single documents add, so a small cluster still gets a summary of
    // the length asked for.
    cov.term_w = weights(&p.term_df, &p.term_tf, &tv, n_docs, 1, TERM_WEIGHT);
    cov.bigram_w = weights(&p.bigram_df, &p.bigram_tf, &bv, n_docs, 1, 1.0);
    for &i in &chosen {
        cov.add(i);
    }
    greedy(&mut cov, &pool, &mut chosen, budget);
    if chosen.is_empty() {
        // Nothing fits the budget: one sentence beats an empty summary.
        chosen.extend(best_by(pool.iter().copied(), |i| cov.gain(i)).or(pool.first().copied()));
    }
    Selection {
        lead: lead.is_some() && chosen.first() == lead.as_ref(),
        sents: chosen,
    }
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
    fn consensus_needs_more_than_a_quarter_of_the_cluster() {
        assert_eq!(consensus_floor(1), 2);
        assert_eq!(consensus_floor(3), 2);
        assert_eq!(consensus_floor(10), 3);
        assert_eq!(consensus_floor(20), 6);
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
        let chosen = select(&p, 20).sents;
        assert_eq!(chosen.len(), 1);
        let s = &p.sents[chosen[0]];
        assert!(d[s.doc].text[s.start..s.end].contains("ferry"));
    }

    #[test]
    fn the_lead_most_reports_agree_with_opens() {
        let d = docs(&[
            "Ministers of Arland and Beskia met in Tolm on Monday to open talks on a fishing treaty. \
             The talks are expected to last a week.",
            "Arland and Beskia signed a fishing treaty in Tolm on Friday after a week of talks. \
             The treaty sets quotas for cod in the shared bay until 2040.",
            "The fishing treaty signed by Arland and Beskia in Tolm on Friday sets cod quotas until 2040. \
             Fishermen in both countries welcomed the deal.",
            "Arland and Beskia signed a treaty on fishing rights in Tolm on Friday. \
             Ministers said the talks had been hard.",
        ]);
        let p = prepare(&d);
        let sel = select(&p, 60);
        assert!(sel.lead);
        let s = &p.sents[sel.sents[0]];
        assert_eq!(s.pos, 0);
        assert!(d[s.doc].text[s.start..s.end].contains("signed"), "{sel:?}");
    }

    #[test]
    fn a_page_about_something_else_is_never_used() {
        let d = docs(&[
            "Floods closed the main road between Varn and Lisk on Tuesday after two days of heavy rain. \
             Engineers said the road would reopen once the water had gone down.",
            "Starting in 2001, a web archive has been collecting pages from news sites every day. \
             Captures are added to the public collection after a waiting period of six months.",
            "Heavy rain flooded the main road from Varn to Lisk on Tuesday, and the county closed it. \
             Engineers expect to reopen the road by the weekend if the water recedes.",
        ]);
        let p = prepare(&d);
        assert_eq!(off_topic(&p), [false, true, false]);
        let sel = select(&p, 200).sents;
        assert!(
            !sel.is_empty() && sel.iter().all(|&i| p.sents[i].doc != 1),
            "{sel:?}"
        );
        // Two reports that share nothing: the longer is what the cluster is about.
        let d = docs(&[
            "A web archive collects pages from news sites every day for its public collection.",
            "Floods closed the main road between Varn and Lisk on Tuesday after two days of heavy rain. \
             Engineers said the road would reopen once the water had gone down.",
        ]);
        assert_eq!(off_topic(&prepare(&d)), [true, false]);
        // One document is always its own topic.
        assert_eq!(off_topic(&prepare(&d[..1])), [false]);
    }

    #[test]
    fn a_repeated_fact_adds_nothing() {
        let d = docs(&[
            "Floods closed the main road between Varn and Lisk on Tuesday after heavy rain.",
            "Floods closed the main road between Varn and Lisk on Tuesday after heavy rain fell.",
            "Heavy rain and floods closed the main road between Varn and Lisk on Tuesday.",
        ]);
        let p = prepare(&d);
        assert_eq!(select(&p, 100).sents.len(), 1);
    }
}
