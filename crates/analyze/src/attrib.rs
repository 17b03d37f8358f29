//! Outside sources a document credits (news agencies, other outlets) and the publishing outlet
//! when the text itself reveals it.
//!
//! Credits are recognised from their grammar ("according to X", "X reported", "told X", datelines,
//! "contributed to this report") but only kept when X looks like a news organisation (a media word
//! such as News/Press/Times/Agency, or a short all-caps acronym): "according to Ana Ruiz" is a
//! speaker, not an attribution.

use std::sync::OnceLock;

use regex::Regex;
use storyline_model::Attribution;

/// A name: up to six capitalised words on one line.
const NAME: &str =
    r"(?P<name>[A-Z][\w&'’.-]*(?:[^\S\n]+(?:of\s+|de\s+|for\s+)?[A-Z][\w&'’.-]*){0,5})";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Form {
    /// "the X news agency": X is an agency whatever it looks like.
    NewsAgency,
    /// A credit form that needs X to look like a media organisation.
    Credit,
    /// "CITY (X) —": the parenthesis of a dateline names the agency that filed the story.
    Dateline,
}

fn regexes() -> &'static [(Form, Regex)] {
    static R: OnceLock<Vec<(Form, Regex)>> = OnceLock::new();
    R.get_or_init(|| {
        [
            (Form::NewsAgency, format!(r"{NAME}\s+(?i:news\s+agency)")),
            (Form::NewsAgency, format!(r"(?i:news\s+agency),?\s+{NAME}")),
            (Form::Credit, format!(r"(?i:according\s+to)\s+(?:the\s+)?{NAME}")),
            (Form::Credit, format!(r"(?i:told|quoted\s+by|reported\s+by|cited\s+by|(?:in\s+)?an\s+interview\s+with|speaking\s+to)\s+(?:the\s+)?{NAME}")),
            (Form::Credit, format!(r"{NAME}\s+(?:reported|reports|has\s+reported|quoted|first\s+reported|said\s+in\s+a\s+report)(?-u:\b)")),
            (Form::Credit, format!(r"(?i:additional\s+reporting\s+by|reporting\s+by)\s+(?:the\s+)?{NAME}")),
            (Form::Credit, format!(r"{NAME}\s+contributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)")),
            (Form::Dateline, r"(?m)^[A-Z][\w .'’-]{1,40}?(?:,\s*[^()\n]{1,30}?)?\s*\((?P<name>[^()\n]{2,40})\)\s*(?:[—–]|--?|:)".to_string()),
        ]
        .into_iter()
        .filter_map(|(f, s)| Regex::new(&s).ok().map(|r| (f, r)))
        .collect()
    })
}

/// Last words of news organisations' names.
fn is_media_word(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "news"
            | "press"
            | "agency"
            | "wire"
            | "times"
            | "post"
            | "herald"
            | "journal"
            | "tribune"
            | "gazette"
            | "telegraph"
            | "chronicle"
            | "daily"
            | "radio"
            | "tv"
            | "television"
            | "broadcasting"
            | "network"
            | "media"
            | "mail"
            | "observer"
            | "standard"
            | "express"
            | "review"
            | "monitor"
            | "star"
            | "independent"
            | "sun"
            | "mirror"
            | "record"
            | "register"
            | "bulletin"
            | "dispatch"
            | "inquirer"
            | "examiner"
            | "courier"
            | "magazine"
            | "weekly"
            | "newspaper"
            | "channel"
            | "globe"
            | "guardian"
            | "reporter"
            | "today"
            | "online"
            | "digest"
            | "ledger"
            | "sentinel"
            | "leader"
            | "citizen"
            | "nation"
            | "informer"
            | "newswire"
            | "press-tribune"
            | "cable"
            | "economist"
    )
}

fn all_caps_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=6).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase()) && !s.contains(' ')
}

fn media_like(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let bare = |w: &str| {
        w.trim_end_matches("'s")
            .trim_end_matches("’s")
            .trim_end_matches(['.', ','])
            .to_string()
    };
    words.iter().any(|w| is_media_word(&bare(w))) || all_caps_acronym(name)
}

