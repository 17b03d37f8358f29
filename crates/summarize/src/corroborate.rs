//! Who states what: matching statements across documents, and which documents are one source.
//!
//! A wire story republished by ten sites is one report, not ten confirmations. Documents whose
//! word shingles largely coincide are grouped as syndicated copies and credited to the earliest
//! member's outlet, so "stated by N outlets" counts independent reporting.

use storyline_model::{published_days, ClusterDoc};

use crate::prep::{overlap, FxMap, Prep, Sent};

/// Share of the smaller document's shingles found in the other that makes two documents copies
/// of one text. Independent reports of one event share names and phrases but rarely a third of
/// their five-word runs.
const COPY_CONTAINMENT: f64 = 0.5;

/// Smallest share of a statement's content stems another sentence must contain to state it too.
const STATES_SHARE: f64 = 0.5;

/// Smallest share of the other sentence taken up by the statement: a long sentence that merely
/// touches the same names is not a restatement.
const STATED_BY_SHARE: f64 = 0.3;

/// Documents of a cluster grouped into independent sources.
#[derive(Debug)]
pub(crate) struct Sources {
    /// Per document, its rank by publication (then input order): 0 = earliest.
    pub rank: Vec<usize>,
    /// Per document, the outlet its statements are credited to.
    pub credit: Vec<Option<String>>,
}

/// Group syndicated copies and decide whose outlet each document's statements count for.
pub(crate) fn sources(docs: &[ClusterDoc], p: &Prep) -> Sources {
    let n = docs.len();
    let mut order: Vec<usize> = (0..n).collect();
    // Undated documents after dated ones: an undated copy is less likely the original. Times
    // are compared as instants (offsets normalised; a bare date counts as its midday), not as
    // strings, so "2026-04-14" does not sort before "2026-04-14T11:40:00+02:00".
    let time: Vec<Option<f64>> = docs
        .iter()
        .map(|d| d.published.as_deref().and_then(published_days))
        .collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| (time[i].is_none(), time[i].unwrap_or(0.0));
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1)).then(a.cmp(&b))
    });
    let mut rank = vec![0; n];
    for (r, &d) in order.iter().enumerate() {
        rank[d] = r;
    }

    // In publication order, each document joins the group whose original (earliest member) it
    // copies most, or starts its own. Only originals are indexed, so the cost stays linear in
    // the shingles of the cluster whether it holds ten different stories or ten copies of one.
    let mut group = vec![0usize; n];
    let mut index: FxMap<u64, Vec<usize>> = FxMap::default();
    let mut hits = vec![0usize; n];
    let mut touched: Vec<usize> = Vec::new();
    for &d in &order {
        let sh = &p.shingles[d];
        for h in sh {
            for &g in index.get(h).map_or(&[][..], Vec::as_slice) {
                if hits[g] == 0 {
                    touched.push(g);
                }
                hits[g] += 1;
            }
        }
        let mut best: Option<(f64, usize)> = None;
        for &g in &touched {
            let small = sh.len().min(p.shingles[g].len()).max(1);
            let share = hits[g] as f64 / small as f64;
            let better = match best {
                None => true,
                Some((b, bg)) => share > b || (share == b && rank[g] < rank[bg]),
            };
            if share >= COPY_CONTAINMENT && better {
                best = Some((share, g));
            }
            hits[g] = 0;
        }
        touched.clear();
        group[d] = match best {
            Some((_, g)) => g,
            None => {
                for &h in sh {
                    index.entry(h).or_default().push(d);
                }
                d
            }
        };
    }
    // A group is credited to its earliest member that names an outlet.
    let mut credit_of_group: Vec<Option<String>> = vec![None; n];
    for &d in &order {
        let g = group[d];
        if credit_of_group[g].is_none() {
            credit_of_group[g] = docs[d].outlet.clone().filter(|o| !o.trim().is_empty());
        }
    }
    let credit = group.iter().map(|&g| credit_of_group[g].clone()).collect();
    Sources { rank, credit }
}

/// How well `t` restates `s`, or `None` when it does not: most of `s`'s content must be in `t`,
/// `t` must not be mostly about something else, and where both give numbers they must share one
/// (32 dead and 40 dead are different statements).
pub(crate) fn restates(s: &Sent, t: &Sent) -> Option<f64> {
    if s.terms.is_empty() || t.terms.is_empty() {
        return None;
    }
    let o = overlap(&s.terms, &t.terms);
    if o < 3.min(s.terms.len()) {
        return None;
    }
    let (cs, ct) = (
        o as f64 / s.terms.len() as f64,
        o as f64 / t.terms.len() as f64,
    );
    if cs < STATES_SHARE || ct < STATED_BY_SHARE {
        return None;
    }
    if !s.numbers.is_empty() && !t.numbers.is_empty() && overlap(&s.numbers, &t.numbers) == 0 {
        return None;
    }
    let bigrams = if s.bigrams.is_empty() {
        0.0
    } else {
        overlap(&s.bigrams, &t.bigrams) as f64 / s.bigrams.len() as f64
    };
    Some(cs + ct + bigrams)
}

