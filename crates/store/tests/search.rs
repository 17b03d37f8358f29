//! Search as a user of `storyline search` meets it: a small fictional archive of two events
//! reported by two outlets, indexed and queried through the public API.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use storyline_model::{
    Document, DocumentEntry, EntityKind, Event, EventEntity, Report, SummarySentence,
};
use storyline_store::search::{
    FacetCount, SearchError, SearchIndex, SearchQuery, SearchResults, Snippet,
};

fn doc(id: &str, outlet: &str, published: Option<&str>, title: &str, text: &str) -> Document {
    Document {
        id: id.into(),
        outlet: Some(outlet.into()),
        title: Some(title.into()),
        published: published.map(Into::into),
        author: None,
        url: None,
        text: text.into(),
    }
}

fn entity(name: &str, kind: EntityKind, aliases: &[&str]) -> EventEntity {
    EventEntity {
        name: name.into(),
        kind,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        mentions: 2,
    }
}

fn event(
    id: &str,
    title: &str,
    docs: &[&str],
    summary: &[&str],
    entities: Vec<EventEntity>,
) -> Event {
    Event {
        id: id.into(),
        title: title.into(),
        storyline: None,
        documents: docs.iter().map(|d| d.to_string()).collect(),
        outlets: vec!["Coastline Daily".into(), "Meridian Herald".into()],
        first_published: Some("2024-03-04".into()),
        last_published: Some("2024-03-07".into()),
        summary: summary
            .iter()
            .map(|s| SummarySentence {
                text: s.to_string(),
                citations: Vec::new(),
                outlets: Vec::new(),
            })
            .collect(),
        quotes: Vec::new(),
        entities,
        timeline: Vec::new(),
        attributions: Vec::new(),
        exclusives: Vec::new(),
    }
}

/// Floods in Garstang (two outlets) and a budget (two outlets), plus an undated letter that
/// belongs to no event.
fn archive() -> (Report, BTreeMap<String, Document>) {
    let docs = vec![
        doc(
            "coastline/floods-1",
            "Coastline Daily",
            Some("2024-03-04T09:30:00Z"),
            "River bursts its banks in Garstang",
            "Heavy rain caused the River Wyre to burst its banks on Monday morning.\n\n\
             The floods forced 300 residents of Garstang from their homes, the Environment \
             Agency said. Emergency shelters opened in the town hall.",
        ),
        doc(
            "meridian/floods-2",
            "Meridian Herald",
            Some("2024-03-05"),
            "Garstang counts the cost",
            "Shopkeepers in Garstang began clearing mud on Tuesday. The rain was heavy for a \
             third day, and the Environment Agency kept its warnings in place along the Wyre.",
        ),
        doc(
            "meridian/budget-1",
            "Meridian Herald",
            Some("2024-03-06"),
            "Reeves unveils spring budget",
            "Chancellor Rachel Reeves set out a spring budget on Wednesday that raises spending \
             on flood defences and freezes fuel duty. The Treasury said borrowing would fall.",
        ),
        doc(
            "coastline/budget-2",
            "Coastline Daily",
            Some("2024-03-07"),
            "What the budget means for you",
            "Fuel duty stays frozen and pensions rise, according to the Treasury's figures \
             published with the budget on Wednesday.",
        ),
        doc(
            "coastline/letters",
            "Coastline Daily",
            None,
            "Letters to the editor",
            "Readers write about parking charges and the new library opening hours.",
        ),
    ];
    let floods = event(
        "ev-floods",
        "River bursts its banks in Garstang",
        &["coastline/floods-1", "meridian/floods-2"],
        &["The floods forced 300 residents of Garstang from their homes, the Environment Agency said."],
        vec![
            entity("Environment Agency", EntityKind::Organization, &[]),
            entity("Garstang", EntityKind::Place, &[]),
            entity("River Wyre", EntityKind::Place, &["Wyre"]),
        ],
    );
    let budget = event(
        "ev-budget",
        "Reeves unveils spring budget",
        &["meridian/budget-1", "coastline/budget-2"],
        &["Chancellor Rachel Reeves set out a spring budget on Wednesday that raises spending on flood defences and freezes fuel duty."],
        vec![
            entity("Rachel Reeves", EntityKind::Person, &["Reeves"]),
            entity("Treasury", EntityKind::Organization, &[]),
        ],
    );
    let report = Report {
        documents: docs
            .iter()
            .map(|d| DocumentEntry {
                id: d.id.clone(),
                outlet: d.outlet.clone(),
                title: d.title.clone(),
                published: d.published.clone(),
                duplicate_of: None,
            })
            .collect(),
        events: vec![floods, budget],
        storylines: Vec::new(),
    };
    let docs = docs.into_iter().map(|d| (d.id.clone(), d)).collect();
    (report, docs)
}

