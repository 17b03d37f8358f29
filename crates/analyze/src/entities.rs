//! Named-entity mentions: capitalised name spans, their kind, and alias linking.
//!
//! News names are mostly capitalised word runs, so the finder is rule-based: it collects runs of
//! capitalised tokens (with name connectors such as "de", "bin", "of"), drops what capitalisation
//! alone does not make a name (sentence-initial common words, months, titles, headline casing)
//! and types the rest from local evidence. Linking then maps short forms to the full name they
//! stand for, refusing to guess when two people share a surname.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use regex::Regex;

use storyline_model::{EntityKind, EntityMention};
use storyline_text::{is_stopword, tokens, FastMap, FastSet};

use crate::lexicon::*;

pub(crate) use storyline_text::fold;

/// A capitalised word of the text with its byte span (possessive "'s" already cut off).
#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    folded: String,
    cap: bool,
    possessive: bool,
}

/// A mention before linking, with how sure we are of its kind.
#[derive(Debug, Clone)]
pub(crate) struct RawMention {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    /// Kind backed by real evidence (title, suffix, gazetteer) rather than a default.
    pub strong: bool,
}

fn is_connector(folded: &str) -> bool {
    matches!(
        folded,
        "de" | "da"
            | "do"
            | "dos"
            | "das"
            | "del"
            | "della"
            | "di"
            | "du"
            | "van"
            | "von"
            | "der"
            | "den"
            | "la"
            | "le"
            | "bin"
            | "ibn"
            | "bint"
            | "al"
            | "el"
            | "ul"
            | "of"
            | "for"
            | "y"
            | "ter"
            | "ten"
            | "zu"
            | "abu"
            | "ben"
            | "&"
    )
}

/// Connectors that only belong inside organisation names ("Bank of England").
fn is_org_connector(folded: &str) -> bool {
    matches!(folded, "of" | "for" | "&")
}

fn is_abbrev_title(folded: &str) -> bool {
    matches!(
        folded,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "st"
            | "gen"
            | "sen"
            | "gov"
            | "rep"
            | "jr"
            | "sr"
            | "lt"
            | "col"
            | "capt"
            | "sgt"
            | "prof"
            | "rev"
            | "supt"
            | "det"
            | "maj"
            | "adm"
            | "cmdr"
            | "hon"
            | "mt"
            | "ft"
            | "pres"
    )
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

fn all_caps(s: &str) -> bool {
    let mut letters = 0;
    for c in s.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

fn word_tokens(text: &str) -> Vec<Tok> {
    tokens(text)
        .map(|t| {
            let mut end = t.end;
            let mut possessive = false;
            for suffix in ["'s", "’s", "'S", "’S"] {
                if t.text.len() > suffix.len() + 1 && t.text.ends_with(suffix) {
                    end -= suffix.len();
                    possessive = true;
                    break;
                }
            }
            let word = &text[t.start..end];
            Tok {
                start: t.start,
                end,
                folded: fold(word),
                cap: capitalised(word),
                possessive,
            }
        })
        .collect()
}

/// Whether the white space or punctuation between two tokens can sit inside one name.
fn joinable(text: &str, a: &Tok, b: &Tok) -> bool {
    let gap = &text[a.end..b.start];
    match gap {
        " " | "\u{a0}" | "-" | "‐" => true,
        ". " | ".\u{a0}" => {
            let word = &text[a.start..a.end];
            word.chars().count() == 1 || is_abbrev_title(&a.folded)
        }
        "." => {
            text[a.start..a.end].chars().count() == 1 && text[b.start..b.end].chars().count() == 1
        }
        _ => false,
    }
}

/// A capitalised word that can continue a name: not a figure ("Route 9", "March 12").
fn continues_name(t: &Tok) -> bool {
    t.cap && !t.folded.starts_with(|c: char| c.is_ascii_digit())
}

/// "Workers’ Union", "Teachers' Association": a plural possessive inside an organisation name.
fn plural_possessive_org(text: &str, a: &Tok, b: &Tok) -> bool {
    matches!(&text[a.end..b.start], "’ " | "' ")
        && a.cap
        && a.folded.ends_with('s')
        && b.cap
        && is_org_suffix(&b.folded)
}

/// End of an organisation name that coordinates two capitalised words or runs at token `j` of
/// the name begun at `i`: "the Food and Drug Administration", "the Rail and Transport Workers’
/// Union", "Department of Health and Human Services". Only when what follows "and" ends as an
/// organisation name does ("Veldora and Ostria" are two names), and only after "the" or inside an
/// "X of Y" name: "Kestrel Rail and Brightwater Freight" are two companies.
fn coordinated_org(text: &str, toks: &[Tok], i: usize, j: usize) -> Option<usize> {
    // ("The Rail …" at a sentence start is a run of its own, "the Rail …" is preceded by one.)
    let after_the =
        (i == j && i > 0 && toks[i - 1].folded == "the") || (j == i + 1 && toks[i].folded == "the");
    let of_name = j > i && is_org_head(&toks[i].folded);
    if !(after_the || of_name) {
        return None;
    }
    let and = toks.get(j + 1)?;
    if !(matches!(and.folded.as_str(), "and" | "&") && !and.cap && joinable(text, &toks[j], and)) {
        return None;
    }
    let mut m = j + 2;
    let first = toks.get(m)?;
    if !first.cap || !joinable(text, and, first) {
        return None;
    }
    while let Some(next) = toks.get(m + 1) {
        if toks[m].possessive
            || !continues_name(next)
            || !(joinable(text, &toks[m], next) || plural_possessive_org(text, &toks[m], next))
        {
            break;
        }
        m += 1;
    }
    is_org_suffix(&toks[m].folded).then_some(m)
}

/// Token indices that open a sentence (or a quotation, which capitalises the same way).
fn sentence_initial(
    text: &str,
    toks: &[Tok],
    sentences: &[std::ops::Range<usize>],
) -> FastSet<usize> {
    let mut out = FastSet::default();
    let mut s = 0;
    for (i, t) in toks.iter().enumerate() {
        while s < sentences.len() && sentences[s].end <= t.start {
            s += 1;
        }
        let prev_end = if i == 0 { 0 } else { toks[i - 1].end };
        let sent_start = sentences.get(s).map_or(0, |r| r.start);
        if prev_end <= sent_start || i == 0 {
            out.insert(i);
            continue;
        }
        let gap = &text[prev_end..t.start];
        if gap.contains(['“', '"', '‘', '«', '„', ':', '—', '(', '[', '•', '|'])
            || gap.contains("--")
        {
            out.insert(i);
        }
    }
    out
}

/// Paragraph ranges set in title case (headlines, captions): their capitals prove nothing.
fn heading_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    storyline_text::paragraphs(text)
        .into_iter()
        .filter(|p| {
            let para = &text[p.clone()];
            if para.ends_with(['.', '!', ':', ';', ',']) || para.len() > 200 {
                return false;
            }
            let words: Vec<_> = tokens(para)
                .filter(|t| t.text.chars().count() > 3)
                .collect();
            words.len() >= 2
                && words.iter().filter(|t| capitalised(t.text)).count() * 10 >= words.len() * 7
        })
        .collect()
}

/// Finds the entity mentions of `text` with their kinds (ids are assigned by linking).
pub(crate) fn find_mentions(text: &str, sentences: &[std::ops::Range<usize>]) -> Vec<RawMention> {
    let toks = word_tokens(text);
    let lower: FastSet<&str> = toks
        .iter()
        .filter(|t| !t.cap && !t.folded.is_empty())
        .map(|t| t.folded.as_str())
        .collect();
    let initial = sentence_initial(text, &toks, sentences);
    let headings = heading_ranges(text);
    let in_heading = |pos: usize| headings.iter().any(|r| r.contains(&pos));

    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let starts_prefix = matches!(toks[i].folded.as_str(), "al" | "el")
            && toks
                .get(i + 1)
                .is_some_and(|n| n.cap && &text[toks[i].end..n.start] == "-");
        if !(toks[i].cap || starts_prefix)
            || toks[i]
                .folded
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < toks.len() && !toks[j].possessive {
            let next = &toks[j + 1];
            if let Some(end) = coordinated_org(text, &toks, i, j) {
                j = end;
                continue;
            }
            if !joinable(text, &toks[j], next) && !plural_possessive_org(text, &toks[j], next) {
                break;
            }
            if continues_name(next) {
                j += 1;
                continue;
            }
            // Lower-case connectors ("van der", "de la") join only when a capitalised word follows.
            let org_so_far = toks[i..=j].iter().any(|t| is_org_head(&t.folded));
            // "Marta Lindholm of Kestrel" is a person and her employer, not one name.
            // "of"/"for" join only inside organisation and place names ("Bank of Lisk", "Gulf of
            // Vell"), never after what may be a person's name ("Søren Valk of Ostria").
            let head = &toks[j].folded;
            let org_join_ok = org_so_far
                || (j == i && (is_org_suffix(head) || is_place_suffix(head) || is_honorific(head)));
            let person_so_far = !org_join_ok;
            let mut k = j + 1;
            while k < toks.len()
                && k <= j + 3
                && ((is_connector(&toks[k].folded)
                    && !(person_so_far && is_org_connector(&toks[k].folded)))
                    || (toks[k].folded == "the" && org_so_far))
                && !toks[k].cap
                && joinable(text, &toks[k - 1], &toks[k])
            {
                k += 1;
            }
            let connects = k > j + 1
                && toks
                    .get(k)
                    .is_some_and(|after| after.cap && joinable(text, &toks[k - 1], after));
            if connects {
                j = k;
                continue;
            }
            break;
        }
        runs.push((i, j + 1));
        i = j + 1;
    }

    // Words seen capitalised away from a sentence start: the doc itself vouches they are names.
    // Not words capitalised for a longer name's sake: "Rail" in "Kestrel Rail Group" or "the
    // Rail and Transport Workers’ Union" proves nothing about "Rail unions warned …". A name's
    // last word does stand alone (a surname: "Chidi Okafor" → "Okafor supporters …").
    let mid_caps: FastSet<&str> = runs
        .iter()
        .map(|&(_, b)| b - 1)
        .filter(|&k| toks[k].cap && !initial.contains(&k) && !in_heading(toks[k].start))
        .map(|k| toks[k].folded.as_str())
        .collect();
    // Every capitalised word: "Veldoran" is an adjective when "Veldora" is named too.
    let caps: FastSet<&str> = toks
        .iter()
        .filter(|t| t.cap)
        .map(|t| t.folded.as_str())
        .collect();
    let mut out = Vec::new();
    let mut heading_runs = Vec::new();
    for (a, b) in runs {
        if in_heading(toks[a].start) {
            heading_runs.push((a, b));
            continue;
        }
        for (a, b) in split_run(&toks, a, b) {
            if b - a == 1 && demonym_of_named_place(&toks[a].folded, &caps) {
                continue;
            }
            if let Some(m) = shape_mention(text, &toks, a, b, &initial, &lower, &mid_caps) {
                out.push(m);
            }
        }
    }

    // Headline casing proves nothing: in a heading, keep only names the body also uses.
    let body: FastMap<String, (EntityKind, bool)> = out
        .iter()
        .map(|m| (fold(&text[m.start..m.end]), (m.kind, m.strong)))
        .collect();
    for (a, b) in heading_runs {
        let mut k = a;
        while k < b {
            let found = (k + 1..=b).rev().find_map(|e| {
                let end = toks[e - 1].end;
                body.get(&fold(&text[toks[k].start..end]))
                    .map(|kind| (e, end, *kind))
            });
            match found {
                Some((e, end, (kind, strong))) => {
                    out.push(RawMention {
                        start: toks[k].start,
                        end,
                        kind,
                        strong,
                    });
                    k = e;
                }
                None => k += 1,
            }
        }
    }
    out.sort_by_key(|m| (m.start, m.end));
    out
}

