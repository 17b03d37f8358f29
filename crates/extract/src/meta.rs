//! Metadata helpers shared by HTML and plain-text extraction: dates, bylines, outlet names.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, NaiveDate};
use regex::Regex;
use storyline_text::tokens;

const MONTHS: &[&str] = &[
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(name: &str) -> Option<u32> {
    let n = name.to_ascii_lowercase();
    let head = n.get(..3)?;
    MONTHS.iter().position(|m| *m == head).map(|p| p as u32 + 1)
}

fn iso_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?",
        )
        .unwrap_or_else(|_| unreachable!("static regex"))
    })
}

fn words_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        let m = r"(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
        Regex::new(&format!(
            r"(?i)\b(?:{m}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})|(\d{{1,2}})(?:st|nd|rd|th|\.)?\s+(?:of\s+)?{m}\.?,?\s+(\d{{4}}))\b"
        ))
        .unwrap_or_else(|_| unreachable!("static regex"))
    })
}

fn numeric_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"\b(?:(\d{1,2})\.(\d{1,2})\.(\d{4})|(\d{4})/(\d{1,2})/(\d{1,2}))\b")
            .unwrap_or_else(|_| unreachable!("static regex"))
    })
}

/// Years a news date can plausibly carry; anything else is a typo or junk, and a five-digit
/// year would not even be readable as a date downstream.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    if !YEARS.contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m.parse().ok()?, d.parse().ok()?)
}

fn ymd_month_name(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    if !YEARS.contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, month_number(m)?, d.parse().ok()?)
}

/// Normalise a machine-readable date (meta tags, JSON-LD, `<time datetime>`) or a visible date
/// to `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SS[±HH:MM]` when the source gives a time. A time without
/// a zone is kept without one rather than invented.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(c) = iso_re().captures(s) {
        let date = ymd(&c[1], &c[2], &c[3])?;
        let Some(h) = c.get(4) else {
            return Some(date.format("%Y-%m-%d").to_string());
        };
        let mi = c.get(5).map_or("00", |m| m.as_str());
        let sec = c.get(6).map_or("00", |m| m.as_str());
        let (hh, mm, ss): (u32, u32, u32) = (
            h.as_str().parse().ok()?,
            mi.parse().ok()?,
            sec.parse().ok()?,
        );
        if hh > 23 || mm > 59 || ss > 60 {
            return Some(date.format("%Y-%m-%d").to_string());
        }
        let base = format!("{}T{hh:02}:{mm:02}:{ss:02}", date.format("%Y-%m-%d"));
        return Some(match c.get(7).map(|m| m.as_str()) {
            None => base,
            Some("Z") => format!("{base}+00:00"),
            Some(z) => {
                let digits: String = z.chars().filter(|c| c.is_ascii_digit()).collect();
                let (zh, zm) = digits.split_at(2.min(digits.len()));
                format!("{base}{}{zh}:{zm:0>2}", &z[..1])
            }
        });
    }
    if let Some(dt) = DateTime::parse_from_rfc2822(s)
        .ok()
        .filter(|dt| YEARS.contains(&dt.year()))
    {
        return Some(dt.format("%Y-%m-%dT%H:%M:%S%:z").to_string());
    }
    visible_date(s)
}

/// The first calendar date written out in `s` ("March 12, 2026", "12 March 2026", "12.03.2026",
/// "2026/03/12"), as `YYYY-MM-DD`.
pub fn visible_date(s: &str) -> Option<String> {
    let mut best: Option<(usize, NaiveDate)> = None;
    if let Some(c) = words_re().captures(s) {
        let d = if c.get(1).is_some() {
            ymd_month_name(&c[3], &c[1], &c[2])
        } else {
            ymd_month_name(&c[6], &c[5], &c[4])
        };
        if let (Some(d), Some(m)) = (d, c.get(0)) {
            best = Some((m.start(), d));
        }
    }
    if let Some(c) = numeric_re().captures(s) {
        let d = if c.get(1).is_some() {
            ymd(&c[3], &c[2], &c[1])
        } else {
            ymd(&c[4], &c[5], &c[6])
        };
        if let (Some(d), Some(m)) = (d, c.get(0)) {
            if best.is_none_or(|(p, _)| m.start() < p) {
                best = Some((m.start(), d));
            }
        }
    }
    if best.is_none() {
        if let Some(c) = iso_re().captures(s) {
            if let Some(d) = ymd(&c[1], &c[2], &c[3]) {
                best = Some((0, d));
            }
        }
    }
    best.map(|(_, d)| d.format("%Y-%m-%d").to_string())
}

