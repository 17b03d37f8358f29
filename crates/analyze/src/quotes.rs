//! Direct quotations and who said them.
//!
//! Quotes are found from their marks (straight, curly, guillemets, low-high, and single marks when
//! they clearly open and close), paragraph by paragraph: news text never runs a quotation across a
//! paragraph without reopening it, so an unclosed mark runs to the end of its paragraph and the next
//! paragraph's opening mark continues it.
//!
//! A quote split by its attribution (“…,” she said, “…”) yields two quotes, one per quoted segment,
//! with the same speaker: that keeps every span verbatim and contiguous, which is what citing and
//! cross-outlet matching need.
//!
//! Speakers come from the attribution grammar around the marks ("X said", "said X", "X told …:",
//! "according to X", appositives, "Name: …" headlines), from pronouns resolved to a nearby named
//! person, and from the previous quote of a paragraph or a multi-paragraph quote. When none of
//! these applies the speaker is left unknown: a wrong speaker is worse than none.

use std::ops::Range;

use storyline_model::{EntityKind, EntityMention, Quote};
use storyline_text::{tokens, word_count, FastMap};

use crate::lexicon::{
    is_common_capitalised, is_demonym, is_female_name, is_honorific, is_male_name, is_month_word,
    is_place_name, is_speech_verb, is_weak_speech_verb, is_weekday_word,
};

/// Whether a name's given name (its first word) is known to be a woman's (`Some(true)`) or a
/// man's (`Some(false)`); `None` when it tells nothing.
fn gender_of_name(name: &str) -> Option<bool> {
    let first = storyline_text::fold(tokens(name).next()?.text);
    if is_female_name(&first) {
        Some(true)
    } else if is_male_name(&first) {
        Some(false)
    } else {
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Curly,
    Straight,
    Guillemet,
    LowHigh,
    Single,
    StraightSingle,
}

/// A quoted segment: `open` is the opening mark, `start..end` the quoted words, `close` the byte
/// after the closing mark (or the paragraph end when it never closed).
#[derive(Debug, Clone)]
struct RawQuote {
    open: usize,
    start: usize,
    end: usize,
    close: usize,
    para: usize,
    closed: bool,
    /// Index of the quote this one continues across a paragraph break.
    continues: Option<usize>,
}

fn scan(text: &str, paras: &[Range<usize>]) -> Vec<RawQuote> {
    let mut out: Vec<RawQuote> = Vec::new();
    for (pi, p) in paras.iter().enumerate() {
        let para = &text[p.clone()];
        let mut open: Option<(Mark, usize, usize)> = None;
        let mut prev: Option<char> = None;
        let mut iter = para.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let next = iter.peek().map(|&(_, n)| n);
            let at = p.start + i;
            let after = at + c.len_utf8();
            let prev_open = prev.is_none_or_ws();
            let mut close_now = false;
            match (c, open.map(|o| o.0)) {
                ('“', None) => open = Some((Mark::Curly, at, after)),
                ('“', Some(Mark::LowHigh))
                | ('”', Some(Mark::Curly | Mark::LowHigh | Mark::Straight)) => close_now = true,
                ('"', Some(Mark::Straight | Mark::Curly)) => close_now = true,
                ('"', None) if !prev.is_some_and(|c| c.is_alphanumeric()) => {
                    open = Some((Mark::Straight, at, after))
                }
                ('«', None) => open = Some((Mark::Guillemet, at, after)),
                ('»', Some(Mark::Guillemet)) => close_now = true,
                ('„', None) => open = Some((Mark::LowHigh, at, after)),
                ('‘', None) if prev_open => open = Some((Mark::Single, at, after)),
                ('’', Some(Mark::Single))
                    if !next.is_some_and(|n| n.is_alphabetic()) && !prev.is_none_or_ws() =>
                {
                    close_now = true
                }
                ('\'', None) if prev_open && next.is_some_and(|n| n.is_alphabetic()) => {
                    open = Some((Mark::StraightSingle, at, after))
                }
                ('\'', Some(Mark::StraightSingle))
                    if !next.is_some_and(|n| n.is_alphabetic()) && !prev.is_none_or_ws() =>
                {
                    close_now = true
                }
                _ => {}
            }
            if close_now {
                if let Some((_, o, s)) = open.take() {
                    push_trimmed(text, &mut out, o, s, at, after, pi, true);
                }
            }
            prev = Some(c);
        }
        if let Some((mark, o, s)) = open {
            // Single marks that never close were apostrophes or nested marks, not quotations.
            if !matches!(mark, Mark::Single | Mark::StraightSingle) {
                push_trimmed(text, &mut out, o, s, p.end, p.end, pi, false);
            }
        }
    }
    // A paragraph opening with a mark continues the previous paragraph's unclosed quote.
    for k in 1..out.len() {
        let prev = &out[k - 1];
        if !prev.closed
            && out[k].para == prev.para + 1
            && paras
                .get(out[k].para)
                .is_some_and(|p| p.start == out[k].open)
        {
            out[k].continues = Some(k - 1);
        }
    }
    out
}

trait OptCharExt {
    fn is_none_or_ws(&self) -> bool;
}

impl OptCharExt for Option<char> {
    /// Whether a quote mark after this char can open a quotation.
    fn is_none_or_ws(&self) -> bool {
        match self {
            None => true,
            Some(c) => {
                c.is_whitespace()
                    || matches!(c, '(' | '[' | '—' | '–' | '-' | ':' | '/' | '“' | '"')
            }
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn push_trimmed(
    text: &str,
    out: &mut Vec<RawQuote>,
    open: usize,
    start: usize,
    end: usize,
    close: usize,
    para: usize,
    closed: bool,
) {
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    let (s, e) = (start + lead, end - trail);
    if s < e {
        out.push(RawQuote {
            open,
            start: s,
            end: e,
            close,
            para,
            closed,
            continues: None,
        });
    }
}

/// A word of the text around a quote.
#[derive(Debug, Clone)]
struct W {
    start: usize,
    end: usize,
    lower: String,
}

fn words_in(text: &str, r: Range<usize>) -> Vec<W> {
    let Some(slice) = text.get(r.clone()) else {
        return Vec::new();
    };
    tokens(slice)
        .map(|t| W {
            start: r.start + t.start,
            end: r.start + t.end,
            lower: t.text.to_lowercase(),
        })
        .collect()
}

fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "another"
            | "one"
            | "our"
            | "my"
            | "your"
            | "this"
            | "that"
            | "some"
            | "several"
            | "two"
            | "three"
    )
}

/// A run of one to three capitalised words that the entity tagger missed but that stands where
/// only a name can ("“…,” Rubio said", "said Cuban,"): not a pronoun, weekday, month, place or
/// common headline word.
fn bare_name(text: &str, ws: &[W]) -> Option<Speaker> {
    let (first, last) = (ws.first()?, ws.last()?);
    let ok = ws.len() <= 3
        && ws.iter().all(|w| {
            text[w.start..].starts_with(char::is_uppercase)
                && w.lower.chars().count() > 1
                && !storyline_text::is_stopword(&w.lower)
                && !is_weekday_word(&w.lower)
                && !is_month_word(&w.lower)
                && !is_place_name(&w.lower)
                && !is_common_capitalised(&w.lower)
                // "“…,” Cuban said": alone before the verb a demonym can only be a surname.
                && (!is_demonym(&w.lower) || ws.len() == 1)
                && !is_honorific(&w.lower)
        })
        && !text[first.start..last.end].contains([',', '“', '"', '(', ')'])
        && !text[first.start..last.end].ends_with(['\'', '’']);
    ok.then(|| Speaker {
        name: Some(text[first.start..last.end].to_string()),
        start: first.start,
        end: last.end,
        cue: None,
    })
}

/// Speech verbs whose object is the person spoken to ("told Ruiz", "asked Okafor").
fn is_addressee_verb(w: &str) -> bool {
    matches!(
        w,
        "asked" | "asks" | "told" | "tells" | "urged" | "urges" | "warned" | "warns"
    )
}

/// Conjunctions that start a clause of their own: a subject after them belongs to that clause.
fn is_clause_opener(w: &str) -> bool {
    matches!(
        w,
        "and"
            | "but"
            | "until"
            | "when"
            | "while"
            | "because"
            | "after"
            | "before"
            | "if"
            | "since"
            | "though"
            | "although"
            | "whereas"
            | "unless"
            | "as"
            | "whether"
    )
}

fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she")
}

/// Prepositions that put the noun phrase after them inside a longer one ("leaders of the
/// organization").
fn is_preposition(w: &str) -> bool {
    matches!(
        w,
        "of" | "for"
            | "through"
            | "in"
            | "on"
            | "at"
            | "from"
            | "with"
            | "to"
            | "by"
            | "into"
            | "over"
            | "under"
            | "about"
            | "across"
            | "around"
            | "against"
            | "between"
            | "near"
            | "along"
    )
}

/// Words that end a time adverbial rather than a subject ("two weeks ago", "in the past").
fn is_time_noun(w: &str) -> bool {
    matches!(
        w,
        "ago"
            | "past"
            | "time"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "month"
            | "months"
            | "year"
            | "years"
            | "night"
            | "morning"
            | "afternoon"
            | "evening"
            | "weekend"
    )
}

/// A word ending in "'s" or "’s": a possessive, or a contracted "is".
fn is_possessive(w: &str) -> bool {
    w.ends_with("’s") || w.ends_with("'s")
}

/// The word without a contracted "is" ("He’s" → "He"), if it has one.
fn without_is(w: &W) -> Option<W> {
    let base = w
        .lower
        .strip_suffix("’s")
        .or_else(|| w.lower.strip_suffix("'s"))?;
    Some(W {
        start: w.start,
        end: w.start + base.len(),
        lower: base.to_string(),
    })
}

/// "he"/"she" as a subject, also contracted with "is" ("He’s claiming …"): the pronoun alone.
fn subject_pronoun(w: &W) -> Option<W> {
    let base = without_is(w).unwrap_or_else(|| w.clone());
    is_pronoun(&base.lower).then_some(base)
}

/// Pronouns that credit a quote without naming whom they stand for (see
/// [`Ctx::credited_pronoun`]).
fn is_crediting_pronoun(w: &str) -> bool {
    matches!(w, "they" | "we" | "i" | "it" | "who" | "that" | "which")
}

/// Whether `s` contains a sentence end: ";", "?", "!", or a period that does not close an
/// abbreviation or initial ("Gov. Kasich replied" has none).
fn has_sentence_break(s: &str) -> bool {
    first_sentence_break(s).is_some()
}

/// Byte offset of the first sentence end in `s` (see [`has_sentence_break`]).
fn first_sentence_break(s: &str) -> Option<usize> {
    s.char_indices().find_map(|(i, c)| {
        let brk = match c {
            ';' | '?' | '!' => true,
            '.' => {
                // "Gov." / "G." / "Mr.": a short capitalised word before the period abbreviates.
                let word: Vec<char> = s[..i]
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                !(word.len() <= 3 && word.last().is_some_and(|c| c.is_uppercase()))
            }
            _ => false,
        };
        brk.then_some(i)
    })
}

/// Speech verbs in "-s" form that are just as often plural nouns ("tweets", "reports").
fn is_noun_like_verb(w: &str) -> bool {
    matches!(
        w,
        "tweets"
            | "posts"
            | "reports"
            | "claims"
            | "notes"
            | "remarks"
            | "comments"
            | "calls"
            | "answers"
            | "replies"
            | "charges"
            | "promises"
            | "demands"
            | "states"
            | "reads"
            | "warns"
            | "responds"
            | "argues"
            | "tells"
            | "writes"
    ) && !matches!(w, "warns" | "argues" | "tells" | "writes" | "responds")
}

/// Words skipped between a subject and its speech verb ("Okafor also said", "she had told").
fn is_verb_filler(w: &str) -> bool {
    matches!(
        w,
        "also"
            | "later"
            | "then"
            | "previously"
            | "recently"
            | "once"
            | "has"
            | "had"
            | "have"
            | "again"
            | "further"
            | "additionally"
            | "repeatedly"
            | "simply"
            | "just"
            | "often"
            | "publicly"
            | "privately"
            | "bluntly"
            | "flatly"
            | "quickly"
            | "famously"
            | "reportedly"
            | "would"
            | "will"
            | "did"
            | "was"
            | "is"
            | "still"
            | "even"
            | "in"
            | "an"
            | "a"
            | "the"
            | "interview"
            | "statement"
            | "separately"
            | "subsequently"
            | "herself"
            | "himself"
            | "themselves"
            | "only"
            | "never"
            | "first"
            | "last"
            | "yesterday"
            | "today"
    )
}

/// Heads of common-noun speakers: "a ministry spokeswoman said" has a speaker even without a name.
/// Besides the list, agent-noun endings ("-ist", "-man", "-or", "-ent") mark people by role.
fn is_role_noun(w: &str) -> bool {
    let agent = w.len() > 5
        && [
            "ist", "ists", "man", "men", "woman", "women", "ian", "ians", "ant", "ants", "ent",
            "ents", "or", "eer", "eers",
        ]
        .iter()
        .any(|s| w.ends_with(s))
        && !matches!(
            w,
            "moment"
                | "statement"
                | "government"
                | "comment"
                | "department"
                | "agreement"
                | "argument"
                | "document"
                | "percent"
                | "behavior"
                | "behaviour"
                | "floor"
                | "door"
                | "error"
                | "honor"
                | "honour"
                | "favor"
                | "favour"
                | "labor"
                | "labour"
                | "rumor"
                | "rumour"
                | "terror"
                | "mirror"
                | "factor"
                | "sector"
                | "corridor"
                | "german"
                | "roman"
                | "human"
                | "recent"
                | "current"
                | "different"
                | "important"
                | "significant"
                | "relevant"
                | "elegant"
                | "distant"
                | "constant"
                | "instant"
                | "pleasant"
                | "event"
                | "content"
                | "extent"
                | "intent"
                | "consent"
                | "dissent"
                | "talent"
                | "patient"
                | "urgent"
                | "against"
                | "meant"
                | "gallant"
                | "brilliant"
                | "radiant"
        );
    agent
        || matches!(
            w,
            "spokesman"
                | "commenter"
                | "commenters"
                | "staffer"
                | "staffers"
                | "person"
                | "lawmaker"
                | "lawmakers"
                | "crowd"
                | "headline"
                | "family"
                | "families"
                | "spokeswoman"
                | "spokesperson"
                | "spokespeople"
                | "official"
                | "officials"
                | "minister"
                | "president"
                | "statement"
                | "police"
                | "ministry"
                | "government"
                | "campaign"
                | "source"
                | "sources"
                | "aide"
                | "aides"
                | "adviser"
                | "advisers"
                | "advisor"
                | "lawyer"
                | "lawyers"
                | "attorney"
                | "expert"
                | "experts"
                | "analyst"
                | "analysts"
                | "witness"
                | "witnesses"
                | "resident"
                | "residents"
                | "leader"
                | "leaders"
                | "chief"
                | "director"
                | "report"
                | "agency"
                | "department"
                | "company"
                | "group"
                | "commission"
                | "committee"
                | "court"
                | "judge"
                | "prosecutor"
                | "prosecutors"
                | "officer"
                | "officers"
                | "member"
                | "members"
                | "secretary"
                | "senator"
                | "governor"
                | "mayor"
                | "candidate"
                | "nominee"
                | "author"
                | "researcher"
                | "researchers"
                | "scientist"
                | "scientists"
                | "doctor"
                | "doctors"
                | "economist"
                | "historian"
                | "professor"
                | "manager"
                | "executive"
                | "chairman"
                | "chairwoman"
                | "founder"
                | "owner"
                | "organizer"
                | "organiser"
                | "activist"
                | "activists"
                | "protester"
                | "protesters"
                | "voter"
                | "voters"
                | "supporter"
                | "supporters"
                | "critic"
                | "critics"
                | "friend"
                | "mother"
                | "father"
                | "wife"
                | "husband"
                | "son"
                | "daughter"
                | "neighbor"
                | "neighbour"
                | "woman"
                | "man"
                | "website"
                | "newspaper"
                | "paper"
                | "network"
                | "magazine"
                | "poll"
                | "survey"
                | "release"
                | "memo"
                | "letter"
                | "tweet"
                | "post"
                | "email"
                | "ad"
                | "video"
                | "piece"
                | "article"
                | "story"
                | "book"
                | "document"
                | "filing"
                | "lawsuit"
                | "complaint"
                | "message"
                | "speech"
                | "administration"
                | "army"
                | "military"
                | "council"
                | "board"
                | "union"
                | "party"
                | "team"
                | "staff"
                | "worker"
                | "workers"
                | "employee"
                | "employees"
                | "farmer"
                | "farmers"
                | "teacher"
                | "student"
                | "students"
                | "survivor"
                | "survivors"
                | "victim"
                | "engineer"
                | "pilot"
                | "commander"
                | "general"
                | "envoy"
                | "ambassador"
                | "diplomat"
                | "diplomats"
                | "representative"
                | "spokesmen"
                | "partner"
                | "colleague"
                | "host"
                | "anchor"
                | "reporter"
                | "editor"
                | "columnist"
                | "writer"
                | "coach"
                | "player"
                | "mayor's"
                | "investors"
                | "donors"
                | "senators"
                | "governors"
                | "directors"
                | "editors"
                | "clip"
                | "spot"
                | "transcript"
                | "narrator"
                | "businessman"
                | "billionaire"
                | "tycoon"
                | "governor's"
                | "candidate's"
                | "mogul"
                | "star"
                | "actress"
                | "actor"
                | "singer"
        )
}