/// Nationality-adjective endings ("Ostrian", "Veldoran", "Calveran"): with no gazetteer entry,
/// the shape is the only clue that a capitalised word is an adjective.
fn demonym_shaped(folded: &str) -> bool {
    !is_first_name(folded)
        && ["ian", "ean", "ese", "ish", "an"]
            .iter()
            .any(|s| folded.ends_with(s))
        && folded.len() > 4
}

/// "Veldoran", "Kenyan", "Hungarian": the adjective of a place the document also names
/// ("Veldora", "Kenya", "Hungary"), so not a name of its own.
fn demonym_of_named_place(folded: &str, caps: &FastSet<&str>) -> bool {
    if folded.chars().count() < 5 || is_first_name(folded) {
        return false;
    }
    let n_stem = folded.strip_suffix('n').filter(|s| s.ends_with(['a', 'i']));
    let y_stem = folded
        .strip_suffix("ian")
        .map(|s| format!("{s}y"))
        .filter(|s| caps.contains(s.as_str()));
    n_stem.is_some_and(|s| caps.contains(s)) || y_stem.is_some()
}

/// Splits a capitalised run at words that cannot be inside a name (months, weekdays) and before
/// a title that follows another name ("NASA Administrator Charles Bolden").
fn split_run(toks: &[Tok], a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = a;
    for k in a..b {
        let f = toks[k].folded.as_str();
        let titled = |t: &Tok| {
            is_honorific(&t.folded) || is_title_modifier(&t.folded) || is_demonym(&t.folded)
        };
        if k > s && is_honorific(f) && !is_ambiguous_honorific(f) && k + 1 < b && toks[k + 1].cap {
            // Back over the title's modifiers ("Prime" in "Ostrian Prime Minister …").
            let mut j = k;
            while j > s && is_title_modifier(&toks[j - 1].folded) {
                j -= 1;
            }
            if j > s && !titled(&toks[j - 1]) {
                // A lone nationality adjective before the title ("Ostrian Prime Minister") is no name.
                if !(j - s == 1 && demonym_shaped(&toks[s].folded)) {
                    out.push((s, j));
                }
                s = j;
            }
        }
        let calendar = is_weekday_word(f) || is_month_word(f);
        // "Theresa May", "Julie August": a name-like month right after a first name stays.
        let name_month = matches!(f, "may" | "june" | "april" | "august")
            && k > s
            && is_first_name(&toks[k - 1].folded);
        if calendar && !name_month {
            if k > s {
                out.push((s, k));
            }
            s = k + 1;
        }
    }
    if b > s {
        out.push((s, b));
    }
    out
}

