//! What only one outlet reports.
//!
//! A statement is exclusive to an outlet when no sentence of an independent source restates it
//! (syndicated copies are credited to the original, so republishing does not take an exclusive
//! away from its author). To be worth showing it must also be about the event — share terms with
//! other outlets' coverage — and bring something new: terms no other outlet uses at all.

use std::collections::BTreeMap;

use storyline_model::{Citation, ClusterDoc, Exclusive};

use crate::corroborate::Sources;
use crate::prep::{overlap, Prep, Sent, Shape};
use crate::select::repeats;

/// At most this many exclusives per outlet: a digest line, not a second article.
const PER_OUTLET: usize = 3;

/// Terms of an exclusive no other outlet uses, and terms it shares with them, at least.
const MIN_NEW_TERMS: usize = 2;
const MIN_SHARED_TERMS: usize = 2;

/// Share of an exclusive's content stems that no other outlet uses: below it, the sentence is a
/// retelling of shared news with a detail or two added.
const MIN_NEW_SHARE: f64 = 0.25;

/// Whether `t` says at least part of what `s` says: half the content of the shorter one shared
/// (at least three stems), and no disagreement on figures — a different death toll is a
/// different claim.
fn shares_statement(s: &Sent, t: &Sent) -> bool {
    if !s.numbers.is_empty() && !t.numbers.is_empty() && overlap(&s.numbers, &t.numbers) == 0 {
        return false;
    }
    let o = overlap(&s.terms, &t.terms);
    o >= 3 && o as f64 >= 0.5 * s.terms.len().min(t.terms.len()) as f64
}

/// Finds sentences that restate a given one without comparing it with every sentence of the
/// event: restating takes three shared terms, so only the sentences filed under its terms are
/// counted, and only those with three or more are compared in full. Built on first use (most
/// sentences fail the cheaper tests before this one).
#[derive(Default)]
struct Restatements {
    /// Sentences by term, as one list cut at `starts` (term `t` holds
    /// `sents[starts[t]..starts[t + 1]]`).
    starts: Vec<usize>,
    sents: Vec<u32>,
    /// Per sentence, terms shared with the one asked about (zero between calls).
    shared: Vec<u8>,
    touched: Vec<u32>,
}

impl Restatements {
    fn build(&mut self, p: &Prep) {
        let n_terms = p.term_df.len();
        let mut starts = vec![0usize; n_terms + 1];
        let sentences = p.sentences();
        for s in sentences {
            for &t in &s.terms {
                starts[t as usize + 1] += 1;
            }
        }
        for t in 0..n_terms {
            starts[t + 1] += starts[t];
        }
        let mut fill = starts.clone();
        let mut sents = vec![0u32; starts[n_terms]];
        for (i, s) in sentences.iter().enumerate() {
            for &t in &s.terms {
                sents[fill[t as usize]] = i as u32;
                fill[t as usize] += 1;
            }
        }
        self.starts = starts;
        self.sents = sents;
        self.shared = vec![0; p.singles];
    }

    /// Whether a sentence accepted by `counts` states part of what `s` states.
    fn any(&mut self, p: &Prep, s: &Sent, counts: impl Fn(&Sent) -> bool) -> bool {
        if self.shared.len() != p.singles {
            self.build(p);
        }
        for &t in &s.terms {
            let list = self
                .starts
                .get(t as usize..t as usize + 2)
                .map_or(&[][..], |r| &self.sents[r[0]..r[1]]);
            for &j in list {
                let c = &mut self.shared[j as usize];
                if *c == 0 {
                    self.touched.push(j);
                }
                *c = c.saturating_add(1);
            }
        }
        let found = self.touched.iter().any(|&j| {
            let t = &p.sents[j as usize];
            self.shared[j as usize] >= 3 && counts(t) && shares_statement(s, t)
        });
        for j in self.touched.drain(..) {
            self.shared[j as usize] = 0;
        }
        found
    }
}