fn built(dir: &Path) -> SearchIndex {
    let (report, docs) = archive();
    let mut index = SearchIndex::open(dir).expect("open");
    index.rebuild(3, &report, &docs).expect("rebuild");
    index
}

fn query(text: &str) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        ..SearchQuery::default()
    }
}

fn search(index: &SearchIndex, q: &SearchQuery) -> SearchResults {
    index.search(q).expect("search")
}

fn doc_ids(r: &SearchResults) -> Vec<&str> {
    r.documents.iter().map(|d| d.id.as_str()).collect()
}

/// Ids in id order, where the ranking among them is BM25's business, not the test's.
fn sorted_ids(r: &SearchResults) -> Vec<&str> {
    let mut ids = doc_ids(r);
    ids.sort_unstable();
    ids
}

fn event_ids(r: &SearchResults) -> Vec<&str> {
    r.events.iter().map(|e| e.id.as_str()).collect()
}

fn facet(name: &str, count: u64) -> FacetCount {
    FacetCount {
        name: name.into(),
        count,
    }
}

/// Every highlight slices the snippet on char boundaries, and what it covers passes `check`.
fn assert_highlights(snippet: &Snippet, check: impl Fn(&str) -> bool) {
    assert!(
        !snippet.highlights.is_empty(),
        "nothing highlighted in {snippet:?}"
    );
    for span in &snippet.highlights {
        let word = span.slice(&snippet.text).expect("span on char boundaries");
        assert!(
            check(&word.to_lowercase()),
            "{word:?} highlighted in {snippet:?}"
        );
    }
}

#[test]
fn stemming_finds_other_forms_of_a_word() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = built(dir.path());
    // Neither document says "flooding"; the first says "floods". The budget's "flood
    // defences" matches too: that is what stemming means.
    let r = search(&index, &query("flooding"));
    assert_eq!(sorted_ids(&r), ["coastline/floods-1", "meridian/budget-1"]);
    assert_eq!(r.total_documents, 2);
    for hit in &r.documents {
        assert_highlights(&hit.snippet, |w| w.starts_with("flood"));
        assert!(!hit.snippet.text.contains('\n'));
    }
}

#[test]
fn all_words_must_match_and_quotes_make_a_phrase() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = built(dir.path());
    let words = search(&index, &query("heavy rain"));
    assert_eq!(
        sorted_ids(&words),
        ["coastline/floods-1", "meridian/floods-2"]
    );
    // "The rain was heavy" has both words, not the phrase.
    let phrase = search(&index, &query("\"heavy rain\""));
    assert_eq!(doc_ids(&phrase), ["coastline/floods-1"]);
    assert_highlights(&phrase.documents[0].snippet, |w| {
        w == "heavy" || w == "rain"
    });
    let titles = search(&index, &query("title:garstang"));
    assert_eq!(
        sorted_ids(&titles),
        ["coastline/floods-1", "meridian/floods-2"]
    );
    let none = search(&index, &query("heavy budget"));
    assert_eq!(none.total_documents, 0);
    assert!(none.events.is_empty());
}