/// A date in a URL path (`/2026/03/12/`, `/2026-03-12-`, `/20260312/`).
pub fn date_in_url(url: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|-|_|\.|$)")
            .unwrap_or_else(|_| unreachable!("static regex"))
    });
    let path_start = url.find("://").map_or(0, |p| p + 3);
    let path = url.get(path_start..)?;
    let c = re.captures(path)?;
    ymd(&c[1], &c[2], &c[3]).map(|d| d.format("%Y-%m-%d").to_string())
}

/// The name in a byline such as "By Jane Doe and John Roe, Staff Writer" → "Jane Doe and John Roe".
pub fn byline_name(line: &str) -> Option<String> {
    let t = line.trim();
    let lower = t.to_lowercase();
    let rest = ["by ", "by: ", "words by ", "written by ", "von "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| &t[p.len()..])?;
    // Cut at the first separator that introduces a role, place or date.
    let cut = rest
        .find(['|', ',', '•', '·', '\u{2014}', '\u{2013}', '(', '\n'])
        .unwrap_or(rest.len());
    let name = rest[..cut].trim().trim_end_matches(['.', ':', '-']).trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    // Particles and staff labels may be lower case ("Ana de la Cruz", "Wire staff").
    let capitalised = words
        .iter()
        .filter(|w| {
            !matches!(
                w.to_lowercase().as_str(),
                "and"
                    | "&"
                    | "de"
                    | "van"
                    | "von"
                    | "der"
                    | "la"
                    | "le"
                    | "da"
                    | "di"
                    | "staff"
                    | "reporter"
                    | "reporters"
                    | "correspondent"
                    | "writer"
                    | "editor"
            )
        })
        .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
        && words
            .first()
            .is_some_and(|w| w.chars().next().is_some_and(|c| c.is_uppercase()));
    if words.is_empty() || words.len() > 8 || !capitalised {
        return None;
    }
    Some(words.join(" "))
}

/// A readable outlet name from a URL: its host without `www.`-like prefixes.
pub fn outlet_from_url(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?.to_lowercase();
    let host = ["www.", "m.", "amp.", "mobile."]
        .iter()
        .find_map(|p| host.strip_prefix(p))
        .unwrap_or(&host)
        .to_string();
    (host.contains('.') && host.len() > 3).then_some(host)
}

/// Remove a trailing " | Outlet" / " - Outlet" from a page title: always when the tail names the
/// outlet, and for a short tail when `aggressive` (the `<title>` element nearly always has one).
pub fn strip_title_suffix(title: &str, outlet: Option<&str>, aggressive: bool) -> String {
    let t = title.trim();
    let squash = |s: &str| -> String {
        storyline_text::fold(s)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect()
    };
    let outlet_key = outlet.map(squash).unwrap_or_default();
    // The last separator: "Opinion | Headline - Outlet" loses " - Outlet", not "| Headline …".
    let last = [
        " | ",
        " - ",
        " \u{2013} ",
        " \u{2014} ",
        " :: ",
        " \u{00b7} ",
        " • ",
    ]
    .iter()
    .filter_map(|sep| t.rfind(sep).map(|p| (p, sep.len())))
    .max();
    if let Some((p, sep_len)) = last {
        let (head, tail) = (t[..p].trim(), t[p + sep_len..].trim());
        let tail_key = squash(tail);
        let names_outlet = !outlet_key.is_empty()
            && !tail_key.is_empty()
            && (outlet_key.contains(&tail_key) || tail_key.contains(&outlet_key));
        let short = tail.split_whitespace().count() <= 3 && head.split_whitespace().count() >= 3;
        if !head.is_empty() && (names_outlet || (aggressive && short)) {
            return strip_title_suffix(head, outlet, aggressive);
        }
    }
    t.to_string()
}