/// A speaker found for a quote.
#[derive(Debug, Clone)]
struct Speaker {
    /// `None` when the text credits the quote to a pronoun nobody in reach agrees with.
    name: Option<String>,
    /// The mention that names the speaker.
    start: usize,
    end: usize,
    /// The pronoun that attributes the quote ("…," he said) when the name was found through it:
    /// where the text itself credits the quote.
    cue: Option<(usize, usize)>,
}

struct Ctx<'a> {
    text: &'a str,
    sentences: &'a [Range<usize>],
    paras: &'a [Range<usize>],
    mentions: &'a [EntityMention],
    /// Fullest form of each entity id in the document: a surname speaker is reported by full name.
    display: FastMap<&'a str, &'a str>,
    quotes: &'a [RawQuote],
}

impl<'a> Ctx<'a> {
    fn mention_speaker(&self, m: &EntityMention) -> Speaker {
        let name = if m.kind == EntityKind::Person {
            self.display
                .get(m.entity.as_str())
                .copied()
                .unwrap_or(m.text.as_str())
        } else {
            m.text.as_str()
        };
        Speaker {
            name: Some(name.to_string()),
            start: m.start,
            end: m.end,
            cue: None,
        }
    }

    /// Whether a person mention is known to be a woman (`Some(true)`) or a man: by the title
    /// before it ("Mrs. Okafor", "Mr. Valk"), else by the given name of the fullest form the
    /// document gives its entity.
    fn gender_of(&self, m: &EntityMention) -> Option<bool> {
        let before = self.text[..m.start].trim_end().trim_end_matches('.');
        let title = before
            .rsplit(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        match title {
            "Mrs" | "Ms" | "Miss" | "Madam" | "Mme" => return Some(true),
            "Mr" | "Sir" => return Some(false),
            _ => {}
        }
        let full = self
            .display
            .get(m.entity.as_str())
            .copied()
            .unwrap_or(m.text.as_str());
        gender_of_name(full)
    }

    fn mention_ending_at(&self, end: usize) -> Option<&'a EntityMention> {
        self.mentions
            .iter()
            .find(|m| m.end == end && !self.inside_quote(m.start))
    }

