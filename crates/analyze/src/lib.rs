//! storyline analyze stage: what each document says (quotes and speakers, named entities, dates,
//! credited sources) and what an event's documents say together.
//!
//! Everything here is a pure function over model types, rule-based and deterministic: news prose
//! is regular enough (attribution grammar, capitalised names, datelines) that transparent rules
//! give stable, explainable output, and the same input always yields the same JSON. All offsets
//! are byte offsets into `Document::text`, always on char boundaries.

mod attrib;
mod dates;
mod entities;
mod event;
// The word lists are laid out by hand, many entries to a line; rustfmt would put one per line.
#[rustfmt::skip]
mod lexicon;
mod quotes;

use storyline_model::{Analysis, Day, Document, Span};

pub use event::{event_attributions, event_entities, event_quotes, timeline};

/// Per-document analysis; pure. `reference` is the day relative dates resolve against: the
/// document's own publication day, or — when it has none — a day its event's other documents
/// establish (the caller passes it). With neither, relative dates stay unresolved rather than
/// being guessed.
///
/// Entity ids come from linking within the document; [`link_entities`] widens that to a batch.
pub fn analyze_document(doc: &Document, reference: Option<Day>) -> Analysis {
    let text = doc.text.as_str();
    let sentences = storyline_text::sentences(text);
    let entities = entities::analyze_entities(text, &sentences);
    let quotes = quotes::find_quotes(text, &sentences, &entities);
    let dates = dates::find_dates(text, &sentences, reference.or_else(|| doc.day()));
    let mut attributions = attrib::find_attributions(text);
    expand_acronyms(&mut attributions, &entities);
    let outlet = if doc.outlet.is_none() {
        attrib::infer_outlet(text)
    } else {
        None
    };
    Analysis {
        id: doc.id.clone(),
        sentences: sentences
            .into_iter()
            .map(|r| Span::new(r.start, r.end))
            .collect(),
        quotes,
        entities,
        dates,
        attributions,
        outlet,
    }
}

/// A wire credited by acronym ("(BPA)") is reported under the full name the document gives it
/// elsewhere ("Boreal Press Agency (BPA)"), so that credits group across documents.
fn expand_acronyms(
    attributions: &mut [storyline_model::Attribution],
    entities: &[storyline_model::EntityMention],
) {
    for at in attributions.iter_mut() {
        if at.agency.chars().any(|c| c.is_lowercase()) {
            continue;
        }
        let Some(id) = entities
            .iter()
            .find(|m| m.text == at.agency)
            .map(|m| &m.entity)
        else {
            continue;
        };
        let full = entities
            .iter()
            .filter(|m| &m.entity == id && m.text.split_whitespace().count() > 1)
            .max_by_key(|m| m.text.split_whitespace().count());
        if let Some(full) = full {
            at.agency = attrib::canonical_agency(&full.text);
        }
    }
}