/// How far two titles say the same thing: the Dice overlap (0–1) of their sets of folded words,
/// each CJK character counting as a word. A headline and its social or SEO rewording share most
/// of their words; a headline and the site's name or a section label share next to none.
pub fn title_agreement(a: &str, b: &str) -> f32 {
    let (wa, wb) = (title_words(a), title_words(b));
    if wa.is_empty() || wb.is_empty() {
        return 0.0;
    }
    let common = wa.intersection(&wb).count();
    2.0 * common as f32 / (wa.len() + wb.len()) as f32
}

fn title_words(s: &str) -> BTreeSet<String> {
    let folded = storyline_text::fold(s);
    let mut out = BTreeSet::new();
    let mut word = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() && !is_cjk(c) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.insert(std::mem::take(&mut word));
        }
        if is_cjk(c) {
            out.insert(c.to_string());
        }
    }
    if !word.is_empty() {
        out.insert(word);
    }
    out
}

/// Word count where a run of CJK characters (written without spaces) counts one word per two
/// characters, so that Chinese and Japanese paragraphs weigh like paragraphs.
pub fn weighted_words(s: &str) -> usize {
    if s.is_ascii() {
        return ascii_word_count(s.as_bytes());
    }
    tokens(s)
        .map(|t| {
            if t.text.is_ascii() {
                return 1;
            }
            let wide = t.text.chars().filter(|&c| is_cjk(c)).count();
            if wide > 2 {
                wide / 2
            } else {
                1
            }
        })
        .sum()
}

/// `storyline_text::tokens(s).count()` for ASCII text, without char decoding: runs of letters
/// and digits, joined across an apostrophe between letters and `.`/`,` between digits.
fn ascii_word_count(b: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        n += 1;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let prev = b[i - 1];
            let next = b.get(i + 1).copied().unwrap_or(b' ');
            let joins = (c == b'\'' && prev.is_ascii_alphabetic() && next.is_ascii_alphabetic())
                || ((c == b'.' || c == b',') && prev.is_ascii_digit() && next.is_ascii_digit());
            if !joins {
                break;
            }
            i += 1;
        }
    }
    n
}