/// Turns a token run into a mention: trims non-name words and titles, then types it.
fn shape_mention(
    text: &str,
    toks: &[Tok],
    mut a: usize,
    mut b: usize,
    initial: &FastSet<usize>,
    lower: &FastSet<&str>,
    mid_caps: &FastSet<&str>,
) -> Option<RawMention> {
    // Leading words that are capitalised only by position or convention.
    while a < b {
        let f = toks[a].folded.as_str();
        let at_start = initial.contains(&a);
        let common = is_common_capitalised(f) && !is_honorific(f);
        // "Neighbouring Veldora pledged …": an "-ing" word capitalised only by its position.
        let participle = f.len() > 5 && f.ends_with("ing") && !mid_caps.contains(f);
        let positional = at_start
            && (is_stopword(f) || lower.contains(f) || is_speech_verb(f) || participle)
            && !is_first_name(f)
            && !is_honorific(f);
        // "Al-Qadiri", "el-Sayed": a hyphenated prefix belongs to the name.
        let prefix = text[toks[a].end..].starts_with('-') && a + 1 < b;
        if f == "the" || f == "i" || common || positional || (is_connector(f) && !prefix) {
            a += 1;
        } else {
            break;
        }
    }
    // Trailing connectors ("Bank of") and titles ("Museum of Flight CEO") never end a name.
    while b > a
        && (is_connector(&toks[b - 1].folded)
            || (b - a > 1
                && is_honorific(&toks[b - 1].folded)
                && !is_org_suffix(&toks[b - 1].folded)))
    {
        b -= 1;
    }
    if a >= b {
        return None;
    }

    // Titles: strip the leading run of titles and their modifiers, remember it as person evidence.
    let mut person_title = false;
    let mut k = a;
    let mut last_title = None;
    while k < b
        && (is_honorific(&toks[k].folded)
            || is_title_modifier(&toks[k].folded)
            || is_demonym(&toks[k].folded))
    {
        if is_honorific(&toks[k].folded) {
            last_title = Some(k);
        }
        k += 1;
    }
    if let Some(t) = last_title {
        let rest = b - (t + 1);
        let ambiguous = is_ambiguous_honorific(&toks[t].folded);
        let rest_ok = rest >= 1
            && toks[t + 1].cap
            && (!ambiguous
                || rest >= 2
                || is_first_name(&toks[t + 1].folded)
                || abbreviated(text, &toks[t]))
            && !is_org_suffix(&toks[b - 1].folded);
        if rest_ok {
            a = t + 1;
            person_title = true;
        } else if rest == 0 && !is_org_suffix(&toks[b - 1].folded) {
            // A bare title ("the Prime Minister") is a role, not a name.
            return None;
        }
    }
    if a >= b {
        return None;
    }

    let words: Vec<&str> = toks[a..b].iter().map(|t| t.folded.as_str()).collect();
    let single = b - a == 1;
    if single
        && (is_demonym(words[0]) || is_common_capitalised(words[0]) || words[0].chars().count() < 2)
    {
        return None;
    }
    // "Ostrian opposition leader": a nationality-shaped adjective before a lower-case noun.
    // Only the unmistakable endings here: "-an" surnames ("Sullivan says") are common.
    let next_word: String = text[toks[a].end..]
        .strip_prefix(' ')
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let next_is_noun = next_word.chars().next().is_some_and(|c| c.is_lowercase())
        && !is_speech_verb(&next_word)
        && !next_word.ends_with("ed")
        && (!next_word.ends_with('s') || next_word.ends_with("ss"));
    if single
        && next_is_noun
        && !is_first_name(words[0])
        && ["ian", "ean", "ese", "ish"]
            .iter()
            .any(|s| words[0].ends_with(s))
    {
        return None;
    }
    if single && initial.contains(&a) && !person_title {
        // A lone capitalised word opening a sentence is a name only if something else says so.
        let w = words[0];
        let next_word = text[toks[a].end..]
            .trim_start_matches(['\'', '’', 's'])
            .trim_start();
        let next_word: String = next_word
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_lowercase();
        let vouched = mid_caps.contains(w)
            || is_place_name(w)
            || is_first_name(w)
            || all_caps(&text[toks[a].start..toks[a].end])
            || (is_speech_verb(&next_word) && !is_weak_speech_verb(&next_word))
            // "Okafor arrived": a past-tense verb right after suggests a subject name; plural
            // nouns ("Rescuers arrived") are the usual false friend, hence the final-s test.
            || (next_word.len() > 4 && next_word.ends_with("ed") && !w.ends_with('s'));
        if lower.contains(w) || !vouched {
            return None;
        }
    }
    let start = toks[a].start;
    let mut end = toks[b - 1].end;
    // Dotted acronyms keep their final period ("U.S.").
    if toks[b - 1].folded.chars().count() == 1
        && b - a >= 2
        && text[end..].starts_with('.')
        && &text[toks[b - 2].end..toks[b - 1].start] == "."
    {
        end += 1;
    }
    let (mut kind, mut strong) = classify(text, toks, a, b, end, person_title, lower);
    // A dateline ("BRENMOOR, Veldora (BPA) —", "LISK —") opens a line with a place in capitals.
    // (`rsplit` always yields a first piece: the text since the last line break.)
    let line = text[..start].rsplit('\n').next().unwrap_or_default();
    let line_start = line.trim().is_empty();
    let after = text[end..].trim_start();
    let ends_dateline = |a: &str| a.starts_with(['—', '–', '(']) || a.starts_with("- ");
    if line_start && all_caps(&text[start..end]) && (after.starts_with(',') || ends_dateline(after))
    {
        kind = EntityKind::Place;
        strong = true;
    }
    // …and the country or region after its comma ("Veldora" in "BRENMOOR, Veldora (BPA) —").
    if let Some(city) = line.trim_end().strip_suffix(',') {
        let city = city.trim();
        if city.len() <= 40 && all_caps(city) && ends_dateline(after) {
            kind = EntityKind::Place;
            strong = true;
        }
    }
    Some(RawMention {
        start,
        end,
        kind,
        strong,
    })
}

fn abbreviated(text: &str, t: &Tok) -> bool {
    text[t.end..].starts_with('.')
}

const MULTI_PLACES: &[&str] = &[
    "united states",
    "united kingdom",
    "new york",
    "south africa",
    "saudi arabia",
    "north korea",
    "south korea",
    "new zealand",
    "sri lanka",
    "hong kong",
    "los angeles",
    "san francisco",
    "middle east",
    "latin america",
    "north america",
    "south america",
    "west bank",
    "east timor",
    "costa rica",
    "el salvador",
    "puerto rico",
    "ivory coast",
    "new delhi",
    "abu dhabi",
    "buenos aires",
    "rio de janeiro",
    "sao paulo",
    "kuala lumpur",
    "tel aviv",
    "mexico city",
    "south sudan",
    "central african republic",
    "czech republic",
    "dominican republic",
];

