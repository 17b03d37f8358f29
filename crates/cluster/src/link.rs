//! Storylines over events that were clustered apart.
//!
//! When a stream is clustered in separate runs — the time windows of a distributed job
//! (docs/SCALING.md) — no single clusterer saw the events that make a storyline months apart.
//! [`Linker`] links them afterwards from what each finished event reports (headline, summary,
//! names), by the rule the clusterer applies online: an event joins the storyline of the most
//! similar earlier event whose dates neither overlap it nor lie beyond the horizon.

use std::collections::BTreeMap;

use storyline_model::Day;
use storyline_text::{content_terms, FastMap};

use super::{attach, dot, may_be_chapters, normalize, top_terms, ClusterOptions, Sparse};
use super::{StorylineState, MAX_LINK_CANDIDATES, MAX_POSTINGS, SIGNATURE_TERMS};

/// Terms kept of an event's profile (as many as a closed event keeps online).
const PROFILE_TERMS: usize = super::DORMANT_TERMS;

/// Minimum cosine of two event profiles to link them. Profiles are built from a report (a
/// summary and names) rather than every member document, so they are sparser than the online
/// centroids and meet at a lower cosine than [`ClusterOptions::link`].
pub const PROFILE_LINK: f32 = 0.25;

struct Linked {
    id: String,
    first: Option<Day>,
    last: Option<Day>,
    storyline: Option<String>,
    /// Unit vector of the heaviest terms, sorted by term id.
    profile: Sparse,
}

/// Links events, pushed in the order they began, into storylines.
pub struct Linker {
    opts: ClusterOptions,
    /// Minimum profile cosine to link.
    threshold: f32,
    /// Term interning (lookups only; ids in first-seen order).
    vocab: FastMap<String, u32>,
    /// Events that used each term, for IDF.
    df: Vec<u32>,
    events: Vec<Linked>,
    storylines: Vec<StorylineState>,
    /// Term → events whose profile holds it among its signature terms (the latest ones).
    postings: FastMap<u32, Vec<u32>>,
}

impl Linker {
    pub fn new(opts: ClusterOptions, threshold: f32) -> Self {
        Linker {
            opts,
            threshold,
            vocab: FastMap::default(),
            df: Vec::new(),
            events: Vec::new(),
            storylines: Vec::new(),
            postings: FastMap::default(),
        }
    }

    /// Add the next event: its id, day range and texts with their weights (headline, summary,
    /// names). Returns the storyline it joined, if any.
    pub fn push(
        &mut self,
        id: &str,
        first: Option<Day>,
        last: Option<Day>,
        texts: &[(&str, f32)],
    ) -> Option<String> {
        let mut tf: BTreeMap<u32, f32> = BTreeMap::new();
        for (text, weight) in texts {
            for term in content_terms(text) {
                let next = u32::try_from(self.vocab.len()).unwrap_or(u32::MAX);
                let t = *self.vocab.entry(term).or_insert(next);
                *tf.entry(t).or_insert(0.0) += weight;
            }
        }
        for &t in tf.keys() {
            if self.df.len() <= t as usize {
                self.df.resize(t as usize + 1, 0);
            }
            self.df[t as usize] += 1;
        }
        let n = self.events.len() as f32 + 1.0;
        let weighted: Sparse = tf
            .into_iter()
            .map(|(t, f)| {
                let df = self.df[t as usize] as f32;
                // Smoothed, so that the first events (every term new) still have a profile.
                (
                    t,
                    (1.0 + f.ln().max(0.0)) * (((n + 1.0) / (df + 1.0)).ln() + 1.0),
                )
            })
            .collect();
        let mut profile = top_terms(&weighted, PROFILE_TERMS);
        profile.sort_unstable_by_key(|&(t, _)| t);
        normalize(&mut profile);
        let signature: Vec<u32> = top_terms(&profile, SIGNATURE_TERMS)
            .into_iter()
            .map(|(t, _)| t)
            .collect();

        // Earlier events filed under the most signature terms, then the earliest, compared in full.
        let mut shared: BTreeMap<u32, usize> = BTreeMap::new();
        for &j in signature
            .iter()
            .filter_map(|t| self.postings.get(t))
            .flatten()
        {
            *shared.entry(j).or_insert(0) += 1;
        }
        let mut ranked: Vec<(usize, u32)> = shared.into_iter().map(|(j, c)| (c, j)).collect();
        ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let range = (first, last);
        let mut best: Option<(usize, f32)> = None;
        for j in ranked
            .into_iter()
            .map(|(_, j)| j as usize)
            .filter(|&j| {
                let e = &self.events[j];
                may_be_chapters(range, (e.first, e.last), self.opts.link_horizon_days)
            })
            .take(MAX_LINK_CANDIDATES)
        {
            let sim = dot(&profile, &self.events[j].profile);
            if sim >= self.threshold && best.is_none_or(|(_, s)| sim > s) {
                best = Some((j, sim));
            }
        }
        let idx = self.events.len();
        for &t in &signature {
            let list = self.postings.entry(t).or_default();
            list.push(idx as u32);
            // A term shared by thousands of events names no storyline (as online).
            if list.len() >= 2 * MAX_POSTINGS {
                list.drain(..MAX_POSTINGS);
            }
        }
        let storyline = best.and_then(|(j, _)| {
            let earlier = self.events.get_mut(j)?;
            Some(attach(
                &mut self.storylines,
                (&earlier.id, &mut earlier.storyline),
                id,
            ))
        });
        self.events.push(Linked {
            id: id.to_owned(),
            first,
            last,
            storyline: storyline.clone(),
            profile,
        });
        storyline
    }

