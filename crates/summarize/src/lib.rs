//! Extractive multi-document summaries of one event, with the outlets that state each sentence.
//!
//! Summaries are built only from verbatim sentences: a reader (or a checker) can find every word
//! at the cited offsets, and nothing is attributed to an outlet that it did not print. The method
//! is concept coverage (see `select`): sentences are chosen for the stem bigrams most documents
//! share, per word spent, which rewards consensus and makes repeating a fact worthless.
//!
//! Outlet counting treats syndicated copies as one source (see `corroborate`). A document without
//! an outlet is its own anonymous source: it can confirm a statement (it appears in the
//! citations) but adds no name to `outlets`, which lists only outlets known by name.

mod corroborate;
mod exclusive;
mod prep;
mod select;

use storyline_model::{Citation, ClusterDoc, Exclusive, SummarySentence};

/// How long a summary may be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryOptions {
    /// Upper bound on the summary's length in words, counted as a reader (and ROUGE) does:
    /// white-space separated, so a lone dash counts. Never exceeded, except that a summary is never empty while any usable sentence exists: if no
    /// sentence fits, the single best one is returned.
    pub words: usize,
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions { words: 100 }
    }
}

/// Extractive multi-document summary of one event's documents. Every returned sentence is
/// verbatim: `citations[0]` is where `text` was copied from (`text == docs[doc].text[start..end]`
/// exactly); further citations are other documents stating the same thing, in publication order;
/// `outlets` are the distinct independent outlets stating it.
///
/// Sentences come in reading order: by publication of their document, then by position in it;
/// when a source carries no date, most important first (see `reading_order`).
pub fn summarize(docs: &[ClusterDoc], opts: &SummaryOptions) -> Vec<SummarySentence> {
    let p = prep::prepare(docs);
    let src = corroborate::sources(docs, &p);
    summary_of(docs, &p, &src, opts)
}

/// An event's summary and its outlets' exclusives (see [`summarize`] and [`exclusives`]).
#[derive(Debug, Clone, PartialEq)]
pub struct EventSummary {
    pub summary: Vec<SummarySentence>,
    pub exclusives: Vec<Exclusive>,
}

/// [`summarize`] and [`exclusives`] of one event at the cost of one: splitting, tokenising and
/// stemming the event's sentences and grouping its copies is most of the work of either.
pub fn summarize_event(docs: &[ClusterDoc], opts: &SummaryOptions) -> EventSummary {
    let p = prep::prepare(docs);
    let src = corroborate::sources(docs, &p);
    EventSummary {
        summary: summary_of(docs, &p, &src, opts),
        exclusives: exclusive::exclusives(docs, &p, &src),
    }
}

fn summary_of(
    docs: &[ClusterDoc],
    p: &prep::Prep,
    src: &corroborate::Sources,
    opts: &SummaryOptions,
) -> Vec<SummarySentence> {
    let selection = select::select(p, opts.words);
    let mut chosen: Vec<usize> = selection
        .sents
        .into_iter()
        .map(|i| original(docs, p, src, i))
        .collect();
    // Two picks can only meet at one original if they were copies of each other; keep one.
    let mut seen = Vec::with_capacity(chosen.len());
    chosen.retain(|&i| {
        let fresh = !seen.contains(&i);
        seen.push(i);
        fresh
    });
    // A lead says what happened; everything else reads better after it.
    // (`lead` implies a first sentence, which deduplication keeps.)
    let rest = usize::from(selection.lead);
    reading_order(docs, p, src, &mut chosen[rest..]);
    chosen
        .into_iter()
        .map(|i| {
            let mut stated = vec![i];
            stated.extend(corroborate::restatements(p, src, i));
            let citations = stated
                .iter()
                .map(|&j| {
                    let s = &p.sents[j];
                    Citation {
                        doc: docs[s.doc].id.clone(),
                        start: s.start,
                        end: s.end,
                    }
                })
                .collect();
            let s = &p.sents[i];
            SummarySentence {
                text: docs[s.doc].text[s.start..s.end].to_owned(),
                citations,
                outlets: corroborate::outlets(p, src, &stated),
            }
        })
        .collect()
}

/// The earliest-published verbatim occurrence of sentence `i`: a syndicated copy should cite
/// the text where it first appeared.
fn original(docs: &[ClusterDoc], p: &prep::Prep, src: &corroborate::Sources, i: usize) -> usize {
    let text = |j: usize| &docs[p.sents[j].doc].text[p.sents[j].start..p.sents[j].end];
    (0..p.sents.len())
        .filter(|&j| src.rank[p.sents[j].doc] < src.rank[p.sents[i].doc] && text(j) == text(i))
        .min_by_key(|&j| src.rank[p.sents[j].doc])
        .unwrap_or(i)
}

/// Put `chosen` (in selection order: most important first) in reading order.
///
/// With dates, chronology is the order that reads as a story: publication time of the source
/// document, then position within it. Without dates on every source, input order says nothing
/// about time, so the most important statement leads (inverted pyramid) — except that sentences
/// of one document keep their order among themselves, since later ones may lean on earlier ones.
fn reading_order(
    docs: &[ClusterDoc],
    p: &prep::Prep,
    src: &corroborate::Sources,
    chosen: &mut [usize],
) {
    let dated = chosen
        .iter()
        .all(|&i| docs[p.sents[i].doc].published.is_some());
    if dated {
        chosen.sort_by_key(|&i| (src.rank[p.sents[i].doc], p.sents[i].start));
        return;
    }
    let mut done = vec![false; chosen.len()];
    for k in 0..chosen.len() {
        if done[k] {
            continue;
        }
        let doc = p.sents[chosen[k]].doc;
        let slots: Vec<usize> = (k..chosen.len())
            .filter(|&j| p.sents[chosen[j]].doc == doc)
            .collect();
        let mut sents: Vec<usize> = slots.iter().map(|&j| chosen[j]).collect();
        sents.sort_by_key(|&i| p.sents[i].start);
        for (&j, i) in slots.iter().zip(sents) {
            chosen[j] = i;
            done[j] = true;
        }
    }
}

/// Per outlet, notable statements of the event that no other outlet makes (at most three per
/// outlet, most salient first; outlets in name order). A statement copied from one outlet by
/// another (syndication) still counts as the original outlet's own. Empty when fewer than two
/// outlets are named: with one voice there is nothing to contrast.
pub fn exclusives(docs: &[ClusterDoc]) -> Vec<Exclusive> {
    let p = prep::prepare(docs);
    let src = corroborate::sources(docs, &p);
    exclusive::exclusives(docs, &p, &src)
}
