//! Which sentences make the summary: greedy coverage of the concepts the cluster agrees on.
//!
//! A concept (stem bigram, and with less weight a content stem) is worth as much as the number of
//! documents that mention it: what many reporters independently chose to write is what the event
//! is about. Covering each concept once makes redundancy cost nothing to detect — a repeated fact
//! simply adds no gain — and dividing the gain by a power of the sentence length keeps long
//! sentences from buying the budget with filler.

use crate::prep::{overlap, Prep, Sent, Shape};

/// Tuning knobs of the selection; the defaults were set on held-apart news clusters, not on any
/// corpus shipped with storyline.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Params {
    /// Weight of a content stem relative to a bigram.
    pub term_weight: f64,
    /// Exponent on sentence length in the gain normalisation (0 = raw gain, 1 = gain per word).
    pub length_power: f64,
    /// Extra factor for a document's lead sentence; decays as 1/(1+position).
    pub lead_bonus: f64,
    /// Factor on sentences with direct speech.
    pub quote_factor: f64,
    /// Share of a sentence's content stems already in a selected sentence that makes it a repeat.
    pub redundant: f64,
    /// Longest sentence considered: run-ons spend the budget on one point.
    pub max_words: usize,
    /// Documents a concept needs (in clusters of six or more) to count as consensus.
    pub df_floor: u32,
    /// Exponent on document frequency in a concept's weight.
    pub df_power: f64,
    /// Share of a concept's weight still gained when it is covered again.
    pub repeat_decay: f64,
    /// Shortest sentence considered while longer ones remain.
    pub min_words: usize,
    /// Exponent on the sentence's cosine to the cluster centroid.
    pub centrality_power: f64,
    /// Factor per sentence already taken from the same document.
    pub same_doc: f64,
    /// A document's vote for a concept decays with the position where it first mentions it.
    pub lead_tau: f64,
    pub lead_base: f64,
}

impl Default for Params {
    fn default() -> Self {
        // TUNING-ONLY (remove): override from the environment.
        if let Ok(v) = std::env::var("SUMM_PARAMS") {
            let f: Vec<f64> = v.split(',').filter_map(|x| x.parse().ok()).collect();
            if f.len() == 14 {
                return Params {
                    term_weight: f[0],
                    length_power: f[1],
                    lead_bonus: f[2],
                    quote_factor: f[3],
                    redundant: f[4],
                    max_words: f[5] as usize,
                    df_floor: f[6] as u32,
                    df_power: f[7],
                    repeat_decay: f[8],
                    min_words: f[9] as usize,
                    centrality_power: f[10],
                    same_doc: f[11],
                    lead_tau: f[12],
                    lead_base: f[13],
                };
            }
        }
        Params {
            df_floor: 3,
            df_power: 1.0,
            repeat_decay: 0.0,
            min_words: 6,
            centrality_power: 0.0,
            same_doc: 1.0,
            lead_tau: 1e9,
            lead_base: 1.0,
            term_weight: 0.5,
            length_power: 0.6,
            lead_bonus: 0.5,
            quote_factor: 0.6,
            redundant: 0.6,
            max_words: 55,
        }
    }
}

/// Concept weights of the cluster: documents' votes (see [`votes`]) from `floor` documents up,
/// so that what a single document repeats does not pass for consensus. With a single document,
/// frequency within it is all there is to go on.
fn weights(df: &[u32], tf: &[u32], votes: &[f64], n_docs: usize, floor: u32, power: f64) -> Vec<f64> {
    if n_docs <= 1 {
        let floor = floor.min(2);
        return tf.iter().map(|&c| if c >= floor { f64::from(c).powf(power) } else { 0.0 }).collect();
    }
    df.iter()
        .zip(votes)
        .map(|(&c, &v)| if c >= floor { v.powf(power) } else { 0.0 })
        .collect()
}

/// Per concept, the sum over documents of a vote that is full when the document mentions the
/// concept in its lead and fades with the position of its first mention: news puts what matters
/// first. Returns (term votes, bigram votes).
fn votes(p: &Prep, params: &Params) -> (Vec<f64>, Vec<f64>) {
    let mut tv = vec![0.0; p.term_df.len()];
    let mut bv = vec![0.0; p.bigram_df.len()];
    let mut seen_t = vec![usize::MAX; tv.len()];
    let mut seen_b = vec![usize::MAX; bv.len()];
    for s in &p.sents {
        let v = params.lead_base + (1.0 - params.lead_base) * (-(s.pos as f64) / params.lead_tau).exp();
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

struct Scorer<'a> {
    p: &'a Prep,
    params: Params,
    term_w: Vec<f64>,
    bigram_w: Vec<f64>,
    term_done: Vec<f64>,
    centrality: Vec<f64>,
    bigram_done: Vec<f64>,
}

impl Scorer<'_> {
    fn gain(&self, s: &Sent) -> f64 {
        let b: f64 = s
            .bigrams
            .iter()
            .map(|&b| self.bigram_w[b as usize] * self.bigram_done[b as usize])
            .sum();
        let t: f64 = s
            .terms
            .iter()
            .map(|&t| self.term_w[t as usize] * self.term_done[t as usize])
            .sum();
        b + self.params.term_weight * t
    }

    fn score(&self, i: usize) -> f64 {
        let s = &self.p.sents[i];
        let gain = self.gain(s);
        if gain <= 0.0 {
            return 0.0;
        }
        let words = s.words.max(1) as f64;
        let lead = 1.0 + self.params.lead_bonus / (1.0 + s.pos as f64);
        let quote = if s.quoted {
            self.params.quote_factor
        } else {
            1.0
        };
        let central = self.centrality[i].powf(self.params.centrality_power);
        gain / words.powf(self.params.length_power) * lead * quote * central
    }

    fn cover(&mut self, s: &Sent) {
        for &b in &s.bigrams {
            self.bigram_done[b as usize] *= self.params.repeat_decay;
        }
        for &t in &s.terms {
            self.term_done[t as usize] *= self.params.repeat_decay;
        }
    }
}