/// Per other document, its sentence that best restates sentence `i`, in publication order. A
/// pair of sentences (see `prep::add_pairs`) is restated by a sentence or by a pair: a
/// syndicated copy states both halves, as one pair of its own.
pub(crate) fn restatements(p: &Prep, src: &Sources, i: usize) -> Vec<usize> {
    let s = &p.sents[i];
    let mut found: Vec<usize> = Vec::new();
    for (d, range) in p.doc_sents.iter().enumerate() {
        if d == s.doc {
            continue;
        }
        let pairs = if i >= p.singles {
            p.doc_pairs[d].clone()
        } else {
            0..0
        };
        let best = range
            .clone()
            .chain(pairs)
            .fold(None::<(f64, usize)>, |best, j| {
                match (restates(s, &p.sents[j]), best) {
                    (Some(score), Some((b, _))) if score <= b => best,
                    (Some(score), _) => Some((score, j)),
                    (None, _) => best,
                }
            });
        found.extend(best.map(|(_, j)| j));
    }
    found.sort_by_key(|&j| src.rank[p.sents[j].doc]);
    found
}

/// Distinct outlets credited with the statements in `sents` (the first is the source), in
/// first-credited order.
pub(crate) fn outlets(p: &Prep, src: &Sources, sents: &[usize]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &j in sents {
        if let Some(o) = &src.credit[p.sents[j].doc] {
            if !out.contains(o) {
                out.push(o.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prep::prepare;

    fn doc(id: &str, outlet: Option<&str>, published: Option<&str>, text: &str) -> ClusterDoc {
        ClusterDoc {
            id: id.into(),
            text: text.into(),
            outlet: outlet.map(Into::into),
            published: published.map(Into::into),
            title: None,
        }
    }

    fn first_sents(docs: &[ClusterDoc]) -> (Prep, Vec<usize>) {
        let p = prepare(docs);
        let firsts = p.doc_sents.iter().map(|r| r.start).collect();
        (p, firsts)
    }

    #[test]
    fn paraphrase_with_same_figures_restates() {
        let docs = [
            doc(
                "a",
                None,
                None,
                "Storms killed 12 people in the northern province of Ardel on Sunday.",
            ),
            doc(
                "b",
                None,
                None,
                "At least 12 people died when storms hit Ardel province in the north on Sunday.",
            ),
            doc(
                "c",
                None,
                None,
                "Storms killed 30 people in the northern province of Ardel on Sunday.",
            ),
            doc(
                "d",
                None,
                None,
                "The northern province of Ardel elects a new governor in May of next year.",
            ),
        ];
        let (p, f) = first_sents(&docs);
        assert!(restates(&p.sents[f[0]], &p.sents[f[1]]).is_some());
        assert!(
            restates(&p.sents[f[0]], &p.sents[f[2]]).is_none(),
            "12 dead is not 30 dead"
        );
        assert!(
            restates(&p.sents[f[0]], &p.sents[f[3]]).is_none(),
            "same place, other news"
        );
    }

    #[test]
    fn copies_are_one_source_credited_to_the_earliest() {
        let body =
            "The council of Ardel voted on Monday to close the old harbour bridge for repairs. \
                    Engineers found cracks in two of the piers during an inspection in March. \
                    The closure is expected to last until the end of the summer.";
        let docs = [
            doc("late", Some("Copy Site"), Some("2031-05-02"), body),
            doc("early", Some("Harbour Post"), Some("2031-05-01"), body),
            doc(
                "other",
                Some("Ardel Daily"),
                Some("2031-05-01"),
                "Ardel's harbour bridge will shut for repairs after engineers found cracked piers.",
            ),
            doc("anon", None, None, body),
        ];
        let p = prepare(&docs);
        let src = sources(&docs, &p);
        assert_eq!(src.credit[0].as_deref(), Some("Harbour Post"));
        assert_eq!(src.credit[1].as_deref(), Some("Harbour Post"));
        assert_eq!(src.credit[2].as_deref(), Some("Ardel Daily"));
        assert_eq!(
            src.credit[3].as_deref(),
            Some("Harbour Post"),
            "an undated copy joins the group"
        );
        assert_eq!(src.rank, vec![2, 0, 1, 3]);
    }
}