    /// The storylines found, each with its events in the order they were pushed.
    pub fn storylines(&self) -> &[StorylineState] {
        &self.storylines
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn day(s: &str) -> Option<Day> {
        storyline_model::parse_published(s)
    }

    const SUMMIT: &str =
        "President Ilse Marven of Veldora and Prime Minister Soren Valk of Ostria \
        met in Lisk to discuss sharing the water of the Amber River and dam releases.";
    const SECOND: &str = "Ilse Marven and Soren Valk met again over the Amber River water deal, \
        agreeing on dam releases and irrigation quotas for Veldora and Ostria.";
    const FLOOD: &str = "Floods in the Tallin Valley killed twelve people after the Tallin River \
        burst its banks; rescue crews used boats in Marrow.";
    const STRIKE: &str = "Dock workers in Dell ended a nine-day harbour strike after the port \
        authority agreed to a new pay scale.";

    #[test]
    fn the_same_leaders_months_apart_are_chapters_and_other_topics_are_not() {
        let mut l = Linker::new(ClusterOptions::default(), PROFILE_LINK);
        let a = l.push(
            "e1",
            day("2024-03-01"),
            day("2024-03-02"),
            &[("Water talks in Lisk", 2.0), (SUMMIT, 1.0)],
        );
        assert_eq!(a, None);
        assert_eq!(
            l.push(
                "e2",
                day("2024-03-05"),
                day("2024-03-06"),
                &[("Tallin floods", 2.0), (FLOOD, 1.0)]
            ),
            None
        );
        assert_eq!(
            l.push(
                "e3",
                day("2024-03-20"),
                day("2024-03-20"),
                &[("Harbour strike over", 2.0), (STRIKE, 1.0)]
            ),
            None
        );
        let d = l.push(
            "e4",
            day("2024-06-10"),
            day("2024-06-11"),
            &[("Amber River deal", 2.0), (SECOND, 1.0)],
        );
        assert_eq!(d.as_deref(), Some("s1"));
        assert_eq!(l.storylines().len(), 1);
        assert_eq!(l.storylines()[0].events, ["e1", "e4"]);
    }

    #[test]
    fn overlapping_events_are_parallel_stories_not_chapters() {
        let mut l = Linker::new(ClusterOptions::default(), PROFILE_LINK);
        l.push("e1", day("2024-03-01"), day("2024-03-03"), &[(SUMMIT, 1.0)]);
        let b = l.push("e2", day("2024-03-02"), day("2024-03-04"), &[(SECOND, 1.0)]);
        assert_eq!(b, None, "same days: not a later chapter");
    }
}