    fn mention_starting_at(&self, start: usize) -> Option<&'a EntityMention> {
        self.mentions.iter().find(|m| m.start == start)
    }

    /// A lower-case "-ly" word ("initially", "angrily"): an adverb, not part of a subject. The
    /// case test keeps names ("Kelly") and the short list keeps nouns ("the family") out.
    fn is_adverb(&self, w: &W) -> bool {
        w.lower.len() > 4
            && w.lower.ends_with("ly")
            && self.text[w.start..]
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
            && !matches!(
                w.lower.as_str(),
                "family" | "rally" | "assembly" | "supply" | "monopoly" | "anomaly" | "ally"
            )
    }

    fn inside_quote(&self, pos: usize) -> bool {
        self.quotes.iter().any(|q| q.start <= pos && pos < q.end)
    }

    fn sentence_of(&self, pos: usize) -> usize {
        self.sentences
            .partition_point(|s| s.end <= pos)
            .min(self.sentences.len().saturating_sub(1))
    }

    /// Whether a person mention stands where a sentence's subject does: among the first words of
    /// its sentence (after a short adverbial), or right before a speech verb.
    fn is_subject(&self, m: &EntityMention) -> bool {
        let si = self.sentence_of(m.start);
        let s_start = self.sentences.get(si).map_or(0, |s| s.start);
        let lead = words_in(self.text, s_start..m.start);
        let lead_text = &self.text[s_start..m.start];
        let first_in_sentence = !self
            .mentions
            .iter()
            .any(|o| o.start >= s_start && o.start < m.start && o.kind != EntityKind::Place);
        let opening = first_in_sentence
            && (lead.len() <= 3 || (lead.len() <= 6 && lead_text.trim_end().ends_with(',')));
        let s_end = self
            .sentences
            .get(si)
            .map_or(self.text.len(), |s| s.end)
            .max(m.end);
        let next = words_in(self.text, m.end..s_end);
        let speaks = next.iter().take(2).any(|w| is_speech_verb(&w.lower));
        opening || speaks
    }

    /// Resolves "he"/"she" at `pos` to the most recent salient person of the same or two previous
    /// sentences: a sentence subject or the previous quote's speaker. Objects ("… attacking
    /// Machado. She said …") are only a last resort, as the pronoun rarely points at them.
    /// Without an antecedent the pronoun still credits the quote, with no name: the reader
    /// learns who the text says spoke without storyline guessing whom it means.
    fn resolve_pronoun(
        &self,
        pos: usize,
        pron: &W,
        prev_speaker: Option<(&Speaker, usize)>,
    ) -> Option<Speaker> {
        let cue = Some((pron.start, pron.end));
        Some(match self.antecedent(pos, pron, prev_speaker) {
            Some(sp) => Speaker { cue, ..sp },
            None => Speaker {
                name: None,
                start: pron.start,
                end: pron.end,
                cue,
            },
        })
    }

    /// A speaker the text credits by a pronoun other than "he"/"she": "they", "it" (a report,
    /// a statement), "I" and "we", and the relative "who"/"that"/"which". Only "who" is named, by
    /// the person right before it ("Ana Ruiz, who said …"); the others could stand for a group,
    /// a document or the writer, so their name stays unknown.
    fn credited_pronoun(&self, from: usize, pron: &W) -> Speaker {
        let before = self.text[from..pron.start].trim_end();
        let before = before.strip_suffix(',').unwrap_or(before).trim_end();
        let name = (pron.lower == "who")
            .then(|| self.mention_ending_at(from + before.len()))
            .flatten()
            .filter(|m| m.start >= from && m.kind == EntityKind::Person)
            .and_then(|m| self.mention_speaker(m).name);
        Speaker {
            name,
            start: pron.start,
            end: pron.end,
            cue: Some((pron.start, pron.end)),
        }
    }

    /// The person a pronoun stands for (see [`Ctx::resolve_pronoun`]).
    fn antecedent(
        &self,
        pos: usize,
        pron: &W,
        prev_speaker: Option<(&Speaker, usize)>,
    ) -> Option<Speaker> {
        let si = self.sentence_of(pos);
        let window_start = self
            .sentences
            .get(si.saturating_sub(2))
            .map_or(0, |s| s.start);
        // "she" does not stand for a Donald, nor "he" for a Hillary; an unknown name may be either.
        let female = pron.lower == "she";
        let agrees = |gender: Option<bool>| gender.is_none_or(|g| g == female);
        // Untyped names count too: the tagger leaves many unfamiliar person names as Other,
        // and places or organisations are what it types confidently.
        let in_window = |m: &&EntityMention| {
            matches!(m.kind, EntityKind::Person | EntityKind::Other)
                && m.start >= window_start
                && m.end <= pron.start
                && !self.inside_quote(m.start)
                && agrees(self.gender_of(m))
        };
        // A person named earlier in the pronoun's own sentence is its most likely antecedent
        // ("Sørby had vowed to fight it; yesterday she called it …").
        let s_start = self.sentences.get(si).map_or(0, |s| s.start);
        if let Some(m) = self
            .mentions
            .iter()
            .rev()
            .filter(in_window)
            .find(|m| m.start >= s_start)
        {
            return Some(self.mention_speaker(m));
        }
        let subject = self
            .mentions
            .iter()
            .rev()
            .filter(in_window)
            .find(|m| self.is_subject(m));
        let named = |sp: &Speaker| {
            sp.name.as_deref().is_some_and(|n| {
                n.chars().next().is_some_and(|c| c.is_uppercase()) && agrees(gender_of_name(n))
            })
        };
        if let Some((sp, at)) = prev_speaker {
            let recent = at >= window_start && subject.is_none_or(|m| m.start < at);
            if recent && named(sp) {
                return Some(sp.clone());
            }
        }
        if let Some(m) = subject {
            return Some(self.mention_speaker(m));
        }
        // Nobody salient nearby: the last quoted speaker, if fairly recent, is the one continuing.
        let wider = self
            .sentences
            .get(si.saturating_sub(6))
            .map_or(0, |s| s.start);
        if let Some((sp, _)) = prev_speaker.filter(|(sp, at)| *at >= wider && named(sp)) {
            return Some(sp.clone());
        }
        // Still nobody: the last person who stood as a sentence subject a few sentences back is
        // who the story is following.
        if let Some(m) = self.mentions.iter().rev().find(|m| {
            m.kind == EntityKind::Person
                && m.start >= wider
                && m.end <= pron.start
                && !self.inside_quote(m.start)
                && self.is_subject(m)
                && agrees(self.gender_of(m))
        }) {
            return Some(self.mention_speaker(m));
        }
        let mut people = self.mentions.iter().rev().filter(in_window);
        let only = people.next()?;
        // A lone named person in reach is safe; two or more are a guess.
        people
            .all(|m| m.entity == only.entity)
            .then(|| self.mention_speaker(only))
    }

    /// A person named alone between two commas, the rest up to `end` a clause about them:
    /// `text[from..end]` is " Ngozi Okafor, who led the talks". The name is whole (nothing but
    /// it between the commas), so a list or a phrase ending in a name does not qualify.
    fn appositive_name(&self, from: usize, end: usize) -> Option<&'a EntityMention> {
        let comma = from + self.text[from..end].find(',')?;
        let set_off = self.text[from..comma].trim_end();
        let name = set_off.trim_start();
        let m = self.mention_ending_at(from + set_off.len())?;
        let after = words_in(self.text, comma + 1..end);
        let clause = after
            .first()
            .is_some_and(|w| matches!(w.lower.as_str(), "who" | "whose"));
        (m.kind == EntityKind::Person && m.start + name.len() == m.end && clause).then_some(m)
    }

    /// The speaker named by the phrase `text[from..to]` that ends right before a speech verb.
    /// `whole` demands the phrase be nothing but the subject (used after a closing mark).
    fn subject_before(
        &self,
        from: usize,
        to: usize,
        whole: bool,
        prev: Option<(&Speaker, usize)>,
    ) -> Option<Speaker> {
        // "Rep. Gwen Moore (D-Wis.) said": a parenthesis between name and verb is an aside.
        let mut to = to;
        let trimmed = self.text[from..to].trim_end();
        if trimmed.ends_with(')') {
            if let Some(open) = trimmed.rfind('(') {
                to = from + self.text[from..from + open].trim_end().len();
            }
        }
        let mut ws = words_in(self.text, from..to);
        // "Okafor also said", "Okafor had previously said": adverbs and auxiliaries between the
        // subject and its verb are skipped, and the comma test below looks only before them.
        let mut to_subject = to;
        // "the statement said": a noun after a determiner is the subject, unless "in" makes it
        // an adverbial ("Okafor in a statement said").
        let noun_subject = |ws: &[W]| match ws {
            [.., a, d, _] => is_determiner(&d.lower) && a.lower != "in",
            [d, _] => is_determiner(&d.lower),
            _ => false,
        };
        loop {
            // An adverb closing an aside ("who spoke … candidly, said") stays in it.
            while ws.len() > 1
                && ws.last().is_some_and(|w| {
                    (is_verb_filler(&w.lower) || self.is_adverb(w))
                        && !self.text[w.end..].starts_with(',')
                })
                && !noun_subject(&ws)
            {
                to_subject = ws.pop().map_or(to_subject, |w| w.start);
            }
            // "who in 2010 said", "Okafor on Tuesday said", "Ruiz last week said": a time
            // between subject and verb.
            let n = ws.len();
            // Not inside an aside ("Ruiz, in a statement on Thursday, said").
            let timed = n > 2 && !self.text[ws[n - 1].end..to].contains(',') && {
                let (p, t) = (&ws[n - 2], &ws[n - 1]);
                matches!(
                    p.lower.as_str(),
                    "in" | "on" | "last" | "this" | "earlier" | "later"
                ) && (is_weekday_word(&t.lower)
                    || is_month_word(&t.lower)
                    || is_time_noun(&t.lower)
                    || t.lower.len() == 4 && t.lower.chars().all(|c| c.is_ascii_digit()))
            };
            if !timed {
                break;
            }
            ws.truncate(n - 2);
            to_subject = ws[n - 3].end;
        }
        // "Sen. Ted Cruz (Tex.) has said": the parenthesis before the auxiliary is an aside too.
        let upto = self.text[from..to_subject].trim_end();
        if to_subject < to && upto.ends_with(')') {
            if let Some(open) = upto.rfind('(') {
                let cut = from + self.text[from..from + open].trim_end().len();
                ws.retain(|w| w.end <= cut);
                to_subject = cut;
            }
        }
        let last = ws.last()?;
        let end = last.end;
        let tail = self.text[end..to_subject].trim();
        if !(tail.is_empty() || tail == "," || tail.ends_with(',')) {
            return None;
        }
        // "Tomas Brell, who chairs the Growers' Association, said": the name before a relative
        // clause or appositive is the subject, not the name that happens to end the clause.
        if tail == "," {
            let phrase = &self.text[from..end];
            if let Some(c) = phrase.find(',') {
                let before = self.text[from..from + c].trim_end();
                let after = words_in(self.text, from + c..end);
                // "Trump, in Kentucky, said", "Ruiz, however, said": a lower-case word after the
                // comma opens an aside, not a list of names.
                let clause = after.first().is_some_and(|w| {
                    matches!(w.lower.as_str(), "who" | "which" | "whose")
                        || is_determiner(&w.lower)
                        // "Jenna Holm, Lisk’s director of policy, said"
                        || is_possessive(&w.lower)
                        || (self.text[w.start..]
                            .chars()
                            .next()
                            .is_some_and(char::is_lowercase)
                            && !matches!(w.lower.as_str(), "and" | "or" | "but" | "nor"))
                });
                // A place may speak as its government ("Even China, Pyongyang's only ally, said")
                // when it opens the clause, not after a preposition ("In Iowa, …").
                let opens = |m: &EntityMention| {
                    let lead = words_in(self.text, from..m.start);
                    lead.len() <= 1 && lead.iter().all(|w| !is_preposition(&w.lower))
                };
                let m = self
                    .mention_ending_at(from + before.len())
                    .filter(|m| m.start >= from && (m.kind != EntityKind::Place || opens(m)))
                    .filter(|m| !self.after_preposition(from, m));
                if let (true, Some(m)) = (clause, m) {
                    return Some(self.mention_speaker(m));
                }
                // "an intelligence source, who was not authorised to speak, said": the same
                // with a role noun phrase in place of a name.
                let bw = words_in(self.text, from..from + before.len());
                let nominal = bw.len() <= 6
                    && bw.first().is_some_and(|w| {
                        matches!(w.lower.as_str(), "a" | "an" | "the" | "another" | "one")
                    })
                    && bw.last().is_some_and(|w| is_role_noun(&w.lower))
                    && !before.contains(['“', '"', '(', ';', ':']);
                if clause && nominal && (!whole || bw[0].start == ws[0].start) {
                    let (s, e) = (bw[0].start, from + before.len());
                    return Some(Speaker {
                        name: Some(self.text[s..e].to_string()),
                        start: s,
                        end: e,
                        cue: None,
                    });
                }
                // "Veldora’s water minister, Ngozi Okafor, who led the talks, said": a name set
                // off by commas after a title (or an opening phrase) and followed by a clause.
                if let Some(m) = self.appositive_name(from + c + 1, end) {
                    return Some(self.mention_speaker(m));
                }
            }
        }
        // "Another source speaking to Fox News said": the object of a preposition is no subject;
        // "Sammy Aaron, vice chairman of G-III, said" is read as an appositive below.
        if let Some(m) = self
            .mention_ending_at(end)
            .filter(|m| m.start >= from && !self.after_preposition(from, m))
        {
            let lead = &self.text[from..m.start];
            // "“…,” Edda Marr and Jon Voss wrote": two named people speak together; so do two
            // governments or bodies ("Veldora and Ostria said"), though never a person with one.
            if let Some(and_at) = lead.trim_end().strip_suffix("and").map(str::len) {
                let first = self
                    .mention_ending_at(from + lead[..and_at].trim_end().len())
                    .filter(|a| {
                        a.start >= from
                            && (a.kind == EntityKind::Person) == (m.kind == EntityKind::Person)
                            // "nuclear experts Edda Marr and …": a lower-case role may lead.
                            && words_in(self.text, from..a.start).len() <= 3
                            && self.text[from..a.start]
                                .chars()
                                .all(|c| c.is_lowercase() || c.is_whitespace())
                    });
                if let (Some(a), true) = (first, tail.is_empty() || tail == ",") {
                    return Some(Speaker {
                        name: self
                            .mention_speaker(a)
                            .name
                            .zip(self.mention_speaker(m).name)
                            .map(|(a, m)| format!("{a} and {m}")),
                        start: a.start,
                        end: m.end,
                        cue: None,
                    });
                }
            }
            let lead_words = words_in(self.text, from..m.start);
            // "“…” until Haley said", "“…” and Trump vowed": a name opening a new clause
            // speaks in that clause, not the quote.
            let ok = !whole
                || (lead_words.len() <= 5
                    && lead_words.iter().all(|w| {
                        !is_speech_verb(&w.lower)
                            && w.lower != "that"
                            && !is_clause_opener(&w.lower)
                    })
                    && !lead.contains([';', '(', ')', '“', '"']));
            // "the agency's chair, Beatrix Holm, said": the comma closes the appositive.
            if ok && (tail.is_empty() || tail == ",") {
                return Some(self.mention_speaker(m));
            }
        }
        if is_pronoun(&last.lower) && tail.is_empty() && (!whole || ws.len() == 1) {
            return self.resolve_pronoun(last.start, last, prev);
        }
        if is_crediting_pronoun(&last.lower) && tail.is_empty() && (!whole || ws.len() == 1) {
            return Some(self.credited_pronoun(from, last));
        }
        // Appositive: "Ana Ruiz, a spokeswoman for the ministry, said".
        if tail.ends_with(',') || self.text[end..to].trim_start().starts_with(',') {
            let phrase = &self.text[from..end];
            if let Some(c) = phrase.rfind(',') {
                let before = self.text[from..from + c].trim_end();
                // "Rep. Elijah Cummings (D-Md.), chair of …": the name before its parenthesis.
                let before = match before.strip_suffix(')').and_then(|b| b.rfind('(')) {
                    Some(open) => before[..open].trim_end(),
                    None => before,
                };
                let b_end = from + before.len();
                // "Officials from Orsk, who met …, said": not the object of a preposition.
                if let Some(m) = self
                    .mention_ending_at(b_end)
                    .filter(|m| !self.after_preposition(from, m))
                {
                    let appos = words_in(self.text, from + c..end);
                    if appos.len() <= 10
                        && appos.first().is_some_and(|w| {
                            is_determiner(&w.lower)
                                || w.lower
                                    .chars()
                                    .all(|c| c.is_lowercase() || c.is_ascii_digit())
                        })
                    {
                        return Some(self.mention_speaker(m));
                    }
                }
            }
            return None;
        }
        if !tail.is_empty() {
            return None;
        }
        if whole {
            if let Some(sp) = bare_name(self.text, &ws) {
                return Some(sp);
            }
        } else {
            // "Billie Jean King won … . King says …": the capitalised words right before the
            // verb, after a lower-case word or the clause start.
            let caps = ws
                .iter()
                .rev()
                .take_while(|w| self.text[w.start..].starts_with(char::is_uppercase))
                .count();
            if (1..=3).contains(&caps) {
                let run = &ws[ws.len() - caps..];
                let after_lower = ws.len() == caps
                    || self.text[ws[ws.len() - caps - 1].start..].starts_with(char::is_lowercase)
                        && !is_preposition(&ws[ws.len() - caps - 1].lower);
                // "Officials from Lisk, Port Vale and Orsk called": the last of a list a
                // preposition governs.
                let governed = self
                    .mention_ending_at(end)
                    .is_some_and(|m| self.after_preposition(from, m));
                if let (true, false, Some(sp)) = (after_lower, governed, bare_name(self.text, run))
                {
                    return Some(sp);
                }
            }
            // "The Council on … National Executive Director Nihad Awad says": in a long
            // capitalised run, the name is what follows its last title.
            if (4..=10).contains(&caps) {
                let run = &ws[ws.len() - caps..];
                if let Some(t) = run.iter().rposition(|w| is_honorific(&w.lower)) {
                    let name = &run[t + 1..];
                    if let (1..=3, Some(sp)) = (name.len(), bare_name(self.text, name)) {
                        return Some(sp);
                    }
                }
            }
        }
        // Common-noun speaker: "the ministry", "a spokesman for the agency". Right after a
        // closing mark ("“…,” the ad's narrator says") any short noun phrase is the speaker.
        // Before the quote, any determiner phrase right before a plain speech verb is its
        // subject ("one questioner claimed", "21 percent said"), unless it tells the time ("two
        // weeks ago said") or the verb only names ("a film called “…”").
        let verb_weak = self.text[to..]
            .split(|c: char| !c.is_alphabetic())
            .next()
            .is_some_and(|v| is_weak_speech_verb(&v.to_lowercase()));
        let frame_noun = (!whole || ws.len() <= 4)
            && (whole || !verb_weak && !is_time_noun(&last.lower))
            && !is_verb_filler(&last.lower)
            && !storyline_text::is_stopword(&last.lower);
        if !is_role_noun(&last.lower) && !frame_noun {
            // "a spokesman for the ministry said": the role noun heads a prepositional tail.
            let head = ws.iter().rev().take(6).find(|w| is_role_noun(&w.lower));
            head?;
        }
        // "63 percent said", "Powell’s office said": a count or a possessor opens a subject like
        // a determiner.
        let mut det = ws.iter().rev().take(7).position(|w| {
            is_determiner(&w.lower)
                || !whole
                    && (w.lower.starts_with(|c: char| c.is_ascii_digit())
                        || is_possessive(&w.lower) && w.end < end)
        })?;
        // "Donald Trump’s campaign manager": from the start of the possessor's name.
        let at = ws.len() - 1 - det;
        if is_possessive(&ws[at].lower) {
            if let Some(m) = self.mentions.iter().find(|m| {
                m.start >= from
                    && m.start < ws[at].start
                    && m.end <= ws[at].end
                    && m.end + 4 >= ws[at].end
            }) {
                det += ws[..at]
                    .iter()
                    .rev()
                    .take_while(|w| w.start >= m.start)
                    .count();
            }
        }
        let d = &ws[ws.len() - 1 - det];
        let phrase = &ws[ws.len() - 1 - det..];
        if whole && d.start != ws[0].start {
            return None;
        }
        // The role noun must head this phrase: "the agency two weeks ago said" has none.
        let loose = !phrase.iter().skip(1).any(|w| is_role_noun(&w.lower));
        if !frame_noun && loose {
            return None;
        }
        // "Leaders of the organization said": a phrase after a preposition is part of a longer
        // subject, which starts at an earlier determiner or opens the clause; "Protesters
        // marching through the streets chanted" has none (a participle is no subject).
        let mut d = d;
        let mut phrase = phrase;
        let p_at = ws.len() - det - 1;
        if !whole && p_at > 0 && is_preposition(&ws[p_at - 1].lower) {
            let from = p_at.saturating_sub(7);
            let start = (from..p_at - 1)
                .rev()
                .find(|&j| is_determiner(&ws[j].lower))
                .or((p_at <= 5).then_some(0))?;
            let longer = &ws[start..];
            if longer.iter().any(|w| {
                w.lower.ends_with("ing") || is_speech_verb(&w.lower) || is_clause_opener(&w.lower)
            }) {
                return None;
            }
            d = &ws[start];
            phrase = longer;
        }
        // "the members will still meet, but then said": a clause, not a noun phrase.
        if self.text[d.start..end].contains([',', ';'])
            || phrase.iter().any(|w| {
                is_speech_verb(&w.lower)
                    || w.lower == "that"
                    || is_clause_opener(&w.lower)
                    || matches!(
                        w.lower.as_str(),
                        "will" | "would" | "can" | "could" | "should" | "may" | "might" | "must"
                    )
            })
        {
            return None;
        }
        Some(Speaker {
            name: Some(self.text[d.start..end].to_string()),
            start: d.start,
            end,
            cue: None,
        })
    }

    /// The speaker in the frame of a quote closed mid-sentence (“…,” said X / “…,” X said),
    /// where news style leaves no doubt that the phrase next to the verb is who spoke, whatever
    /// its words: a name the tagger missed ("“…,” From said"), a group ("federal prosecutors
    /// wrote"), a described source ("said a longtime adviser to Trump, who …"). `ws` is the
    /// phrase, from next to the verb to the clause end; it must not read as a clause itself.
    /// The credited span ends at its first comma ("Amy Pope, deputy homeland security adviser").
    fn frame_phrase(&self, ws: &[W]) -> Option<Speaker> {
        let first = ws.first()?;
        let phrase = &self.text[first.start..ws.last()?.end];
        let span_end = phrase
            .find(',')
            .map_or(first.start + phrase.len(), |c| first.start + c);
        let head: Vec<&W> = ws.iter().take_while(|w| w.end <= span_end).collect();
        // A capitalised word here is a name even when it spells a common word ("“…,” From
        // said", "Will wrote"), but not a pronoun, a day or a month.
        let capitalised = self.text[first.start..].starts_with(char::is_uppercase)
            && !is_pronoun(&first.lower)
            && !is_crediting_pronoun(&first.lower)
            && !is_weekday_word(&first.lower)
            && !is_month_word(&first.lower);
        let opener_ok = is_determiner(&first.lower)
            && !matches!(first.lower.as_str(), "that" | "this")
            || capitalised
            || !storyline_text::is_stopword(&first.lower)
                && !is_weekday_word(&first.lower)
                && !is_month_word(&first.lower)
                && !is_time_noun(&first.lower)
                && !is_verb_filler(&first.lower)
                && !self.is_adverb(first)
                && !matches!(first.lower.as_str(), "today" | "yesterday" | "tonight");
        // "the senator and presidential candidate" coordinates nouns; a past tense would make
        // it two clauses. "known as Bob" names.
        let past = head
            .iter()
            .any(|w| w.lower.ends_with("ed") && w.lower != "known" || is_irregular_past(&w.lower));
        let clause_like = head.iter().enumerate().any(|(i, w)| {
            is_speech_verb(&w.lower)
                || is_pronoun(&w.lower)
                // A participle, not a noun after its article ("involved in the planning").
                || (w.lower.ends_with("ing")
                    && self.text[w.start..].starts_with(char::is_lowercase)
                    && !(i > 0 && is_determiner(&head[i - 1].lower)))
                || is_clause_opener(&w.lower)
                    && (w.lower != "and" || past)
                    && !(w.lower == "as" && i > 0 && head[i - 1].lower == "known")
                || matches!(
                    w.lower.as_str(),
                    "that" | "is" | "was" | "are" | "were" | "will" | "would" | "can" | "could"
                )
        });
        if !opener_ok
            || clause_like
            || head.is_empty()
            || head.len() > 10
            || phrase.contains(['“', '"', '”', ';', ':'])
        {
            return None;
        }
        if let Some(m) = self
            .mention_starting_at(first.start)
            .filter(|m| m.kind != EntityKind::Place && m.end <= span_end)
            .filter(|m| !self.text[m.end..].starts_with(['\'', '’']))
        {
            return Some(self.mention_speaker(m));
        }
        Some(Speaker {
            name: Some(self.text[first.start..span_end].to_string()),
            start: first.start,
            end: span_end,
            cue: None,
        })
    }

    /// Whether mention `m` is the object of a preposition within `from..`: "to the Observer",
    /// "speaking to Fox News" (a place after "of" is a name's home: "Gilbert of Cheyenne").
    fn after_preposition(&self, from: usize, m: &EntityMention) -> bool {
        // A mention reaching back before the phrase ("U.S." cut by a sentence split) has no
        // governor inside it.
        if m.start < from {
            return false;
        }
        let governs =
            |p: &W| is_preposition(&p.lower) && !(p.lower == "of" && m.kind == EntityKind::Place);
        let all = words_in(self.text, from..m.start);
        // "Officials from Lisk, Port Vale and Orsk": the last name of a list shares the
        // preposition before the first. A list of people ("In Iowa, Ruiz and Okafor") is not
        // read across a comma, where it is as likely an opening phrase closing.
        if let Some(conj) = all
            .last()
            .filter(|w| matches!(w.lower.as_str(), "and" | "or"))
        {
            // Back over the names of the list (and their commas, unless they are people).
            let mut at = conj.start;
            loop {
                let before = self.text[from..at].trim_end();
                let item_end = match before.strip_suffix(',') {
                    Some(b) if m.kind != EntityKind::Person => b.trim_end(),
                    Some(_) => break,
                    None => before,
                };
                match self.mention_ending_at(from + item_end.len()) {
                    Some(item) if item.start >= from => at = item.start,
                    _ => break,
                }
            }
            if at < conj.start {
                return words_in(self.text, from..at).last().is_some_and(governs);
            }
        }
        // Within the mention's own clause: "To that, Kasich joked" has none.
        let from = self.text[from..m.start]
            .rfind(',')
            .map_or(from, |c| from + c + 1);
        let lead = words_in(self.text, from..m.start);
        let lead = match lead.last() {
            Some(w) if is_determiner(&w.lower) => &lead[..lead.len() - 1],
            _ => &lead[..],
        };
        lead.last().is_some_and(governs)
    }

    /// The speaker named right after a speech verb ("said Ana Ruiz", "said a spokesman").
    fn subject_after(
        &self,
        from: usize,
        limit: usize,
        prev: Option<(&Speaker, usize)>,
    ) -> Option<Speaker> {
        let ws = words_in(self.text, from..limit);
        let first = ws.first()?;
        if !self.text[from..first.start].trim().is_empty() {
            return None;
        }
        for (k, w) in ws.iter().take(6).enumerate() {
            if let Some(m) = self.mention_starting_at(w.start) {
                let between = &self.text[first.start..w.start];
                // Only a title or role may stand between verb and name ("said Interior Minister
                // X", "said ministry spokeswoman X"), not another verb ("… accusing X").
                let lead_ok = k <= 4
                    && !between.contains([';', ':', '“', '"', '(', ')'])
                    && !ws[..k].iter().any(|x| {
                        matches!(
                            x.lower.as_str(),
                            "that" | "to" | "of" | "about" | "on" | "for" | "with" | "at" | "in"
                        ) || is_speech_verb(&x.lower)
                            || (x.lower.ends_with("ing") && x.lower.len() > 5)
                    });
                if lead_ok {
                    return Some(self.mention_speaker(m));
                }
                return None;
            }
            if k == 0 && is_pronoun(&w.lower) {
                return self.resolve_pronoun(w.start, w, prev);
            }
            let abbreviation = self.text[w.end..].starts_with('.')
                && (is_honorific(&w.lower) || w.lower.chars().count() == 1);
            if self.text[w.end..].starts_with([',', '.', ';'])
                && !is_role_noun(&w.lower)
                && !abbreviation
            {
                break;
            }
        }
        // "said Cuban, who …": a name the tagger missed, closed by punctuation or the clause end.
        let run: Vec<W> = ws
            .iter()
            .take(3)
            .take_while(|w| self.text[w.start..].starts_with(char::is_uppercase))
            .cloned()
            .collect();
        if let Some(last) = run.last() {
            let after = self.text[last.end..limit].trim_start();
            let closed = after.is_empty()
                || after.starts_with([',', '.', ';'])
                || after.starts_with(char::is_lowercase);
            if closed {
                if let Some(sp) = bare_name(self.text, &run) {
                    return Some(sp);
                }
            }
        }
        // "say that an important quality …": "that"/"this" open the reported clause.
        if is_determiner(&first.lower) && !matches!(first.lower.as_str(), "that" | "this") {
            let mut end = None;
            for w in ws.iter().take(7).skip(1) {
                if is_role_noun(&w.lower) {
                    end = Some(w.end);
                }
                if self.text[w.end..].starts_with([',', '.', ';', ':']) || w.lower == "that" {
                    break;
                }
            }
            let end = end?;
            // "said a spokesman." / "said the ministry, …" end there; "said the message was"
            // starts the reported clause instead.
            let rest = self.text[end..limit].trim_start();
            let closed = rest.is_empty()
                || rest.starts_with([',', '.', ';', ':', '“', '"'])
                || words_in(self.text, end..limit).first().is_some_and(|w| {
                    matches!(
                        w.lower.as_str(),
                        "for"
                            | "of"
                            | "at"
                            | "in"
                            | "on"
                            | "to"
                            | "with"
                            | "from"
                            | "who"
                            | "familiar"
                            | "close"
                    )
                });
            if !closed {
                return None;
            }
            return Some(Speaker {
                name: Some(self.text[first.start..end].to_string()),
                start: first.start,
                end,
                cue: None,
            });
        }
        None
    }
}