fn classify(
    text: &str,
    toks: &[Tok],
    a: usize,
    b: usize,
    end: usize,
    person_title: bool,
    lower: &FastSet<&str>,
) -> (EntityKind, bool) {
    let words: Vec<&str> = toks[a..b].iter().map(|t| t.folded.as_str()).collect();
    let last = words[words.len() - 1];
    let first = words[0];
    let joined = words.join(" ");
    let surface = &text[toks[a].start..end];
    if person_title {
        return (EntityKind::Person, true);
    }
    // Dateline: "LISK —", "PORT VALE, March 12 (Wire) —" opens a paragraph with the place.
    let para_start = text[..toks[a].start]
        .trim_end_matches([' ', '\t'])
        .is_empty()
        || text[..toks[a].start].ends_with('\n');
    if para_start
        && all_caps(surface)
        && [" —", " –", " -", ",", " ("]
            .iter()
            .any(|p| text[end..].starts_with(p))
    {
        return (EntityKind::Place, true);
    }
    let after = text[end..]
        .trim_start_matches(['\'', '’', 's', ' '])
        .trim_start();
    // "the Joint River Commission (JRC)": an acronym in parentheses marks an organisation — when
    // it can stand for the name ("CASTELMAR, Veldora (BPA) —" credits an agency after a place).
    let paren_acronym = text[end..]
        .strip_prefix(" (")
        .and_then(|r| r.split_once(')'))
        .is_some_and(|(inside, _)| {
            inside.len() <= 8
                && all_caps(inside)
                && fold(inside).chars().next() == fold(surface).chars().next()
        });
    if is_org_suffix(last)
        || (words.len() > 2 && is_org_head(first) && words.contains(&"of"))
        || paren_acronym
    {
        return (EntityKind::Organization, true);
    }
    let dotted = surface.contains('.') && is_place_name(&fold(surface));
    if MULTI_PLACES.contains(&joined.as_str())
        || (words.len() == 1 && is_place_name(first))
        || dotted
    {
        return (EntityKind::Place, true);
    }
    let place_prefix = matches!(
        first,
        "port" | "mount" | "lake" | "fort" | "saint" | "san" | "santa" | "cape" | "point" | "glen"
    );
    if words.len() > 1 && (is_place_suffix(last) || place_prefix) && !is_first_name(first) {
        return (EntityKind::Place, true);
    }
    if words.len() > 1 && is_first_name(first) && !words.iter().any(|w| is_org_connector(w)) {
        return (EntityKind::Person, true);
    }
    if words.len() == 1
        && all_caps(surface)
        && surface.chars().count() <= 6
        && !is_common_acronym_word(first)
    {
        return (EntityKind::Organization, false);
    }
    let next_word: String = after
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    if words.len() > 1
        && is_speech_verb(&next_word)
        && !is_weak_speech_verb(&next_word)
        && !words.iter().any(|w| is_org_connector(w))
    {
        return (EntityKind::Person, true);
    }
    if words.len() == 1
        && is_speech_verb(&next_word)
        && !is_weak_speech_verb(&next_word)
        && !all_caps(surface)
    {
        // "Okafor said": a person or a company, only linking to a fuller name can tell.
        return (EntityKind::Other, false);
    }
    if words.len() > 1 && words.iter().all(|w| is_place_name(w)) {
        return (EntityKind::Place, true);
    }
    // "the villages of Tarn Hollow and Velsk", "the town of Mirow": named as a place (also the
    // name after "and" in such a pair).
    let mut back = text[..toks[a].start]
        .trim_end()
        .rsplit(char::is_whitespace)
        .peekable();
    if back.next_if_eq(&"and").is_some() {
        while back
            .next_if(|w| w.starts_with(char::is_uppercase))
            .is_some()
        {}
    }
    if back.next() == Some("of")
        && back
            .next()
            .is_some_and(|w| is_settlement_noun(&w.to_lowercase()))
    {
        return (EntityKind::Place, true);
    }
    // "in Lisk", "near Port Vale": a location preposition is weak place evidence — of the name
    // itself, not of an owner ("in Scott's district" places the district).
    let before = text[..toks[a].start].trim_end();
    let before = before.strip_suffix("the").unwrap_or(before).trim_end();
    let prep = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    if matches!(
        prep,
        "in" | "near" | "outside" | "across" | "towards" | "toward"
    ) && !toks[b - 1].possessive
    {
        return (EntityKind::Place, false);
    }

    // Named agreements, events and laws are neither people nor places.
    if words.len() > 1 && is_event_suffix(last) {
        return (EntityKind::Other, true);
    }
    // Two or three plain capitalised words with no organisation or place marker: in news text
    // that is most often a person's name ("Andy Warhol"); weak evidence, linking may overrule.
    let plain = |t: &Tok| {
        let w = &text[t.start..t.end];
        w.chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
            && !all_caps(w)
            && w.chars().count() > 1
    };
    // A word the document also uses in lower case ("the shuttle") is a common noun, not a name.
    // Plurals count too: "Presidential Debates" when the text says "debate".
    let common = |w: &&str| {
        (lower.contains(*w)
            || w.strip_suffix('s')
                .is_some_and(|stem| stem.len() > 2 && lower.contains(stem)))
            && !is_first_name(w)
    };
    if (2..=3).contains(&words.len())
        && toks[a..b].iter().all(plain)
        && !words
            .iter()
            .any(|w| is_connector(w) || is_place_name(w) || is_demonym(w) || common(w))
    {
        return (EntityKind::Person, false);
    }
    (EntityKind::Other, false)
}

/// Skeleton of a name word that survives transliteration differences: first letter, consonants
/// after normalising common spelling variants, and a final vowel (which often marks gender).
pub(crate) fn phonetic(word: &str) -> String {
    let f = fold(word);
    let f = f.trim_start_matches("al-").trim_start_matches("el-");
    let mut s = f
        .replace("tsch", "x")
        .replace("sch", "x")
        .replace("tch", "x")
        .replace("ch", "x")
        .replace("sh", "x");
    s = s
        .replace("ph", "f")
        .replace("ck", "k")
        .replace("kh", "k")
        .replace("ks", "x")
        .replace('q', "k")
        .replace('w', "v");
    let chars: Vec<char> = s
        .chars()
        .filter(|c| c.is_alphanumeric())
        .map(|c| match c {
            'y' | 'j' => 'i',
            'c' => 'k',
            _ => c,
        })
        .collect();
    let Some(&first) = chars.first() else {
        return String::new();
    };
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u');
    let mut out = String::new();
    out.push(first);
    let mut prev = first;
    for &c in &chars[1..] {
        if !is_vowel(c) && c != 'h' && c != prev {
            out.push(c);
        }
        prev = c;
    }
    if let Some(&last) = chars.last() {
        if chars.len() > 1 && is_vowel(last) {
            out.push(if last == 'o' || last == 'u' {
                'o'
            } else if last == 'a' {
                'a'
            } else {
                'i'
            });
        }
    }
    out
}

/// Words of a name that identify it, dropping articles and transliteration prefixes.
pub(crate) fn name_words(name: &str) -> Vec<String> {
    tokens(name)
        .map(|t| fold(t.text))
        .filter(|w| !matches!(w.as_str(), "the" | "al" | "el" | "jr" | "sr" | "ii" | "iii"))
        .collect()
}