/// Cosine of each sentence to the cluster centroid (term frequency times inverse sentence
/// frequency): how typical of the whole cluster the sentence's vocabulary is.
fn centrality(p: &Prep) -> Vec<f64> {
    let n = p.sents.len().max(1) as f64;
    let mut sf = vec![0u32; p.term_df.len()];
    for s in &p.sents {
        for &t in &s.terms {
            sf[t as usize] += 1;
        }
    }
    let idf: Vec<f64> = sf.iter().map(|&f| (n / f64::from(f.max(1))).ln() + 1.0).collect();
    let c: Vec<f64> = p.term_tf.iter().zip(&idf).map(|(&tf, &w)| f64::from(tf) * w).collect();
    let c_norm = c.iter().map(|x| x * x).sum::<f64>().sqrt().max(1e-9);
    p.sents
        .iter()
        .map(|s| {
            let dot: f64 = s.terms.iter().map(|&t| idf[t as usize] * c[t as usize]).sum();
            let norm = s.terms.iter().map(|&t| idf[t as usize].powi(2)).sum::<f64>().sqrt();
            if norm > 0.0 { dot / (norm * c_norm) } else { 0.0 }
        })
        .collect()
}

/// Whether `s` mostly repeats `t`.
pub(crate) fn repeats(s: &Sent, t: &Sent, share: f64) -> bool {
    let small = s.terms.len().min(t.terms.len());
    small > 0 && overlap(&s.terms, &t.terms) as f64 > share * small as f64
}

/// Sentence indices (into `p.sents`) of a summary of at most `budget` words, unordered.
pub(crate) fn select(p: &Prep, budget: usize, params: Params) -> Vec<usize> {
    let n_docs = p.doc_sents.iter().filter(|r| !r.is_empty()).count();
    // Small clusters cannot demand agreement of many documents.
    let floor = if n_docs >= 6 { params.df_floor } else { 2 };
    let (tv, bv) = votes(p, &params);
    let mut sc = Scorer {
        p,
        params,
        term_w: weights(&p.term_df, &p.term_tf, &tv, n_docs, floor, params.df_power),
        bigram_w: weights(&p.bigram_df, &p.bigram_tf, &bv, n_docs, floor, params.df_power),
        term_done: vec![1.0; p.term_df.len()],
        centrality: centrality(p),
        bigram_done: vec![1.0; p.bigram_df.len()],
    };
    // Dangling and very short sentences only when the cluster offers nothing better.
    let mut pool: Vec<usize> = Vec::new();
    for allowed in [Shape::Good, Shape::Dangling, Shape::Short] {
        pool = (0..p.sents.len())
            .filter(|&i| {
                let s = &p.sents[i];
                (s.shape <= allowed || (std::env::var("SUMM_DANGLE").is_ok() && s.shape == Shape::Dangling)) && s.words <= params.max_words && (allowed == Shape::Short || s.words >= params.min_words)
            })
            .collect();
        if !pool.is_empty() {
            break;
        }
    }
    if pool.is_empty() {
        // Only run-ons are left: better one of them than nothing.
        pool = (0..p.sents.len())
            .filter(|&i| p.sents[i].shape <= Shape::Short)
            .collect();
    }

    let mut chosen: Vec<usize> = Vec::new();
    let mut used = 0usize;
    // First what the cluster agrees on; then, if words remain, what single documents add, so a
    // small cluster still gets a summary of the length asked for.
    for phase in 0..2 {
        if phase == 1 {
            sc.term_w = weights(&p.term_df, &p.term_tf, &tv, n_docs, 1, params.df_power);
            sc.bigram_w = weights(&p.bigram_df, &p.bigram_tf, &bv, n_docs, 1, params.df_power);
        }
        loop {
            let mut best: Option<(f64, usize)> = None;
            for &i in &pool {
                let s = &sc.p.sents[i];
                if used + s.words > budget || chosen.contains(&i) {
                    continue;
                }
                let taken = chosen.iter().filter(|&&c| sc.p.sents[c].doc == s.doc).count();
                let score = sc.score(i) * params.same_doc.powi(taken as i32);
                if score <= 0.0 || best.is_some_and(|(b, _)| score <= b) {
                    continue;
                }
                if chosen
                    .iter()
                    .any(|&c| repeats(s, &sc.p.sents[c], params.redundant))
                {
                    continue;
                }
                best = Some((score, i));
            }
            let Some((_, i)) = best else { break };
            chosen.push(i);
            used += sc.p.sents[i].words;
            let s = &sc.p.sents[i];
            sc.cover(s);
        }
    }
    if chosen.is_empty() {
        // Nothing fits the budget (or nothing scores): one sentence beats an empty summary.
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
