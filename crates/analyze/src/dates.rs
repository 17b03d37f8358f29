//! Temporal expressions and their TimeML values.
//!
//! Explicit dates are read as written; relative ones ("on Thursday", "last week", "three days
//! ago") are resolved against the reference day, reading the sentence's tense to decide whether a
//! bare weekday or month points back or ahead. Without a reference day a value never gets a year
//! the text does not state: it stays partial (`XXXX-03-12`) or a `*_REF` token.

use std::ops::Range;
use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::{Captures, Regex};
use storyline_model::{DateMention, Day};

const MONTH: &str = r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?-u:\b)\.?";
const WEEKDAY: &str = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const YEAR: &str = r"(?P<y>1[89]\d\d|20\d\d)";
const NUM: &str = r"(?P<n>\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|twenty-\w+|thirty|forty|forty-\w+|fifty|sixty|seventy|eighty|ninety|hundred|a hundred|a few|a couple of|several|many|few|a|an|some|the next|the past|the last|the first|the coming)";
/// Needles that find a decade: "the 1980s", "the '80s", "the eighties". The spelled ones are
/// also what a decade's value is read from (`SPELLED_DECADES[i]` is the 1920s + 10·i).
const DECADE_NEEDLES: [&str; 10] = [
    "0s",
    "0's",
    "twenties",
    "thirties",
    "forties",
    "fifties",
    "sixties",
    "seventies",
    "eighties",
    "nineties",
];
const SPELLED_DECADES: &[&str] = DECADE_NEEDLES.split_at(2).1;
const UNIT: &str = r"(?P<u>second|minute|hour|day|night|week|fortnight|month|quarter|year|decade|century|centuries)";

#[derive(Clone, Copy)]
enum Kind {
    DayMonthYear,
    MonthDayYear,
    MonthYear,
    Iso,
    Slash,
    RelativeDay,
    RelativeUnit,
    Weekday,
    Ago,
    Duration,
    Decade,
    Year,
    Refs,
    Quarter,
    Time,
    MonthAlone,
    Set,
    BareUnits,
    Weekend,
    YearAgoAdjective,
    SpelledYear,
    TheYear,
    Century,
    Holiday,
    HalfDuration,
}

impl Kind {
    /// Lower-case strings one of which every match contains: a cheap test that lets most
    /// documents skip most patterns. Empty when no such string exists.
    fn needles(self) -> &'static [&'static str] {
        match self {
            Kind::Iso => &["-"],
            Kind::Slash => &["/"],
            Kind::RelativeDay => &["yesterday", "today", "tomorrow", "tonight", "this "],
            Kind::RelativeUnit => &[
                "last",
                "next",
                "this",
                "coming",
                "past",
                "previous",
                "following",
                "current",
            ],
            Kind::Ago => &["ago", "earlier", "before"],
            Kind::Decade => &DECADE_NEEDLES,
            Kind::Refs => &[
                "now",
                "current",
                "present",
                "past",
                "future",
                "recent",
                "these days",
                " term",
                "soon",
            ],
            Kind::Quarter => &["quarter", "latest period"],
            Kind::SpelledYear => &["nineteen", "two thousand"],
            Kind::Time => &["am", "pm", "a.m.", "p.m."],
            Kind::Set => &[
                "daily", "weekly", "monthly", "annually", "yearly", "hourly", "nightly", "every",
                "each",
            ],
            Kind::Weekday => &["day"],
            Kind::BareUnits => &["years", "months", "weeks", "days", "decades", "hours"],
            Kind::Weekend => &["weekend"],
            Kind::YearAgoAdjective => &["year-"],
            Kind::TheYear => &["year"],
            Kind::Century => &["century"],
            Kind::HalfDuration => &["1/2", "half"],
            Kind::Holiday => &["thanksgiving", "christmas", "new year"],
            _ => &[],
        }
    }
}

fn patterns() -> &'static [(Kind, Regex)] {
    static P: OnceLock<Vec<(Kind, Regex)>> = OnceLock::new();
    P.get_or_init(|| {
        let build = |k: Kind, s: String| Regex::new(&s).ok().map(|r| (k, r));
        [
            build(Kind::DayMonthYear, format!(r"(?-u:\b)(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR}(?-u:\b))?")),
            build(Kind::MonthDayYear, format!(r"(?-u:\b)(?:{WEEKDAY},?\s+)?{MONTH}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+{YEAR}(?-u:\b))?")),
            build(Kind::MonthYear, format!(r"(?-u:\b)(?:(?P<mod>[Ee]arly|[Ll]ate|[Mm]id|the end of|the beginning of|the start of|the middle of)[\s-]+)?{MONTH},?\s+(?:of\s+)?{YEAR}(?-u:\b)")),
            build(Kind::Iso, r"(?-u:\b)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?-u:\b)".to_string()),
            build(Kind::Slash, r"(?-u:\b)(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?-u:\b)".to_string()),
            build(Kind::RelativeDay, r"(?i)(?-u:\b)(?:(?:earlier|later)\s+)?(?:(?P<w>yesterday|today|tomorrow|tonight)(?:\s+(?P<part>morning|afternoon|evening|night))?|this\s+(?P<part2>morning|afternoon|evening))(?-u:\b)".to_string()),
            build(Kind::BareUnits, r"(?i)(?-u:\b)(?:for|over|in|within)\s+(?:(?:several|many|recent|the\s+past|the\s+last|the\s+coming|the\s+next)\s+)?(?P<u>years|months|weeks|days|decades|hours)(?-u:\b)".to_string()),
            build(Kind::Weekend, r"(?i)(?-u:\b)(?:this|the)\s+weekend(?-u:\b)".to_string()),
            build(Kind::Set, r"(?i)(?-u:\b)(?:(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly)|(?:every|each)\s+(?P<u>day|week|month|quarter|year|hour|night))(?-u:\b)".to_string()),
            // "every Thursday", "each July": that weekday or month of any week or year.
            build(Kind::Set, format!(r"(?-u:\b)(?:[Ee]very|[Ee]ach)\s+(?:{WEEKDAY}|{MONTH})(?-u:\b)")),
            build(Kind::RelativeUnit, r"(?i)(?-u:\b)(?:(?:earlier|later)\s+)?(?:the\s+)?(?P<rel>last|next|this|coming|past|previous|following|current)\s+(?:fiscal\s+)?(?P<u>week|weekend|month|year|decade|century|spring|summer|fall|autumn|winter|night)(?-u:\b)".to_string()),
            build(Kind::Weekday, format!(r"(?-u:\b)(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming)\s+)?{WEEKDAY}(?:\s+(?P<part>morning|afternoon|evening|night))?(?-u:\b)")),
            build(Kind::Ago, format!(r"(?i)(?-u:\b){NUM}[\s-]+{UNIT}s?\s+(?:ago|earlier|before)(?-u:\b)")),
            // "2 1/2 years", "an hour and a half".
            build(Kind::HalfDuration, r"(?i)(?-u:\b)(?P<n>\d{1,3})\s+1/2[\s-]+(?P<u>year|day|hour|minute)s?(?-u:\b)".to_string()),
            build(Kind::HalfDuration, r"(?i)(?-u:\b)(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<u>year|day|hour|minute)s?\s+and\s+a\s+half(?-u:\b)".to_string()),
            build(Kind::Duration, format!(r"(?i)(?-u:\b)(?:(?:the\s+)?(?:past|last|next|coming|first|previous|following)\s+)?{NUM}[\s-]+{UNIT}s?(?-u:\b)")),
            build(Kind::Decade, r"(?-u:\b)(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?(?P<dec>1[5-9]\d0|20\d0)'?s(?-u:\b)".to_string()),
            // "the nineties": the twentieth century's, as news uses them ("in their forties" is an
            // age, hence the article).
            build(Kind::Decade, format!(r"(?i)(?-u:\b)the\s+(?:(?:early|late|mid)[\s-]+)?(?P<spelled>{})(?-u:\b)", SPELLED_DECADES.join("|"))),
            build(Kind::Century, r"(?i)(?-u:\b)(?:the\s+)?(?P<ord>1\d|2[01]|[1-9])(?:st|nd|rd|th)[\s-]+century(?-u:\b)".to_string()),
            build(Kind::Holiday, r"(?i)(?-u:\b)(?P<h>Thanksgiving(?:\s+Day)?|Christmas\s+(?:Day|Eve)|New\s+Year'?s\s+(?:Day|Eve))(?-u:\b)".to_string()),
            build(Kind::Year, format!(r"(?-u:\b)(?:(?:[Ee]arly|[Ll]ate|[Mm]id)[\s-]+)?(?:fiscal\s+)?{YEAR}(?-u:\b)")),
            build(Kind::Refs, r"(?i)(?-u:\b)(?P<r>now|currently|nowadays|presently|at present|these days|as soon as possible|soon|in the past|the past|the (?:near |distant )?future|in the (?:near |distant )?future|the (?:near|short|long) term|recently|recent|current)(?-u:\b)".to_string()),
            build(Kind::Quarter, format!(r"(?i)(?-u:\b)(?:the\s+)?(?:(?P<yrel>last|next|this)\s+year'?s\s+)?(?P<ago>(?:comparable\s+)?year-(?:ago|earlier)\s+)?(?:(?P<y0>1[89]\d\d|20\d\d)\s+)?(?:(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|last|latest|current|this|next|previous)[\s-]+)?(?:fiscal\s+)?quarter(?:\s+of\s+{YEAR})?(?P<ago2>\s+a\s+year\s+(?:ago|earlier))?(?-u:\b)")),
            // "Sales in the latest period": the quarter an earnings report is about.
            build(Kind::Quarter, r"(?i)(?-u:\b)the\s+(?P<q>latest)\s+period(?-u:\b)".to_string()),
            // Broadcast transcripts spell years out: "in nineteen ninety-six", "the year two thousand".
            build(Kind::SpelledYear, format!(r"(?i)(?-u:\b)(?:{MONTH}\s+)?(?:nineteen[\s-]+(?P<tens>ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?P<ones>one|two|three|four|five|six|seven|eight|nine))?|the\s+year\s+two\s+thousand)(?-u:\b)")),
            build(Kind::YearAgoAdjective, r"(?i)(?-u:\b)(?:the\s+(?:comparable\s+)?)?year-(?:ago|earlier)(?:\s+period)?(?-u:\b)".to_string()),
            build(Kind::Time, r"(?i)(?-u:\b)(?P<h>[01]?\d)(?::(?P<mi>[0-5]\d))?\s*(?P<ap>a\.m\.|p\.m\.|am(?-u:\b)|pm(?-u:\b))".to_string()),
            // "the year", "the fiscal year": the year being reported on, written without its number.
            build(Kind::TheYear, r"(?i)(?-u:\b)the\s+(?:(?:full|fiscal|whole|entire)\s+)?year(?-u:\b)".to_string()),
            build(Kind::MonthAlone, format!(r"(?-u:\b)(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?{MONTH}(?:\s+(?P<yrel>last|this|next)\s+year(?-u:\b))?")),
        ]
        .into_iter()
        .flatten()
        .collect()
    })
}