fn name_key(name: &str) -> String {
    name_words(name)
        .iter()
        .map(|w| phonetic(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Stable entity id derived from a canonical name.
pub(crate) fn entity_id(name: &str) -> String {
    let mut slug = String::from("e:");
    let mut dash = false;
    for c in fold(name).chars() {
        if c.is_alphanumeric() {
            slug.push(c);
            dash = false;
        } else if !dash && slug.len() > 2 {
            slug.push('-');
            dash = true;
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// A mention as linking sees it: its surface name, kind and whether the kind is certain.
#[derive(Debug, Clone)]
pub(crate) struct LinkItem {
    pub name: String,
    pub kind: EntityKind,
    pub strong: bool,
    /// Acronym expansion found next to it in its own document.
    pub expansion: Option<String>,
}

/// Result of linking: per item, the canonical name and the kind of its entity.
pub(crate) struct Linked {
    pub canonical: Vec<String>,
    pub kind: Vec<EntityKind>,
}

fn initials(name: &str) -> String {
    tokens(name)
        .filter(|t| capitalised(t.text) && !is_connector(&fold(t.text)))
        .filter_map(|t| t.text.chars().next())
        .collect()
}

/// Links short forms to full names: surnames to the one full person name carrying them, acronyms
/// to their expansion, transliteration variants to each other.
///
/// When a surname fits several full names the short form stays its own entity: merging two
/// people would put one's words in the other's mouth, which is worse than a missed alias.
pub(crate) fn link(items: &[LinkItem]) -> Linked {
    // Full person names, keyed by the skeleton of their last word.
    let mut by_surname: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // First words of full person names: a lone given name is someone's, not a company's.
    let mut given_names: BTreeSet<String> = BTreeSet::new();
    let mut multi_names: BTreeMap<String, String> = BTreeMap::new();
    // Distinct surface forms and kinds, in order of first mention: an event repeats its names
    // many times, and what follows depends only on the form and kind.
    let mut seen: FastSet<(&str, EntityKind)> = FastSet::default();
    let distinct: Vec<&LinkItem> = items
        .iter()
        .filter(|it| seen.insert((it.name.as_str(), it.kind)))
        .collect();
    for it in &distinct {
        let words = name_words(&it.name);
        if words.len() >= 2 {
            let key = name_key(&it.name);
            multi_names
                .entry(key.clone())
                .or_insert_with(|| it.name.clone());
            if it.kind == EntityKind::Person {
                given_names.insert(phonetic(&words[0]));
            }
            if matches!(it.kind, EntityKind::Person | EntityKind::Other) {
                let entry = by_surname
                    .entry(phonetic(&words[words.len() - 1]))
                    .or_default();
                if !entry.contains(&key) {
                    entry.push(key);
                }
            }
        }
    }
    // Organisation acronyms: explicit expansions first, then unique initials of long names.
    let mut acronyms: BTreeMap<String, Option<String>> = BTreeMap::new();
    for it in items {
        if let Some(exp) = &it.expansion {
            acronyms.insert(it.name.clone(), Some(exp.clone()));
        }
    }
    let explicit: FastSet<&str> = items
        .iter()
        .filter_map(|x| x.expansion.as_deref())
        .collect();
    for it in &distinct {
        if it.kind == EntityKind::Organization && it.name.contains(' ') {
            let ini = initials(&it.name);
            if ini.chars().count() >= 2 {
                match acronyms.get(&ini) {
                    None => {
                        acronyms.insert(ini, Some(it.name.clone()));
                    }
                    Some(Some(other))
                        if name_key(other) != name_key(&it.name)
                            && !explicit.contains(other.as_str()) =>
                    {
                        acronyms.insert(ini, None);
                    }
                    _ => {}
                }
            }
        }
    }

    // Distinct multi-word organisation names, for short forms that head or end one of them.
    let org_names: BTreeSet<String> = distinct
        .iter()
        .filter(|it| it.kind == EntityKind::Organization && it.name.contains(' '))
        .map(|it| it.name.clone())
        .collect();
    // Canonical key per item (keys are cached: batches repeat the same names many times).
    let mut key_cache: FastMap<String, String> = FastMap::default();
    let mut cached_key = |name: &str| -> String {
        if let Some(k) = key_cache.get(name) {
            return k.clone();
        }
        let k = name_key(name);
        key_cache.insert(name.to_string(), k.clone());
        k
    };
    // Each distinct surface form and kind resolves once: an event repeats its names many times.
    let org_words: Vec<(&String, Vec<String>)> =
        org_names.iter().map(|n| (n, name_words(n))).collect();
    let resolve = |it: &LinkItem| -> String {
        let words = if it.name.contains(' ') {
            Vec::new()
        } else {
            name_words(&it.name)
        };
        // The sound of a one-word name's first word, looked up as a surname and a given name.
        let first_key = words.first().map(|w| phonetic(w));
        let mut target = it.name.clone();
        if let Some(Some(exp)) = acronyms.get(it.name.trim_end_matches('.')) {
            if all_caps(&it.name) {
                target = exp.clone();
            }
        }
        if words.len() == 1 && target == it.name && it.kind != EntityKind::Place {
            if let Some(cands) = first_key.as_ref().and_then(|k| by_surname.get(k)) {
                if cands.len() == 1 {
                    if let Some(full) = multi_names.get(&cands[0]) {
                        // Capitals spell an acronym, not a variant of a surname that merely
                        // sounds alike ("CNN" is not "Colbert-Kean"): only the surname itself.
                        let spelled = !all_caps(&it.name)
                            || name_words(full).last().is_some_and(|w| *w == words[0]);
                        if spelled {
                            target = full.clone();
                        }
                    }
                }
            }
        }
        let org = it.kind == EntityKind::Organization;
        // (A surname several people share is no company's short form: "Trump" is not the
        // "Trump Foundation"; nor is a person's given name: "Alex" of "Alex Lowe" is not the
        // "Alex Lowe Charitable Foundation".)
        let unsure = it.kind == EntityKind::Other
            && !first_key
                .as_ref()
                .is_some_and(|k| by_surname.contains_key(k) || given_names.contains(k));
        if target == it.name && (org || unsure) {
            // "the Church" / "the Home Office" for the one longer organisation name it heads or
            // ends ("Church of Scientology", "United Kingdom Home Office"); a word of unsure kind
            // only for the name it heads ("Kestrel" for "Kestrel Rail Group").
            let short = name_words(&it.name);
            // (Not the object of an "of": "Eastgate Library" is not the "Friends of Eastgate
            // Library".)
            let mut longer = org_words.iter().filter(|(_, lw)| {
                let tail_of = |n: usize| lw.len() > n && is_connector(&lw[lw.len() - n - 1]);
                lw.len() > short.len()
                    && ((org && lw.ends_with(&short) && !tail_of(short.len()))
                        || (short.len() == 1 && lw.first() == short.first()))
            });
            if let (Some((long, _)), None) = (longer.next(), longer.next()) {
                target = (*long).clone();
            }
        }
        target
    };
    let mut resolved: FastMap<(&str, EntityKind), String> = FastMap::default();
    let mut keys = Vec::with_capacity(items.len());
    for it in items {
        let k = (it.name.as_str(), it.kind);
        let key = match resolved.get(&k) {
            Some(key) => key.clone(),
            None => {
                let key = cached_key(&resolve(it));
                resolved.insert(k, key.clone());
                key
            }
        };
        keys.push(key);
    }

    // Display name per key: the fullest form, then the most frequent, then the first in order.
    let mut forms: BTreeMap<&str, BTreeMap<&str, (usize, usize)>> = BTreeMap::new();
    for (idx, (it, key)) in items.iter().zip(&keys).enumerate() {
        let e = forms
            .entry(key.as_str())
            .or_default()
            .entry(it.name.as_str())
            .or_insert((0, idx));
        e.0 += 1;
    }
    let mut display: FastMap<&str, String> = FastMap::default();
    for (key, fs) in &forms {
        let best = fs
            .iter()
            .max_by(|x, y| {
                let wx = x.0.split_whitespace().count();
                let wy = y.0.split_whitespace().count();
                wx.cmp(&wy)
                    .then(x.1 .0.cmp(&y.1 .0))
                    .then(y.1 .1.cmp(&x.1 .1))
            })
            .map(|(n, _)| n.to_string())
            .unwrap_or_default();
        display.insert(key, best);
    }
    // Kind per key: strong evidence votes; a default kind only counts when nothing else does.
    let mut votes: FastMap<&str, [usize; 8]> = FastMap::default();
    for (it, key) in items.iter().zip(&keys) {
        let v = votes.entry(key.as_str()).or_insert([0; 8]);
        let slot = kind_index(it.kind) + if it.strong { 0 } else { 4 };
        v[slot] += 1;
    }
    let mut canonical = Vec::with_capacity(items.len());
    let mut kinds = Vec::with_capacity(items.len());
    for (it, key) in items.iter().zip(&keys) {
        canonical.push(
            display
                .get(key.as_str())
                .cloned()
                .unwrap_or_else(|| it.name.clone()),
        );
        let v = votes.get(key.as_str()).copied().unwrap_or([0; 8]);
        kinds.push(vote_kind(&v, it.kind));
    }
    Linked {
        canonical,
        kind: kinds,
    }
}

fn kind_index(k: EntityKind) -> usize {
    match k {
        EntityKind::Person => 0,
        EntityKind::Organization => 1,
        EntityKind::Place => 2,
        EntityKind::Other => 3,
    }
}

const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Organization,
    EntityKind::Place,
    EntityKind::Other,
];

fn vote_kind(v: &[usize; 8], own: EntityKind) -> EntityKind {
    let pick = |range: std::ops::Range<usize>| {
        let mut best: Option<(usize, usize)> = None;
        for i in range {
            let k = i % 4;
            if k == 3 || v[i] == 0 {
                continue;
            }
            if !matches!(best, Some((_, n)) if v[i] <= n) {
                best = Some((k, v[i]));
            }
        }
        best.map(|(k, _)| KINDS[k])
    };
    pick(0..4).or_else(|| pick(4..8)).unwrap_or(own)
}

/// Acronym expansion written next to a mention: "Joint River Commission (JRC)" gives JRC its
/// long form, and "JRC (Joint River Commission)" works the other way round.
fn expansions(text: &str, raw: &[RawMention]) -> FastMap<String, String> {
    let mut out = FastMap::default();
    for (i, m) in raw.iter().enumerate() {
        let Some(next) = raw.get(i + 1) else { continue };
        let gap = &text[m.end..next.start];
        if gap.trim() != "(" || !text[next.end..].starts_with(')') {
            continue;
        }
        let (a, b) = (&text[m.start..m.end], &text[next.start..next.end]);
        let (long, short) = if all_caps(b) {
            (a, b)
        } else if all_caps(a) {
            (b, a)
        } else {
            continue;
        };
        let ini = initials(long);
        let first = fold(&ini).chars().next();
        if ini.chars().count() >= 2
            && first.is_some_and(|c| fold(short).replace('.', "").starts_with(c))
        {
            out.insert(short.to_string(), long.to_string());
        }
    }
    out
}

/// Analyses the entities of one document, with ids from document-level linking.
pub(crate) fn analyze_entities(
    text: &str,
    sentences: &[std::ops::Range<usize>],
) -> Vec<EntityMention> {
    let raw = find_mentions(text, sentences);
    let exp = expansions(text, &raw);
    let items: Vec<LinkItem> = raw
        .iter()
        .map(|m| {
            let name = text[m.start..m.end].to_string();
            LinkItem {
                expansion: exp.get(&name).cloned(),
                name,
                kind: m.kind,
                strong: m.strong,
            }
        })
        .collect();
    let linked = link(&items);
    let mut out: Vec<EntityMention> = raw
        .iter()
        .zip(items)
        .zip(linked.canonical.iter().zip(&linked.kind))
        .map(|((m, it), (canon, kind))| EntityMention {
            start: m.start,
            end: m.end,
            text: it.name,
            kind: *kind,
            entity: entity_id(canon),
        })
        .collect();
    acting_places_are_organisations(text, &mut out);
    out
}

/// A country that acts — "North Korea fired", "Sweden defeated Panama 1 – 0" — stands for its
/// government or its team: an organisation, in every mention of the story (the convention of
/// GUM and ACE; CoNLL keeps such names as places). One act among many locative mentions is not
/// enough: at least a third of the mentions must act.
fn acting_places_are_organisations(text: &str, mentions: &mut [EntityMention]) {
    let mut votes: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for m in mentions.iter().filter(|m| m.kind == EntityKind::Place) {
        let v = votes.entry(m.entity.as_str()).or_default();
        v.0 += 1;
        if acts(text, m.start, m.end) {
            v.1 += 1;
        }
    }
    let acting: Vec<String> = votes
        .into_iter()
        .filter(|(_, (n, a))| *a >= 1 && 3 * a >= *n)
        .map(|(e, _)| e.to_string())
        .collect();
    for m in mentions.iter_mut() {
        if m.kind == EntityKind::Place && acting.contains(&m.entity) {
            m.kind = EntityKind::Organization;
        }
    }
}

/// Whether the place named at `start..end` is the subject of a finite verb or a side of a score.
fn acts(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end();
    let prev: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .chars()
        .rev()
        .collect::<String>()
        .to_lowercase();
    // "in Sweden", "across the U.S.": a locative phrase.
    if matches!(
        prev.as_str(),
        "in" | "at"
            | "from"
            | "to"
            | "into"
            | "across"
            | "throughout"
            | "near"
            | "of"
            | "the"
            | "on"
    ) {
        return false;
    }
    let after = &text[end..];
    // "Sweden 1 – 0 Korea Republic", "defeated Panama 3 – 0": a side of a match score.
    static SCORE: OnceLock<Vec<Regex>> = OnceLock::new();
    let score = SCORE.get_or_init(|| {
        [
            r"^\s*\d{1,2}\s*[–-]\s*\d{1,2}\b",
            r"\b\d{1,2}\s*[–-]\s*\d{1,2}\s*$",
        ]
        .iter()
        .filter_map(|s| Regex::new(s).ok())
        .collect()
    });
    if score.first().is_some_and(|r| r.is_match(after))
        || score.get(1).is_some_and(|r| r.is_match(before))
    {
        return true;
    }
    let mut words = after
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    let Some(mut verb) = words.next() else {
        return false;
    };
    if !after.trim_start().starts_with(verb) {
        return false;
    }
    // "South Korea had recently started", "Sweden also beat": an adverb may come first.
    if verb.len() > 4 && verb.ends_with("ly") {
        verb = words.next().unwrap_or("");
    }
    verb.starts_with(char::is_lowercase)
        && (matches!(
            verb,
            "has"
                | "had"
                | "says"
                | "said"
                | "won"
                | "lost"
                | "beat"
                | "drew"
                | "made"
                | "took"
                | "sent"
                | "began"
                | "led"
                | "threatened"
                | "warned"
                | "wants"
                | "will"
        ) || (verb.len() > 4 && verb.ends_with("ed") && verb != "based"))
}

/// Link items for an analysed document, recovering acronym expansions from its text.
pub(crate) fn items_of(text: &str, mentions: &[EntityMention]) -> Vec<LinkItem> {
    let raw: Vec<RawMention> = mentions
        .iter()
        .map(|m| RawMention {
            start: m.start,
            end: m.end,
            kind: m.kind,
            strong: m.kind != EntityKind::Other,
        })
        .collect();
    let valid = raw.iter().all(|m| text.get(m.start..m.end).is_some());
    let exp = if valid {
        expansions(text, &raw)
    } else {
        FastMap::default()
    };
    mentions
        .iter()
        .map(|m| LinkItem {
            expansion: exp.get(&m.text).cloned(),
            name: m.text.clone(),
            kind: m.kind,
            strong: m.kind != EntityKind::Other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn ents(text: &str) -> Vec<(String, EntityKind, String)> {
        let sents = storyline_text::sentences(text);
        analyze_entities(text, &sents)
            .into_iter()
            .map(|m| (m.text, m.kind, m.entity))
            .collect()
    }

    fn names(text: &str) -> Vec<String> {
        ents(text).into_iter().map(|e| e.0).collect()
    }

    #[test]
    fn titles_are_stripped_and_make_persons() {
        let e = ents("Foreign Minister Chidi Okafor met President Lina Haddad in Port Vale.");
        assert_eq!(e[0].0, "Chidi Okafor");
        assert_eq!(e[0].1, EntityKind::Person);
        assert_eq!(e[1].0, "Lina Haddad");
        assert_eq!(
            e[2],
            (
                "Port Vale".to_string(),
                EntityKind::Place,
                "e:port-vale".to_string()
            )
        );
    }

    #[test]
    fn sentence_initial_the_and_common_words_are_not_names() {
        assert_eq!(
            names("The Joint River Commission met. Officials said the talks failed."),
            ["Joint River Commission"]
        );
        assert_eq!(
            names("Despite rain, Ana Ruiz spoke. However the crowd left."),
            ["Ana Ruiz"]
        );
    }

    #[test]
    fn adjectives_of_named_places_are_not_entities() {
        assert_eq!(
            names("Torvany closed the border. Torvanyn officials blamed Marelia, and Marelian farmers protested."),
            ["Torvany", "Marelia"]
        );
        // Without the place in the text, an "-n" word may be a surname: it stays.
        assert_eq!(names("Halloran said the vote was fair."), ["Halloran"]);
    }

    #[test]
    fn datelines_are_places_and_sentence_initial_participles_are_not_names() {
        let e = ents("GREVASK, Torvany (Northwire) — Rescue teams reached the valley.");
        assert_eq!(e[0].0, "GREVASK");
        assert_eq!(e[0].1, EntityKind::Place);
        assert_eq!(
            names("Aid came from Marelia. Neighbouring Torvany sent two helicopters."),
            ["Marelia", "Torvany"]
        );
    }

    #[test]
    fn countries_that_act_are_organisations() {
        // A government that acts in most of its mentions: every mention is the organisation.
        let e = ents("Marelia fired shells across the border on Monday. Later Marelia warned it would respond again, and troops in Marelia were put on alert.");
        assert!(e.iter().all(|x| x.1 == EntityKind::Organization), "{e:?}");
        // Teams named by their country in a score line.
        let e = ents("In the opening match, Brazil beat Canada 2 – 1 in front of a full stadium.");
        assert_eq!(
            e.iter().find(|x| x.0 == "Canada").unwrap().1,
            EntityKind::Organization
        );
        // A country that is only where things happen stays a place.
        let e = ents("Floods hit Canada on Monday. Rescuers in Canada reached the valley.");
        assert!(e.iter().all(|x| x.1 == EntityKind::Place), "{e:?}");
    }

    #[test]
    fn months_weekdays_and_may_as_name() {
        assert_eq!(
            names("On Thursday, 12 March, the Lisk Council met in May."),
            ["Lisk Council"]
        );
        let e = ents("Prime Minister Theresa May spoke. May said she was tired.");
        assert_eq!(e[0].0, "Theresa May");
        assert_eq!(e[0].1, EntityKind::Person);
    }

    #[test]
    fn surname_and_title_forms_link_to_full_name() {
        let e = ents("Chidi Okafor arrived on Monday. Minister Okafor said talks would resume. Okafor's aides agreed.");
        assert!(e.iter().all(|x| x.2 == "e:chidi-okafor"), "{e:?}");
        assert_eq!(e.len(), 3);
        assert!(e.iter().all(|x| x.1 == EntityKind::Person));
    }

    #[test]
    fn shared_surname_stays_ambiguous() {
        let e = ents("Maria Rossi and Paolo Rossi disagreed. Rossi said the plan was bad.");
        let ids: Vec<&str> = e.iter().map(|x| x.2.as_str()).collect();
        assert_eq!(ids, ["e:maria-rossi", "e:paolo-rossi", "e:rossi"]);
    }

    #[test]
    fn acronyms_link_to_expansion() {
        let e =
            ents("The Joint River Commission (JRC) met in Lisk. Later the JRC issued a statement.");
        let jrc: Vec<_> = e.iter().filter(|x| x.0 == "JRC").collect();
        assert_eq!(jrc.len(), 2);
        assert!(jrc
            .iter()
            .all(|x| x.2 == "e:joint-river-commission" && x.1 == EntityKind::Organization));
    }

    #[test]
    fn an_acronym_is_no_variant_of_a_surname_that_sounds_alike() {
        let e = ents(
            "Mayor Melodee Colbert-Kean spoke in Joplin. She said on CNN's morning show that help came. \
             Mayor Tomas Ree visited Lisk. REE said the dam held.",
        );
        let id = |name: &str| e.iter().find(|x| x.0 == name).map(|x| x.2.clone());
        assert_ne!(id("CNN"), id("Melodee Colbert-Kean"), "{e:?}");
        // A surname in capitals is still its bearer.
        assert_eq!(id("REE"), id("Tomas Ree"), "{e:?}");
    }

    #[test]
    fn short_organisation_forms_link_to_the_one_long_form() {
        let e = ents("The Church of Lisk Reform opened a school. The Church said fees would fall.");
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].2, e[1].2);
    }

    #[test]
    fn transliteration_variants_merge() {
        let a = phonetic("Mohammed");
        assert_eq!(a, phonetic("Muhammad"));
        assert_eq!(a, phonetic("Mohamed"));
        assert_eq!(phonetic("Volodymyr"), phonetic("Vladimir"));
        assert_eq!(phonetic("Wladimir"), phonetic("Vladimir"));
        assert_eq!(phonetic("Tchenko"), phonetic("Chenko"));
        assert_ne!(phonetic("Maria"), phonetic("Mario"));
        let e = ents("Mohammed al-Rashid spoke first. Later Muhammad al-Rashid left.");
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].2, e[1].2);
    }

    #[test]
    fn arabic_prefix_stays_in_the_name() {
        let e = ents("Mohammed Al-Qadiri spoke. Al-Qadiri said the road was open.");
        assert_eq!(
            e.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["Mohammed Al-Qadiri", "Al-Qadiri"]
        );
        assert_eq!(e[0].2, e[1].2);
    }

    #[test]
    fn organisations_places_and_connectors() {
        let e = ents("He works for the Bank of Lisk and the Ministry of Water in Port Vale City.");
        assert_eq!(
            e[0],
            (
                "Bank of Lisk".into(),
                EntityKind::Organization,
                "e:bank-of-lisk".into()
            )
        );
        assert_eq!(e[1].0, "Ministry of Water");
        assert_eq!(e[2].1, EntityKind::Place);
        let e = ents("Osama bin Zayed and Pieter van der Berg met Ana de la Cruz.");
        assert_eq!(
            names("Osama bin Zayed and Pieter van der Berg met Ana de la Cruz."),
            ["Osama bin Zayed", "Pieter van der Berg", "Ana de la Cruz"]
        );
        assert_eq!(e[1].1, EntityKind::Person);
    }

    #[test]
    fn person_of_place_is_two_entities() {
        assert_eq!(
            names("Talks between Søren Valk of Ostria and the Bank of Lisk resumed."),
            ["Søren Valk", "Ostria", "Bank of Lisk"]
        );
    }

    #[test]
    fn unknown_nationality_adjective_before_title_is_dropped() {
        let e = ents("“We will not wait,” said Ostrian Prime Minister Søren Valk.");
        assert_eq!(
            e.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["Søren Valk"]
        );
        assert_eq!(
            names("Ostrian officials and the Lisk Treaty."),
            ["Lisk Treaty"]
        );
        assert_eq!(ents("The Lisk Treaty was signed.")[0].1, EntityKind::Other);
    }

    #[test]
    fn plain_two_word_names_default_to_person_unless_common_nouns() {
        assert_eq!(
            ents("Yesterday Tavi Brennock spoke in Lisk.")[0].1,
            EntityKind::Person
        );
        // "shuttle" also appears in lower case: "Space Shuttle" is not a person.
        let e = ents("The shuttle flew. Crowds watched Space Shuttle Vega land.");
        assert!(e.iter().all(|x| x.1 != EntityKind::Person), "{e:?}");
    }

    #[test]
    fn headline_casing_needs_support_in_body() {
        let t = "Floods Hit Lisk As Talks Stall\n\nHeavy rain hit Lisk on Monday.";
        assert_eq!(names(t), ["Lisk", "Lisk"]);
    }

    #[test]
    fn possessive_is_not_part_of_the_name() {
        assert_eq!(names("It was Ana Ruiz's plan."), ["Ana Ruiz"]);
    }

    #[test]
    fn and_joins_an_organisation_name_only_when_the_whole_is_one() {
        assert_eq!(
            names("Darius Penn of the Rail and Transport Workers’ Union spoke. The Food and Drug Administration agreed, as did the Department of Health and Human Services."),
            [
                "Darius Penn",
                "Rail and Transport Workers’ Union",
                "Food and Drug Administration",
                "Department of Health and Human Services"
            ]
        );
        // Two governments, two companies.
        assert_eq!(
            names("Officials said Veldora and Ostria agreed, and Kestrel Rail and Brightwater Freight signed."),
            ["Veldora", "Ostria", "Kestrel Rail", "Brightwater Freight"]
        );
    }

    #[test]
    fn an_agency_credit_in_a_dateline_makes_no_organisation_of_the_place() {
        let e = ents("PORT VALE, Veldora (BPA) — The senate passed the budget on Tuesday.");
        assert_eq!(e[1].0, "Veldora");
        assert_eq!(e[1].1, EntityKind::Place, "{e:?}");
        let e = ents("The Joint River Commission (JRC) met on Monday.");
        assert_eq!(e[0].1, EntityKind::Organization);
    }

    #[test]
    fn friends_of_a_place_are_an_organisation_but_not_the_place() {
        let e = ents("The Friends of Eastgate Library collected 3,400 signatures. Eastgate Library will stay open.");
        let ids: Vec<(&str, &str)> = e.iter().map(|x| (x.0.as_str(), x.2.as_str())).collect();
        assert_eq!(
            ids,
            [
                (
                    "Friends of Eastgate Library",
                    "e:friends-of-eastgate-library"
                ),
                ("Eastgate Library", "e:eastgate-library")
            ]
        );
    }

    #[test]
    fn a_name_the_text_calls_a_village_or_town_is_a_place() {
        let e = ents("The river flooded the villages of Tarn Hollow and Velsk on Monday.");
        assert_eq!(
            e[0],
            (
                "Tarn Hollow".into(),
                EntityKind::Place,
                "e:tarn-hollow".into()
            )
        );
        let e = ents("Rescuers reached the town of Mirow at dawn.");
        assert_eq!(e[0].1, EntityKind::Place, "{e:?}");
    }

    #[test]
    fn an_owner_after_in_is_no_place() {
        let e = ents("Voters in Halloran's district cheered on Monday.");
        assert_eq!(e[0].0, "Halloran");
        assert_ne!(e[0].1, EntityKind::Place, "{e:?}");
        let e = ents("Voters in Halloran cheered on Monday.");
        assert_eq!(e[0].1, EntityKind::Place, "{e:?}");
    }

    #[test]
    fn a_word_capitalised_inside_a_longer_name_does_not_vouch_for_itself() {
        // "Rail" is capitalised only as part of "Kestrel Rail Group": "Rail unions" is no name.
        assert_eq!(
            names("Rail unions warned that jobs could go. The takeover by Kestrel Rail Group was approved."),
            ["Kestrel Rail Group"]
        );
        // A surname stands alone: "Okafor supporters" opens with a name.
        assert_eq!(
            names("Minister Chidi Okafor toured Lisk. Okafor supporters cheered him."),
            ["Chidi Okafor", "Lisk", "Okafor"]
        );
    }

    #[test]
    fn a_company_short_form_joins_the_name_it_heads_but_a_shared_surname_does_not() {
        let e = ents("Kestrel Rail Group agreed to buy Brightwater Freight. Shareholders of Kestrel backed the bid.");
        let kestrel: Vec<&str> = e
            .iter()
            .filter(|x| x.0.starts_with("Kestrel"))
            .map(|x| x.2.as_str())
            .collect();
        assert_eq!(
            kestrel,
            ["e:kestrel-rail-group", "e:kestrel-rail-group"],
            "{e:?}"
        );
        let e = ents("Donald Trump spoke, and Melania Trump waved. Aides to Trump said the Trump Foundation paid.");
        let lone = e.iter().find(|x| x.0 == "Trump").map(|x| x.2.as_str());
        assert_eq!(lone, Some("e:trump"), "{e:?}");
        // Nor does a given name join the foundation named after its bearer.
        let e = ents("In 1999 the climber Alex Lowe died on the mountain. The Alex Lowe Charitable Foundation funds the school. \
                      \"We didn't realize this could be Alex and David,\" she said.");
        let lone = e.iter().find(|x| x.0 == "Alex").map(|x| x.2.as_str());
        assert_ne!(lone, Some("e:alex-lowe-charitable-foundation"), "{e:?}");
    }
}