/// "the Valley Wire news agency" → "Valley Wire".
pub(crate) fn canonical_agency(name: &str) -> String {
    let mut n = name.trim().trim_end_matches(['.', ',', ';', ':']);
    for p in ["the ", "The ", "THE "] {
        n = n.strip_prefix(p).unwrap_or(n);
    }
    let lower = n.to_ascii_lowercase();
    if lower.ends_with(" news agency") {
        n = &n[..n.len() - " news agency".len()];
    }
    for suffix in ["'s", "’s"] {
        n = n.strip_suffix(suffix).unwrap_or(n);
    }
    n.trim().to_string()
}

/// Words that are capitalised at the start of a credit but are not part of the name.
fn trim_name(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let mut s = start;
    let mut e = end;
    let span = &text[s..e];
    for p in ["The ", "THE "] {
        if span.starts_with(p) {
            s += p.len();
        }
    }
    let span = &text[s..e];
    for suffix in ["'s", "’s", "."] {
        if span.ends_with(suffix) && span.len() > suffix.len() + 1 {
            e -= suffix.len();
            break;
        }
    }
    // A sentence-initial word before the name ("Officials told ...") is not part of it.
    let first = text[s..e].split_whitespace().next()?;
    if matches!(
        first,
        "But"
            | "And"
            | "In"
            | "On"
            | "As"
            | "He"
            | "She"
            | "They"
            | "It"
            | "We"
            | "A"
            | "An"
            | "Officials"
            | "Police"
    ) {
        let rest = text[s..e].find(' ').map(|i| s + i + 1)?;
        s = rest;
    }
    (s < e).then_some((s, e))
}

/// Where the last sentence of `text[start..end]` starts: a run of capitalised words can run on
/// across a sentence end ("… into Los Angeles Harbor. The Los Angeles Times reported"), and
/// only the words after it can name who reported.
fn last_sentence_start(text: &str, start: usize, end: usize) -> usize {
    storyline_text::sentences(&text[start..end])
        .last()
        .map_or(start, |r| start + r.start)
}

/// Where the first sentence of `text[start..end]` ends, for a name after its keyword
/// ("according to the Lisk Times. Silva said …").
fn first_sentence_end(text: &str, start: usize, end: usize) -> usize {
    storyline_text::sentences(&text[start..end])
        .first()
        .map_or(end, |r| start + r.end)
}

/// Agencies and outlets `text` credits as sources, in text order, one per credit.
pub(crate) fn find_attributions(text: &str) -> Vec<Attribution> {
    let mut out: Vec<Attribution> = Vec::new();
    let lower = text.to_ascii_lowercase();
    // Each credit form needs a keyword; skipping a scan when the keyword is absent is much
    // cheaper than letting the name-shaped patterns try every capitalised word.
    const NEEDLES: [&[&str]; 8] = [
        &["agency"],
        &["agency"],
        &["according"],
        &["told", "by", "interview", "speaking"],
        &["report", "quoted"],
        &["reporting"],
        &["contributed"],
        &["("],
    ];
    for (i, (form, re)) in regexes().iter().enumerate() {
        if NEEDLES
            .get(i)
            .is_some_and(|n| !n.iter().any(|k| lower.contains(k)))
        {
            continue;
        }
        for c in re.captures_iter(text) {
            let Some(m) = c.name("name") else { continue };
            // The name is the part of the capitalised run next to the credit's keyword.
            let (s, e) = if c.get(0).is_some_and(|all| all.end() == m.end()) {
                (m.start(), first_sentence_end(text, m.start(), m.end()))
            } else {
                (last_sentence_start(text, m.start(), m.end()), m.end())
            };
            let Some((s, e)) = trim_name(text, s, e) else {
                continue;
            };
            let name = &text[s..e];
            // A media word alone ("told Channel 2", "News reported") names no one.
            let bare_media_word = !name.contains(char::is_whitespace) && is_media_word(name);
            let ok = !bare_media_word
                && match form {
                    Form::NewsAgency => true,
                    Form::Credit => media_like(name),
                    Form::Dateline => {
                        media_like(name)
                            || name.split_whitespace().count() <= 3
                                && name.chars().next().is_some_and(|c| c.is_uppercase())
                    }
                };
            let agency = canonical_agency(name);
            if !ok || agency.is_empty() || out.iter().any(|a| a.start < e && s < a.end) {
                continue;
            }
            out.push(Attribution {
                agency,
                start: s,
                end: e,
            });
        }
    }
    out.sort_by_key(|a| (a.start, a.end));
    out
}

