//! Cross-document template learning.
//!
//! A line a site prints on every page (newsletter pitch, legal line, "Support X") can look like
//! story to any per-document rule; only its recurrence across the site's pages gives it away. The
//! danger is the opposite mistake: syndicated copies share whole paragraphs across outlets, so a
//! line is template only when it recurs in at least three documents *of the same site*, and
//! documents whose lines overlap mostly (copies of one story) are never used to group sites.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use storyline_model::Document;
use storyline_text::fold;

use crate::meta;

/// Minimum number of a site's documents a line must appear in to be template.
const MIN_DOCS: usize = 3;

/// Lines a site remembers at most. Template lines recur on a good share of a site's pages, so
/// they are always among its most counted lines; the rest (story lines repeated by chance) is
/// what a long stream would otherwise accumulate without limit.
const MAX_SITE_LINES: usize = 2048;

/// What one site's pages have in common.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq)]
pub struct Site {
    /// The outlet name, when known or learned from the template.
    pub name: Option<String>,
    /// Number of documents seen of this site.
    pub docs: usize,
    /// Normalised line → number of this site's documents containing it (lines seen twice or more).
    pub lines: BTreeMap<String, usize>,
}

impl Site {
    fn is_template(&self, key: &str) -> bool {
        self.lines
            .get(key)
            .is_some_and(|&c| c >= MIN_DOCS && c * 5 >= self.docs)
    }

    fn template_lines(&self) -> impl Iterator<Item = &str> {
        self.lines
            .keys()
            .map(String::as_str)
            .filter(|k| self.is_template(k))
    }
}

/// Learned per-site templates; serialisable so a database can keep them between runs.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq)]
pub struct Templates {
    /// Site key (folded outlet, URL host, or `~` + first document id for unnamed sites) → site.
    pub sites: BTreeMap<String, Site>,
}