/// Whether the tense marker nearest to the expression `at` (within `window`) looks ahead:
/// "said on Friday that talks will resume" has "said" next to "Friday", so Friday is past.
fn nearest_marker(text: &str, window: Range<usize>, at: Range<usize>) -> Tense {
    let mut best: Option<(usize, bool)> = None;
    let slice = &text[window.clone()];
    // "until Wednesday", "by Friday", "as early as Tuesday": a deadline or an end point lies
    // ahead.
    let before = text.get(window.start..at.start).unwrap_or("");
    // "until 9 a.m. EST Tuesday": the deadline word stands before the clock time.
    let before = &before[..clock_time_before(before)];
    let lead = before.trim_end().to_ascii_lowercase();
    if let Some(prev) = storyline_text::tokens(before).last() {
        if matches!(
            prev.text.to_ascii_lowercase().as_str(),
            "until" | "till" | "by"
        ) || lead.ends_with("as early as")
            || lead.ends_with("as soon as")
        {
            return Tense {
                future: true,
                marked: true,
            };
        }
    }
    for t in storyline_text::tokens(slice) {
        let (s, e) = (window.start + t.start, window.start + t.end);
        if s < at.end && e > at.start {
            continue;
        }
        let w = t.text.to_ascii_lowercase();
        let then_to = slice[t.end..].trim_start().starts_with("to ");
        // "the building next to the embassy" places, it does not look ahead.
        if w == "next" && then_to {
            continue;
        }
        // A trailing attribution (", his office said") dates the report, not the event.
        if s >= at.end
            && matches!(
                w.as_str(),
                "said" | "says" | "told" | "added" | "reported" | "announced"
            )
        {
            continue;
        }
        let future = matches!(
            w.as_str(),
            "will"
                | "shall"
                | "going"
                | "plans"
                | "plan"
                | "planned"
                | "scheduled"
                | "expect"
                | "expects"
                | "expected"
                | "next"
                | "upcoming"
                | "due"
                | "tomorrow"
                | "forecast"
                | "would"
                | "planning"
                | "soon"
                | "won't"
                | "won’t"
        ) || w.ends_with("'ll")
            || w.ends_with("’ll")
            // "talks are set to resume Monday".
            || w == "set" && then_to;
        let past = !future
            && (matches!(
                w.as_str(),
                "said"
                    | "told"
                    | "was"
                    | "were"
                    | "had"
                    | "did"
                    | "ago"
                    | "last"
                    | "yesterday"
                    | "earlier"
            ) || is_irregular_past(&w)
                || (w.len() > 4
                && w.ends_with("ed")
                // A capital inside the clause is a name ("United", "Ahmed"), and these are no
                // past participles.
                && !t.text.starts_with(|c: char| c.is_uppercase())
                && !matches!(
                    w.as_str(),
                    "hundred" | "indeed" | "speed" | "proceed" | "succeed" | "exceed" | "breed"
                )));
        if !(future || past) {
            continue;
        }
        let dist = if e <= at.start {
            at.start - e
        } else {
            s.saturating_sub(at.end)
        };
        if best.is_none_or(|(d, _)| dist < d) {
            best = Some((dist, future));
        }
    }
    Tense {
        future: best.is_some_and(|(_, f)| f),
        marked: best.is_some(),
    }
}

/// Irregular past-tense verbs common in news (regular ones end in "-ed"). Forms that are as often
/// nouns or presents ("set", "put", "cut", "read", "hit") are left out.
fn is_irregular_past(w: &str) -> bool {
    matches!(
        w,
        "brought"
            | "took"
            | "made"
            | "came"
            | "went"
            | "gave"
            | "began"
            | "won"
            | "met"
            | "sent"
            | "held"
            | "saw"
            | "became"
            | "fell"
            | "rose"
            | "got"
            | "paid"
            | "sold"
            | "bought"
            | "led"
            | "ran"
            | "kept"
            | "found"
            | "struck"
            | "spoke"
            | "wrote"
            | "fought"
            | "grew"
            | "knew"
            | "thought"
            | "stood"
            | "broke"
            | "chose"
            | "drove"
            | "flew"
            | "threw"
            | "felt"
            | "spent"
            | "built"
            | "fled"
            | "sought"
            | "caught"
            | "swore"
            | "drew"
    )
}

/// Where a clock time (with "at" and a time-zone abbreviation) that ends `s` begins; `s.len()`
/// when none does.
fn clock_time_before(s: &str) -> usize {
    static CLOCK: OnceLock<Option<Regex>> = OnceLock::new();
    let re = CLOCK.get_or_init(|| {
        Regex::new(r"(?i)(?:(?-u:\b)at\s+)?(?:(?-u:\b)\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)|(?-u:\b)noon|(?-u:\b)midnight)(?-i:\s+[A-Z]{2,4})?,?\s*$").ok()
    });
    re.as_ref()
        .and_then(|re| re.find(s))
        .map_or(s.len(), |m| m.start())
}

/// Nouns that follow a number counting things, not a year ("1900 people").
fn is_count_noun(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "troops"
            | "residents"
            | "workers"
            | "jobs"
            | "soldiers"
            | "cases"
            | "deaths"
            | "homes"
            | "houses"
            | "units"
            | "votes"
            | "members"
            | "students"
            | "families"
            | "meters"
            | "metres"
            | "feet"
            | "miles"
            | "kilometres"
            | "kilometers"
            | "km"
            | "tons"
            | "tonnes"
            | "dollars"
            | "euros"
            | "pounds"
            | "employees"
            | "children"
            | "refugees"
            | "migrants"
            | "barrels"
            | "acres"
            | "hectares"
            | "shares"
            | "points"
            | "words"
            | "pages"
            | "cars"
            | "vehicles"
            | "flights"
            | "patients"
            | "prisoners"
            | "police"
            | "officers"
            | "times"
    )
}