fn outlet_regexes() -> &'static [Regex] {
    static R: OnceLock<Vec<Regex>> = OnceLock::new();
    R.get_or_init(|| {
        [
            // Dateline byline: the agency in "CITY (X) —" filed the story.
            r"(?m)\A(?:[^\n]*\n){0,6}?[A-Z][\w .'’-]{1,40}?(?:,\s*[^()\n]{1,30}?)?\s*\((?P<name>[^()\n]{2,40})\)\s*(?:[—–]|--?)".to_string(),
            format!(r"(?:©|\(c\)|(?i:copyright))\s*(?:©\s*)?(?:\d{{4}}\s+)?(?:the\s+)?{NAME}"),
            format!(r"(?m)(?:^|[—–]\s*){NAME}\s+(?i:staff(?:\s+writer|\s+reporter)?)(?-u:\b)"),
            format!(r"(?m)^(?i:by)\s+[^\n]{{1,60}}?\s+(?:for|of)\s+(?:the\s+)?{NAME}\s*$"),
        ]
        .iter()
        .filter_map(|s| Regex::new(s).ok())
        .collect()
    })
}

/// The publishing outlet as the text names it (dateline, copyright line, staff byline), if any.
///
/// "X reported" is deliberately not used: a story citing a wire is not published by it.
pub(crate) fn infer_outlet(text: &str) -> Option<String> {
    for re in outlet_regexes() {
        if let Some(c) = re.captures(text) {
            let m = c.name("name")?;
            let (s, e) = trim_name(text, m.start(), m.end())?;
            let name = canonical_agency(&text[s..e]);
            let words = name.split_whitespace().count();
            if !name.is_empty()
                && words <= 5
                && name.chars().next().is_some_and(|c| c.is_uppercase())
            {
                return Some(name);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agencies(t: &str) -> Vec<String> {
        find_attributions(t).into_iter().map(|a| a.agency).collect()
    }

    #[test]
    fn credit_forms() {
        assert_eq!(
            agencies("The dam broke, the state-run Lisk news agency reported."),
            ["Lisk"]
        );
        assert_eq!(
            agencies("Ten died, according to the Valley Herald."),
            ["Valley Herald"]
        );
        assert_eq!(
            agencies("Okafor told the Port Vale Times that help was coming."),
            ["Port Vale Times"]
        );
        assert_eq!(
            agencies("The Valley Wire reported that levels fell."),
            ["Valley Wire"]
        );
        assert_eq!(agencies("Additional reporting by VNA."), ["VNA"]);
        assert_eq!(
            agencies("The Lisk Daily News contributed to this report."),
            ["Lisk Daily News"]
        );
        assert_eq!(
            agencies("PORT VALE, March 12 (BPA) — Leaders met."),
            ["BPA"]
        );
    }

    #[test]
    fn a_name_does_not_run_across_a_sentence_end_or_a_line() {
        assert_eq!(
            agencies(
                "He drove into Port Vale Harbor. The Lisk Times reported that a note was found."
            ),
            ["Lisk Times"]
        );
        assert_eq!(
            agencies("The note was found, according to the Lisk Times. Silva said he saw him."),
            ["Lisk Times"]
        );
        assert_eq!(
            agencies(
                "Officials in St. Louis told the St. Louis Daily News that the road was shut."
            ),
            ["St. Louis Daily News"]
        );
    }

    #[test]
    fn a_media_word_alone_is_no_agency() {
        assert!(agencies("Ten died, the mayor told Channel 4 on Monday.").is_empty());
        assert!(agencies("Ten died, News reported.").is_empty());
    }

    #[test]
    fn people_are_not_agencies() {
        assert!(agencies(
            "Ten died, according to Ana Ruiz. Okafor told Ruiz that help was coming."
        )
        .is_empty());
    }

    #[test]
    fn outlet_from_dateline_and_signoff() {
        assert_eq!(
            infer_outlet("PORT VALE (Valley Wire) — Rain fell."),
            Some("Valley Wire".into())
        );
        assert_eq!(
            infer_outlet("Rain fell.\n\n© 2026 Lisk Courier"),
            Some("Lisk Courier".into())
        );
        assert_eq!(
            infer_outlet("Rain fell.\n\n— Lisk Courier staff"),
            Some("Lisk Courier".into())
        );
        // A wire credited in the body is a source, not the publisher.
        assert_eq!(infer_outlet("Rain fell, the Valley Wire reported."), None);
    }
}