/// Matching form of a line: folded, digits collapsed (dates and counts vary), spaces collapsed.
fn line_key(line: &str) -> String {
    let mut out = String::new();
    let mut prev_digit = false;
    for c in fold(line).chars() {
        if c.is_ascii_digit() {
            if !prev_digit {
                out.push('0');
            }
            prev_digit = true;
            continue;
        }
        prev_digit = false;
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.trim().to_string()
}

fn doc_keys(doc: &Document) -> BTreeSet<String> {
    doc.text
        .lines()
        .map(line_key)
        .filter(|k| !k.is_empty())
        .collect()
}

/// The site key a document's own metadata gives.
fn known_site(doc: &Document) -> Option<String> {
    if let Some(o) = doc
        .outlet
        .as_deref()
        .map(line_key)
        .filter(|o| !o.is_empty())
    {
        return Some(o);
    }
    doc.url.as_deref().and_then(meta::outlet_from_url)
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

impl Templates {
    /// Learn templates from already-extracted documents.
    pub fn learn(docs: &[Document]) -> Templates {
        let keys: Vec<BTreeSet<String>> = docs.iter().map(doc_keys).collect();
        let mut df: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (d, ks) in keys.iter().enumerate() {
            for k in ks {
                df.entry(k.as_str()).or_default().push(d);
            }
        }
        let known: Vec<Option<String>> = docs.iter().map(known_site).collect();

        // Group documents into sites: known keys first, then shared recurring lines.
        let n = docs.len();
        let mut parent: Vec<usize> = (0..n).collect();
        let mut site_of_root: Vec<Option<String>> = known.clone();
        let mut first_with: BTreeMap<&str, usize> = BTreeMap::new();
        for (d, k) in known.iter().enumerate() {
            if let Some(k) = k {
                if let Some(&o) = first_with.get(k.as_str()) {
                    let (a, b) = (find(&mut parent, d), find(&mut parent, o));
                    parent[a] = b;
                } else {
                    first_with.insert(k, d);
                }
            }
        }
        for d in 0..n {
            let mut shared: BTreeMap<usize, usize> = BTreeMap::new();
            for k in &keys[d] {
                let Some(post) = df.get(k.as_str()) else {
                    continue;
                };
                if post.len() < MIN_DOCS {
                    continue;
                }
                // Postings are ascending: only later documents, and a bounded number of them, so
                // that a line on every page of a huge site does not make grouping quadratic.
                let later = post.partition_point(|&o| o <= d);
                for &o in post[later..].iter().take(500) {
                    *shared.entry(o).or_default() += 1;
                }
            }
            for (o, s) in shared {
                let smaller = keys[d].len().min(keys[o].len()).max(1);
                // Copies of one story overlap mostly; pages of one site share only their chrome.
                // (A few shared lines in short pages are still chrome.)
                if s < 2 || (s >= 4 && s * 10 > smaller * 6) {
                    continue;
                }
                let (a, b) = (find(&mut parent, d), find(&mut parent, o));
                if a == b {
                    continue;
                }
                match (&site_of_root[a], &site_of_root[b]) {
                    (Some(x), Some(y)) if x != y => continue,
                    _ => {}
                }
                let merged = site_of_root[a].clone().or_else(|| site_of_root[b].clone());
                parent[a] = b;
                site_of_root[b] = merged;
            }
        }

        let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for d in 0..n {
            let r = find(&mut parent, d);
            groups.entry(r).or_default().push(d);
        }
        let mut out = Templates::default();
        for (root, members) in groups {
            // One page of an unknown site shows nothing recurring; remembering its lines would
            // only make a long stream's templates grow with every such page.
            if site_of_root[root].is_none() && members.len() < 2 {
                continue;
            }
            let key = site_of_root[root].clone().unwrap_or_else(|| {
                format!(
                    "~{}",
                    members
                        .iter()
                        .map(|&d| docs[d].id.as_str())
                        .min()
                        .unwrap_or("")
                )
            });
            let mut site = Site {
                docs: members.len(),
                ..Site::default()
            };
            let mut names: BTreeMap<String, usize> = BTreeMap::new();
            for &d in &members {
                for k in &keys[d] {
                    *site.lines.entry(k.clone()).or_default() += 1;
                }
                if let Some(o) = &docs[d].outlet {
                    *names.entry(o.clone()).or_default() += 1;
                }
            }
            // Small batches keep every line so that a later batch can still complete a count.
            let small = site.docs < MIN_DOCS * 2;
            site.lines.retain(|_, c| *c >= 2 || small);
            site.name = names
                .iter()
                .max_by_key(|(name, c)| (**c, std::cmp::Reverse((*name).clone())))
                .map(|(n, _)| n.clone());
            if site.name.is_none() {
                site.name = learned_name(
                    &site,
                    &members.iter().map(|&d| &docs[d]).collect::<Vec<_>>(),
                );
            }
            out.absorb(Templates {
                sites: BTreeMap::from([(key, site)]),
            });
        }
        out
    }

    /// Merge what a later batch learned into these templates.
    pub fn absorb(&mut self, other: Templates) {
        for (mut key, site) in other.sites {
            if key.starts_with('~') && !self.sites.contains_key(&key) {
                // An unnamed site is keyed by a document id of the batch that found it; in a
                // later batch it is the known site whose recurring lines it shares.
                let shared = |known: &Site| {
                    site.lines
                        .iter()
                        .filter(|(k, &c)| c >= 2 && known.lines.get(*k).is_some_and(|&kc| kc >= 2))
                        .count()
                };
                if let Some((k, _)) = self
                    .sites
                    .iter()
                    .map(|(k, known)| (k, shared(known)))
                    .filter(|(_, n)| *n >= 2)
                    .max_by_key(|(_, n)| *n)
                {
                    key = k.clone();
                }
            }
            let e = self.sites.entry(key).or_default();
            e.docs += site.docs;
            for (k, c) in site.lines {
                *e.lines.entry(k).or_default() += c;
            }
            if e.name.is_none() {
                e.name = site.name;
            }
            if e.lines.len() > MAX_SITE_LINES {
                // Halve rather than trim to the cap, so that pruning is rare.
                let mut ranked: Vec<(usize, String)> = std::mem::take(&mut e.lines)
                    .into_iter()
                    .map(|(k, c)| (c, k))
                    .collect();
                ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
                ranked.truncate(MAX_SITE_LINES / 2);
                e.lines = ranked.into_iter().map(|(c, k)| (k, c)).collect();
            }
        }
    }

    /// Strip template lines from `doc`; name its outlet when unknown and its site is recognised.
    /// Returns the number of lines removed.
    pub fn apply(&self, doc: &mut Document) -> usize {
        let keys = doc_keys(doc);
        let site = known_site(doc)
            .and_then(|k| self.sites.get(&k))
            .or_else(|| {
                // An unnamed document belongs to the site whose template it shares most of.
                self.sites
                    .values()
                    .map(|s| (keys.iter().filter(|k| s.is_template(k)).count(), s))
                    .filter(|(c, _)| *c >= 2)
                    .max_by_key(|(c, s)| (*c, s.docs))
                    .map(|(_, s)| s)
            });
        let Some(site) = site else { return 0 };
        let mut removed = 0;
        let kept: Vec<&str> = doc
            .text
            .lines()
            .filter(|l| {
                let k = line_key(l);
                if !k.is_empty() && site.is_template(&k) {
                    removed += 1;
                    false
                } else {
                    true
                }
            })
            .collect();
        if removed > 0 {
            let paras: Vec<&str> = kept
                .iter()
                .map(|l| l.trim())
                .filter(|l| !l.is_empty())
                .collect();
            doc.text = paras.join("\n\n");
        }
        if doc.outlet.is_none() {
            doc.outlet.clone_from(&site.name);
        }
        removed
    }
}

/// The site name as its template lines spell it, e.g. in "© 2026 X" or "Support X".
fn learned_name(site: &Site, docs: &[&Document]) -> Option<String> {
    let template: BTreeSet<&str> = site.template_lines().collect();
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for d in docs {
        for l in d.text.lines() {
            if template.contains(line_key(l).as_str()) {
                if let Some(n) = meta::name_in_line(l) {
                    *names.entry(n).or_default() += 1;
                }
            }
        }
    }
    names
        .into_iter()
        .max_by_key(|(n, c)| (*c, std::cmp::Reverse(n.clone())))
        .map(|(n, _)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, outlet: Option<&str>, body: &str) -> Document {
        Document {
            id: id.into(),
            outlet: outlet.map(str::to_string),
            text: body.into(),
            ..Document::default()
        }
    }

    #[test]
    fn strips_site_lines_and_names_site() {
        let pitch = "Sign up for our morning briefing, delivered free every day.";
        let legal = "© 2026 Harbor Ledger. All rights reserved.";
        let topics = ["harbour", "school", "bridge", "market"];
        let docs: Vec<Document> = topics
            .iter()
            .map(|t| doc(t, None, &format!("A story about the {t} begins with a unique sentence.\n\n{pitch}\n\nIt continues with {t} details nobody else prints.\n\n{legal}")))
            .collect();
        let t = Templates::learn(&docs);
        let mut d = docs[0].clone();
        assert_eq!(t.apply(&mut d), 2);
        assert!(!d.text.contains(pitch) && !d.text.contains("Harbor Ledger"));
        assert_eq!(d.outlet.as_deref(), Some("Harbor Ledger"));
    }

    #[test]
    fn syndicated_story_lines_survive() {
        let shared =
            "The minister resigned on Friday after weeks of pressure over the contract affair.";
        let mut docs = vec![
            doc(
                "a",
                Some("Alpha News"),
                &format!("{shared}\n\nAlpha adds its own line."),
            ),
            doc(
                "b",
                Some("Beta Post"),
                &format!("{shared}\n\nBeta adds another line."),
            ),
        ];
        for w in ["rain", "snow", "wind"] {
            docs.push(doc(
                w,
                Some("Alpha News"),
                &format!("Unrelated alpha story on {w}."),
            ));
        }
        let t = Templates::learn(&docs);
        let mut d = docs[0].clone();
        assert_eq!(t.apply(&mut d), 0);
        assert!(d.text.contains(shared));
    }

    #[test]
    fn absorb_accumulates_counts() {
        let words = ["apple", "pear", "plum", "fig"];
        let mk = |i: usize| {
            doc(
                words[i],
                Some("Gamma"),
                &format!(
                    "Unique body line about the {}.\n\nSupport Gamma today.",
                    words[i]
                ),
            )
        };
        let mut t = Templates::learn(&[mk(0), mk(1)]);
        t.absorb(Templates::learn(&[mk(2)]));
        let mut d = mk(3);
        assert_eq!(t.apply(&mut d), 1);
    }

    #[test]
    fn a_long_stream_keeps_each_sites_memory_bounded_and_its_template() {
        let mut t = Templates::default();
        for batch in 0..60 {
            // Pairs of pages repeat each story line once: counted, never template.
            let docs: Vec<Document> = (0..100)
                .map(|i| {
                    // Digits would fold to one key: spell the story's number in letters.
                    let n = (batch * 100 + i / 2).to_string();
                    let word: String = n.bytes().map(|b| char::from(b'a' + (b - b'0'))).collect();
                    doc(
                        &format!("d{batch}-{i}"),
                        Some("Delta Daily"),
                        &format!("Story line {word} of many.\n\nSupport Delta Daily today."),
                    )
                })
                .collect();
            t.absorb(Templates::learn(&docs));
        }
        let site = &t.sites["delta daily"];
        assert!(site.lines.len() <= MAX_SITE_LINES, "{}", site.lines.len());
        let mut d = doc(
            "new",
            Some("Delta Daily"),
            "Fresh story.\n\nSupport Delta Daily today.",
        );
        assert_eq!(t.apply(&mut d), 1, "the template line is still known");
    }

    #[test]
    fn unnamed_site_is_recognised_in_a_later_batch() {
        let chrome = "Listen to this story\n\nMore from our newsroom today";
        let mk = |w: &str| {
            doc(
                w,
                None,
                &format!("{chrome}\n\nA report on the {w} that only this page prints."),
            )
        };
        let mut t = Templates::learn(&[mk("orchard"), mk("quarry"), mk("tunnel")]);
        t.absorb(Templates::learn(&[mk("ferry"), mk("canal"), mk("mill")]));
        assert_eq!(t.sites.len(), 1, "{:?}", t.sites.keys().collect::<Vec<_>>());
        assert_eq!(t.sites.values().next().map(|s| s.docs), Some(6));
    }

    #[test]
    fn three_unnamed_copies_of_one_story_are_not_a_site() {
        let story: Vec<String> = ["river", "bridge", "council", "budget", "harbour", "school"]
            .iter()
            .map(|w| format!("A long sentence of the shared wire story about the {w}, as every copy prints it."))
            .collect();
        let docs: Vec<Document> = ["x", "y", "z"]
            .iter()
            .map(|id| doc(id, None, &story.join("\n\n")))
            .collect();
        let t = Templates::learn(&docs);
        let mut d = docs[0].clone();
        assert_eq!(t.apply(&mut d), 0);
        assert_eq!(d.text, docs[0].text);
    }
}
