//! Photo captions and media-player chrome printed inside article text. Summaries must never
//! choose them and a timeline must not list them: a caption describes a picture, not the event.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};

use crate::tokens;

/// Phrases of photo captions and media-player chrome as news sites print them inside the text:
/// "In this May 3, 2015, photo, …", "… this photo released by the coast guard shows.", "(AP
/// Photo/…)", "Buy Photo", "Hide Caption 6 of 132", "Skip in Skip x Embed x Share".
const CAPTION_MARKS: &[&str] = &[
    "file photo",
    "handout photo",
    "photo released by",
    "photo provided by",
    "photo taken by",
    "photo made available by",
    "image released by",
    "image provided by",
    "file image",
    "ap photo",
    "reuters photo",
    "buy photo",
    "image caption",
    "media caption",
    "hide caption",
    "skip in skip",
    "embed x share",
    "pic.twitter.com",
];

/// Words that make "In this …" the opening of a caption when they come within its first
/// [`CAPTION_HEAD`] characters (a caption's date comes first: "In this Saturday, July 1, 2017,
/// photo, …").
const CAPTION_NOUNS: &[&str] = &["photo", "image", "picture", "photograph"];
const CAPTION_HEAD: usize = 60;

/// Whether a sentence is a photo caption or player chrome (see [`CAPTION_MARKS`]), ends the
/// way wire captions do, with the weekday and full date of the picture ("…, at Potter's Field
/// Park in London, Monday, June 5, 2017."), or is the text of an embedded social-media post,
/// signed with its handle and date ("… — Kim Riley (@kimriley) February 16, 2017"). Case does
/// not matter. This runs on every sentence of every summary and every dated sentence of a
/// timeline, so the marks are found in one pass and the endings are read from the last bytes.
pub fn is_caption(sentence: &str) -> bool {
    static MARKS: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let marks = MARKS.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(CAPTION_MARKS)
            .ok()
    });
    let marked = match marks {
        Some(ac) => ac.is_match(sentence),
        None => {
            let lower = sentence.to_lowercase();
            CAPTION_MARKS.iter().any(|m| lower.contains(m))
        }
    };
    if marked || caption_ending(sentence) {
        return true;
    }
    // (A credit in parentheses may come first: "(Associated Press) In this … photo, …".)
    let start = sentence.trim_start();
    let start = match start.strip_prefix('(').and_then(|r| r.split_once(')')) {
        Some((_, after)) => after.trim_start(),
        None => start,
    };
    if !start
        .get(..8)
        .is_some_and(|h| h.eq_ignore_ascii_case("in this "))
    {
        return false;
    }
    let head: String = start[8..]
        .chars()
        .take(CAPTION_HEAD)
        .flat_map(char::to_lowercase)
        .collect();
    tokens(&head).any(|t| CAPTION_NOUNS.contains(&t.text)) || head.contains("frame grab")
}

/// Bytes at the end of a sentence where a caption's date and place or a post's signature sit.
const ENDING: usize = 120;

/// A picture's date or a post's signature at the end of `sentence` (see [`is_caption`]). Both
/// hold a day and a year, so a sentence ending without five digits is neither.
fn caption_ending(sentence: &str) -> bool {
    let mut from = sentence.len().saturating_sub(ENDING);
    while !sentence.is_char_boundary(from) {
        from += 1;
    }
    let tail = &sentence[from..];
    if tail.bytes().filter(u8::is_ascii_digit).count() < 5 {
        return false;
    }
    let lower = tail.to_lowercase();
    ends_with_picture_date(&lower) || ends_with_post_signature(&lower)
}

#[rustfmt::skip]
const WEEKDAYS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.",
];

/// "june 5" and "2017": a month and day, and a year, as captions and posts print a date.
fn is_date(month_day: &str, year: &str) -> bool {
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    digits(year, 4..=4)
        && month_day
            .split_once(' ')
            .is_some_and(|(m, d)| MONTHS.contains(&m) && digits(d, 1..=2))
}

/// "… monday, june 5, 2017." or "… thursday, dec. 20, 2012, in des moines, iowa." at the end:
/// the weekday and full date of a wire photo, with its place after it. A report's own sentences
/// write "on Monday" and put the place before the date.
fn ends_with_picture_date(lower: &str) -> bool {
    let t = lower.trim_end().trim_end_matches('.');
    // The place a caption may name after the date.
    let t = match t.rfind(", in ") {
        Some(i) if t[i + 5..].split(", ").count() <= 2 => &t[..i],
        _ => t,
    };
    let Some((rest, year)) = t.rsplit_once(", ") else {
        return false;
    };
    let Some((rest, month_day)) = rest.rsplit_once(", ") else {
        return false;
    };
    let Some((before, weekday)) = rest.rsplit_once([' ', ',']) else {
        return false;
    };
    // "takes effect on Monday, June 5, 2017" is a report's own date.
    let governed = before
        .rsplit(' ')
        .next()
        .is_some_and(|w| DATE_PREPOSITIONS.contains(&w));
    is_date(month_day, year)
        && WEEKDAYS.contains(&weekday)
        && !before.trim().is_empty()
        && !governed
}

const DATE_PREPOSITIONS: &[&str] = &[
    "on", "by", "until", "till", "from", "since", "before", "after", "of", "next", "last", "that",
    "this",
];

/// "(@handle) february 16, 2017" at the end: how an embedded post signs off.
fn ends_with_post_signature(lower: &str) -> bool {
    let Some(at) = lower.rfind("(@") else {
        return false;
    };
    let Some(close) = lower[at..].find(')') else {
        return false;
    };
    lower[at + close + 1..]
        .trim()
        .split_once(", ")
        .is_some_and(|(month_day, year)| is_date(month_day, year))
}

#[cfg(test)]
mod tests {
    use super::is_caption;

    #[test]
    fn case_does_not_matter() {
        assert!(is_caption("The ferry at Lisk, in this AP Photo."));
        assert!(is_caption(
            "In This May 3, 2015 Photo, police stand at the bridge."
        ));
        assert!(is_caption(
            "A truck on I-35, Thursday, Dec. 20, 2012, in Des Moines, Iowa."
        ));
    }

    #[test]
    fn captions_and_player_chrome() {
        for (line, want) in [
            ("in this may 3, 2015 photo, police stand at the bridge in varn.", true),
            ("the ferry is seen in this photo released by the coast guard.", true),
            ("a child looks at the flowers left at the harbour wall in varn, monday, june 5, 2017.", true),
            ("fishermen mend nets on the quay, sept. 12, 2019, in lisk.", false),
            ("the law takes effect on monday, june 5, 2017, at noon.", false),
            ("the law takes effect on monday, june 5, 2017.", false),
            ("a truck makes its way down i-35, thursday, dec. 20, 2012, in des moines, iowa.", true),
            ("snow falls on the city's south side as a storm moves through thursday, dec. 20, 2012.", true),
            ("the mayor said the bridge would reopen in may.", false),
            ("number is 844-459-5786. — sgt. kim riley (@isplisk) february 16, 2017", true),
            ("it's too bad. -mayor lind, on the arrest pic.twitter.com/e5iob9 — ada holm (@adaholm)", true),
            ("the police (@lisk_police on twitter) said on february 16, 2017 that it was closed.", false),
        ] {
            assert_eq!(is_caption(line), want, "{line}");
        }
    }
}