/// Gives `EntityMention.entity` canonical ids shared across the batch (alias merging across
/// documents): a surname seen alone in one document joins the full name another document gives,
/// acronyms join their expansion, transliteration variants join each other. `docs` and
/// `analyses` are parallel slices.
///
/// Linking runs per document first, so a surname that is unambiguous inside its own document
/// keeps that reading even when another person of the batch shares it.
pub fn link_entities(docs: &[Document], analyses: &mut [Analysis]) {
    let mut batch_items = Vec::new();
    let mut owners = Vec::new();
    for (d, (doc, analysis)) in docs.iter().zip(analyses.iter()).enumerate() {
        let items = entities::items_of(&doc.text, &analysis.entities);
        let local = entities::link(&items);
        for (m, (canon, kind)) in local.canonical.into_iter().zip(local.kind).enumerate() {
            batch_items.push(entities::LinkItem {
                name: canon,
                kind,
                strong: kind != storyline_model::EntityKind::Other,
                expansion: None,
            });
            owners.push((d, m));
        }
    }
    let linked = entities::link(&batch_items);
    for ((d, m), (canon, kind)) in owners
        .into_iter()
        .zip(linked.canonical.iter().zip(linked.kind))
    {
        if let Some(mention) = analyses.get_mut(d).and_then(|a| a.entities.get_mut(m)) {
            mention.entity = entities::entity_id(canon);
            mention.kind = kind;
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;
    use storyline_model::EntityKind;

    fn doc(id: &str, text: &str) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            ..Default::default()
        }
    }

    #[test]
    fn batch_linking_resolves_surnames_across_documents() {
        let docs = [
            doc("a", "Chidi Okafor visited Lisk."),
            doc("b", "Okafor said the bridge would reopen."),
        ];
        let mut a: Vec<Analysis> = docs.iter().map(|d| analyze_document(d, None)).collect();
        assert_eq!(a[1].entities[0].entity, "e:okafor");
        link_entities(&docs, &mut a);
        assert_eq!(a[1].entities[0].entity, "e:chidi-okafor");
        assert_eq!(a[1].entities[0].kind, EntityKind::Person);
    }

    #[test]
    fn batch_linking_keeps_ambiguous_surnames_apart() {
        let docs = [
            doc("a", "Maria Rossi spoke in Lisk. Rossi left early."),
            doc("b", "Paolo Rossi spoke in Port Vale."),
            doc("c", "Rossi said nothing."),
        ];
        let mut a: Vec<Analysis> = docs.iter().map(|d| analyze_document(d, None)).collect();
        link_entities(&docs, &mut a);
        // Inside document a the surname is unambiguous; in c it could be either.
        assert_eq!(
            a[0].entities
                .iter()
                .filter(|m| m.entity == "e:maria-rossi")
                .count(),
            2
        );
        assert_eq!(a[2].entities[0].entity, "e:rossi");
    }

    #[test]
    fn acronym_in_another_document_links_to_expansion() {
        let docs = [
            doc("a", "The Joint River Commission met in Lisk."),
            doc("b", "The JRC said levels fell."),
        ];
        let mut a: Vec<Analysis> = docs.iter().map(|d| analyze_document(d, None)).collect();
        link_entities(&docs, &mut a);
        assert_eq!(a[1].entities[0].entity, "e:joint-river-commission");
    }

    #[test]
    fn outlet_only_inferred_when_missing() {
        let mut d = doc("a", "PORT VALE (Valley Wire) — Rain fell.");
        assert_eq!(
            analyze_document(&d, None).outlet.as_deref(),
            Some("Valley Wire")
        );
        d.outlet = Some("Lisk Courier".into());
        assert_eq!(analyze_document(&d, None).outlet, None);
    }

    #[test]
    fn reference_defaults_to_publication_day() {
        let mut d = doc("a", "The dam failed on Tuesday.");
        d.published = Some("2026-03-12T08:00:00Z".into());
        assert_eq!(analyze_document(&d, None).dates[0].value, "2026-03-10");
        let r = chrono::NaiveDate::from_ymd_opt(2026, 3, 20);
        assert_eq!(
            analyze_document(&doc("b", "The dam failed on Tuesday."), r).dates[0].value,
            "2026-03-17"
        );
    }

    fn check_spans(text: &str, a: &Analysis) -> Result<(), TestCaseError> {
        for s in &a.sentences {
            prop_assert!(text.get(s.start..s.end).is_some());
        }
        for q in &a.quotes {
            prop_assert_eq!(text.get(q.start..q.end), Some(q.text.as_str()));
            if let (Some(s), Some(e)) = (q.speaker_start, q.speaker_end) {
                prop_assert!(text.get(s..e).is_some());
            }
        }
        for m in &a.entities {
            prop_assert_eq!(text.get(m.start..m.end), Some(m.text.as_str()));
        }
        for d in &a.dates {
            prop_assert_eq!(text.get(d.start..d.end), Some(d.text.as_str()));
        }
        for at in &a.attributions {
            prop_assert!(text.get(at.start..at.end).is_some());
        }
        Ok(())
    }

    /// Words that trigger every analyser, so that random text exercises the attribution,
    /// entity and date rules rather than only the tokenizer.
    const VOCAB: &[&str] = &[
        "said",
        "says",
        "told",
        "according to",
        "he",
        "she",
        "the",
        "a",
        "spokeswoman",
        "Ana",
        "Ruiz",
        "Chidi Okafor",
        "Okafor",
        "Mr.",
        "President",
        "Joint River Commission",
        "(JRC)",
        "JRC",
        "Lisk",
        "in",
        "on",
        "Tuesday",
        "March",
        "12",
        "2026",
        "May",
        "last",
        "week",
        "ago",
        "three",
        "days",
        "“",
        "”",
        "\"",
        "'",
        "’",
        "‘",
        "«",
        "»",
        "„",
        "(",
        ")",
        "—",
        "―",
        ",",
        ".",
        ":",
        ";",
        "?",
        "\n\n",
        "é",
        "Ω",
        "news agency",
        "reported",
        "Valley Wire",
        "©",
        "staff",
        "-",
        "al-",
        "van",
        // The quote rules' cue words: relative and other pronouns, "as … put it", "per",
        // "what he called", possessors, counts, contractions, coordination, inversion.
        "who",
        "which",
        "they",
        "it",
        "as",
        "put",
        "per",
        "what",
        "called",
        "’s",
        "'s",
        "He’s",
        "claiming",
        "of",
        "and",
        "63",
        "percent",
        "asked",
        "added",
        "has",
        "my",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(600))]
        #[test]
        fn vocabulary_soup_is_safe(words in proptest::collection::vec(0..VOCAB.len(), 0..80), seps in proptest::collection::vec(0..3usize, 80)) {
            let mut s = String::new();
            for (i, w) in words.iter().enumerate() {
                s.push_str(VOCAB[*w]);
                s.push_str(["", " ", " "][seps[i % seps.len()]]);
            }
            let reference = chrono::NaiveDate::from_ymd_opt(2026, 3, 12);
            let d = Document { id: "x".into(), text: s.clone(), ..Default::default() };
            let mut a = vec![analyze_document(&d, reference)];
            check_spans(&s, &a[0])?;
            let docs = [d];
            link_entities(&docs, &mut a);
            let _ = (event_quotes(&docs, &a), event_entities(&docs, &a), timeline(&docs, &a), event_attributions(&docs, &a));
        }
    }

    proptest! {
        #[test]
        fn any_text_is_safe(
            s in "([A-Z][a-z]{0,8}|[a-z]{1,8}|said|Mr\\.|“|”|\"|'|’|‘|«|»|„|\\(|\\)|—|,|\\.|:|\n\n|\\d{1,4}|March|Tuesday|May| ){0,60}|\\PC{0,120}",
            day in proptest::option::of(0u32..20000),
        ) {
            let reference = day.and_then(|d| chrono::NaiveDate::from_ymd_opt(1990, 1, 1).map(|b| b + chrono::Duration::days(d as i64)));
            let d = Document { id: "x".into(), text: s.clone(), ..Default::default() };
            let mut a = vec![analyze_document(&d, reference)];
            check_spans(&s, &a[0])?;
            let docs = [d];
            link_entities(&docs, &mut a);
            check_spans(&s, &a[0])?;
            let _ = (event_quotes(&docs, &a), event_entities(&docs, &a), timeline(&docs, &a), event_attributions(&docs, &a));
        }
    }
}