/// Han, kana and hangul: scripts written without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// The outlet a template line names: "© 2026 Valley Times. All rights reserved." → "Valley Times".
pub fn name_in_line(line: &str) -> Option<String> {
    let t = line.trim();
    let rest = if let Some(p) = t.find('©') {
        &t[p + '©'.len_utf8()..]
    } else {
        let lower = t.to_lowercase();
        let prefix = ["copyright ", "support ", "subscribe to "]
            .iter()
            .find(|p| lower.starts_with(*p))?;
        &t[prefix.len()..]
    };
    let rest = rest.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || c == '-' || c == '–'
    });
    let cut = rest
        .find(['.', ',', '|', ';', '!', '(', ':'])
        .unwrap_or(rest.len());
    let name = rest[..cut].trim();
    let mut words: Vec<&str> = name.split_whitespace().collect();
    // The legal entity is not the outlet: "Valley Courier Media Ltd" publishes "Valley Courier".
    let lower = |w: Option<&&str>| w.map(|w| w.trim_end_matches('.').to_lowercase());
    if let Some(
        "ltd" | "limited" | "inc" | "llc" | "plc" | "gmbh" | "ag" | "corp" | "co" | "sa" | "pty",
    ) = lower(words.last()).as_deref()
    {
        words.pop();
        while words.len() > 1
            && matches!(
                lower(words.last()).as_deref(),
                Some("media" | "group" | "publishing" | "publications" | "holdings" | "newspapers")
            )
        {
            words.pop();
        }
    }
    let ok = !words.is_empty()
        && words.len() <= 5
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        });
    ok.then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_machine_dates() {
        assert_eq!(normalize_date("2026-03-12").as_deref(), Some("2026-03-12"));
        assert_eq!(
            normalize_date("2026-03-12T09:40:00.000Z").as_deref(),
            Some("2026-03-12T09:40:00+00:00")
        );
        assert_eq!(
            normalize_date("2026-03-12T09:40+0100").as_deref(),
            Some("2026-03-12T09:40:00+01:00")
        );
        assert_eq!(
            normalize_date("Thu, 12 Mar 2026 09:40:00 +0000").as_deref(),
            Some("2026-03-12T09:40:00+00:00")
        );
        assert_eq!(normalize_date("soon"), None);
        // Found by fuzzing: RFC 2822 allows any year, which came out as "+20609-04-14…".
        assert_eq!(normalize_date(" 14 Apr 20609 10:15:00 +0041"), None);
    }

    #[test]
    fn reads_visible_dates() {
        assert_eq!(
            visible_date("Published 12 March 2026, 09:40").as_deref(),
            Some("2026-03-12")
        );
        assert_eq!(
            visible_date("Updated: Mar. 3rd, 2026").as_deref(),
            Some("2026-03-03")
        );
        assert_eq!(visible_date("12.03.2026").as_deref(), Some("2026-03-12"));
        // German and Nordic write the day as an ordinal number: "25. September 2026".
        assert_eq!(
            visible_date("publiziert am 25. September 2026").as_deref(),
            Some("2026-09-25")
        );
        assert_eq!(visible_date("no date 31.02.2026"), None);
        assert_eq!(
            date_in_url("https://x.example/2026/03/12/story").as_deref(),
            Some("2026-03-12")
        );
        assert_eq!(date_in_url("https://x.example/news/1234567"), None);
    }

    #[test]
    fn reads_bylines_and_titles() {
        assert_eq!(
            byline_name("By Jane Doe, Health Reporter").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(byline_name("By the time we arrived"), None);
        assert_eq!(
            strip_title_suffix(
                "Flood waters rise in the valley | The Daily Example",
                Some("The Daily Example"),
                false
            ),
            "Flood waters rise in the valley"
        );
        assert_eq!(
            strip_title_suffix("Left - right politics explained", None, false),
            "Left - right politics explained"
        );
        assert_eq!(
            outlet_from_url("https://www.dailyexample.com/a/b").as_deref(),
            Some("dailyexample.com")
        );
    }

    #[test]
    fn titles_agree_by_shared_words() {
        let a = "Two officers charged over the prison records";
        assert!(title_agreement(a, "Officers charged over prison records, court hears") >= 0.5);
        assert!(title_agreement(a, "Harbour Gazette") < 0.1);
        // CJK titles have no spaces: characters are compared one by one.
        assert!(title_agreement("港の新しい橋が開通", "港の新しい橋が開通 - 湾岸新聞") >= 0.5);
        assert_eq!(title_agreement("", a), 0.0);
    }

    #[test]
    fn reads_outlet_from_legal_lines() {
        assert_eq!(
            name_in_line("© 2026 Valley Post Media Ltd. All rights reserved.").as_deref(),
            Some("Valley Post")
        );
        assert_eq!(
            name_in_line("Copyright 2026 The Ledger").as_deref(),
            Some("The Ledger")
        );
        assert_eq!(name_in_line("© all rights reserved"), None);
    }

    #[test]
    fn ascii_word_count_matches_tokens() {
        for t in [
            "",
            "a",
            "don't stop",
            "3.5 and 10,000 x",
            "it's 'quoted' a.b 1.a",
            "end.",
            "x'",
            "'x",
        ] {
            assert_eq!(ascii_word_count(t.as_bytes()), tokens(t).count(), "{t:?}");
        }
    }
}