fn month_num(s: &str) -> Option<u32> {
    let l = s.trim_end_matches('.').to_ascii_lowercase();
    let m = match l.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

/// "the Saturday reading club", "Friday prayers", "the Sunday papers": a weekday naming a
/// recurring thing is not a day. Only nouns of things that recur weekly count: "the Friday
/// explosions" and "a Sunday night memorial service" still point at one day ("service" is not
/// in the list: a service is as often one occasion).
fn names_a_weekly_thing(text: &str, end: usize) -> bool {
    const WEEKLY: &[&str] = &[
        "club",
        "clubs",
        "market",
        "markets",
        "school",
        "schools",
        "prayers",
        "mass",
        "paper",
        "papers",
        "newspaper",
        "newspapers",
        "edition",
        "editions",
        "show",
        "shows",
        "league",
        "leagues",
        "class",
        "classes",
        "shift",
        "shifts",
    ];
    let after = &text[end..];
    after.starts_with(' ')
        && after
            .split_whitespace()
            .take(2)
            .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
            .take_while(|w| w.chars().all(|c| c.is_ascii_lowercase()))
            .any(|w| WEEKLY.contains(&w))
}

fn weekday_of(s: &str) -> Option<Weekday> {
    Some(match s.to_ascii_lowercase().get(..3)? {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

fn number(s: &str) -> Option<String> {
    let l = s.to_ascii_lowercase();
    if let Ok(n) = l.parse::<f64>() {
        return Some(if n.fract() == 0.0 {
            format!("{}", n as i64)
        } else {
            format!("{n}")
        });
    }
    let small = |w: &str| -> Option<u32> {
        Some(match w {
            "a" | "an" | "one" => 1,
            "two" | "a couple of" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            "ten" => 10,
            "eleven" => 11,
            "twelve" => 12,
            "thirteen" => 13,
            "fourteen" => 14,
            "fifteen" => 15,
            "sixteen" => 16,
            "seventeen" => 17,
            "eighteen" => 18,
            "nineteen" => 19,
            "twenty" => 20,
            "thirty" => 30,
            "forty" => 40,
            "fifty" => 50,
            "sixty" => 60,
            "seventy" => 70,
            "eighty" => 80,
            "ninety" => 90,
            "hundred" | "a hundred" => 100,
            _ => return None,
        })
    };
    if let Some(n) = small(&l) {
        return Some(n.to_string());
    }
    if let Some((t, u)) = l.split_once('-') {
        if let (Some(t), Some(u)) = (small(t), small(u)) {
            return Some((t + u).to_string());
        }
    }
    match l.as_str() {
        "a few" | "several" | "many" | "few" | "some" => Some("X".to_string()),
        _ => None,
    }
}

fn unit_code(u: &str) -> Option<(&'static str, bool)> {
    // (TimeML unit letter, whether it is a time-of-day unit written after "T")
    Some(match u.to_ascii_lowercase().trim_end_matches('s') {
        "second" => ("S", true),
        "minute" => ("M", true),
        "hour" => ("H", true),
        "day" | "night" => ("D", false),
        "week" => ("W", false),
        "fortnight" => ("W", false),
        "month" => ("M", false),
        "quarter" => ("Q", false),
        "year" => ("Y", false),
        "decade" => ("DE", false),
        "century" | "centurie" => ("CE", false),
        _ => return None,
    })
}

/// TimeML suffix of a part of the day: "Thursday evening" is `…-12TEV`.
fn part_of_day(part: Option<&str>) -> &'static str {
    match part.map(|p| p.to_ascii_lowercase()).as_deref() {
        Some("morning") => "TMO",
        Some("afternoon") => "TAF",
        Some("evening") => "TEV",
        Some("night") => "TNI",
        _ => "",
    }
}

fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

fn shift_months(d: NaiveDate, months: i32) -> (i32, u32) {
    let total = d.year() * 12 + d.month0() as i32 + months;
    (total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
}

fn season(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_lowercase().as_str() {
        "spring" => "SP",
        "summer" => "SU",
        "fall" | "autumn" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// Tense of the sentence around a match: whether it looks ahead.
struct Tense {
    future: bool,
    /// Whether any tense marker was found at all: without one a bare month stays in the
    /// reference year rather than being pushed back.
    marked: bool,
}

/// Year for a day-and-month written without one: the occurrence nearest the reference day, or,
/// when the sentence's tense points one way, the nearest on that side unless it is far (a
/// past-tense "Nov. 3" written in May is last November's; "Jan. 31" in a past-tense report
/// written in October is this year's, never next year's).
fn infer_year(reference: Day, month: u32, day: u32, tense: &Tense) -> Option<i32> {
    let y = reference.year();
    let cand = NaiveDate::from_ymd_opt(y, month, day.max(1))?;
    let diff = (cand - reference).num_days();
    Some(match (tense.marked, tense.future) {
        (true, false) if diff > 120 => y - 1,
        (true, true) if diff < -120 => y + 1,
        (true, _) => y,
        (false, _) if diff > 182 => y - 1,
        (false, _) if diff < -182 => y + 1,
        (false, _) => y,
    })
}

fn full_or_partial(
    reference: Option<Day>,
    year: Option<i32>,
    month: u32,
    day: u32,
    tense: &Tense,
) -> Option<String> {
    NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?;
    let year = year.or_else(|| reference.and_then(|r| infer_year(r, month, day, tense)));
    Some(match year {
        Some(y) => format!("{y:04}-{month:02}-{day:02}"),
        None => format!("XXXX-{month:02}-{day:02}"),
    })
}

/// The last word of `s`, lower case ("" when it ends in something else).
fn last_word(s: &str) -> String {
    s.trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The first word of `s` after any spaces, lower case.
fn first_word(s: &str) -> String {
    s.trim_start()
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn cap_year(c: &Captures<'_>) -> Option<i32> {
    c.name("y").and_then(|m| m.as_str().parse().ok())
}

fn value_of(
    kind: Kind,
    c: &Captures<'_>,
    reference: Option<Day>,
    tense: &Tense,
    text: &str,
    start: usize,
) -> Option<String> {
    let whole = c.get(0)?.as_str();
    match kind {
        Kind::DayMonthYear | Kind::MonthDayYear => {
            let month = month_num(c.name("mon")?.as_str())?;
            let day: u32 = c.name("d")?.as_str().parse().ok()?;
            if day == 0 || day > 31 {
                return None;
            }
            // "last Oct. 23" is the latest one before the reference day, "next May 2" the first
            // after it.
            let prev = last_word(&text[..start]);
            let year = cap_year(c).or_else(|| {
                let r = reference?;
                let this = NaiveDate::from_ymd_opt(r.year(), month, day)?;
                match prev.as_str() {
                    "last" => Some(if this < r { r.year() } else { r.year() - 1 }),
                    "next" => Some(if this > r { r.year() } else { r.year() + 1 }),
                    _ => None,
                }
            });
            full_or_partial(reference, year, month, day, tense)
        }
        Kind::MonthYear => {
            let month = month_num(c.name("mon")?.as_str())?;
            Some(format!("{:04}-{month:02}", cap_year(c)?))
        }
        Kind::Iso => {
            let y: i32 = c.name("y")?.as_str().parse().ok()?;
            let m: u32 = c.name("m")?.as_str().parse().ok()?;
            let d: u32 = c.name("d")?.as_str().parse().ok()?;
            NaiveDate::from_ymd_opt(y, m, d).map(ymd)
        }
        Kind::Slash => {
            // Only when the order is unambiguous: one side cannot be a month.
            let a: u32 = c.name("a")?.as_str().parse().ok()?;
            let b: u32 = c.name("b")?.as_str().parse().ok()?;
            let y: i32 = c.name("y")?.as_str().parse().ok()?;
            let (m, d) = match (a > 12, b > 12) {
                (true, false) => (b, a),
                (false, true) => (a, b),
                _ if a == b => (a, b),
                _ => return None,
            };
            NaiveDate::from_ymd_opt(y, m, d).map(ymd)
        }
        Kind::RelativeDay => {
            let w = c
                .name("w")
                .map_or("this".to_string(), |m| m.as_str().to_ascii_lowercase());
            let offset = match w.as_str() {
                "yesterday" => -1,
                "tomorrow" => 1,
                _ => 0,
            };
            let part = c
                .name("part")
                .or_else(|| c.name("part2"))
                .map(|m| m.as_str())
                .or((w == "tonight").then_some("night"));
            Some(match reference {
                Some(r) => format!("{}{}", ymd(r + Duration::days(offset)), part_of_day(part)),
                None if offset < 0 => "PAST_REF".into(),
                None if offset > 0 => "FUTURE_REF".into(),
                None => "PRESENT_REF".into(),
            })
        }
        Kind::RelativeUnit => {
            let rel = c.name("rel")?.as_str().to_ascii_lowercase();
            let unit = c.name("u")?.as_str().to_ascii_lowercase();
            let lower = whole.to_ascii_lowercase();
            // "the past year", "the coming week": a stretch of time, not a calendar unit.
            if (rel == "past" || rel == "coming" || rel == "following" || rel == "previous")
                && lower.starts_with("the ")
            {
                return Some(match unit_code(&unit)?.0 {
                    "DE" => "P10Y".into(),
                    "CE" => "P100Y".into(),
                    code => format!("P1{code}"),
                });
            }
            let step: i32 = match rel.as_str() {
                "last" | "past" | "previous" => -1,
                "next" | "coming" | "following" => 1,
                _ => 0,
            };
            let Some(r) = reference else {
                return Some(
                    match step {
                        -1 => "PAST_REF",
                        1 => "FUTURE_REF",
                        _ => "PRESENT_REF",
                    }
                    .into(),
                );
            };
            Some(match unit.as_str() {
                "week" => week(r + Duration::days(7 * step as i64)),
                "weekend" => format!("{}-WE", week(r + Duration::days(7 * step as i64))),
                "month" => {
                    let (y, m) = shift_months(r, step);
                    format!("{y:04}-{m:02}")
                }
                "year" => format!("{:04}", r.year() + step),
                "decade" => format!("{:03}", (r.year() + 10 * step) / 10),
                "century" => format!("{:02}", (r.year() + 100 * step) / 100),
                // "last night" is the evening before; "tonight"/"this night" is today.
                "night" => format!("{}TNI", ymd(r + Duration::days(step.min(0) as i64))),
                s => format!("{:04}-{}", r.year() + step, season(s)?),
            })
        }
        Kind::Weekday => {
            let wd = weekday_of(c.name("wd")?.as_str())?;
            let rel = c.name("rel").map(|m| m.as_str().to_ascii_lowercase());
            if rel.is_none() && names_a_weekly_thing(text, start + whole.len()) {
                return None;
            }
            let Some(r) = reference else {
                return Some(format!("XXXX-WXX-{}", wd.number_from_monday()));
            };
            let target = wd.num_days_from_monday() as i64;
            let today = r.weekday().num_days_from_monday() as i64;
            let back = (today - target).rem_euclid(7);
            let ahead = (target - today).rem_euclid(7);
            let date = match rel.as_deref() {
                Some("last") => r - Duration::days(if back == 0 { 7 } else { back }),
                Some("next") | Some("coming") => {
                    r + Duration::days(if ahead == 0 { 7 } else { ahead })
                }
                _ if tense.future => r + Duration::days(ahead),
                _ => r - Duration::days(back),
            };
            Some(format!(
                "{}{}",
                ymd(date),
                part_of_day(c.name("part").map(|m| m.as_str()))
            ))
        }
        Kind::Ago => {
            let n = number(c.name("n")?.as_str())?;
            let unit = c.name("u")?.as_str().to_ascii_lowercase();
            let (Some(r), Ok(n)) = (reference, n.parse::<i64>()) else {
                return Some("PAST_REF".into());
            };
            Some(match unit.trim_end_matches('s') {
                "day" | "night" => ymd(r - Duration::days(n)),
                "week" => week(r - Duration::days(7 * n)),
                "month" => {
                    let (y, m) = shift_months(r, -(n as i32));
                    format!("{y:04}-{m:02}")
                }
                "year" => format!("{:04}", r.year() - n as i32),
                "decade" => format!("{:03}", (r.year() - 10 * n as i32) / 10),
                _ => "PAST_REF".into(),
            })
        }
        Kind::HalfDuration => {
            let n = number(c.name("n")?.as_str())?;
            Some(match c.name("u")?.as_str().to_ascii_lowercase().as_str() {
                "year" => format!("P{n}Y6M"),
                "day" => format!("P{n}DT12H"),
                "hour" => format!("PT{n}H30M"),
                _ => format!("PT{n}M30S"),
            })
        }
        Kind::Duration => {
            let raw_n = c.name("n")?.as_str().to_ascii_lowercase();
            let unit = c.name("u")?.as_str();
            let (code, time) = unit_code(unit)?;
            let lower = whole.to_ascii_lowercase();
            let next = first_word(&text[start + whole.len()..]);
            // "a second round" counts, "three-quarters of" divides: neither is a stretch of time.
            if unit.eq_ignore_ascii_case("second")
                && matches!(raw_n.as_str(), "a" | "an" | "one")
                && !next.is_empty()
                && !matches!(
                    next.as_str(),
                    "later"
                        | "earlier"
                        | "ago"
                        | "after"
                        | "before"
                        | "or"
                        | "and"
                        | "longer"
                        | "to"
                        | "of"
                        | "in"
                        | "for"
                        | "at"
                        | "when"
                        | "as"
                )
            {
                return None;
            }
            let fraction_of = next == "of"
                && matches!(
                    first_word(
                        text[start + whole.len()..]
                            .trim_start()
                            .get(2..)
                            .unwrap_or("")
                    )
                    .as_str(),
                    "the" | "its" | "his" | "her" | "their" | "our" | "all" | "a" | "an" | "this"
                );
            if lower.contains("quarter") && (lower.contains('-') || fraction_of) {
                return None;
            }
            // "the 1988 quarter" is a quarter of 1988, not 1,988 of them.
            if raw_n.len() == 4
                && raw_n.bytes().all(|b| b.is_ascii_digit())
                && !whole.to_ascii_lowercase().ends_with('s')
            {
                return None;
            }
            let n = if raw_n.starts_with("the ") {
                // "the next day", "the past week": one unit.
                "1".to_string()
            } else {
                number(&raw_n)?
            };
            // "a day" / "the day" alone is too often not temporal at all ("a day's pay" is fine,
            // "once a day" is a set); keep it only with a clear duration sense.
            let rest = &text[start + whole.len()..];
            if rest.starts_with("-old") || rest.starts_with(" old") {
                // "a 6-year-old": an age, not a stretch of time.
                return None;
            }
            let follows = rest.trim_start();
            if (raw_n == "a" || raw_n == "an")
                && (follows.starts_with("ago")
                    || whole.to_ascii_lowercase().starts_with("a ")
                        && text[..start]
                            .trim_end()
                            .to_ascii_lowercase()
                            .ends_with("once"))
            {
                return None;
            }
            let (code, n) = match code {
                "DE" => (
                    "Y",
                    n.parse::<u32>()
                        .map_or("X".into(), |v| (v * 10).to_string()),
                ),
                "CE" => (
                    "Y",
                    n.parse::<u32>()
                        .map_or("X".into(), |v| (v * 100).to_string()),
                ),
                c => (c, n),
            };
            Some(if time {
                format!("PT{n}{code}")
            } else {
                format!("P{n}{code}")
            })
        }
        Kind::Decade => match c.name("spelled") {
            Some(w) => {
                let tens = SPELLED_DECADES
                    .iter()
                    .position(|d| w.as_str().eq_ignore_ascii_case(d))?;
                Some(format!("19{}", tens + 2))
            }
            None => Some(c.name("dec")?.as_str()[..3].to_string()),
        },
        // "the 20th century" is the 1900s: TimeML writes the century's first two digits.
        Kind::Century => {
            let n: u32 = c.name("ord")?.as_str().parse().ok()?;
            Some(format!("{:02}", n.checked_sub(1)?))
        }
        Kind::Holiday => {
            let h = c.name("h")?.as_str().to_ascii_lowercase();
            let r = reference?;
            let day_in = |y: i32| -> Option<NaiveDate> {
                if h.starts_with("thanksgiving") {
                    // The fourth Thursday of November.
                    NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Thu, 4)
                } else if h.starts_with("christmas") {
                    NaiveDate::from_ymd_opt(y, 12, if h.ends_with("eve") { 24 } else { 25 })
                } else if h.ends_with("eve") {
                    NaiveDate::from_ymd_opt(y, 12, 31)
                } else {
                    NaiveDate::from_ymd_opt(y, 1, 1)
                }
            };
            // The one nearest the reference day, on the side the tense points to when it is far.
            let this = day_in(r.year())?;
            let y = infer_year(r, this.month(), this.day(), tense)?;
            day_in(y).map(ymd)
        }
        Kind::Year => {
            // Amounts and counts look like years: "$2000", "2010 people", "1,500".
            let before = text[..start].trim_end();
            let after = &text[start + whole.len()..];
            if is_count_noun(&first_word(after))
                || before.ends_with(['/', '-'])
                || after.starts_with(['/'])
            {
                return None;
            }
            if before.ends_with(['$', '£', '€', '#'])
                || before.ends_with("No.")
                || after.starts_with([',', '.'])
                    && after[1..].starts_with(|c: char| c.is_ascii_digit())
                || after.trim_start().starts_with(['%'])
                || after.starts_with(|c: char| c.is_ascii_digit())
                || after
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("percent")
            {
                return None;
            }
            Some(format!("{:04}", cap_year(c)?))
        }
        Kind::Refs => {
            let r = c.name("r")?.as_str().to_ascii_lowercase();
            // "as soon as they arrive", "soon after the attack", "was soon released": a
            // connective or a past sequence, not a reference to the future.
            if r == "soon"
                && (last_word(&text[..start]) == "as"
                    || matches!(
                        first_word(&text[start + whole.len()..]).as_str(),
                        "after" | "before" | "afterward" | "afterwards" | "thereafter"
                    )
                    || tense.marked && !tense.future)
            {
                return None;
            }
            Some(
                match r.as_str() {
                    "now" | "currently" | "nowadays" | "presently" | "at present"
                    | "these days" => "PRESENT_REF",
                    "current" => "PRESENT_REF",
                    "in the past" | "the past" | "recently" | "recent" => "PAST_REF",
                    _ => "FUTURE_REF",
                }
                .into(),
            )
        }
        Kind::Quarter => {
            // "the quarter" alone is the one being reported on: the last finished quarter in a
            // past-tense report, the current one in a forecast. "the quarter-point cut" is none.
            let end = c.get(0)?.end();
            let ago = c.name("ago").is_some() || c.name("ago2").is_some();
            let bare =
                c.name("q").is_none() && !ago && !whole.to_ascii_lowercase().starts_with("the");
            if text[end..].starts_with('-') || bare {
                return None;
            }
            let q = c.name("q").map_or_else(
                || if tense.future { "current" } else { "last" }.to_string(),
                |m| m.as_str().to_ascii_lowercase(),
            );
            let named = cap_year(c).or_else(|| c.name("y0").and_then(|m| m.as_str().parse().ok()));
            // "next year's first quarter".
            let step = match c
                .name("yrel")
                .map(|m| m.as_str().to_ascii_lowercase())
                .as_deref()
            {
                Some("last") => -1,
                Some("next") => 1,
                _ => 0,
            };
            let year = named.or_else(|| reference.map(|r| r.year() + step));
            let rq = reference.map(|r| (r.month0() / 3 + 1) as i32);
            let (y, n) = match q.as_str() {
                "first" | "1st" => (year?, 1),
                "second" | "2nd" => (year?, 2),
                "third" | "3rd" => (year?, 3),
                "fourth" | "4th" => (year?, 4),
                "current" | "this" => (year?, rq?),
                "next" => {
                    let n = rq? + 1;
                    if n > 4 {
                        (year? + 1, 1)
                    } else {
                        (year?, n)
                    }
                }
                _ => {
                    let n = rq? - 1;
                    if n < 1 {
                        (year? - 1, 4)
                    } else {
                        (year?, n)
                    }
                }
            };
            // "the fourth quarter" reported in January is last year's: a quarter that has not
            // begun yet is not what a past-tense report is about.
            let ordinal = c.name("q").is_some_and(|q| {
                matches!(
                    q.as_str().to_ascii_lowercase().as_str(),
                    "first" | "second" | "third" | "fourth" | "1st" | "2nd" | "3rd" | "4th"
                )
            });
            let unbegun = rq.is_some_and(|rq| n > rq);
            let y = if named.is_none() && step == 0 && ordinal && unbegun && !tense.future {
                y - 1
            } else {
                y
            };
            // "the year-ago quarter", "the quarter a year ago": the same quarter a year back.
            let y = if ago { y - 1 } else { y };
            Some(format!("{y:04}-Q{n}"))
        }
        Kind::SpelledYear => {
            let digit = |w: &str| {
                [
                    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                ]
                .iter()
                .position(|d| w.eq_ignore_ascii_case(d))
                .map_or(0, |i| i as i32 + 1)
            };
            let year = match c.name("tens") {
                Some(t) => {
                    let tens = [
                        "ten", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                        "ninety",
                    ]
                    .iter()
                    .position(|d| t.as_str().eq_ignore_ascii_case(d))?
                        as i32
                        + 1;
                    1900 + 10 * tens + c.name("ones").map_or(0, |o| digit(o.as_str()))
                }
                None => 2000,
            };
            Some(match c.name("mon").and_then(|m| month_num(m.as_str())) {
                Some(m) => format!("{year:04}-{m:02}"),
                None => format!("{year:04}"),
            })
        }
        // "a year-earlier loss": the year before, refined to a quarter by `year_ago_quarters`.
        Kind::YearAgoAdjective => reference.map(|r| format!("{:04}", r.year() - 1)),
        Kind::Time => {
            let h: u32 = c.name("h")?.as_str().parse().ok()?;
            let mi: u32 = c.name("mi").map_or(Some(0), |m| m.as_str().parse().ok())?;
            if h == 0 || h > 12 {
                return None;
            }
            let pm = c.name("ap")?.as_str().to_ascii_lowercase().starts_with('p');
            let h24 = match (h, pm) {
                (12, false) => 0,
                (12, true) => 12,
                (h, true) => h + 12,
                (h, false) => h,
            };
            let day = reference.map_or("XXXX-XX-XX".to_string(), ymd);
            Some(format!("{day}T{h24:02}:{mi:02}"))
        }
        Kind::BareUnits => {
            // "for years", "over recent months": an unspecified stretch of that unit.
            let (code, time) = unit_code(c.name("u")?.as_str())?;
            Some(if time {
                format!("PTX{code}")
            } else {
                format!("PX{code}")
            })
        }
        // "this weekend" is the coming one; "over the weekend" in a past-tense report is the
        // one just gone, in the previous ISO week when written on a weekday.
        Kind::Weekend => Some(match reference {
            Some(r) if tense.future || whole.to_ascii_lowercase().starts_with("this") => {
                format!("{}-WE", week(r))
            }
            Some(r) => {
                let back_to_saturday = (r.weekday().num_days_from_monday() as i64 + 2) % 7;
                format!("{}-WE", week(r - Duration::days(back_to_saturday)))
            }
            None => "PRESENT_REF".into(),
        }),
        Kind::Set => {
            if let Some(wd) = c.name("wd").and_then(|m| weekday_of(m.as_str())) {
                return Some(format!("XXXX-WXX-{}", wd.number_from_monday()));
            }
            if let Some(m) = c.name("mon").and_then(|m| month_num(m.as_str())) {
                return Some(format!("XXXX-{m:02}"));
            }
            let unit = match c.name("adv") {
                Some(a) => match a.as_str().to_ascii_lowercase().as_str() {
                    "daily" | "nightly" => "D",
                    "weekly" => "W",
                    "monthly" => "M",
                    "hourly" => return Some("PT1H".into()),
                    _ => "Y",
                },
                None => match c.name("u")?.as_str().to_ascii_lowercase().as_str() {
                    "day" | "night" => "D",
                    "week" => "W",
                    "month" => "M",
                    "quarter" => "Q",
                    "hour" => return Some("PT1H".into()),
                    _ => "Y",
                },
            };
            Some(format!("P1{unit}"))
        }
        Kind::TheYear => {
            let after = &text[start + whole.len()..];
            // "the year-ago quarter", "the year's best", "the year 1999", "the year two
            // thousand": other patterns' or none.
            if after.starts_with(['-', '\'', '’'])
                || after.trim_start().starts_with(|c: char| c.is_ascii_digit())
            {
                return None;
            }
            let next = first_word(after);
            if matches!(
                next.as_str(),
                "ago" | "earlier" | "before" | "after" | "later" | "two" | "nineteen" | "since"
            ) {
                return None;
            }
            // "player of the year" is an award; "the end of the year" is a date.
            let before = text[..start].trim_end();
            if last_word(before) == "of" {
                let owner = last_word(&before[..before.len() - 2]);
                if !matches!(
                    owner.as_str(),
                    "end"
                        | "beginning"
                        | "start"
                        | "rest"
                        | "middle"
                        | "half"
                        | "part"
                        | "course"
                        | "remainder"
                        | "balance"
                        | "months"
                        | "weeks"
                        | "days"
                        | "quarter"
                        | "quarters"
                        | "time"
                        | "close"
                        | "turn"
                ) {
                    return None;
                }
            }
            // "the year ended Sept. 30" is a stretch of a year, not a calendar year.
            if matches!(next.as_str(), "ended" | "ending" | "through" | "to") {
                return Some("P1Y".into());
            }
            reference.map(|r| format!("{:04}", r.year()))
        }
        Kind::MonthAlone => {
            // A bare month name is a date only after a temporal preposition ("in March"):
            // elsewhere "May" is a verb or a name and "March" a walk.
            // "last Oct. 23" is a day, read by the day patterns.
            let after = text[start + whole.len()..].trim_start();
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            if (1..=2).contains(&digits) {
                return None;
            }
            // "mid-November" has its modifier before a hyphen.
            let prev = c.name("rel").map_or_else(
                || last_word(text[..start].trim_end().trim_end_matches('-')),
                |m| m.as_str().to_ascii_lowercase(),
            );
            let prev = prev.as_str();
            let temporal = matches!(
                prev,
                "in" | "since"
                    | "by"
                    | "until"
                    | "till"
                    | "last"
                    | "next"
                    | "this"
                    | "early"
                    | "late"
                    | "mid"
                    | "during"
                    | "from"
                    | "through"
                    | "before"
                    | "after"
                    | "of"
                    | "every"
                    | "each"
                    | "between"
                    | "and"
                    | "to"
                    | "throughout"
                    | "on"
                    | "for"
            );
            let month = month_num(c.name("mon")?.as_str())?;
            let named_year = c.name("yrel").is_some();
            if !named_year && !temporal
                || !named_year
                    && month == 5
                    && !matches!(
                        prev,
                        "in" | "since"
                            | "until"
                            | "last"
                            | "next"
                            | "early"
                            | "late"
                            | "mid"
                            | "during"
                            | "by"
                    )
            {
                return None;
            }
            let Some(r) = reference else {
                return Some(format!("XXXX-{month:02}"));
            };
            // "June last year" names its year.
            if let Some(yrel) = c.name("yrel") {
                let step = match yrel.as_str() {
                    "last" => -1,
                    "next" => 1,
                    _ => 0,
                };
                return Some(format!("{:04}-{month:02}", r.year() + step));
            }
            // "last April" written in October is this year's April, but "last February" written
            // in March is a year back (the one just gone is "this February"); "this September"
            // is in the reference year. A bare month is the nearest one on the side the tense points
            // to: "in December" written in May is last December in a past-tense report and this
            // December in a plan; with no tense to go by it is the nearest December.
            let y = match prev {
                "last" if month + 1 < r.month() => r.year(),
                "last" => r.year() - 1,
                "next" if month > r.month() => r.year(),
                "next" => r.year() + 1,
                "this" => r.year(),
                // Unmarked: the nearest one ("in January" written in November is the coming
                // January, "in October" written in January the one just gone).
                _ if !tense.marked && month as i32 - r.month() as i32 > 6 => r.year() - 1,
                _ if !tense.marked && (r.month() as i32 - month as i32) > 6 => r.year() + 1,
                _ if !tense.marked => r.year(),
                _ if !tense.future && month > r.month() => r.year() - 1,
                _ if tense.future && month < r.month() => r.year() + 1,
                _ => r.year(),
            };
            Some(format!("{y:04}-{month:02}"))
        }
    }
}

/// Finds the temporal expressions of `text`, resolving relative ones against `reference`.
pub(crate) fn find_dates(
    text: &str,
    sentences: &[Range<usize>],
    reference: Option<Day>,
) -> Vec<DateMention> {
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    let lower = text.to_ascii_lowercase();
    for (kind, re) in patterns() {
        if !kind.needles().is_empty() && !kind.needles().iter().any(|k| lower.contains(k)) {
            continue;
        }
        for c in re.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let sent = sentences
                .iter()
                .find(|s| s.start <= m.start() && m.start() < s.end)
                .cloned()
                .unwrap_or(0..text.len());
            // Tense of the clause around the expression, not of the whole sentence: "said on
            // Friday that talks will resume" has a past "Friday".
            let lo = boundary_at(text, m.start().saturating_sub(60).max(sent.start));
            let hi = boundary_at(text, (m.end() + 60).min(sent.end.max(m.end())));
            let tense = nearest_marker(text, lo..hi, m.start()..m.end());
            if let Some(v) = value_of(*kind, &c, reference, &tense, text, m.start()) {
                // The preposition only locates a bare unit ("for years"); the expression is the
                // stretch itself.
                let from = match kind {
                    Kind::BareUnits => c.name("u").map_or(m.start(), |u| {
                        let pre = &text[m.start()..u.start()];
                        pre.find(char::is_whitespace)
                            .map_or(u.start(), |i| m.start() + i + 1)
                    }),
                    _ => m.start(),
                };
                let (s, e) = trim_span(text, from, m.end());
                if s < e {
                    found.push((s, e, v));
                }
            }
        }
    }
    // Longest expression wins; ties go to the pattern listed first (the more specific one).
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(found[i].1 - found[i].0), i));
    let mut taken: Vec<(usize, usize, String)> = Vec::new();
    for i in order {
        let (s, e, _) = &found[i];
        if taken.iter().all(|(ts, te, _)| e <= ts || s >= te) {
            taken.push(found[i].clone());
        }
    }
    taken.sort_by_key(|t| (t.0, t.1));
    let taken = merge_time_and_day(text, taken);
    let taken = year_ago_quarters(text, taken);
    taken
        .into_iter()
        .map(|(start, end, value)| DateMention {
            start,
            end,
            text: text[start..end].to_string(),
            value,
        })
        .collect()
}

/// "4 a.m. EDT Thursday" is one point in time: a clock time followed (after at most a time-zone
/// abbreviation or "on") by a resolved day takes that day instead of the reference day.
fn merge_time_and_day(
    text: &str,
    taken: Vec<(usize, usize, String)>,
) -> Vec<(usize, usize, String)> {
    let mut out: Vec<(usize, usize, String)> = Vec::with_capacity(taken.len());
    for t in taken {
        if let Some(prev) = out.last_mut() {
            let gap = text.get(prev.1..t.0).unwrap_or("");
            let gap_ok = gap.split_whitespace().all(|w| {
                w == "on"
                    || w == ","
                    || (2..=4).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase())
            }) && gap.len() <= 10;
            let time = prev
                .2
                .get(10..)
                .filter(|r| r.starts_with('T') && r.len() == 6);
            let day = t.2.len() == 10 && t.2.as_bytes().get(4) == Some(&b'-');
            if let (true, Some(time), true) = (gap_ok, time, day) {
                prev.2 = format!("{}{time}", t.2);
                prev.1 = t.1;
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// How far (in bytes) a named quarter keeps framing the comparisons after it: about a
/// paragraph or two of an earnings report.
const QUARTER_FRAME: usize = 2000;

/// An earnings report compares periods: after "third-quarter profit rose", "from $5 million a
/// year earlier" means that quarter a year before, not the whole previous year.
fn year_ago_quarters(
    text: &str,
    mut taken: Vec<(usize, usize, String)>,
) -> Vec<(usize, usize, String)> {
    let mut frame: Option<(usize, i32, String)> = None;
    for t in &mut taken {
        let lower = text[t.0..t.1].to_ascii_lowercase();
        if let Some((y, q)) = t.2.split_once("-Q") {
            // A quarter that is itself a look-back ("the year-ago quarter") frames nothing new.
            if let (Ok(y), false) = (y.parse::<i32>(), lower.contains("year")) {
                frame = Some((t.1, y, q.to_string()));
            }
            continue;
        }
        // "the first nine months": a longer period now frames the comparisons.
        if t.2.starts_with('P') {
            frame = None;
            continue;
        }
        let look_back = matches!(
            lower.as_str(),
            "a year ago" | "a year earlier" | "one year ago" | "one year earlier"
        ) || lower.contains("year-ago")
            || lower.contains("year-earlier");
        if let (true, Some((end, y, q))) = (look_back, &frame) {
            if t.0.saturating_sub(*end) <= QUARTER_FRAME {
                t.2 = format!("{:04}-Q{q}", y - 1);
            }
        }
    }
    taken
}

/// The nearest char boundary at or before `i`.
fn boundary_at(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Drops a trailing period that belongs to the sentence, not to an abbreviation inside the span.
fn trim_span(text: &str, s: usize, mut e: usize) -> (usize, usize) {
    let span = &text[s..e];
    if span.ends_with('.') && !span.ends_with("a.m.") && !span.ends_with("p.m.") {
        let word: String = span[..span.len() - 1]
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        let abbreviation = matches!(
            word.as_str(),
            "naj"
                | "bef"
                | "ram"
                | "rpa"
                | "nuj"
                | "luj"
                | "gua"
                | "pes"
                | "tpes"
                | "tco"
                | "von"
                | "ced"
        );
        if !abbreviation {
            e -= 1;
        }
    }
    (s, e)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn dates(text: &str, reference: Option<&str>) -> Vec<(String, String)> {
        let r = reference.map(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap());
        let sents = storyline_text::sentences(text);
        find_dates(text, &sents, r)
            .into_iter()
            .map(|d| (d.text, d.value))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn the_year_quarters_and_fiscal_periods_of_an_earnings_report() {
        let r = Some("2026-11-02");
        assert_eq!(
            dates("Profit for the year rose 4%.", r),
            [pair("the year", "2026")]
        );
        assert_eq!(
            dates(
                "For the fiscal year ended Sept. 30, it earned $4 million.",
                r
            ),
            [
                pair("the fiscal year", "P1Y"),
                pair("Sept. 30", "2026-09-30")
            ]
        );
        // Awards and look-backs are not the year being reported on.
        assert_eq!(dates("She was named player of the year.", r), []);
        assert_eq!(
            dates("Sales fell in the 2025 second quarter.", r),
            [pair("the 2025 second quarter", "2025-Q2")]
        );
        assert_eq!(
            dates("Results for next year's first quarter will be weaker.", r),
            [pair("next year's first quarter", "2027-Q1")]
        );
        assert_eq!(
            dates("Profit rose this quarter.", r),
            [pair("this quarter", "2026-Q4")]
        );
        // Written in January, a past-tense fourth quarter is last year's.
        assert_eq!(
            dates("Profit fell in the fourth quarter.", Some("2027-01-26")),
            [pair("the fourth quarter", "2026-Q4")]
        );
        assert_eq!(
            dates("Rates rose in the current fiscal year.", r),
            [pair("the current fiscal year", "2026")]
        );
        // A fraction is no stretch of time; several quarters of losses are.
        assert_eq!(dates("It imports three-quarters of its food.", r), []);
        assert_eq!(
            dates("It returned to profit after several quarters of losses.", r),
            [pair("several quarters", "PXQ")]
        );
    }

    #[test]
    fn days_around_a_named_holiday_or_with_last_and_next() {
        let r = Some("2027-01-06");
        assert_eq!(
            dates("The boy was found on Thanksgiving Day.", r),
            [pair("Thanksgiving Day", "2026-11-26")]
        );
        assert_eq!(
            dates("The shop opened on Christmas Eve.", Some("2026-12-27")),
            [pair("Christmas Eve", "2026-12-24")]
        );
        assert_eq!(
            dates(
                "The mill has been shut since last Oct. 23.",
                Some("2027-05-05")
            ),
            [pair("Oct. 23", "2026-10-23")]
        );
        // A past-tense day far ahead of the reference is last year's; an untensed month is the
        // nearest one.
        assert_eq!(
            dates("He was last seen Nov. 3 near the port.", Some("2027-05-07")),
            [pair("Nov. 3", "2026-11-03")]
        );
        assert_eq!(
            dates("The loans run through January.", Some("2026-10-30")),
            [pair("January", "2027-01")]
        );
        assert_eq!(
            dates(
                "In January, the group brought in a new chief.",
                Some("2026-10-27")
            ),
            [pair("January", "2026-01")]
        );
        assert_eq!(
            dates("It must reply by mid-November.", Some("2026-10-30")),
            [pair("November", "2026-11")]
        );
    }

    #[test]
    fn centuries_decades_sets_halves_and_soon() {
        let r = Some("2026-03-12");
        assert_eq!(
            dates("The 11th century temple drew crowds.", r),
            [pair("The 11th century", "10")]
        );
        assert_eq!(
            dates("Numbers dropped through the nineties.", r),
            [pair("the nineties", "199")]
        );
        assert_eq!(
            dates("The decline of the past decade worried them.", r),
            [pair("the past decade", "P10Y")]
        );
        assert_eq!(
            dates("The ferry sails every Thursday and each July.", r),
            [
                pair("every Thursday", "XXXX-WXX-4"),
                pair("each July", "XXXX-07")
            ]
        );
        assert_eq!(
            dates("They lived in the camps for 2 1/2 years.", r),
            [pair("2 1/2 years", "P2Y6M")]
        );
        assert_eq!(
            dates("A minute and a half later the pilot called.", r),
            [pair("A minute and a half", "PT1M30S")]
        );
        assert_eq!(
            dates("The bank will soon raise rates.", r),
            [pair("soon", "FUTURE_REF")]
        );
        // Connectives and past sequences are not references to the future.
        assert_eq!(dates("They will leave as soon as the road opens.", r), []);
        assert_eq!(dates("He was soon released.", r), []);
        assert_eq!(dates("A second round of talks began.", r), []);
    }

    #[test]
    fn a_weekday_naming_a_weekly_thing_is_no_date() {
        let r = Some("2026-05-07");
        assert_eq!(
            dates(
                "Councillors asked volunteers to run a Saturday morning reading club.",
                r
            ),
            []
        );
        assert_eq!(
            dates("Volunteers for the Saturday reading club can sign up.", r),
            []
        );
        // An event on a weekday is still dated.
        assert_eq!(
            dates("The Friday explosions shook the capital.", r),
            [pair("Friday", "2026-05-01")]
        );
    }

    #[test]
    fn weekday_tense_ignores_names_places_and_reads_set_to_and_deadlines() {
        let r = Some("2026-03-12"); // a Thursday
        assert_eq!(
            dates("Talks are set to resume Monday.", r),
            [pair("Monday", "2026-03-16")]
        );
        // "United" is a name, not a past verb; "next to" places.
        assert_eq!(
            dates("The talks will open in the United States Saturday.", r),
            [pair("Saturday", "2026-03-14")]
        );
        assert_eq!(
            dates("A bomb exploded next to the embassy on Tuesday.", r),
            [pair("Tuesday", "2026-03-10")]
        );
        assert_eq!(
            dates(
                "The relatives were given until 9 a.m. EST Tuesday to sign.",
                r
            ),
            [pair("9 a.m. EST Tuesday", "2026-03-17T09:00")]
        );
    }

    #[test]
    fn explicit_dates() {
        assert_eq!(
            dates("It opened on 12 March 2026 in Lisk.", None),
            [pair("12 March 2026", "2026-03-12")]
        );
        assert_eq!(
            dates("It opened on March 12, 2026.", None),
            [pair("March 12, 2026", "2026-03-12")]
        );
        assert_eq!(
            dates("Filed 2026-03-12 at noon", None),
            [pair("2026-03-12", "2026-03-12")]
        );
        assert_eq!(
            dates("It closed in March 2026.", None),
            [pair("March 2026", "2026-03")]
        );
        assert_eq!(dates("Prices rose in 2025.", None), [pair("2025", "2025")]);
        assert_eq!(
            dates("On Thursday, March 12, 2026, rain fell.", None),
            [pair("Thursday, March 12, 2026", "2026-03-12")]
        );
    }

    #[test]
    fn missing_year_stays_partial_without_reference() {
        assert_eq!(
            dates("The vote is on March 12.", None),
            [pair("March 12", "XXXX-03-12")]
        );
        assert_eq!(
            dates("The vote was on March 12.", Some("2026-03-20")),
            [pair("March 12", "2026-03-12")]
        );
        // Written in January about December: last year.
        assert_eq!(
            dates("The flood began on December 30.", Some("2026-01-05")),
            [pair("December 30", "2025-12-30")]
        );
    }

    #[test]
    fn ambiguous_slash_dates_are_skipped() {
        assert!(dates("Signed 03/04/2026.", None).is_empty());
        assert_eq!(
            dates("Signed 25/03/2026.", None),
            [pair("25/03/2026", "2026-03-25")]
        );
    }

    #[test]
    fn clock_time_takes_the_day_that_follows_it() {
        // 2026-03-12 is a Thursday.
        assert_eq!(
            dates("The dam broke at 4 a.m. EDT Tuesday.", Some("2026-03-12")),
            [pair("4 a.m. EDT Tuesday", "2026-03-10T04:00")]
        );
        assert_eq!(
            dates(
                "The dam broke at 4 a.m. and again on Tuesday.",
                Some("2026-03-12")
            ),
            [
                pair("4 a.m.", "2026-03-12T04:00"),
                pair("Tuesday", "2026-03-10")
            ]
        );
    }

    #[test]
    fn present_and_past_references_and_the_quarter() {
        assert_eq!(
            dates("Profit rose in the quarter.", Some("2026-11-02")),
            [pair("the quarter", "2026-Q3")]
        );
        assert!(dates("The bank made the quarter-point cut.", Some("2026-11-02")).is_empty());
        assert_eq!(
            dates("Prices fell recently.", Some("2026-11-02")),
            [pair("recently", "PAST_REF")]
        );
    }

    #[test]
    fn would_looks_ahead() {
        // 2026-03-12 is a Thursday.
        assert_eq!(
            dates(
                "He said the crews would be travelling Tuesday.",
                Some("2026-03-12")
            ),
            [pair("Tuesday", "2026-03-17")]
        );
    }

    #[test]
    fn bare_months_follow_tense() {
        // Written in May: December was last year's in a report, April next year's in a plan.
        assert_eq!(
            dates("The dam failed in December.", Some("2026-05-06")),
            [pair("December", "2025-12")]
        );
        assert_eq!(
            dates("The dam will be rebuilt by April.", Some("2026-05-06")),
            [pair("April", "2027-04")]
        );
        assert_eq!(
            dates("The dam failed in March.", Some("2026-05-06")),
            [pair("March", "2026-03")]
        );
    }

    #[test]
    fn deadlines_and_trailing_attributions_look_ahead() {
        let vals = |t: &str| {
            dates(t, Some("2026-04-14"))
                .into_iter()
                .map(|p| p.1)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            vals("He was due to fly to the valley on Wednesday, his office said."),
            ["2026-04-15"]
        );
        assert_eq!(
            vals("A red warning is in force until Wednesday evening."),
            ["2026-04-15TEV"]
        );
        assert_eq!(
            vals("Donations are accepted until Saturday."),
            ["2026-04-18"]
        );
        assert_eq!(
            vals("Rain began on Monday, officials said."),
            ["2026-04-13"]
        );
    }

    #[test]
    fn weekdays_follow_tense() {
        // 2026-03-12 is a Thursday.
        assert_eq!(
            dates("The dam failed late on Tuesday.", Some("2026-03-12")),
            [pair("Tuesday", "2026-03-10")]
        );
        assert_eq!(
            dates("Officials will meet on Tuesday.", Some("2026-03-12")),
            [pair("Tuesday", "2026-03-17")]
        );
        assert_eq!(
            dates("They met on Thursday.", Some("2026-03-12")),
            [pair("Thursday", "2026-03-12")]
        );
        assert_eq!(
            dates("They met last Thursday.", Some("2026-03-12")),
            [pair("last Thursday", "2026-03-05")]
        );
        assert_eq!(
            dates("They met on Thursday.", None),
            [pair("Thursday", "XXXX-WXX-4")]
        );
    }

    #[test]
    fn relative_days_and_units() {
        let r = Some("2026-03-12");
        assert_eq!(
            dates("It rained yesterday and earlier today.", r),
            [
                pair("yesterday", "2026-03-11"),
                pair("earlier today", "2026-03-12")
            ]
        );
        assert_eq!(
            dates("Prices fell last week.", r),
            [pair("last week", "2026-W10")]
        );
        assert_eq!(
            dates("Prices fell last month.", r),
            [pair("last month", "2026-02")]
        );
        assert_eq!(
            dates("Prices fell last year.", r),
            [pair("last year", "2025")]
        );
        assert_eq!(
            dates("Talks resume next month.", r),
            [pair("next month", "2026-04")]
        );
        assert_eq!(
            dates("Talks go on this week.", r),
            [pair("this week", "2026-W11")]
        );
        assert_eq!(
            dates("The river is now falling.", r),
            [pair("now", "PRESENT_REF")]
        );
        assert_eq!(
            dates("It rained yesterday.", None),
            [pair("yesterday", "PAST_REF")]
        );
    }

    #[test]
    fn ago_and_durations() {
        let r = Some("2026-03-12");
        assert_eq!(
            dates("It began three days ago.", r),
            [pair("three days ago", "2026-03-09")]
        );
        assert_eq!(
            dates("It began two years ago.", r),
            [pair("two years ago", "2024")]
        );
        assert_eq!(
            dates("The rain lasted three days.", r),
            [pair("three days", "P3D")]
        );
        assert_eq!(dates("It took 24 hours.", r), [pair("24 hours", "PT24H")]);
    }

    #[test]
    fn may_the_verb_and_the_name_are_not_dates() {
        assert!(dates("Officials May Chen and Ana Ruiz said rain may fall.", None).is_empty());
        assert_eq!(
            dates("The rains came in May.", Some("2026-08-01")),
            [pair("May", "2026-05")]
        );
        assert!(dates("Theresa May spoke.", None).is_empty());
    }

    #[test]
    fn amounts_are_not_years() {
        assert!(dates("It cost $2000 and 1900 people came; 2010 percent.", None).is_empty());
    }

    #[test]
    fn parts_of_day_sets_and_ages() {
        let r = Some("2026-03-12");
        assert_eq!(
            dates("Talks ran late last night.", r),
            [pair("last night", "2026-03-11TNI")]
        );
        assert_eq!(
            dates("They met on Tuesday evening.", r),
            [pair("Tuesday evening", "2026-03-10TEV")]
        );
        assert_eq!(
            dates("Crews worked this morning.", r),
            [pair("this morning", "2026-03-12TMO")]
        );
        assert_eq!(
            dates("Levels are checked daily.", r),
            [pair("daily", "P1D")]
        );
        assert!(dates("A 6-year-old girl was rescued.", r).is_empty());
        assert_eq!(
            dates("It was built last February.", r),
            [pair("last February", "2025-02")]
        );
        assert_eq!(
            dates("Profit fell in the third-quarter report.", r),
            // In March, the third quarter a past-tense report speaks of is last year's.
            [pair("the third-quarter", "2025-Q3")]
        );
    }

    #[test]
    fn bare_units_and_weekends() {
        let r = Some("2026-03-12");
        assert_eq!(
            dates("The dam leaked for years.", r),
            [pair("years", "PXY")]
        );
        assert_eq!(
            dates("Prices rose over recent months.", r),
            [pair("recent months", "PXM")]
        );
        assert_eq!(
            dates("Crews will work through the weekend.", r),
            [pair("the weekend", "2026-W11-WE")]
        );
        assert_eq!(
            dates(
                "The father could arrive as early as Tuesday.",
                Some("2026-03-16")
            ),
            [pair("Tuesday", "2026-03-17")]
        );
        // Written on Monday 16 March: the weekend just gone is in the previous ISO week.
        assert_eq!(
            dates("Talks stalled over the weekend.", Some("2026-03-16")),
            [pair("the weekend", "2026-W11-WE")]
        );
    }

    #[test]
    fn tense_is_read_near_the_expression() {
        // The clause around "Friday" is past even though the sentence looks ahead.
        assert_eq!(
            dates(
                "Okafor said on Friday that the dam will reopen.",
                Some("2026-03-12")
            ),
            [pair("Friday", "2026-03-06")]
        );
    }

    #[test]
    fn months_with_a_relative_year() {
        let r = Some("2026-03-12");
        assert_eq!(
            dates("The mill closed in June last year.", r),
            [pair("June last year", "2025-06")]
        );
        assert_eq!(
            dates("Talks resumed in January this year.", r),
            [pair("January this year", "2026-01")]
        );
        // "last April" in October is this year's April; "this September" is this year's.
        assert_eq!(
            dates("The board approved it last April.", Some("2026-10-12")),
            [pair("last April", "2026-04")]
        );
        assert_eq!(
            dates("The vote was held in this September.", r),
            [pair("this September", "2026-09")]
        );
    }

    #[test]
    fn year_ago_comparisons_in_an_earnings_report_are_quarters() {
        let r = Some("2026-10-28");
        let text = "Harlow Mills reported third-quarter profit of $4 million, up from $3 million \
                    a year earlier. In the year-ago quarter, sales were flat.";
        assert_eq!(
            dates(text, r),
            [
                pair("third-quarter", "2026-Q3"),
                pair("a year earlier", "2025-Q3"),
                pair("the year-ago quarter", "2025-Q3"),
            ]
        );
        // Without a quarter in view, a year ago is just the year before.
        assert_eq!(
            dates("Membership doubled from a year ago.", r),
            [pair("a year ago", "2025")]
        );
    }

    #[test]
    fn spelled_out_years_and_the_latest_period() {
        let r = Some("2026-03-12");
        assert_eq!(
            dates("The plant opened in nineteen ninety-six.", r),
            [pair("nineteen ninety-six", "1996")]
        );
        assert_eq!(
            dates("It closed in January nineteen eighty.", r),
            [pair("January nineteen eighty", "1980-01")]
        );
        assert_eq!(
            dates("Sales in the latest period rose 4%.", r),
            [pair("the latest period", "2025-Q4")]
        );
    }

    #[test]
    fn decades_quarters_times() {
        let r = Some("2026-03-12");
        assert_eq!(dates("Built in the 1990s.", r), [pair("the 1990s", "199")]);
        assert_eq!(
            dates("Profit rose in the third quarter.", r),
            [pair("the third quarter", "2025-Q3")]
        );
        assert_eq!(
            dates("Profit will rise in the third quarter.", r),
            [pair("the third quarter", "2026-Q3")]
        );
        assert_eq!(
            dates("It broke at 3:30 p.m. local time.", r),
            [pair("3:30 p.m.", "2026-03-12T15:30")]
        );
    }
}