/// Finds the quotes of `text`; `mentions` are the document's entity mentions (used as speakers).
pub(crate) fn find_quotes(
    text: &str,
    sentences: &[Range<usize>],
    mentions: &[EntityMention],
) -> Vec<Quote> {
    let paras = storyline_text::paragraphs(text);
    let raw = scan(text, &paras);
    let mut display: FastMap<&str, &str> = FastMap::default();
    for m in mentions {
        let e = display.entry(m.entity.as_str()).or_insert(m.text.as_str());
        if word_count(&m.text) > word_count(e) {
            *e = m.text.as_str();
        }
    }
    let ctx = Ctx {
        text,
        sentences,
        paras: &paras,
        mentions,
        display,
        quotes: &raw,
    };

    let mut speakers: Vec<Option<Speaker>> = Vec::with_capacity(raw.len());
    let mut cue: Vec<Cue> = Vec::with_capacity(raw.len());
    let mut last_speaker: Option<(Speaker, usize)> = None;
    for (k, q) in raw.iter().enumerate() {
        let prev = last_speaker.as_ref().map(|(s, at)| (s, *at));
        let (sp, has_cue) = attribute(&ctx, k, q, prev);
        if let Some(s) = &sp {
            last_speaker = Some((s.clone(), q.close));
        }
        speakers.push(sp);
        cue.push(has_cue);
    }
    // Propagate along multi-paragraph quotes, both ways: the attribution may sit in any part.
    for k in 1..raw.len() {
        if let Some(p) = raw[k].continues {
            if speakers[k].is_none() {
                speakers[k] = speakers[p].clone();
            }
            cue[k] = cue[k].max(cue[p]);
        }
    }
    for k in (1..raw.len()).rev() {
        if let Some(p) = raw[k].continues {
            if speakers[p].is_none() {
                speakers[p] = speakers[k].clone();
            }
            cue[p] = cue[p].max(cue[k]);
        }
    }

    let mut out = Vec::new();
    for (k, q) in raw.iter().enumerate() {
        if !keep_quote(text, q, cue[k], speakers[k].is_some()) {
            continue;
        }
        let sp = speakers[k].clone();
        out.push(Quote {
            start: q.start,
            end: q.end,
            text: text[q.start..q.end].to_string(),
            // Where the text credits the quote: the pronoun of "…," he said, else the name.
            speaker_start: sp.as_ref().map(|s| s.cue.map_or(s.start, |c| c.0)),
            speaker_end: sp.as_ref().map(|s| s.cue.map_or(s.end, |c| c.1)),
            speaker: sp.and_then(|s| s.name),
        });
    }
    out
}

/// Scare quotes and titles ("the so-called “reform”", “War and Peace”) are not speech: short or
/// title-cased segments are kept only when an attribution cue stands next to them.
fn keep_quote(text: &str, q: &RawQuote, cue: Cue, has_speaker: bool) -> bool {
    let inner = &text[q.start..q.end];
    let n = word_count(inner);
    if n == 0 {
        return false;
    }
    let ends_like_speech = inner.ends_with(['.', ',', '!', '?', '…']) || !q.closed;
    let long: Vec<_> = tokens(inner)
        .filter(|t| t.text.chars().count() > 3)
        .collect();
    let title_case = !long.is_empty()
        && long
            .iter()
            .all(|t| t.text.chars().next().is_some_and(|c| c.is_uppercase()));
    match cue {
        Cue::Adjacent => return true,
        // “Eclipsed.” at a sentence end is the name of a work, not one word of speech.
        Cue::Sentence if n <= 3 && title_case && inner.ends_with('.') => return false,
        Cue::Sentence if n > 3 || ends_like_speech => return true,
        // "Okafor added that the “emergency fund” …": words a named speaker used, quoted in
        // the sentence that reports them. Title-cased spans stay out: those are names of works.
        Cue::Sentence if has_speaker && !title_case => return true,
        _ => {}
    }
    if title_case && !inner.ends_with(['.', '!', '?']) {
        return false;
    }
    n >= 4 || (n >= 2 && ends_like_speech && inner.ends_with(['.', '!', '?']))
}

/// How closely an attribution cue sits to a quote: short quoted words count as speech only when
/// the cue is adjacent ("called it “a disgrace”"), not merely somewhere in the sentence
/// ("added that the “emergency fund” …").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cue {
    None,
    Sentence,
    Adjacent,
}

/// Common irregular past-tense verbs: "Bolton thought …", "Trump shot back …".
fn is_irregular_past(w: &str) -> bool {
    matches!(
        w,
        "thought"
            | "said"
            | "told"
            | "wrote"
            | "took"
            | "made"
            | "gave"
            | "went"
            | "came"
            | "saw"
            | "knew"
            | "felt"
            | "found"
            | "kept"
            | "left"
            | "met"
            | "put"
            | "ran"
            | "sent"
            | "spoke"
            | "stood"
            | "won"
            | "got"
            | "held"
            | "brought"
            | "began"
            | "chose"
            | "drew"
            | "fought"
            | "hit"
            | "led"
            | "lost"
            | "meant"
            | "paid"
            | "rose"
            | "set"
            | "shot"
            | "struck"
            | "swore"
            | "taught"
            | "threw"
            | "understood"
            | "sang"
            | "bit"
            | "broke"
            | "became"
            | "forgot"
            | "hid"
            | "let"
            | "quit"
            | "sought"
            | "sold"
            | "shook"
            | "spent"
            | "stuck"
    )
}

/// The subject opening the sentence around `pos`: its first name that is no place (a person, or an
/// organisation that makes statements as one: "In a statement, Peabody said"), after at most a
/// short adverbial ("In an interview on Monday, Sanders …"), or an opening "he"/"she" resolved
/// like any other pronoun speaker ("He went on to call the plan “…”").
fn sentence_subject(ctx: &Ctx<'_>, pos: usize, prev: Option<(&Speaker, usize)>) -> Option<Speaker> {
    let si = ctx.sentence_of(pos);
    let s_start = ctx.sentences.get(si).map_or(0, |s| s.start);
    // The words before `from`, and the text before them with any trailing title set aside:
    // "After the floods, Mayor Ana Ruiz …" — a title may stand between the comma and the name.
    let lead_of = |from: usize| {
        let lead = words_in(ctx.text, s_start..from);
        let titles = lead
            .iter()
            .rev()
            .take(3)
            .take_while(|w| {
                is_honorific(w.lower.trim_end_matches('.'))
                    && ctx.text[w.start..].starts_with(char::is_uppercase)
                    && !ctx.text[w.end..from].contains(',')
            })
            .count();
        let cut = lead
            .get(lead.len() - titles..)
            .and_then(<[W]>::first)
            .map_or(from, |w| w.start);
        (lead.len(), ctx.text[s_start..cut].trim_end())
    };
    let opening_ok = |from: usize| {
        let (n, lead_text) = lead_of(from);
        // "On ABC's “This Week,” Rubio said": the comma may sit inside a title's marks.
        let lead_text = lead_text.trim_end_matches(['"', '”']);
        n <= 2 || (n <= 10 && lead_text.ends_with(','))
    };
    // "Trump’s remarks are sickening, Hollande said, noting …": a possessive is no subject.
    let speaker_like = |m: &&EntityMention| {
        m.start >= s_start
            && m.end <= pos
            && m.kind != EntityKind::Place
            && !ctx.text[m.end..].starts_with(['\'', '’'])
    };
    let m = ctx
        .mentions
        .iter()
        .find(|m| speaker_like(m) && !ctx.inside_quote(m.start));
    let words = words_in(ctx.text, s_start..m.map_or(pos, |m| m.start));
    // "At the time, she released a statement saying …": the pronoun may follow a short
    // comma-closed adverbial, like a name.
    let after_adverbial = words.iter().take(7).position(|w| {
        ctx.text[w.end..].starts_with(',') && !ctx.text[s_start..w.end].contains(['“', '"'])
    });
    // "Then he cut into Bush, calling …", "But she …": a connective may open the sentence.
    let lead = usize::from(words.first().is_some_and(|w| {
        matches!(
            w.lower.as_str(),
            "then" | "but" | "and" | "so" | "still" | "later" | "yet"
        )
    }));
    let opener = words
        .get(lead)
        .and_then(subject_pronoun)
        .or_else(|| {
            after_adverbial
                .and_then(|i| words.get(i + 1))
                .and_then(subject_pronoun)
        })
        .filter(|w| !ctx.inside_quote(w.start));
    if let Some(w) = opener {
        return ctx.resolve_pronoun(w.start, &w, prev);
    }
    // "Meanwhile, it attacked Trump, saying …": "it", "they", "we" open the sentence likewise.
    let credited = words
        .first()
        .filter(|w| !ctx.text[w.end..].starts_with(','))
        .into_iter()
        .chain(after_adverbial.and_then(|i| words.get(i + 1)))
        .find(|w| matches!(w.lower.as_str(), "it" | "they" | "we") && !ctx.inside_quote(w.start));
    if let Some(w) = credited {
        return Some(ctx.credited_pronoun(s_start, w));
    }
    if let Some(m) = m.filter(|m| opening_ok(m.start)) {
        return Some(ctx.mention_speaker(m));
    }
    // "Speaking to supporters in South Carolina after the state’s primary, Cruz said …": a
    // longer opening phrase (a participle or a preposition) closed by a comma.
    let opening_phrase = words.first().is_some_and(|w| {
        is_preposition(&w.lower)
            || w.lower.ends_with("ing")
            || matches!(
                w.lower.as_str(),
                "after" | "before" | "during" | "following"
            )
    });
    if opening_phrase {
        if let Some(m) = ctx.mentions.iter().find(|m| {
            speaker_like(m) && !ctx.text[s_start..m.start].contains(['“', '"', ';']) && {
                let (n, lead_text) = lead_of(m.start);
                n <= 16 && lead_text.ends_with(',')
            }
        }) {
            return Some(ctx.mention_speaker(m));
        }
    }
    nominal_subject(ctx, s_start, pos)
}

/// "The Republican candidate appeared to …", "A spokeswoman for the Port Authority emailed …": a
/// sentence opening with a determiner and a role noun has that noun phrase as its subject.
fn nominal_subject(ctx: &Ctx<'_>, s_start: usize, pos: usize) -> Option<Speaker> {
    let text = ctx.text;
    let ws = words_in(text, s_start..pos);
    let first = ws.first()?;
    if !matches!(first.lower.as_str(), "the" | "a" | "an") {
        return None;
    }
    let head = ws
        .iter()
        .take(5)
        .skip(1)
        .position(|w| is_role_noun(&w.lower))?
        + 1;
    if text[first.start..ws[head].end].contains([',', '“', '"', '(', ';', ':']) {
        return None;
    }
    let mut end = ws[head].end;
    // "a spokeswoman for the Port Authority": a named organisation completes the phrase.
    if let Some(p) = ws
        .get(head + 1)
        .filter(|w| matches!(w.lower.as_str(), "for" | "of" | "at" | "from" | "in"))
    {
        let named: Vec<&W> = ws[head + 2..]
            .iter()
            .take(6)
            .take_while(|w| w.lower == "the" || text[w.start..].starts_with(char::is_uppercase))
            .collect();
        if let Some(last) = named
            .last()
            .filter(|_| named.iter().any(|w| w.lower != "the"))
        {
            if !text[p.start..last.end].contains([',', '“', '"']) {
                end = last.end;
            }
        }
    }
    // The phrase must be followed by its verb, a lower-case word.
    let next = words_in(text, end..pos);
    let verb_like = next.first().is_some_and(|w| {
        text[end..w.start].trim().is_empty()
            && text[w.start..].starts_with(char::is_lowercase)
            && !is_determiner(&w.lower)
            && !matches!(
                w.lower.as_str(),
                "of" | "for" | "at" | "in" | "who" | "that" | "and"
            )
    });
    verb_like.then(|| Speaker {
        name: Some(text[first.start..end].to_string()),
        start: first.start,
        end,
        cue: None,
    })
}

/// "“…” if she loses, said Ana Ruiz" / "“…” about the plan, Ruiz said": a partial quote runs on
/// into the sentence, whose last comma clause is the attribution.
fn clause_final_speaker(
    ctx: &Ctx<'_>,
    close: usize,
    verb: &W,
    limit: usize,
    prev: Option<(&Speaker, usize)>,
) -> Option<Speaker> {
    let text = ctx.text;
    let lead = &text[close..verb.start];
    let comma = lead.rfind(',')?;
    let clause_start = close + comma + 1;
    if text[clause_start..verb.start].trim().is_empty() {
        // ", said Ana Ruiz": the subject follows the verb; after "told"/"asked" the name is
        // the one spoken to.
        if is_addressee_verb(&verb.lower) {
            return None;
        }
        return ctx.subject_after(verb.end, limit, prev);
    }
    let sp = ctx.subject_before(clause_start, verb.start, true, prev)?;
    // ", Ruiz said." ends the sentence; ", Ruiz said the plan …" reports something new.
    let rest = words_in(text, verb.end..limit);
    let closes = rest.first().is_none_or(|w| {
        has_sentence_break(&text[verb.end..w.end])
            || matches!(
                w.lower.as_str(),
                "of" | "on" | "in" | "at" | "about" | "during" | "after"
            )
    });
    closes.then_some(sp)
}

/// "as The Herald put it": the phrase between "as" and "put it" that opens `ws`.
fn as_put_it(ctx: &Ctx<'_>, ws: &[W], prev: Option<(&Speaker, usize)>) -> Option<Speaker> {
    let put = ws
        .windows(2)
        .take(10)
        .position(|p| p[0].lower == "put" && p[1].lower == "it")?;
    if put < 2 || ws[0].lower != "as" {
        return None;
    }
    ctx.subject_before(ws[1].start, ws[put].start, true, prev)
        .or_else(|| ctx.frame_phrase(&ws[1..put]))
}

/// The speaker of the sentence before `q` in its paragraph when that sentence has no quote and
/// ends with its attribution (", Schiff said." / ", said Ana Ruiz."), and the quote's own
/// sentence names nobody and has no speech verb before the quote.
fn after_indirect_speech(
    ctx: &Ctx<'_>,
    q: &RawQuote,
    para: &Range<usize>,
    prev: Option<(&Speaker, usize)>,
) -> Option<Speaker> {
    let text = ctx.text;
    let si = ctx.sentence_of(q.open);
    let cur = ctx.sentences.get(si)?;
    let ps = ctx.sentences.get(si.checked_sub(1)?)?;
    if ps.start < para.start || text[ps.clone()].contains(['“', '"', '”']) {
        return None;
    }
    let lead = cur.start.max(para.start)..q.open;
    let lead_ws = words_in(text, lead.clone());
    if lead_ws.iter().any(|w| is_speech_verb(&w.lower))
        || ctx
            .mentions
            .iter()
            .any(|m| m.start >= lead.start && m.end <= lead.end && m.kind != EntityKind::Place)
        || text[lead].contains(['“', '"', '”'])
    {
        return None;
    }
    let pw = words_in(text, ps.clone());
    let v = pw.iter().rposition(|w| is_speech_verb(&w.lower))?;
    let verb = &pw[v];
    if pw.len() - v > 5 || is_weak_speech_verb(&verb.lower) || verb.lower.ends_with("ing") {
        return None;
    }
    // The attribution is its own clause at the end: ", Schiff said." or ", said Schiff."
    let comma = text[ps.start..verb.start]
        .rfind(',')
        .map(|c| ps.start + c + 1)?;
    if words_in(text, comma..verb.start).len() > 4 {
        return None;
    }
    let end = ps.start
        + text[ps.clone()]
            .trim_end()
            .trim_end_matches(['.', '!'])
            .len();
    if comma < verb.start && !text[comma..verb.start].trim().is_empty() {
        let rest = words_in(text, verb.end..end);
        if rest
            .iter()
            .any(|w| !is_weekday_word(&w.lower) && !is_time_noun(&w.lower))
        {
            return None;
        }
        ctx.subject_before(comma, verb.start, true, prev)
    } else {
        ctx.subject_after(verb.end, end, prev)
            .filter(|s| text.get(s.end..end).is_some_and(|r| r.trim().is_empty()))
    }
}