/// See [`crate::exclusives`].
pub(crate) fn exclusives(docs: &[ClusterDoc], p: &Prep, src: &Sources) -> Vec<Exclusive> {
    let mut outlet_ids: BTreeMap<&str, usize> = BTreeMap::new();
    for c in src.credit.iter().flatten() {
        let next = outlet_ids.len();
        outlet_ids.entry(c.as_str()).or_insert(next);
    }
    if outlet_ids.len() < 2 {
        // With one outlet everything is "exclusive": the notion says nothing.
        return Vec::new();
    }
    let outlet_of: Vec<Option<usize>> = src
        .credit
        .iter()
        .map(|c| c.as_deref().and_then(|c| outlet_ids.get(c).copied()))
        .collect();

    // Per term, in how many outlets' documents (anonymous documents count as one more each) it occurs.
    let n_terms = p.term_df.len();
    let mut outlet_df = vec![0u32; n_terms];
    let mut last = vec![usize::MAX; n_terms];
    let mut docs_by_outlet: Vec<usize> = (0..docs.len()).collect();
    let key = |d: usize| outlet_of[d].unwrap_or(outlet_ids.len() + d);
    docs_by_outlet.sort_by_key(|&d| key(d));
    for &d in &docs_by_outlet {
        for s in &p.sents[p.doc_sents[d].clone()] {
            for &t in &s.terms {
                if last[t as usize] != key(d) {
                    last[t as usize] = key(d);
                    outlet_df[t as usize] += 1;
                }
            }
        }
    }
    let n_outlets = outlet_ids.len() + outlet_of.iter().filter(|o| o.is_none()).count();

    let mut restated = Restatements::default();
    let mut scored: Vec<(f64, usize)> = Vec::new();
    for (i, s) in p.sentences().iter().enumerate() {
        let Some(o) = outlet_of[s.doc] else { continue };
        if s.shape != Shape::Good {
            continue;
        }
        let new = s
            .terms
            .iter()
            .filter(|&&t| outlet_df[t as usize] == 1)
            .count();
        let shared: f64 = s
            .terms
            .iter()
            .filter(|&&t| outlet_df[t as usize] > 1)
            .map(|&t| f64::from(outlet_df[t as usize]) / n_outlets as f64)
            .sum();
        let n_shared = s
            .terms
            .iter()
            .filter(|&&t| outlet_df[t as usize] > 1)
            .count();
        if new < MIN_NEW_TERMS
            || n_shared < MIN_SHARED_TERMS
            || (new as f64) < MIN_NEW_SHARE * s.terms.len() as f64
        {
            continue;
        }
        if restated.any(p, s, |t| outlet_of[t.doc] != Some(o)) {
            continue;
        }
        let novelty = new.min(6) as f64
            + s.numbers
                .iter()
                .filter(|&&t| outlet_df[t as usize] == 1)
                .count() as f64;
        let lead = 1.0 + 0.5 / (1.0 + s.pos as f64);
        let quote = if s.quoted { 0.7 } else { 1.0 };
        scored.push(((novelty + shared) * lead * quote, i));
    }
    scored.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(src.rank[p.sents[a.1].doc].cmp(&src.rank[p.sents[b.1].doc]))
            .then(a.1.cmp(&b.1))
    });

    let mut picked: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &(_, i) in &scored {
        let s = &p.sents[i];
        let Some(outlet) = src.credit[s.doc].as_deref() else {
            continue;
        };
        let list = picked.entry(outlet).or_default();
        if list.len() < PER_OUTLET && !list.iter().any(|&j| repeats(s, &p.sents[j], 0.5)) {
            list.push(i);
        }
    }
    picked
        .into_iter()
        .flat_map(|(outlet, list)| {
            list.into_iter().map(move |i| {
                let s = &p.sents[i];
                let doc = &docs[s.doc];
                Exclusive {
                    outlet: outlet.to_owned(),
                    text: doc.text[s.start..s.end].to_owned(),
                    citation: Citation {
                        doc: doc.id.clone(),
                        start: s.start,
                        end: s.end,
                    },
                }
            })
        })
        .collect()
}
