//! Verbs of reported speech: what turns "X said" into attribution for the quote finder, and a
//! bare "he said" into a speaker the summaries cannot show.

use std::sync::OnceLock;

use crate::FastSet;

/// Verbs that introduce or close reported speech (all inflections listed).
pub fn is_speech_verb(folded: &str) -> bool {
    static CELL: OnceLock<FastSet<&'static str>> = OnceLock::new();
    CELL.get_or_init(|| SPEECH_VERBS.iter().copied().collect())
        .contains(folded)
}

#[rustfmt::skip]
const SPEECH_VERBS: &[&str] = &[
    "said", "says", "say", "saying", "told", "tells", "tell", "added", "adds", "asked",
    "asks", "stated", "states", "declared", "declares", "wrote", "writes", "tweeted",
    "tweets", "posted", "explained", "explains", "noted", "notes", "warned", "warns",
    "insisted", "insists", "argued", "argues", "announced", "announces", "replied",
    "replies", "claimed", "claims", "acknowledged", "acknowledges", "continued",
    "continues", "recalled", "recalls", "remarked", "remarks", "responded", "responds",
    "answered", "answers", "suggested", "suggests", "conceded", "concedes", "admitted",
    "admits", "predicted", "predicts", "vowed", "vows", "urged", "urges", "stressed",
    "stresses", "emphasized", "emphasised", "observed", "observes", "cautioned", "cautions",
    "complained", "complains", "joked", "jokes", "shouted", "shouts", "yelled", "whispered",
    "testified", "testifies", "countered", "counters", "pointed", "reported", "reports",
    "quipped", "mused", "lamented", "laments", "boasted", "boasts", "promised", "promises",
    "charged", "charges", "contended", "contends", "concluded", "concludes", "maintained",
    "maintains", "agreed", "agrees", "confirmed", "confirms", "denied", "denies",
    "disclosed", "revealed", "reveals", "retorted", "sang", "sings", "wondered", "wonders",
    "commented", "comments", "assured", "assures", "pleaded", "demanded",
    "demands", "proclaimed", "proclaims", "read", "reads", "called", "calls", "described",
    "describes", "labelled", "labeled", "dubbed", "telling", "adding", "asking",
    "explaining", "noting", "warning", "insisting", "arguing", "claiming", "writing",
    "tweeting", "declaring", "stating", "announcing", "urging", "suggesting",
    "acknowledging", "recalling", "responding", "replying", "answering", "predicting",
    "vowing", "stressing", "complaining", "joking", "calling", "describing",
    "assuring",
    // Less frequent verbs of speaking, past tense and unambiguous present forms.
    "exclaimed", "exclaims", "opined", "opines", "interjected", "demurred", "surmised",
    "elaborated", "bragged", "brags", "confessed", "chanted", "scoffed", "scoffs", "snapped",
    "gushed", "marveled", "marvelled", "deadpanned", "reasoned", "reiterated", "reiterates",
    "speculated", "theorized", "recounted", "recounts", "hinted", "implored", "lectured",
    "thundered", "screamed", "sighed", "groaned", "chuckled", "beamed", "teased", "taunted",
    "barked", "growled", "grumbled", "muttered", "murmured", "mumbled", "asserted", "asserts",
    "affirmed", "alleged", "alleges", "objected", "protested", "rebutted", "scolded", "chided",
    "queried", "inquired", "texted", "emailed", "e-mailed", "blogged", "advised", "reassured",
    "pledged", "pledges", "swore", "threatened", "underscored", "clarified", "concurred",
    "griped", "whined", "bemoaned", "bemoans", "quips", "wisecracked", "chimed", "requested",
    "appealed", "proposed", "recommended", "recommends", "retaliated", "fumed", "raged",
    "pleads", "cried", "begged", "asserting", "quipping", "yells", "yelling", "screams",
    "shouting", "exclaiming",
    // Plural present forms ("they conclude") that are not also common nouns.
    "conclude", "argue", "insist", "explain", "warn", "concede", "acknowledge", "contend",
    "predict", "assert", "recall", "complain", "wonder", "reply",
];

/// Verbs that only signal speech when a quotation sits right next to them: "called it
/// “a disgrace”" is speech, "called the meeting" is not. Kept apart so that the plain list above
/// can be used for "X said" detection without these false friends.
pub fn is_weak_speech_verb(folded: &str) -> bool {
    matches!(
        folded,
        "called"
            | "calls"
            | "described"
            | "describes"
            | "labelled"
            | "labeled"
            | "dubbed"
            | "read"
            | "calling"
            | "describing"
            | "reads"
            | "pointed"
            | "reported"
            | "reports"
            | "charged"
            | "charges"
            | "agreed"
            | "agrees"
            | "promised"
            | "promises"
            | "sang"
            | "sings"
    )
}