#[test]
fn events_are_ranked_by_their_matching_documents() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = built(dir.path());
    let r = search(&index, &query("Garstang"));
    assert_eq!(r.total_events, 1);
    let e = &r.events[0];
    assert_eq!(e.id, "ev-floods");
    assert_eq!(e.title, "River bursts its banks in Garstang");
    assert_eq!((e.documents, e.matched_documents), (2, 2));
    assert_eq!(e.outlets, ["Coastline Daily", "Meridian Herald"]);
    assert_eq!(e.first_published.as_deref(), Some("2024-03-04"));
    // The summary mentions Garstang: the snippet comes from it.
    assert!(e
        .snippet
        .text
        .starts_with("The floods forced 300 residents"));
    assert_highlights(&e.snippet, |w| w == "garstang");
    assert!(r
        .documents
        .iter()
        .all(|d| d.event.as_deref() == Some("ev-floods")));

    // Not in the summary: the snippet shows the matching document.
    let r = search(&index, &query("mud"));
    assert_eq!(event_ids(&r), ["ev-floods"]);
    assert!(r.events[0]
        .snippet
        .text
        .starts_with("Shopkeepers in Garstang"));
    assert_highlights(&r.events[0].snippet, |w| w == "mud");

    let r = search(&index, &query("fuel duty"));
    assert_eq!(event_ids(&r), ["ev-budget"]);
    assert_eq!(r.events[0].matched_documents, 2);
    let r = search(&index, &query("flood OR budget"));
    assert_eq!(r.total_events, 2);
    // Two budget documents match, one flood document does.
    let budget = r
        .events
        .iter()
        .find(|e| e.id == "ev-budget")
        .expect("budget event");
    let floods = r
        .events
        .iter()
        .find(|e| e.id == "ev-floods")
        .expect("floods event");
    assert_eq!((budget.matched_documents, floods.matched_documents), (2, 1));
}

#[test]
fn outlet_filter_ignores_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = built(dir.path());
    let q = SearchQuery {
        outlet: Some("meridian HERALD".into()),
        ..query("budget")
    };
    let r = search(&index, &q);
    assert_eq!(doc_ids(&r), ["meridian/budget-1"]);
    assert_eq!(r.documents[0].outlet.as_deref(), Some("Meridian Herald"));
    assert_eq!(r.facets.outlets, [facet("Meridian Herald", 1)]);
    let nobody = SearchQuery {
        outlet: Some("Valley Courier".into()),
        ..query("budget")
    };
    assert_eq!(search(&index, &nobody).total_documents, 0);
}

#[test]
fn date_range_is_inclusive_and_filters_alone_list_newest_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = built(dir.path());
    let q = SearchQuery {
        from: Some("2024-03-05".into()),
        to: Some("2024-03-06".into()),
        ..SearchQuery::default()
    };
    let r = search(&index, &q);
    assert_eq!(doc_ids(&r), ["meridian/budget-1", "meridian/floods-2"]);
    assert_eq!(event_ids(&r), ["ev-budget", "ev-floods"]);
    // Only the matching documents count towards an event.
    assert_eq!(r.events[0].matched_documents, 1);

    let from = SearchQuery {
        from: Some("2024-03-07".into()),
        ..query("budget")
    };
    assert_eq!(doc_ids(&search(&index, &from)), ["coastline/budget-2"]);

    // No query and no filter: everything, newest first, the undated letter last.
    let all = search(&index, &SearchQuery::default());
    assert_eq!(
        doc_ids(&all),
        [
            "coastline/budget-2",
            "meridian/budget-1",
            "meridian/floods-2",
            "coastline/floods-1",
            "coastline/letters"
        ]
    );
    assert_eq!(all.documents[4].event, None);
    assert_eq!(all.documents[4].published, None);
    assert_eq!(all.documents[0].snippet.highlights, []);
    assert!(all.documents[0]
        .snippet
        .text
        .starts_with("Fuel duty stays frozen"));
}

#[test]
fn bad_dates_and_syntax_are_query_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = built(dir.path());
    for q in [
        SearchQuery {
            from: Some("2024-02-30".into()),
            ..query("rain")
        },
        SearchQuery {
            to: Some("last week".into()),
            ..query("rain")
        },
        SearchQuery {
            from: Some("2024-03-06".into()),
            to: Some("2024-03-05".into()),
            ..query("rain")
        },
        query("title:(rain"),
        query("nosuchfield:rain"),
    ] {
        match index.search(&q) {
            Err(SearchError::Query(msg)) => assert!(!msg.is_empty()),
            other => panic!("{q:?}: expected a query error, got {other:?}"),
        }
    }
}

