//! End-to-end analysis of a small fictional event: three outlets covering one flood.
#![allow(clippy::unwrap_used)]

use storyline_analyze::{
    analyze_document, event_attributions, event_entities, event_quotes, link_entities, timeline,
};
use storyline_model::{Analysis, Document, EntityKind};

fn load(name: &str) -> Document {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn event() -> (Vec<Document>, Vec<Analysis>) {
    let docs: Vec<Document> = ["flood_courier", "flood_times", "flood_wire"]
        .iter()
        .map(|n| load(n))
        .collect();
    // The wire copy has no date: the event's other documents establish the day.
    let event_day = docs.iter().find_map(|d| d.day());
    let mut analyses: Vec<Analysis> = docs
        .iter()
        .map(|d| analyze_document(d, d.day().or(event_day)))
        .collect();
    link_entities(&docs, &mut analyses);
    (docs, analyses)
}

#[test]
fn full_analysis_snapshot() {
    let (_, analyses) = event();
    insta::assert_json_snapshot!("flood_courier_analysis", analyses[0]);
}

#[test]
fn spans_match_text() {
    let (docs, analyses) = event();
    for (d, a) in docs.iter().zip(&analyses) {
        for q in &a.quotes {
            assert_eq!(&d.text[q.start..q.end], q.text);
        }
        for e in &a.entities {
            assert_eq!(&d.text[e.start..e.end], e.text);
        }
        for t in &a.dates {
            assert_eq!(&d.text[t.start..t.end], t.text);
        }
    }
}

#[test]
fn quotes_and_speakers() {
    let (_, analyses) = event();
    let q = &analyses[0].quotes;
    let speakers: Vec<(&str, Option<&str>)> = q
        .iter()
        .map(|q| (q.text.as_str(), q.speaker.as_deref()))
        .collect();
    assert_eq!(
        speakers,
        [
            (
                "The structure is sound, and we expect levels to fall by Saturday,",
                Some("Amara Nwosu")
            ),
            (
                "But nobody should go back to the lower valley yet.",
                Some("Amara Nwosu")
            ),
            (
                "We will rebuild every home that was lost,",
                Some("Chidi Okafor")
            ),
            ("emergency fund", Some("Chidi Okafor")),
        ],
        "“emergency fund” is reported as Okafor's words (\"Okafor added that …\"), so it is his quote"
    );
    let wire = &analyses[2].quotes;
    assert_eq!(
        wire.len(),
        2,
        "“plan B”, with no speech verb around it, is a scare quote"
    );
    assert!(wire
        .iter()
        .all(|q| q.speaker.as_deref() == Some("Petra Halloran")));
}

#[test]
fn dates_resolve_against_reference() {
    let (_, analyses) = event();
    let values: Vec<(&str, &str)> = analyses[0]
        .dates
        .iter()
        .map(|d| (d.text.as_str(), d.value.as_str()))
        .collect();
    for expected in [
        ("Thursday", "2026-03-12"),
        ("three days", "P3D"),
        ("Saturday", "2026-03-14"),
        ("Tuesday", "2026-03-10"),
        ("March 2025", "2025-03"),
        ("last night", "2026-03-11TNI"),
        ("next week", "2026-W12"),
        ("12 March 2026", "2026-03-12"),
        ("April", "2026-04"),
    ] {
        assert!(
            values.contains(&expected),
            "missing {expected:?} in {values:?}"
        );
    }
    // The undated wire copy resolves against the event's day.
    assert!(analyses[2]
        .dates
        .iter()
        .any(|d| d.text == "Wednesday" && d.value == "2026-03-11"));
}

#[test]
fn attributions_and_outlet() {
    let (_, analyses) = event();
    assert_eq!(
        analyses[0]
            .attributions
            .iter()
            .map(|a| a.agency.as_str())
            .collect::<Vec<_>>(),
        ["Valley Wire"]
    );
    assert_eq!(
        analyses[0].outlet, None,
        "the courier carries its own outlet"
    );
    assert_eq!(analyses[2].outlet.as_deref(), Some("Valley Wire"));
}

#[test]
fn event_aggregation() {
    let (docs, analyses) = event();
    let quotes = event_quotes(&docs, &analyses);
    assert_eq!(quotes[0].documents.len(), 2);
    let rebuilt = quotes
        .iter()
        .find(|q| q.text.starts_with("We will rebuild"))
        .unwrap();
    assert_eq!(rebuilt.speaker.as_deref(), Some("Chidi Okafor"));
    assert_eq!(rebuilt.outlets, ["Lisk Courier", "Port Vale Times"]);

    let entities = event_entities(&docs, &analyses);
    let okafor = entities.iter().find(|e| e.name == "Chidi Okafor").unwrap();
    assert_eq!(okafor.kind, EntityKind::Person);
    assert!(okafor.aliases.contains(&"Okafor".to_string()));
    let jrc = entities
        .iter()
        .find(|e| e.name == "Joint River Commission")
        .unwrap();
    assert_eq!(jrc.kind, EntityKind::Organization);
    assert!(jrc.aliases.contains(&"JRC".to_string()));

    let tl = timeline(&docs, &analyses);
    assert!(tl.windows(2).all(|w| w[0].date <= w[1].date));
    assert!(tl
        .iter()
        .any(|e| e.date == "2026-03-10" && e.text.contains("late on Tuesday")));

    let attr = event_attributions(&docs, &analyses);
    assert_eq!(attr[0].agency, "Valley Wire");
    // The wire copy credits itself in its dateline.
    assert_eq!(
        attr[0].documents,
        ["flood_courier", "flood_times", "flood_wire"]
    );
}