/// Speaker and the attribution cue of quote `k`.
fn attribute(
    ctx: &Ctx<'_>,
    k: usize,
    q: &RawQuote,
    prev: Option<(&Speaker, usize)>,
) -> (Option<Speaker>, Cue) {
    let text = ctx.text;
    let para = &ctx.paras[q.para];
    let mut fallback = Cue::None;
    let next_open = ctx
        .quotes
        .get(k + 1)
        .filter(|n| n.para == q.para)
        .map_or(para.end, |n| n.open);

    // 1. After the closing mark: “…,” Okafor said / “…,” said Okafor.
    if q.closed {
        let after_ws = words_in(text, q.close..next_open);
        let gap_ok = after_ws.first().is_some_and(|w| {
            let gap = text[q.close..w.start].trim();
            gap.is_empty() || gap == "," || gap == "—" || gap == "–"
        });
        if gap_ok {
            // Right after a quote, "the Herald reported" and "the suit reads" attribute it; only
            // "called"/"described" stay weak ("“…,” he called it"). A plural noun spelled like a
            // verb ("in states that vote") is no verb without a subject before it.
            let verb_ok = |i: usize, w: &W| {
                let weak = is_weak_speech_verb(&w.lower)
                    && !matches!(w.lower.as_str(), "reported" | "reports" | "read" | "reads");
                let nounish = is_noun_like_verb(&w.lower)
                    && i > 0
                    && !is_pronoun(&after_ws[i - 1].lower)
                    && ctx.mention_ending_at(after_ws[i - 1].end).is_none()
                    && !is_role_noun(&after_ws[i - 1].lower);
                is_speech_verb(&w.lower) && !weak && !nounish
            };
            if let Some(v) = after_ws
                .iter()
                .enumerate()
                .take(25)
                .position(|(i, w)| verb_ok(i, w))
            {
                let verb = &after_ws[v];
                // After a quote that ends its own sentence, "Okafor said." closes it, but
                // "She says it underscores …" opens a new statement with new content.
                let ends_sentence = text[q.start..q.end].ends_with(['.', '?', '!']);
                let rest = &text[verb.end..next_open];
                let rest = &rest[..rest.find(['.', ';', ',', '“', '"']).unwrap_or(rest.len())];
                // A lower-case word after the closing mark ("“…!” he told the crowd") continues
                // the quote's sentence, so what follows the verb is its object, not news.
                let capital = text[after_ws[0].start..].starts_with(char::is_uppercase);
                // "“…liar.” Carly Fiorina said Ted Cruz …": a name after the verb is what the
                // new sentence reports on, unless the verb is addressed to it ("told Ruiz").
                let reports_on = words_in(text, verb.end..verb.end + rest.len())
                    .first()
                    .is_some_and(|w| {
                        text[w.start..].starts_with(char::is_uppercase)
                            && !is_addressee_verb(&verb.lower)
                            && !is_weekday_word(&w.lower)
                            && !is_month_word(&w.lower)
                    });
                // "“….” He added, “…”": a new sentence whose verb introduces the next quote.
                let introduces_next = next_open < para.end
                    && text[verb.end..next_open]
                        .trim()
                        .trim_end_matches(['“', '"'])
                        .trim()
                        .chars()
                        .all(|c| matches!(c, ',' | ':'));
                let new_statement = ends_sentence
                    && v > 0
                    && capital
                    && (word_count(rest) > 7
                        || introduces_next
                        || reports_on
                        || tokens(rest).any(|t| {
                            matches!(
                                t.text,
                                "that" | "it" | "he" | "she" | "they" | "the" | "this"
                            )
                        }));
                // "“We lost.” The mayor …": a capitalised article after a full stop opens a
                // new sentence.
                let new_sentence = ends_sentence
                    && after_ws.first().is_some_and(|w| {
                        matches!(w.lower.as_str(), "the" | "a" | "an")
                            && text[w.start..].starts_with(char::is_uppercase)
                    });
                let boundary =
                    new_statement || new_sentence || has_sentence_break(&text[q.close..verb.start]);
                if !boundary {
                    let open_frame = text[q.start..q.end].ends_with([',', '?', '!', '—']);
                    // "Trump claimed that “…,” one of the prosecutors said": a quote already
                    // framed before it is not framed again by an unknown phrase after it. Only
                    // the frame-phrase fallbacks ask, so it is found out only then.
                    let open_frame_phrase = || {
                        let s_start = ctx
                            .sentences
                            .get(ctx.sentence_of(q.open))
                            .map_or(0, |s| s.start);
                        open_frame
                            && !words_in(text, s_start.min(q.open)..q.open)
                                .iter()
                                .any(|w| is_speech_verb(&w.lower))
                    };
                    if v == 0 {
                        let sp = ctx.subject_after(verb.end, next_open, prev).or_else(|| {
                            // "“…,” said one Democrat familiar with the talks, who …"
                            // "“…?” asked the boy": right after the quote even "asked" has
                            // its subject after it.
                            let frame = !verb.lower.ends_with("ing") && open_frame_phrase();
                            let phrase: Vec<W> = after_ws[1..]
                                .iter()
                                .take_while(|w| !has_sentence_break(&text[verb.end..w.end]))
                                .cloned()
                                .collect();
                            frame.then(|| ctx.frame_phrase(&phrase)).flatten()
                        });
                        // "“…,” telling reporters …": a participle's subject opens the sentence.
                        let sp = sp.or_else(|| {
                            verb.lower
                                .ends_with("ing")
                                .then(|| sentence_subject(ctx, q.open, prev))
                                .flatten()
                        });
                        // Only a quote the writer closed mid-sentence (“…,”) is sure to be
                        // attributed right here; “depleted” and says … may be attributed earlier.
                        if sp.is_some() || open_frame {
                            return (sp, Cue::Adjacent);
                        }
                    } else {
                        // "“…” for the EU, said Geert Wilders": after a comma the verb is
                        // inverted and its subject follows.
                        let inverted = text[after_ws[v - 1].end..verb.start].contains(',')
                            && !verb.lower.ends_with("ing")
                            && !is_addressee_verb(&verb.lower)
                            && !ctx.mentions.iter().any(|m| {
                                m.kind == EntityKind::Person
                                    && m.start >= after_ws[0].start
                                    && m.end <= verb.start
                            });
                        let sp = inverted
                            .then(|| ctx.subject_after(verb.end, next_open, prev))
                            .flatten()
                            .or_else(|| {
                                ctx.subject_before(after_ws[0].start, verb.start, true, prev)
                            })
                            .or_else(|| clause_final_speaker(ctx, q.close, verb, next_open, prev))
                            .or_else(|| {
                                // "“…,” federal prosecutors wrote": adverbs and auxiliaries
                                // before the verb are not part of the speaker.
                                let mut n = v;
                                while n > 1
                                    && (is_verb_filler(&after_ws[n - 1].lower)
                                        || ctx.is_adverb(&after_ws[n - 1]))
                                {
                                    n -= 1;
                                }
                                open_frame_phrase()
                                    .then(|| ctx.frame_phrase(&after_ws[..n]))
                                    .flatten()
                            });
                        if sp.is_some() {
                            return (sp, Cue::Adjacent);
                        }
                        // "“…,” giving states more power": the words before the verb are no
                        // subject, so the cue keeps the quote but the speaker is sought elsewhere.
                        if v <= 3 && open_frame {
                            fallback = Cue::Adjacent;
                        }
                    }
                }
            }
        }
    }

    // "“…,” according to the Valley Herald.": the credit right after the quote names its source.
    // So do "per the party's bylaws" and "as a ministry memo put it".
    if q.closed {
        let after_ws = words_in(text, q.close..next_open);
        if let Some(a) = after_ws.first() {
            let gap = text[q.close..a.start].trim();
            let gap_ok = gap.is_empty() || gap == ",";
            let source_at = match (a.lower.as_str(), after_ws.get(1).map(|b| b.lower.as_str())) {
                ("according", Some("to")) => Some(2),
                ("per", _) => Some(1),
                _ => None,
            };
            if let (true, Some(n)) = (gap_ok, source_at) {
                let clause: Vec<W> = after_ws[n..]
                    .iter()
                    .take_while(|w| !has_sentence_break(&text[q.close..w.end]))
                    .cloned()
                    .collect();
                let sp = ctx
                    .subject_after(after_ws[n - 1].end, next_open, prev)
                    .or_else(|| ctx.frame_phrase(&clause));
                if sp.is_some() {
                    return (sp, Cue::Adjacent);
                }
            }
            if gap_ok && a.lower == "as" {
                if let Some(sp) = as_put_it(ctx, &after_ws, prev) {
                    return (Some(sp), Cue::Adjacent);
                }
            }
        }
    }

    // 1a. "“Go back,” Trump barked": a name right after the closing mark, then a finite verb,
    // attributes the quote even when the verb is not a known speech verb.
    if q.closed && text[q.start..q.end].ends_with([',', '?', '!']) {
        let after_ws = words_in(text, q.close..next_open);
        if let Some(first) = after_ws.first() {
            if let Some(m) = ctx
                .mention_starting_at(first.start)
                .filter(|m| m.kind != EntityKind::Place)
            {
                let gap_ok = text[q.close..m.start].trim().is_empty();
                let next = words_in(text, m.end..next_open);
                let finite = next.first().is_some_and(|w| {
                    text[m.end..w.start].trim().is_empty()
                        && w.lower.chars().all(|c| c.is_lowercase())
                        && (w.lower.ends_with("ed")
                            || is_irregular_past(&w.lower)
                            || is_speech_verb(&w.lower))
                });
                if gap_ok && finite {
                    return (Some(ctx.mention_speaker(m)), Cue::Adjacent);
                }
            }
            // "“This is fantastic!” beamed Ana Ruiz": the same inverted, verb first.
            if let Some(m) = after_ws
                .get(1)
                .and_then(|w| ctx.mention_starting_at(w.start))
            {
                let inverted = text[q.close..first.start].trim().is_empty()
                    && text[first.end..m.start].trim().is_empty()
                    && text[first.start..].starts_with(char::is_lowercase)
                    && first.lower.ends_with("ed")
                    && m.kind == EntityKind::Person;
                let tail = text[m.end..next_open].trim_start();
                if inverted && (tail.is_empty() || tail.starts_with(['.', ','])) {
                    return (Some(ctx.mention_speaker(m)), Cue::Adjacent);
                }
            }
        }
    }

    // 1b. "“…” ― Ana Ruiz": a dash and a bare name close a reader's or a source's words.
    if q.closed {
        let after = &text[q.close..next_open];
        let t = after.trim_start();
        if let Some(rest) = t
            .strip_prefix(['―', '—', '–'])
            .or_else(|| t.strip_prefix("--"))
        {
            let name_start = next_open - rest.trim_start().len();
            if let Some(m) = ctx.mention_starting_at(name_start) {
                let tail = text[m.end..next_open].trim();
                if tail.is_empty() || tail == "." || tail.starts_with(',') {
                    return (Some(ctx.mention_speaker(m)), Cue::Adjacent);
                }
            }
        }
    }

    // 2. Before the opening mark, in the same sentence: "Okafor said: “…”", "according to X, “…”".
    let si = ctx.sentence_of(q.open);
    let sent_start = ctx
        .sentences
        .get(si)
        .map_or(para.start, |s| s.start.max(para.start));
    let prev_close = ctx.quotes[..k]
        .iter()
        .rev()
        .find(|p| p.para == q.para)
        .map_or(sent_start, |p| p.close.max(sent_start));
    let region_start = prev_close.min(q.open);
    let before = words_in(text, region_start..q.open);
    // Headline form "Name: 'quote'": the whole lead-in is a name and a colon.
    let lead_in = text[region_start..q.open].trim();
    if let Some(name) = lead_in.strip_suffix(':') {
        let name_end = region_start + text[region_start..].find(name).unwrap_or(0) + name.len();
        if let Some(m) = ctx
            .mention_ending_at(name_end)
            .filter(|m| m.start >= region_start && text[region_start..m.start].trim().is_empty())
        {
            return (Some(ctx.mention_speaker(m)), Cue::Adjacent);
        }
    }
    if let Some(pos) = before
        .windows(2)
        .rposition(|w| w[0].lower == "according" && w[1].lower == "to")
    {
        let sp = ctx.subject_after(before[pos + 1].end, q.open, prev);
        return (sp, Cue::Sentence.max(fallback));
    }
    // "as The Herald put it in a long profile, “the operator.”"
    if let Some(a) = before.iter().rposition(|w| w.lower == "as") {
        let credit = &before[a..];
        let tail_ok = credit
            .windows(2)
            .position(|p| p[0].lower == "put" && p[1].lower == "it")
            .is_some_and(|p| credit.len() - p <= 9);
        if tail_ok {
            if let Some(sp) = as_put_it(ctx, credit, prev) {
                return (Some(sp), Cue::Adjacent);
            }
        }
    }
    let verb_at = |i: usize| {
        let w = &before[i];
        // "Trump's tweets", "the reports": a plural noun spelled like a speech verb.
        // As a verb it needs its subject right before it: a name or a pronoun.
        let subject_before = i > 0 && {
            let p = &before[i - 1];
            is_pronoun(&p.lower)
                || matches!(p.lower.as_str(), "they" | "we" | "i" | "who")
                || ctx.mention_ending_at(p.end).is_some() && !is_possessive(&p.lower)
        };
        // "saying anybody who complains …": a verb inside a relative clause is not the
        // attribution when an earlier speech verb frames it; "the police department, which
        // reported “…”" is, with the relative pronoun as its credited subject.
        let relative = i > 0
            && match before[i - 1].lower.as_str() {
                "that" => true,
                // "said Weaver, who said …": after a comma the clause is about the name.
                "who" | "which" => {
                    !text[..before[i - 1].start].trim_end().ends_with(',')
                        && before[..i - 1].iter().any(|w| is_speech_verb(&w.lower))
                }
                _ => false,
            };
        (!is_noun_like_verb(&w.lower) || subject_before) && !relative
    };
    if let Some(v) = before
        .iter()
        .enumerate()
        .rposition(|(i, w)| is_speech_verb(&w.lower) && verb_at(i))
    {
        let verb = &before[v];
        // Clause start: after the last comma/semicolon/colon before the verb, or the region start.
        let clause = text[region_start..verb.start]
            .char_indices()
            .rev()
            .find(|(_, ch)| matches!(ch, ';' | ':' | '—'))
            .map_or(region_start, |(c, ch)| region_start + c + ch.len_utf8());
        let mut sp = if verb.lower.ends_with("ing") {
            // "Trump tweeted on Friday, saying …": a participle's subject opens the clause.
            // "“…,” she said, adding, “…”": after an attributed quote of the same sentence it
            // is that quote's speaker.
            sentence_subject(ctx, q.open, prev)
                .filter(|s| s.end <= verb.start)
                .or_else(|| {
                    prev.filter(|(_, at)| {
                        *at == region_start
                            && region_start > sent_start
                            && !has_sentence_break(&text[region_start..verb.start])
                    })
                    .map(|(sp, _)| sp.clone())
                })
        } else {
            ctx.subject_before(clause, verb.start, false, prev)
        };
        // "Ban Ki-moon condemned what he called a “brazen breach”": the words are those of the
        // sentence's subject, whom the pronoun only repeats.
        if v > 1
            && before[v - 2].lower == "what"
            && (is_pronoun(&before[v - 1].lower) || is_crediting_pronoun(&before[v - 1].lower))
        {
            if let Some(subject) =
                sentence_subject(ctx, q.open, prev).filter(|s| s.end <= before[v - 2].start)
            {
                sp = Some(subject);
            }
        }
        // "She said Trump favours …": an unresolved pronoun subject is still the subject; the
        // name after the verb is what she talked about.
        let pronoun_subject = v > 0 && is_pronoun(&before[v - 1].lower);
        // A participle never takes its subject after it: "saying Japan should …" names an object.
        let participle = verb.lower.ends_with("ing");
        // "asked Okafor for a “…”", "told Ruiz that …": these verbs put the addressee after them.
        let addressee = is_addressee_verb(&verb.lower);
        // "King says Ali “…”": with words before it, the verb had a subject the rules did not
        // recognise; only a verb opening its clause ("…, said Ana Ruiz, “…”") takes it after.
        let lead = text[clause..verb.start].trim_end();
        let inverted = lead.is_empty() || lead.ends_with(',');
        if sp.is_none()
            && !is_weak_speech_verb(&verb.lower)
            && !pronoun_subject
            && !participle
            && !addressee
            && inverted
        {
            sp = ctx
                .subject_after(verb.end, q.open, prev)
                .filter(|s| s.end <= q.open);
        }
        // "He praised the plan and said it was “…”": a coordinated verb shares the sentence's
        // subject.
        // "… but then said", "went on to say": so do "but" and an infinitive.
        let mut j = v;
        while j > 0 && is_verb_filler(&before[j - 1].lower) {
            j -= 1;
        }
        let shared = j > 0 && matches!(before[j - 1].lower.as_str(), "and" | "but" | "to");
        if sp.is_none() && shared {
            sp = sentence_subject(ctx, q.open, prev).filter(|s| s.end <= verb.start);
        }
        // "Israel said Clinton called on members to be “…”": the quote is what the outer
        // speaker reports, so the subject of an earlier finite speech verb speaks it.
        if let Some(u) = before[..v].iter().rposition(|w| {
            is_speech_verb(&w.lower) && !w.lower.ends_with("ing") && !is_weak_speech_verb(&w.lower)
        }) {
            let outer = &before[u];
            // "She said …, and when pressed, the mother of three replied, “…”": a new clause
            // after a comma has its own speaker, when it names one.
            let new_clause = sp.is_some()
                && before[u + 1..v].iter().any(|w| {
                    is_clause_opener(&w.lower) && text[..w.start].trim_end().ends_with(',')
                });
            if !has_sentence_break(&text[outer.end..verb.start]) && !new_clause {
                // Only a named person: an earlier verb's loose subject is too often a clause.
                // But when the inner subject is a pronoun ("The senator said he rarely asks …,
                // “…”"), it is the outer subject's stand-in, and that subject credits the quote.
                let inner_pronoun = sp.as_ref().is_some_and(|s| {
                    s.cue.is_some_and(|(c, _)| {
                        c > outer.end && matches!(text[outer.end..c].trim(), "" | "that")
                    })
                });
                let person = ctx
                    .subject_before(clause.min(outer.start), outer.start, false, prev)
                    .filter(|a| {
                        inner_pronoun
                            || ctx.mentions.iter().any(|m| {
                                m.kind == EntityKind::Person && m.start == a.start && m.end == a.end
                            })
                    });
                if person.is_some() {
                    sp = person;
                }
            }
        }
        let gap = &before[v + 1..];
        let cue = if gap.len() <= 2 && gap.iter().all(|w| w.lower != "that") {
            Cue::Adjacent
        } else {
            Cue::Sentence
        };
        if sp.is_some() || !is_weak_speech_verb(&verb.lower) {
            return (sp, cue.max(fallback));
        }
    }

    // 2b. "Moore thanked him for “…”": the named subject opening the quoting sentence, followed
    // by a finite verb, voices the quote even when the verb is not a speech verb.
    if let Some(m) = ctx
        .mentions
        .iter()
        .find(|m| m.start >= sent_start && m.end <= q.open && m.kind != EntityKind::Place)
    {
        // The subject may follow a short comma-closed adverbial ("On Monday night,") and carry
        // a title ("Senate Leader X", "campaign manager X"); an appositive (", R-Ky.,") and an
        // adverb may stand before its verb.
        let lead_text = &text[sent_start..m.start];
        let title_from = lead_text
            .rfind(',')
            .map_or(sent_start, |c| sent_start + c + 1);
        let adverbial = words_in(text, sent_start..title_from);
        let title = words_in(text, title_from..m.start);
        // "When the subject comes up on the campaign trail, Fiorina …": an opening clause of a
        // subordinator or preposition may run longer than a plain adverbial.
        let subordinate = adverbial.first().is_some_and(|w| {
            is_preposition(&w.lower) || matches!(w.lower.as_str(), "when" | "after" | "before")
        });
        let lead_ok = (adverbial.len() <= 4 || subordinate && adverbial.len() <= 10)
            && title.len() <= 4
            && title.last().is_none_or(|w| {
                text[w.start..].starts_with(char::is_uppercase)
                    || is_role_noun(&w.lower)
                    || is_honorific(&w.lower)
            })
            && title
                .iter()
                .all(|w| !storyline_text::is_stopword(&w.lower) && !is_speech_verb(&w.lower))
            && !lead_text.contains(['“', '"', '(', ';', ':']);
        let mut verb_from = m.end;
        if text[m.end..].starts_with(',') {
            if let Some(c) = text[m.end + 1..q.open].find(',') {
                if word_count(&text[m.end + 1..m.end + 1 + c]) <= 10 {
                    verb_from = m.end + 1 + c + 1;
                }
            }
        }
        let mut next = words_in(text, verb_from..q.open);
        // "Reid has gone after Trump as “…”": after an auxiliary any participle is the verb.
        let mut perfect = false;
        while next.len() > 1 && (ctx.is_adverb(&next[0]) || is_verb_filler(&next[0].lower)) {
            perfect |= matches!(next[0].lower.as_str(), "has" | "had" | "have");
            next.remove(0);
        }
        let finite = next.first().is_some_and(|w| {
            text[verb_from..w.start]
                .trim()
                .chars()
                .all(|c| c.is_alphabetic() || c.is_whitespace())
                && text[w.start..].starts_with(char::is_lowercase)
                && w.lower.chars().all(|c| c.is_lowercase())
                && (w.lower.ends_with("ed")
                    || (w.lower.ends_with('s') && !w.lower.ends_with("ss"))
                    || is_irregular_past(&w.lower)
                    || perfect && !storyline_text::is_stopword(&w.lower))
        });
        if lead_ok && finite && !text[m.end..q.open].contains(['“', '"', ';']) {
            return (Some(ctx.mention_speaker(m)), Cue::Sentence.max(fallback));
        }
    }

    // 2c. "He pledged to be “…”": the same with a pronoun opening the sentence.
    let mut opening = words_in(text, sent_start..q.open);
    // "However, he characterized …": a short comma-closed adverbial may lead.
    if let Some(c) = opening
        .iter()
        .take(4)
        .position(|w| text[w.end..].starts_with(','))
    {
        if opening.get(c + 1).and_then(subject_pronoun).is_some() {
            opening.drain(..=c);
        }
    }
    // "He also seeks “…”": adverbs and auxiliaries may stand before the verb.
    let verb_at = opening
        .iter()
        .skip(1)
        .position(|w| !is_verb_filler(&w.lower) && !ctx.is_adverb(w))
        .map_or(1, |i| i + 1);
    if let (Some(first), Some(second)) = (opening.first(), opening.get(verb_at)) {
        // "He’s claiming that …", "It’s denouncing what it calls …": a contracted "is" before
        // a participle is as finite as a past tense.
        let contracted = without_is(first).filter(|_| second.lower.ends_with("ing"));
        let finite = !text[first.end..second.start].contains([',', '(', '—'])
            && (second.lower.ends_with("ed")
                || is_irregular_past(&second.lower)
                || second.lower.ends_with('s') && !second.lower.ends_with("ss")
                || contracted.is_some());
        let subject = contracted.unwrap_or_else(|| first.clone());
        if finite && !text[second.end..q.open].contains(['“', '"', ';']) {
            if is_pronoun(&subject.lower) {
                if let Some(sp) = ctx.resolve_pronoun(subject.start, &subject, prev) {
                    return (Some(sp), Cue::Sentence.max(fallback));
                }
            } else if matches!(subject.lower.as_str(), "it" | "they") {
                return (
                    Some(ctx.credited_pronoun(sent_start, &subject)),
                    Cue::Sentence.max(fallback),
                );
            }
        }
    }

    // 3. A paragraph that is only a quote, after a paragraph ending "… said:".
    if ctx.paras.get(q.para).is_some_and(|p| p.start == q.open)
        && q.para > 0
        && q.continues.is_none()
    {
        let pp = &ctx.paras[q.para - 1];
        let ptext = &text[pp.clone()];
        if ptext.ends_with(':') {
            let pw = words_in(text, pp.clone());
            // "… issued the following statement:" introduces its subject's words too.
            let statement = pw.iter().rev().take(3).any(|w| {
                matches!(
                    w.lower.as_str(),
                    "statement" | "following" | "echoed" | "tweet"
                )
            });
            if let Some(v) = pw.iter().rposition(|w| is_speech_verb(&w.lower)) {
                let verb = &pw[v];
                let clause_start = ctx
                    .sentences
                    .get(ctx.sentence_of(verb.start))
                    .map_or(pp.start, |s| s.start);
                // "She went on to say:": the sentence's subject when no subject stands
                // right before the verb.
                let sp = ctx
                    .subject_before(clause_start, verb.start, false, prev)
                    .or_else(|| ctx.subject_after(verb.end, pp.end, prev))
                    .or_else(|| {
                        sentence_subject(ctx, verb.start, prev).filter(|s| s.end <= verb.start)
                    });
                return (sp, Cue::Adjacent);
            }
            if statement {
                let sp = sentence_subject(ctx, pp.end - 1, prev);
                if sp.is_some() {
                    return (sp, Cue::Adjacent);
                }
            }
        }
    }

    // 3b. "…, Schiff said. “The other factor …”": right after a sentence of indirect speech that
    // ends with its attribution, a quote with none of its own continues that voice.
    if let Some(sp) = after_indirect_speech(ctx, q, para, prev) {
        return (Some(sp), Cue::Sentence.max(fallback));
    }

    // 4. Another quote of the same speaker earlier in the paragraph, with no new attribution between.
    if let Some(pq) = ctx.quotes[..k].iter().rev().find(|p| p.para == q.para) {
        if let Some((sp, at)) = prev {
            // The previous quote's own attribution ends at the first sentence break after it;
            // anything said or anyone named after that break could be a new speaker.
            let rest_from =
                first_sentence_break(&text[pq.close..q.open]).map_or(q.open, |b| pq.close + b);
            let between = words_in(text, rest_from..q.open);
            let intervening = between.iter().any(|w| is_speech_verb(&w.lower))
                || ctx.mentions.iter().any(|m| {
                    m.kind == EntityKind::Person
                        && m.start >= rest_from
                        && m.end <= q.open
                        && sp.name.as_deref() != Some(m.text.as_str())
                });
            if (at >= pq.close.saturating_sub(1) || at >= pq.open) && !intervening {
                return (Some(sp.clone()), Cue::Sentence);
            }
        }
    }
    // 5. A paragraph that is nothing but an unattributed quote, right after a paragraph whose
    // quote had a speaker: news style continues the same voice ("“…,” Ruiz said.¶“…”").
    if para.start == q.open && q.continues.is_none() && q.para > 0 {
        let only_quote = text[q.close..para.end]
            .chars()
            .all(|c| !c.is_alphanumeric());
        let pp = &ctx.paras[q.para - 1];
        let prev_para_quote = ctx.quotes[..k].iter().rev().find(|p| p.para == q.para - 1);
        if let (true, Some((sp, at)), Some(pq)) = (only_quote, prev, prev_para_quote) {
            let spoke_there = at >= pq.open && at <= pp.end;
            // The previous paragraph must end with that quote or its short attribution.
            let tail = words_in(text, pq.close..pp.end);
            // A longer tail may still be nothing but the attribution's one sentence ("…,” Rubio
            // said Sunday in Virginia as the crowd roared.").
            let one_sentence = first_sentence_break(&text[pq.close..pp.end])
                .is_none_or(|b| text[pq.close + b + 1..pp.end].trim().is_empty());
            if spoke_there && (tail.len() <= 8 || tail.len() <= 25 && one_sentence) {
                return (Some(sp.clone()), fallback);
            }
        }
        // "Valastro praised the governor's leadership.¶“We need someone …”": after a paragraph
        // with no quote, the person its last sentence is about voices the bare quote.
        if only_quote && prev_para_quote.is_none() && pp.end > pp.start {
            let last = pp.end - 1;
            let person = sentence_subject(ctx, last, prev).filter(|sp| {
                ctx.mentions
                    .iter()
                    .any(|m| m.kind == EntityKind::Person && m.start == sp.start && m.end == sp.end)
            });
            if person.is_some() {
                return (person, fallback);
            }
        }
    }
    (None, fallback)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn quotes(text: &str) -> Vec<(String, Option<String>)> {
        let sents = storyline_text::sentences(text);
        let ents = crate::entities::analyze_entities(text, &sents);
        find_quotes(text, &sents, &ents)
            .into_iter()
            .map(|q| (q.text, q.speaker))
            .collect()
    }

    /// Each quote with its resolved speaker and the words the text credits it to.
    fn credited(text: &str) -> Vec<(Option<String>, Option<String>)> {
        let sents = storyline_text::sentences(text);
        let ents = crate::entities::analyze_entities(text, &sents);
        find_quotes(text, &sents, &ents)
            .into_iter()
            .map(|q| {
                let span = q.speaker_start.zip(q.speaker_end);
                (q.speaker, span.map(|(s, e)| text[s..e].to_string()))
            })
            .collect()
    }

    #[test]
    fn a_company_opening_the_sentence_speaks() {
        // "Peabody" is the short form of "Peabody Energy", an organisation: companies make
        // statements as people do.
        let (_, speaker) = one(
            "Peabody Energy sold the mines in 2007. In a statement, Peabody said: \"Orsk Coal was highly successful when it became an independent company,\" adding that its value rose fourfold.",
        );
        assert_eq!(speaker.as_deref(), Some("Peabody"));
    }

    fn one(text: &str) -> (String, Option<String>) {
        let q = quotes(text);
        assert_eq!(q.len(), 1, "{q:?}");
        q.into_iter().next().unwrap()
    }

    #[test]
    fn speaker_after_the_quote() {
        assert_eq!(
            one("“We will rebuild the bridge,” Chidi Okafor said."),
            (
                "We will rebuild the bridge,".into(),
                Some("Chidi Okafor".into())
            )
        );
        assert_eq!(
            one("\"We will rebuild the bridge,\" said Chidi Okafor on Monday.").1,
            Some("Chidi Okafor".into())
        );
        assert_eq!(
            one("“The water is rising fast,” a ministry spokeswoman said.").1,
            Some("a ministry spokeswoman".into())
        );
    }

    #[test]
    fn surname_spelled_like_a_demonym_and_titles_in_the_lead_in() {
        let q = quotes(
            "“It may be time,” Cuban said in an interview with “Morning Desk.” “We will see.”",
        );
        assert_eq!(q[0], ("It may be time,".into(), Some("Cuban".into())));
        let t = "On the “Evening Hour,” Ana Ruiz said that by refusing to use the words \
                 “flood plan,” the council was “pretending the river is not there.”";
        let q = quotes(t);
        assert_eq!(q.last().unwrap().1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn the_reporting_subject_not_the_person_reported_on() {
        let q = one("Vesna Marr coached for years. Marr says Okafor “never missed a practice.”");
        assert_eq!(q.1, Some("Vesna Marr".into()));
        // A determiner phrase before the verb is its subject, not the name after it.
        let q = one("The King says Okafor “never missed a practice.”");
        assert_eq!(q.1, Some("The King".into()));
        // A subject the rules cannot read leaves the speaker unknown, not the object.
        let q = one("Yesterday at noon says Okafor “never missed a practice.”");
        assert_eq!(q.1, None);
        let q = one("Ruiz says Okafor “never missed a practice.”");
        assert_eq!(q.1, Some("Ruiz".into()));
        // The outer speaker reports what the inner one said in the quote's words.
        let q = one("Mayor Ana Ruiz said Chidi Okafor told members to stay “closely coordinated.”");
        assert_eq!(q.1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn bare_quote_after_a_paragraph_about_a_person() {
        let q = quotes(
            "Chidi Okafor praised the engineers who rebuilt the bridge.\n\n“They worked through every storm of the winter.”",
        );
        assert_eq!(q[0].1, Some("Chidi Okafor".into()));
        // A paragraph about no one leaves the quote unattributed.
        let q = quotes(
            "The bridge reopened on Monday after a long winter.\n\n“They worked through every storm of the winter.”",
        );
        assert!(q.iter().all(|x| x.1.is_none()), "{q:?}");
    }

    #[test]
    fn two_named_people_speak_together() {
        let q = one("“The river will not wait,” Edda Marr and Jonas Voss wrote in a letter.");
        assert_eq!(q.1, Some("Edda Marr and Jonas Voss".into()));
        let q = one("“The river will not wait,” hydrologists Edda Marr and Jonas Voss wrote.");
        assert_eq!(q.1, Some("Edda Marr and Jonas Voss".into()));
        // Two countries speak as their governments; neither alone said it.
        let q = one(
            "Talks between Veldora and Ostria resumed in Lindgard. Veldora and Ostria said a \
             deal on the river was “within reach” on Tuesday.",
        );
        assert_eq!(q.1, Some("Veldora and Ostria".into()));
    }

    #[test]
    fn participle_after_an_attributed_quote_keeps_its_speaker() {
        let q = quotes(
            "“We have waited long enough,” Ana Ruiz said, adding, “The valley needs the bridge now.”",
        );
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn speaker_before_the_quote() {
        assert_eq!(
            one("Ana Ruiz told reporters: “The dam will hold for now.”").1,
            Some("Ana Ruiz".into())
        );
        assert_eq!(
            one("According to Ana Ruiz, “the dam will hold for now.”").1,
            Some("Ana Ruiz".into())
        );
        assert_eq!(
            one("Ana Ruiz wrote on social media that the dam was “safe for at least a week.”").1,
            Some("Ana Ruiz".into())
        );
    }

    #[test]
    fn appositive_and_title_forms() {
        let t = "“Crews are on site,” ministry spokeswoman Ana Ruiz said.";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        let t = "Ana Ruiz, a spokeswoman for the ministry, said: “Crews are on site.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        let t = "“Crews are on site,” Minister Okafor added.";
        assert_eq!(one(t).1, Some("Okafor".into()));
    }

    #[test]
    fn surname_speaker_reported_by_full_name() {
        let t = "Chidi Okafor visited the site. “Crews are working day and night,” Okafor said.";
        assert_eq!(one(t).1, Some("Chidi Okafor".into()));
    }

    #[test]
    fn pronouns_resolve_only_to_a_person_of_their_gender() {
        // The nearest subject is a man; "she" is the woman named before him.
        let t = "Maria Okafor met Thomas Heel in Lisk on Monday. Heel praised the plan. \
                 “We will rebuild every home,” she said.";
        assert_eq!(one(t).1, Some("Maria Okafor".into()));
        // A title tells too; with nobody of the pronoun's gender in reach, no speaker.
        let t = "Mrs. Valk arrived in Lisk on Monday. “We are ready to help,” he said.";
        assert_eq!(one(t).1, None);
    }

    #[test]
    fn pronoun_speakers_resolve_to_a_named_person() {
        let t =
            "Chidi Okafor arrived in Lisk on Monday. “We are ready to help the valley,” he said.";
        assert_eq!(one(t).1, Some("Chidi Okafor".into()));
        let sents = storyline_text::sentences(t);
        let ents = crate::entities::analyze_entities(t, &sents);
        let q = &find_quotes(t, &sents, &ents)[0];
        // The span is where the text credits the quote; the name is who that is.
        assert_eq!(&t[q.speaker_start.unwrap()..q.speaker_end.unwrap()], "he");
        // No named person around: better no name than a guess, but the text's credit stays.
        assert_eq!(
            credited("The storm passed. “We are ready to help the valley,” he said."),
            vec![(None, Some("he".into()))]
        );
    }

    #[test]
    fn other_pronouns_credit_without_a_name() {
        let t = "The crews left at dawn. “We have done what we could,” they said.";
        assert_eq!(credited(t), vec![(None, Some("they".into()))]);
        // A non-restrictive "who" stands for the name before it.
        let t = "“It is not normal,” said Chidi Okafor, who said there were “no secrets in \
                 politics.”";
        assert_eq!(
            credited(t)[1],
            (Some("Chidi Okafor".into()), Some("who".into()))
        );
        let t = "The review turned to the Lisk police department, which reported “2,521 \
                 incidents” in the city.";
        assert_eq!(credited(t), vec![(None, Some("which".into()))]);
        // A restrictive one inside another speaker's words is not the attribution.
        let t = "Ana Ruiz mocked the complaint, saying anybody who complains about a microphone \
                 “is not having a good night.”";
        assert_eq!(credited(t)[0].0, Some("Ana Ruiz".into()));
    }

    #[test]
    fn any_phrase_framing_a_quote_closed_mid_sentence_is_its_speaker() {
        let t = "“It was not a convincing argument,” tweeted another, who asked not to be named.";
        assert_eq!(one(t).1, Some("another".into()));
        let t = "“The losses were concealed for years,” federal prosecutors wrote in a filing.";
        assert_eq!(one(t).1, Some("federal prosecutors".into()));
        let t = "“We will rebuild,” Amy Valk, deputy harbour master, said on a call.";
        assert_eq!(one(t).1, Some("Amy Valk".into()));
        // Not a time or an aside, and not after a quote another verb already framed.
        let t = "“We will rebuild,” on Monday said nothing.";
        assert_eq!(one(t).1, None);
        let t =
            "Even as Ruiz claimed that “the plan worked,” one of the engineers said it had not.";
        assert_eq!(one(t).1, Some("Ruiz".into()));
    }

    #[test]
    fn subjects_before_a_speech_verb() {
        // A determiner phrase or a count before a plain speech verb is its subject ...
        let t = "At the forum, one questioner claimed that “the forces of political correctness \
                 have won the day.”";
        assert_eq!(one(t).1, Some("one questioner".into()));
        // ... but not a time ("two weeks ago said") nor the object of a naming verb.
        let t = "The ministry less than two weeks ago said for the first time that “secret files \
                 had passed through the server.”";
        assert_eq!(one(t).1, None);
        let t = "The crews showed a short film called “Tenemos Familias” on the evening news.";
        assert!(quotes(t).iter().all(|q| q.1.is_none()));
        // An inner pronoun stands for the outer subject, which credits the quote.
        let t = "The senator said he rarely asks anyone to campaign for him, “except for people I \
                 am very close to.”";
        assert_eq!(credited(t)[0].1, Some("The senator".into()));
    }

    #[test]
    fn lower_case_after_the_closing_mark_continues_the_sentence() {
        let t = "Ana Ruiz took the stage. “Get your boots ready!” she told the cheering crowd.";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        // A name after the verb of a new sentence is what that sentence reports on.
        let t = "Ana Ruiz called Brell a “reckless gambler.” Chidi Okafor said Tom Brell \
                 “says whatever he needs to say.”";
        assert_eq!(quotes(t)[0].1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn words_named_by_the_subject_through_a_pronoun() {
        let t = "Secretary General Ana Ruiz condemned what she called a “brazen breach” of the \
                 accord.";
        assert_eq!(credited(t)[0].1, Some("Ana Ruiz".into()));
        let t =
            "Ana Ruiz was angry. She’s claiming that the levy is “a tax on every farmer in the \
                 valley.”";
        assert_eq!(
            credited(t)[0],
            (Some("Ana Ruiz".into()), Some("She".into()))
        );
    }

    #[test]
    fn documents_and_outlets_as_sources() {
        let t = "The scheme was a “lawful source of investment income,” as a ministry memo put it.";
        assert_eq!(one(t).1, Some("a ministry memo".into()));
        let t =
            "As the Valley Herald put it in a long profile, “the operator of the whole valley.”";
        assert_eq!(one(t).1, Some("Valley Herald".into()));
        let t = "Voting by proxy is barred “to fill a vacancy on the national ticket,” per the \
                 party’s bylaws.";
        assert_eq!(one(t).1, Some("the party’s bylaws".into()));
        let t =
            "The hush order was meant to “avoid any effect on the vote,” according to the report.";
        assert_eq!(one(t).1, Some("the report".into()));
    }

    #[test]
    fn a_quote_after_indirect_speech_continues_its_voice() {
        let t =
            "The council may wait until the flood season ends, Okafor said. “The other factor is \
                 money, and we do not have it.”";
        assert_eq!(one(t).1, Some("Okafor".into()));
        // Not when the quote's own sentence names someone else.
        let t =
            "The council may wait until the flood season ends, Okafor said. Ruiz disagreed and \
                 called the delay “a gamble with other people's houses.”";
        assert_eq!(one(t).1, Some("Ruiz".into()));
    }

    #[test]
    fn possessor_phrases_and_long_openings() {
        let t =
            "Chidi Okafor’s campaign manager says he is “gratified by the decision to drop the \
                 charge.”";
        assert_eq!(one(t).1, Some("Chidi Okafor’s campaign manager".into()));
        let t = "Speaking to farmers in the lower valley after the county’s long Harvest Fair \
                 vote, Ana Ruiz said there is “only one honest plan in this race,” adding that it \
                 is why the council “ignores everyone else.”";
        assert_eq!(quotes(t)[1].1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn a_new_clause_after_a_comma_has_its_own_speaker() {
        let t = "Ana Ruiz said the plan leaves out fathers, and when pressed on why, the \
                 34-year-old mother of three replied, “It is meant for mothers who give birth.”";
        assert_eq!(one(t).1, Some("the 34-year-old mother of three".into()));
        // Without a subject of its own, the coordinated verb shares the first one's.
        let t =
            "Chidi Okafor spoke in Lisk. “We will win,” he said at a news conference, and then \
                 predicted: “We will do much better than last time.”";
        assert_eq!(quotes(t)[1].1, Some("Chidi Okafor".into()));
    }

    #[test]
    fn the_next_sentences_verb_introduces_the_next_quote() {
        let t =
            "Ana Ruiz said, “The zeal of this case is uncharacteristic.” He added, “In this case \
                 things happened that never happen.”";
        let q = credited(t);
        assert_eq!(q[0].1, Some("Ana Ruiz".into()));
        assert_eq!(q[1].1, Some("He".into()));
    }

    #[test]
    fn an_inverted_verb_after_a_comma_takes_the_name_after_it() {
        let t =
            "The levy has used “velvet gloves” in its dealings with Norway, said Edda Marr, an \
                 expert at the valley institute.";
        assert_eq!(one(t).1, Some("Edda Marr".into()));
        // "told" puts its addressee after it.
        let t = "“We were wrong,” Ana Ruiz, 58, told Valley Radio in an interview.";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn frame_phrases_that_look_like_common_words_or_clauses() {
        let t = "“We won those elections by the smallest margins ever,” From said.";
        assert_eq!(one(t).1, Some("From".into()));
        let t = "“North Korea is a paranoid, isolated nation,” the senator and presidential \
                 candidate told Valley Radio.";
        assert_eq!(
            one(t).1,
            Some("the senator and presidential candidate".into())
        );
        let t = "“Are you the president?” asked the boy, who wore a red hat.";
        assert_eq!(one(t).1, Some("the boy".into()));
        let t = "“There never was an order to wait,” said the base chief known as Bob.";
        assert_eq!(one(t).1, Some("the base chief known as Bob".into()));
        // Two clauses are not one speaker.
        let t = "“We are ready for whatever comes next,” the crowd cheered and the mayor said.";
        assert_ne!(one(t).1, Some("the crowd cheered and the mayor".into()));
        let t = "“The market will decide,” they conclude.";
        assert_eq!(credited(t)[0].1, Some("they".into()));
    }

    #[test]
    fn the_object_of_a_preposition_is_not_the_subject() {
        let t =
            "Another intelligence source speaking to Valley Radio said, “The agents are looking \
                 at every contract the ministry signed.”";
        assert_ne!(one(t).1, Some("Valley Radio".into()));
        let t = "In July, Sammy Aaron, vice chairman of Brightwater Freight, told the Herald that \
                 the founder is “very involved on a weekly basis.”";
        assert_eq!(one(t).1, Some("Sammy Aaron".into()));
        let t = "Rep. Ana Ruiz (D-Lisk), chair of the Platform Committee, said the party was \
                 “committed to an open and transparent process.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        // A comma ends the phrase the preposition governs.
        let t = "To that, Okafor joked that he appreciates “a peaceful protest every once in a \
                 while.”";
        assert_eq!(one(t).1, Some("Okafor".into()));
    }

    #[test]
    fn nouns_in_ing_and_adverbs_closing_an_aside() {
        let t = "“You are going to see a massive ad spend,” said one official involved in the \
                 planning.";
        assert_eq!(
            one(t).1,
            Some("one official involved in the planning".into())
        );
        let t = "A council adviser, who spoke on the condition of anonymity to speak candidly, \
                 said of the mayor, “She takes the threat of the flood very seriously.”";
        assert_eq!(one(t).1, Some("A council adviser".into()));
    }

    #[test]
    fn a_paragraph_ending_in_a_colon_introduces_the_next() {
        let t =
            "Ana Ruiz spoke for an hour. She went on to say:\n\n“None of them will come out and \
                 support the levy.”";
        assert_eq!(
            credited(t)[0],
            (Some("Ana Ruiz".into()), Some("She".into()))
        );
        let t = "After the floods, Mayor Ana Ruiz issued the following statement:\n\n“Our \
                 thoughts are with everyone in the valley tonight.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn parentheses_and_long_titles_before_the_verb() {
        let t = "Sen. Ana Ruiz (Lisk) has said that she would “carpet the valley in solar panels.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        let t = "The Council on Valley-Farming Relations National Executive Director Chidi Okafor \
                 says the levy is “a tax on every farmer in the valley.”";
        assert_eq!(one(t).1, Some("Chidi Okafor".into()));
    }

    #[test]
    fn openings_of_a_subordinate_clause_or_a_connective() {
        let t =
            "When the subject comes up on the campaign trail, Ana Ruiz routinely characterizes \
                 herself as a “change warrior” who “saved the company.”";
        assert_eq!(quotes(t)[1].1, Some("Ana Ruiz".into()));
        let t =
            "Chidi Okafor spoke first. Then he cut into the mayor, calling her plan “a spoiled \
                 child's wish list for the valley.”";
        assert_eq!(
            credited(t)[0],
            (Some("Chidi Okafor".into()), Some("he".into()))
        );
    }

    #[test]
    fn a_time_between_subject_and_verb() {
        let t = "The mayor has long feuded with Chidi Okafor, now the council leader, who in 2010 \
                 said the party’s goal was to make her “a one-term mayor.”";
        assert_eq!(credited(t)[0].1, Some("who".into()));
        // Inside an aside the time is not what stands before the verb.
        let t = "Ana Ruiz, in a statement released by the council on Thursday, said she \
                 “appreciates the professionalism” of the prosecutor.";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn openings_before_the_subject() {
        let t = "“We live in hard times,” my father often said.";
        assert_eq!(one(t).1, Some("my father".into()));
        let t = "The council praised the plan. Meanwhile, it attacked the levy, saying it \
                 “punishes every farmer in the valley.”";
        assert_eq!(credited(t)[0], (None, Some("it".into())));
        let t = "Chidi Okafor spoke for an hour. However, he characterized the mayor as “a little \
                 desperate, jumping in all the time.”";
        assert_eq!(
            credited(t)[0],
            (Some("Chidi Okafor".into()), Some("he".into()))
        );
        let t =
            "Even Norway, the valley’s oldest partner, said it was “resolutely opposed” to the \
                 levy.";
        assert_eq!(one(t).1, Some("Norway".into()));
        // A place after a preposition is no speaker.
        let t = "In Norway, the levy was called “a tax on hope” by many.";
        assert_ne!(one(t).1, Some("Norway".into()));
    }

    #[test]
    fn groups_and_counts_as_subjects() {
        let t = "Leaders of the organization have said they invite every candidate to ensure that \
                 “our community is heard by whoever wins.”";
        assert_eq!(one(t).1, Some("Leaders of the organization".into()));
        let t =
            "Clinton led among older voters, while 63 percent said she was “justified in keeping \
                 it private.”";
        assert_eq!(one(t).1, Some("63 percent".into()));
        // A phrase inside a participle's object is no subject.
        let t = "Protesters marching through the streets chanted “What curfew?” until dawn.";
        assert_ne!(one(t).1, Some("the streets".into()));
    }

    #[test]
    fn less_common_speech_verbs() {
        let t = "“Promise you will keep your hands in sight,” Blige sings to the crowd.";
        assert_eq!(one(t).1, Some("Blige".into()));
        let t = "“Everything you have said overlaps,” the judge exclaimed.";
        assert_eq!(one(t).1, Some("the judge".into()));
        let t = "“Gun owners should leave their weapons at home,” opined the Valley Herald.";
        assert_eq!(one(t).1, Some("Valley Herald".into()));
    }

    #[test]
    fn split_quote_gives_two_segments_one_speaker() {
        let q = quotes("“We are ready,” Ana Ruiz said, “and we will not wait for the next storm.”");
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].1, Some("Ana Ruiz".into()));
        assert_eq!(q[1].1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn multi_paragraph_quote_continues() {
        let t = "Ana Ruiz said: “The first wave was the worst we have seen.\n\n“The second wave was smaller, but it hit the town.”\n\nThe river fell.";
        let q = quotes(t);
        assert_eq!(q.len(), 2, "{q:?}");
        assert_eq!(q[0].0, "The first wave was the worst we have seen.");
        assert!(q.iter().all(|x| x.1.as_deref() == Some("Ana Ruiz")));
    }

    #[test]
    fn scare_quotes_and_titles_are_skipped() {
        assert!(quotes("Critics called the plan a “reform” and moved on.").is_empty());
        assert!(quotes("She is reading “The Long Road Home” this winter.").is_empty());
        // The same short words with a speech verb next to them are a quote.
        assert_eq!(one("“Never,” Ana Ruiz said.").1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn short_partial_quote_reported_by_a_named_speaker_is_kept() {
        assert_eq!(
            one("Ana Ruiz said the new levee was “a mess” and left."),
            ("a mess".into(), Some("Ana Ruiz".into()))
        );
        // The same words with no reporting verb are the writer's scare quotes.
        assert!(quotes("The new levee was “a mess” by Friday.").is_empty());
        // A title stays out even in a reporting sentence.
        assert!(quotes("Ana Ruiz said she is reading “Long Road Home” again.").is_empty());
    }

    #[test]
    fn other_quote_marks() {
        assert_eq!(
            one("«Nous sommes prêts à aider», a déclaré Ana Ruiz.").0,
            "Nous sommes prêts à aider"
        );
        assert_eq!(
            one("„Wir sind bereit zu helfen“, sagte Ana Ruiz.").0,
            "Wir sind bereit zu helfen"
        );
    }

    #[test]
    fn headline_form() {
        let t = "Okafor: 'We will rebuild every home'\n\nChidi Okafor spoke in Lisk.";
        assert_eq!(
            one(t),
            (
                "We will rebuild every home".into(),
                Some("Chidi Okafor".into())
            )
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(quotes("The leaders’ plan isn’t new, and Okafor's aides know it.").is_empty());
    }

    #[test]
    fn following_quote_in_paragraph_inherits_speaker() {
        let q = quotes(
            "“The dam held,” said Ana Ruiz. “Next year we will build a second one upstream.”",
        );
        assert_eq!(q.len(), 2);
        assert_eq!(q[1].1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn dash_signature_parenthetical_and_age_appositive() {
        assert_eq!(
            one("“The water came in through the floor.” ― Petra Halloran").1,
            Some("Petra Halloran".into())
        );
        assert_eq!(
            one("“We were wrong to wait this long,” Ana Ruiz (Lisk Party) said on Monday.").1,
            Some("Ana Ruiz".into())
        );
        assert_eq!(
            one("“We were wrong to wait this long,” Ruiz, 58, told reporters.").1,
            Some("Ruiz".into())
        );
        assert_eq!(
            one("“We will not wait,” Gov. Ana Ruiz replied.").1,
            Some("Ana Ruiz".into())
        );
    }

    #[test]
    fn new_statement_after_a_closed_quote_is_not_its_attribution() {
        let q = quotes("Ana Ruiz spoke first. “The dam is safe for now.” Chidi Okafor says it needs repairs that will take a year.");
        assert_eq!(q.len(), 1);
        assert_ne!(q[0].1.as_deref(), Some("Chidi Okafor"));
    }

    #[test]
    fn sentence_subject_voices_a_partial_quote() {
        assert_eq!(
            one("Ana Ruiz thanked the crews for “working through the night without a break.”").1,
            Some("Ana Ruiz".into())
        );
        assert_eq!(
            one("Hours later, Ana Ruiz replied to Okafor, saying “the money is already there.”").1,
            Some("Ana Ruiz".into())
        );
    }

    #[test]
    fn unknown_verb_after_the_quote_and_participles() {
        assert_eq!(
            one("“Go back to your seat,” Ana Ruiz barked at the reporter.").1,
            Some("Ana Ruiz".into())
        );
        assert_eq!(
            one("Ana Ruiz thought the plan was “too little, too late.”").1,
            Some("Ana Ruiz".into())
        );
        let t = "In an interview on Monday, Ana Ruiz called the plan “messy,” adding, “Democracy is messy.”";
        assert!(
            quotes(t).iter().all(|q| q.1.as_deref() == Some("Ana Ruiz")),
            "{:?}",
            quotes(t)
        );
        let t = "Ana Ruiz has praised the vote as “fantastic,” telling reporters it was overdue.";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn abbreviations_do_not_break_attributions() {
        let q = quotes(
            "\"We can do this alone,\" Mr. Ruiz said. \"But we would rather lead a coalition.\"",
        );
        assert_eq!(q.len(), 2);
        assert!(q.iter().all(|x| x.1.as_deref() == Some("Ruiz")), "{q:?}");
        assert_eq!(
            one("“This is a sad day,” said Rep. G.K. Okafor (L-Vale), head of the river caucus.").1,
            Some("G.K. Okafor".into())
        );
    }

    #[test]
    fn verbs_after_a_scare_quote_or_in_relative_clauses_do_not_decide() {
        let t = "Ana Ruiz said in the letter that the plan “badly and wrongly misleads every voter” and suggests that Lisk agrees.";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        let t =
            "Ana Ruiz mocked the claim, saying anybody who complains about rain “is not a farmer.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn pronoun_prefers_the_sentence_subject_over_an_object() {
        let t = "Ana Ruiz criticised a statement by Chidi Okafor. She said his plan was “a recipe for the next flood.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn previous_paragraph_colon_attribution() {
        let t = "The Valley Herald reported:\n\n“Water levels fell by two metres overnight in the town.”";
        assert_eq!(one(t).1, Some("Valley Herald".into()));
    }

    #[test]
    fn adverbs_and_auxiliaries_between_subject_and_verb() {
        let t = "Ana Ruiz spoke on Monday. Ruiz had previously said, “We will wait and see.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        let t = "Ana Ruiz spoke on Monday. Ruiz initially said, “We will wait and see.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        // A name ending in "-ly" is the subject, not an adverb to skip.
        let t = "Lisa Kelly spoke on Monday. Kelly said, “We will wait and see.”";
        assert_eq!(one(t).1, Some("Lisa Kelly".into()));
    }

    #[test]
    fn long_appositive_after_the_quote() {
        let t = "“We lost the vote,” Ana Ruiz, who had campaigned for the measure for many months, told reporters.";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        // A new sentence after the quote is not its attribution.
        let t = "“We lost the vote.” The mayor, who had campaigned for the measure for many months, told reporters nothing.";
        assert_eq!(one(t).1, None);
    }

    #[test]
    fn partial_quote_running_into_a_final_attribution_clause() {
        let t = "“Many would call that a defeat” if the party loses, said Chidi Okafor, an analyst at the institute.";
        assert_eq!(one(t).1, Some("Chidi Okafor".into()));
        let t = "“You have one candidate of the past” who is stuck, Okafor said. “There is no better foil.”";
        assert!(quotes(t).iter().all(|q| q.1.as_deref() == Some("Okafor")));
        // ", Okafor said the plan …" reports a new statement, not the quote.
        let t = "“One candidate of the past” who has been stuck in the race for many long months, Okafor said the plan would fail.";
        assert_eq!(one(t).1, None);
        // "“…,” giving states more power": a noun-like "states" is no speech verb with a subject.
        let t =
            "Ana Ruiz said the bill can be “the best of both worlds,” giving states more power.";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn objects_of_participles_and_possessives_are_not_speakers() {
        // Hard negative: the name after "saying" is what was talked about.
        let t = "A ministry official responded by saying Lisk should be careful “not to stir up problems” in the valley.";
        assert_ne!(one(t).1, Some("Lisk".into()));
        let t = "Okafor’s plans are reckless, Ana Ruiz said on Monday, noting that the dam “cannot hold another winter.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn a_name_opening_a_new_clause_after_the_quote_is_not_its_speaker() {
        let t = "Ana Ruiz said she would make the river “run backwards,” for instance, and Chidi Okafor vowed to drain it.";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        let t = "Tomas Brell said he was “riding the fence on this one” until Okafor said she backed the plan.";
        assert_eq!(one(t).1, Some("Tomas Brell".into()));
    }

    #[test]
    fn lower_case_aside_between_subject_and_verb() {
        let t = "Ana Ruiz, in Port Vale, said the dam was “a disaster waiting to happen.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        let t = "Ana Ruiz, however, said the dam was “a disaster waiting to happen.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn pronoun_subjects_of_coordinated_and_plain_verbs() {
        let t = "Chidi Okafor toured the valley on Monday. He pledged to be “the greatest builder the valley has seen.”";
        assert_eq!(one(t).1, Some("Chidi Okafor".into()));
        let t = "Chidi Okafor toured the valley on Monday. He praised the crews and said the dam is “stronger than ever.”";
        assert_eq!(one(t).1, Some("Chidi Okafor".into()));
    }

    #[test]
    fn pronoun_reaches_back_to_the_story_subject() {
        let t = "Chidi Okafor arrived in Port Vale on Monday. The river had risen overnight. Crews worked through the rain. Boats were ready. Nobody slept.\n\n“We are not leaving until it is safe,” he said.";
        assert_eq!(one(t).1, Some("Chidi Okafor".into()));
    }

    #[test]
    fn titled_subject_with_appositive_voices_the_quote() {
        let t = "Port Vale Mayor Ana Ruiz, D-Vale, delivered a blunt message to the council: “It is time to rebuild the bridge.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        let t = "On Monday night, river authority chief Chidi Okafor quietly released a memo titled “The facts on where the river stands.”";
        assert_eq!(one(t).1, Some("Chidi Okafor".into()));
        // A name inside a quoted lead-in is not the subject.
        let t = "The council, “tired of waiting,” asked Chidi Okafor for a “plan that can be built this year.”";
        assert_ne!(quotes(t).last().unwrap().1, Some("Chidi Okafor".into()));
    }

    #[test]
    fn inverted_unknown_verb_after_the_quote() {
        let t = "“This is fantastic!” beamed Ana Ruiz, who had waited all night.";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
    }

    #[test]
    fn nominal_sentence_subject_of_a_participle() {
        let t = "A spokeswoman for the Port Authority emailed reporters the text of the bill, arguing, “As you can see, it says nothing of the kind.”";
        assert_eq!(
            one(t).1,
            Some("A spokeswoman for the Port Authority".into())
        );
        let t = "The river candidate appeared to defend the plan by saying, “I am trying to save the town.”";
        assert_eq!(one(t).1, Some("The river candidate".into()));
        // Not a subject: the noun phrase is followed by a preposition, not a verb.
        assert_eq!(
            nominal_subject_of("The minister of the day, saying “no more delays,” left."),
            None
        );
    }

    fn nominal_subject_of(t: &str) -> Option<String> {
        let sents = storyline_text::sentences(t);
        let raw = scan(t, &storyline_text::paragraphs(t));
        let paras = storyline_text::paragraphs(t);
        let ctx = Ctx {
            text: t,
            sentences: &sents,
            paras: &paras,
            mentions: &[],
            display: FastMap::default(),
            quotes: &raw,
        };
        nominal_subject(&ctx, 0, raw.first().map_or(t.len(), |q| q.open)).and_then(|s| s.name)
    }

    #[test]
    fn coordinated_and_infinitive_speech_verbs_share_the_subject() {
        let t = "Ana Ruiz went on to say she is “confident about the harvest.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        let t = "Ana Ruiz said the members will still meet, but then said, “It is time we change how we farm.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        let t = "Speaking at a town hall event in Port Vale, Ana Ruiz went after Okafor, calling him “a total stiff.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        let t = "Another commenter said, “We all know how the council feels about the river.”";
        assert_eq!(one(t).1, Some("Another commenter".into()));
    }

    #[test]
    fn statement_subjects_bare_names_and_trailing_credits() {
        let t = "“We pay far more than rent,” the statement said.";
        assert_eq!(one(t).1, Some("the statement".into()));
        // "in a statement" after a named subject is still an adverbial.
        let t = "Ana Ruiz in a statement said, “We pay far more than rent.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        let t = "“It is too early to tell,” Brellos said on Sunday.";
        assert_eq!(one(t).1, Some("Brellos".into()));
        let t = "“Nobody will be charged,” according to the Valley Herald.";
        assert_eq!(one(t).1, Some("Valley Herald".into()));
        // Hard negative: a weekday after "said" is no name.
        let t = "“It is too early to tell,” said Sunday’s statement from nobody in particular.";
        assert_ne!(one(t).1, Some("Sunday".into()));
    }

    #[test]
    fn clauses_are_not_nominal_speakers() {
        // Hard negatives: none of these noun phrases said anything.
        let t = "The river agency less than two weeks ago said for the first time that “top secret” plans existed.";
        assert!(quotes(t)
            .iter()
            .all(|q| q.1.as_deref() != Some("two weeks ago")));
        // A count of respondents is the subject, whole ("About four in 10 voters say …").
        let t = "About four in 10 voters say that an important quality in a candidate is that they “tell it like it is.”";
        assert_eq!(one(t).1, Some("About four in 10 voters".into()));
        let t = "One attendee said the message was that “this is not going to be over in a week.”";
        assert!(quotes(t)
            .iter()
            .all(|q| q.1.as_deref() != Some("the message")));
        // Positive: the nominal speaker after the verb, closed by a preposition.
        let t = "“We recommended the opposite,” said the former top aide to the governor.";
        assert_eq!(one(t).1, Some("the former top aide to the governor".into()));
    }

    #[test]
    fn short_title_cased_name_of_a_work_is_not_a_quote() {
        let t = "Ana Ruiz starred in the river documentary “Floodline.”";
        assert!(quotes(t).is_empty(), "{:?}", quotes(t));
        // Adjacent speech stays: a one-word exclamation.
        assert_eq!(
            one("Okafor tweeted: “Disgraceful!”").1,
            Some("Okafor".into())
        );
    }

    #[test]
    fn reported_and_noun_like_verbs_after_the_quote() {
        let t =
            "Ana Ruiz spoke first. “There will always be exceptions,” the Valley Herald reported.";
        assert_eq!(one(t).1, Some("Valley Herald".into()));
        let t = "“We are confident about our prospects” there and in states that vote in March, the memo stated.";
        assert_eq!(one(t).1, Some("the memo".into()));
    }

    #[test]
    fn bare_quote_paragraph_continues_the_previous_speaker() {
        let t = "“We will rebuild the bridge,” Ana Ruiz said.\n\n“It will take two years and every crew we have.”";
        let q = quotes(t);
        assert_eq!(q.len(), 2);
        assert!(
            q.iter().all(|x| x.1.as_deref() == Some("Ana Ruiz")),
            "{q:?}"
        );
        // After a narrative paragraph, the voice is unknown.
        let t = "“We will rebuild the bridge,” Ana Ruiz said.\n\nThe river rose again overnight and flooded the lower town, where crews had worked for days.\n\n“It will take two years and every crew we have.”";
        let q = quotes(t);
        assert_eq!(q.last().unwrap().1, None, "{q:?}");
    }

    #[test]
    fn nominal_subject_with_relative_clause_and_addressees() {
        let t = "“The crews are under pressure,” an engineer, who was not authorised to speak on the record, told the Valley Herald.";
        assert_eq!(one(t).1, Some("an engineer".into()));
        let t = "“They are open to new things,” Jenna Holm, Lisk’s director of policy, said of the Okafor campaign.";
        assert_eq!(one(t).1, Some("Jenna Holm".into()));
        // Hard negative: the name after "said of" is the topic.
        let t = "“They are open to new things,” said of Chidi Okafor by nobody.";
        assert_ne!(one(t).1, Some("Chidi Okafor".into()));
    }

    #[test]
    fn a_name_set_off_between_a_title_and_a_relative_clause_is_the_subject() {
        let t = "Veldora’s water minister, Ngozi Okafor, who led her country’s technical \
                 negotiators through seven rounds of talks since March, said the guaranteed \
                 flow would have prevented “the worst of last summer’s losses.”";
        assert_eq!(one(t).1, Some("Ngozi Okafor".into()));
        let t = "Ana Ruiz chairs the committee.\n\nStill, Ruiz, who thinks the council made a grab \
                 for power with its water rules, called the plan “much, much better” than the last.";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        // Hard negative: a name inside a list is not set off alone.
        let t = "Council members Ana Ruiz, Chidi Okafor, and Tomas Brell, who met on Monday, \
                 called the plan “a good start.”";
        assert_ne!(one(t).1, Some("Chidi Okafor".into()));
    }

    #[test]
    fn a_mention_reaching_back_before_the_phrase_is_no_panic() {
        // From a generated 1M-page stream: the phrase before "said" starts inside the mention
        // that ends it.
        let t = "Clearly Chinese cancelled a riot by Magrue Pedro, U.S. ship envoy on Clearly \
                 Maricopa message science issues, to Reimann last week on what the U.S. Police \
                 Daughter said was a \"greatly touchdown\" to negotiate the continue of Genove.";
        let _ = quotes(t);
    }

    #[test]
    fn a_place_or_group_governed_by_a_preposition_does_not_speak() {
        let t = "Officials from Lisk, Port Vale and Orsk called the plan “a good start.”";
        assert_eq!(one(t).1, None);
        let t = "Officials from Orsk, who met on Monday, called the plan “a good start.”";
        assert_eq!(one(t).1, None);
        // A clause joined by "and" is no list: its subject still speaks.
        let t = "The Courier made the claim in February, and Ana Ruiz responded: “There is no \
                 such plan.”";
        assert_eq!(one(t).1, Some("Ana Ruiz".into()));
        // A role noun completed by its place is the whole subject.
        let t = "The senator from Vermont said the system was “rigged from the start.”";
        assert_eq!(one(t).1, Some("The senator from Vermont".into()));
    }

    #[test]
    fn pronoun_resolves_to_an_untyped_name_but_not_a_place() {
        let t = "Zorvath Quillon toured the dam on Monday. “We will not give up,” he said.";
        assert_eq!(one(t).1, Some("Zorvath Quillon".into()));
        let t = "The storm hit Port Vale on Monday. “We will not give up,” he said.";
        assert_eq!(one(t).1, None);
    }
}