#[test]
fn entity_filter_takes_names_and_aliases_of_entities_a_document_mentions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = built(dir.path());
    // Both budget documents belong to the event, but only one mentions Reeves.
    for name in ["Rachel Reeves", "reeves"] {
        let q = SearchQuery {
            entity: Some(name.into()),
            ..SearchQuery::default()
        };
        assert_eq!(
            doc_ids(&search(&index, &q)),
            ["meridian/budget-1"],
            "{name}"
        );
    }
    let q = SearchQuery {
        entity: Some("environment agency".into()),
        ..query("rain")
    };
    assert_eq!(
        sorted_ids(&search(&index, &q)),
        ["coastline/floods-1", "meridian/floods-2"]
    );
}

#[test]
fn facets_count_every_match_before_paging() {
    let dir = tempfile::tempdir().expect("tempdir");
    let index = built(dir.path());
    let q = SearchQuery {
        limit: 1,
        offset: 1,
        ..SearchQuery::default()
    };
    let r = search(&index, &q);
    assert_eq!(r.total_documents, 5);
    assert_eq!(r.total_events, 2);
    assert_eq!(doc_ids(&r), ["meridian/budget-1"]);
    assert_eq!(event_ids(&r), ["ev-floods"]);
    assert_eq!(
        r.facets.outlets,
        [facet("Coastline Daily", 3), facet("Meridian Herald", 2)]
    );
    assert_eq!(
        r.facets.entities,
        [
            facet("Environment Agency", 2),
            facet("Garstang", 2),
            facet("River Wyre", 2),
            facet("Treasury", 2),
            facet("Rachel Reeves", 1),
        ]
    );
}

#[test]
fn equal_scores_are_ordered_by_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "Ferry services to the islands were cancelled because of high winds.";
    let docs: BTreeMap<String, Document> = ["z-copy", "a-copy", "m-copy"]
        .into_iter()
        .map(|id| {
            (
                id.to_string(),
                doc(id, "Wire", None, "Ferries cancelled", text),
            )
        })
        .collect();
    let mut index = SearchIndex::open(dir.path()).expect("open");
    index
        .rebuild(1, &Report::default(), &docs)
        .expect("rebuild");
    let r = search(&index, &query("ferry"));
    assert_eq!(doc_ids(&r), ["a-copy", "m-copy", "z-copy"]);
    assert!(r.events.is_empty());
}

#[test]
fn rebuild_replaces_content_and_reopen_keeps_the_generation() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let index = SearchIndex::open(dir.path()).expect("open");
        assert_eq!(index.generation(), None);
        assert_eq!(search(&index, &query("rain")).total_documents, 0);
    }
    drop(built(dir.path()));
    let mut index = SearchIndex::open(dir.path()).expect("reopen");
    assert_eq!(index.generation(), Some(3));
    assert_eq!(search(&index, &query("rain")).total_documents, 2);

    let (mut report, mut docs) = archive();
    report.events.retain(|e| e.id == "ev-budget");
    docs.retain(|id, _| id.contains("budget"));
    index.rebuild(4, &report, &docs).expect("rebuild");
    assert_eq!(index.generation(), Some(4));
    assert_eq!(search(&index, &query("rain")).total_documents, 0);
    assert_eq!(search(&index, &query("budget")).total_documents, 2);
}

#[test]
fn a_corrupt_index_is_recreated_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(built(dir.path()));
    fs::write(dir.path().join("meta.json"), b"\x00 not json {").expect("write");
    let unrelated = dir.path().join("notes.txt");
    fs::write(&unrelated, "keep me").expect("write");

    let mut index = SearchIndex::open(dir.path()).expect("open recreates");
    assert_eq!(index.generation(), None);
    assert_eq!(search(&index, &query("rain")).total_documents, 0);
    assert!(unrelated.exists(), "only the index's own files are removed");

    let (report, docs) = archive();
    index.rebuild(5, &report, &docs).expect("rebuild");
    assert_eq!(search(&index, &query("rain")).total_documents, 2);
    assert_eq!(
        SearchIndex::open(dir.path()).expect("reopen").generation(),
        Some(5)
    );
}

#[test]
fn the_index_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync + Clone>() {}
    shareable::<SearchIndex>();
    let dir = tempfile::tempdir().expect("tempdir");
    let index = built(dir.path());
    let copy = index.clone();
    let found = std::thread::spawn(move || search(&copy, &query("treasury")).total_documents)
        .join()
        .expect("thread");
    assert_eq!(found, 2);
}
