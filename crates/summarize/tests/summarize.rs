//! Behaviour of summaries and exclusives on a small fictional event: the Lisk river flooding the
//! town of Varn, reported by three independent outlets plus a syndicated copy of one of them.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use storyline_model::{ClusterDoc, SummarySentence};
use storyline_summarize::{exclusives, summarize, SummaryOptions};

fn doc(id: &str, outlet: Option<&str>, published: Option<&str>, text: &str) -> ClusterDoc {
    ClusterDoc {
        id: id.into(),
        text: text.into(),
        outlet: outlet.map(Into::into),
        published: published.map(Into::into),
        title: None,
    }
}

const LEDGER: &str = "Floodwaters swamp Varn as the Lisk bursts its banks\n\n\
Photo: Rescuers wade through a flooded street in Varn on Tuesday.\n\n\
The Lisk river burst its banks in the town of Varn on Tuesday, forcing 4,000 residents from their homes. \
Emergency crews used boats to reach families trapped on rooftops in the low-lying eastern districts. \
Mayor Ilsa Brandt said the town had not seen such flooding in fifty years.\n\n\
Read more: How the Lisk basin floods every spring and why the dykes keep failing.\n\n\
The regional council has opened three shelters in schools on higher ground. \
Forecasters expect the river to crest on Thursday before the water slowly recedes.";

/// The Ledger's story as a second site republished it: new headline, same body.
const METRO_COPY: &str = "Varn under water after river overflows\n\n\
The Lisk river burst its banks in the town of Varn on Tuesday, forcing 4,000 residents from their homes. \
Emergency crews used boats to reach families trapped on rooftops in the low-lying eastern districts. \
Mayor Ilsa Brandt said the town had not seen such flooding in fifty years.\n\n\
The regional council has opened three shelters in schools on higher ground. \
Forecasters expect the river to crest on Thursday before the water slowly recedes.";

const COURIER: &str = "About 4,000 residents of Varn were forced from their homes on Tuesday after the Lisk river burst its banks. \
Boats were used by emergency crews to rescue families trapped on rooftops. \
Three shelters have been opened by the regional council in schools on higher ground. \
Farmers south of the town fear the spring barley harvest is lost after the fields were submerged.\n\n\
Image: A tractor stands in brown water outside Varn.";

const VALLEY: &str = "LISK FLOOD: THE LATEST\n\n\
The Lisk river burst its banks in Varn on Tuesday and forced 4,000 residents to leave their homes, officials said. \
A bridge on the Varn ring road collapsed under the weight of floating debris, cutting off the eastern districts. \
The regional council opened three shelters in schools on higher ground. \
Forecasters expect the river to crest on Thursday.";

fn flood() -> Vec<ClusterDoc> {
    vec![
        doc(
            "courier/1",
            Some("Coastal Courier"),
            Some("2031-03-04T09:30:00"),
            COURIER,
        ),
        doc(
            "ledger/1",
            Some("Northern Ledger"),
            Some("2031-03-04T08:00:00"),
            LEDGER,
        ),
        doc(
            "valley/1",
            Some("Valley Times"),
            Some("2031-03-04T14:00:00"),
            VALLEY,
        ),
        doc(
            "metro/1",
            Some("Metro Daily"),
            Some("2031-03-04T11:00:00"),
            METRO_COPY,
        ),
    ]
}

fn check_citations(docs: &[ClusterDoc], summary: &[SummarySentence]) {
    for s in summary {
        assert!(!s.citations.is_empty());
        for (k, c) in s.citations.iter().enumerate() {
            let d = docs.iter().find(|d| d.id == c.doc).unwrap();
            let slice = d.text.get(c.start..c.end).unwrap();
            if k == 0 {
                assert_eq!(slice, s.text);
            }
        }
        let mut cited: Vec<&str> = s.citations.iter().map(|c| c.doc.as_str()).collect();
        cited.sort_unstable();
        cited.dedup();
        assert_eq!(cited.len(), s.citations.len(), "one citation per document");
    }
}

fn total_words(summary: &[SummarySentence]) -> usize {
    summary
        .iter()
        .map(|s| s.text.split_whitespace().count())
        .sum()
}

fn find<'a>(summary: &'a [SummarySentence], needle: &str) -> Option<&'a SummarySentence> {
    summary.iter().find(|s| s.text.contains(needle))
}

#[test]
fn citations_are_exact_slices() {
    let docs = flood();
    for words in [0, 10, 30, 60, 100, 400] {
        let summary = summarize(&docs, &SummaryOptions { words });
        assert!(!summary.is_empty());
        check_citations(&docs, &summary);
    }
}

#[test]
fn word_budget_is_never_exceeded() {
    let docs = flood();
    for words in [20, 35, 50, 75, 100] {
        let summary = summarize(&docs, &SummaryOptions { words });
        assert!(total_words(&summary) <= words, "{words}: {summary:#?}");
    }
    // Nothing fits in three words, yet a summary is never empty: one best sentence.
    let summary = summarize(&docs, &SummaryOptions { words: 3 });
    assert_eq!(summary.len(), 1);
}

#[test]
fn default_budget_is_one_hundred_words() {
    assert_eq!(SummaryOptions::default().words, 100);
}

#[test]
fn repeated_statements_are_selected_once() {
    let docs = flood();
    let summary = summarize(&docs, &SummaryOptions { words: 400 });
    let mut texts: Vec<&str> = summary.iter().map(|s| s.text.as_str()).collect();
    texts.sort_unstable();
    texts.dedup();
    assert_eq!(
        texts.len(),
        summary.len(),
        "verbatim copies both selected: {summary:#?}"
    );
    let burst = summary
        .iter()
        .filter(|s| s.text.contains("burst its banks"))
        .count();
    assert_eq!(
        burst, 1,
        "paraphrases of the lead fact both selected: {summary:#?}"
    );
    let shelters = summary
        .iter()
        .filter(|s| s.text.contains("shelters"))
        .count();
    assert_eq!(shelters, 1, "{summary:#?}");
}

#[test]
fn page_furniture_is_never_selected() {
    let docs = flood();
    let summary = summarize(&docs, &SummaryOptions { words: 1000 });
    for s in &summary {
        for bad in [
            "Photo:",
            "Image:",
            "Read more",
            "LISK FLOOD",
            "Floodwaters swamp",
            "under water after",
        ] {
            assert!(!s.text.contains(bad), "{bad} in {s:?}");
        }
    }
}

#[test]
fn sentences_follow_publication_then_position() {
    let docs = flood();
    let summary = summarize(&docs, &SummaryOptions { words: 1000 });
    let published = |id: &str| {
        docs.iter()
            .find(|d| d.id == id)
            .unwrap()
            .published
            .clone()
            .unwrap()
    };
    // After the opening lead, publication order then position.
    let keys: Vec<(String, usize)> = summary[1..]
        .iter()
        .map(|s| (published(&s.citations[0].doc), s.citations[0].start))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // The Ledger's lead states the flood as every outlet does, and it published first.
    assert_eq!(summary[0].citations[0].doc, "ledger/1");
    assert_eq!(summary[0].citations[0].start, 120);
}

#[test]
fn the_summary_opens_with_the_event_not_a_detail_of_an_early_report() {
    // The first report previews the talks and carries a background figure; the later reports
    // lead with the outcome. The outcome opens the summary although it was published later.
    let docs = vec![
        doc(
            "preview",
            Some("Harbour Post"),
            Some("2031-06-02T08:00:00"),
            "Ministers of Arland and Beskia meet in Tolm today to open talks on a fishing treaty for the shared bay. \
             Arland wants a cod quota of 9,000 tonnes a year; Beskia has offered 6,000 tonnes. \
             Last year the catch in the bay fell to 5,000 tonnes.",
        ),
        doc(
            "wire",
            Some("Bay Wire"),
            Some("2031-06-06T10:00:00"),
            "Arland and Beskia signed a fishing treaty in Tolm on Friday, ending a long dispute over the shared bay. \
             The treaty sets a cod quota of 7,500 tonnes a year until 2040. \
             Last year the catch in the bay fell to 5,000 tonnes.",
        ),
        doc(
            "daily",
            Some("Tolm Daily"),
            Some("2031-06-06T12:00:00"),
            "The fishing treaty Arland and Beskia signed in Tolm on Friday ends their long dispute over the shared bay. \
             It sets a cod quota of 7,500 tonnes a year until 2040.",
        ),
        doc(
            "gazette",
            Some("Beskia Gazette"),
            Some("2031-06-07T07:00:00"),
            "Arland and Beskia signed a treaty on fishing in the shared bay in Tolm on Friday. \
             Fishermen in both countries gave the 7,500 tonne cod quota a cautious welcome.",
        ),
    ];
    let summary = summarize(&docs, &SummaryOptions { words: 60 });
    check_citations(&docs, &summary);
    assert!(summary[0].text.contains("signed"), "{summary:#?}");
    assert_ne!(summary[0].citations[0].doc, "preview");
}

#[test]
fn syndicated_copy_does_not_count_as_confirmation() {
    let docs = flood();
    let summary = summarize(&docs, &SummaryOptions { words: 1000 });
    let lead = find(&summary, "burst its banks").unwrap();
    assert_eq!(
        lead.outlets,
        ["Northern Ledger", "Coastal Courier", "Valley Times"]
    );
    // The copy is still cited: it does print the statement.
    let cited: Vec<&str> = lead.citations.iter().map(|c| c.doc.as_str()).collect();
    assert_eq!(cited, ["ledger/1", "courier/1", "metro/1", "valley/1"]);
}

#[test]
fn a_copy_listed_first_still_cites_the_original() {
    let mut docs = flood();
    docs.reverse();
    assert_eq!(docs[0].id, "metro/1");
    let summary = summarize(&docs, &SummaryOptions { words: 1000 });
    let lead = find(&summary, "burst its banks").unwrap();
    assert_eq!(lead.citations[0].doc, "ledger/1");
    assert_eq!(lead.outlets[0], "Northern Ledger");
    assert!(
        summary.iter().all(|s| s.citations[0].doc != "metro/1"),
        "{summary:#?}"
    );
}

#[test]
fn a_claim_of_one_outlet_has_one_outlet_and_is_exclusive() {
    let docs = flood();
    let summary = summarize(&docs, &SummaryOptions { words: 1000 });
    let bridge = find(&summary, "bridge").unwrap();
    assert_eq!(bridge.outlets, ["Valley Times"]);
    assert_eq!(bridge.citations.len(), 1);

    let ex = exclusives(&docs);
    let valley: Vec<&str> = ex
        .iter()
        .filter(|e| e.outlet == "Valley Times")
        .map(|e| e.text.as_str())
        .collect();
    assert!(valley.iter().any(|t| t.contains("bridge")), "{ex:#?}");
    let courier: Vec<&str> = ex
        .iter()
        .filter(|e| e.outlet == "Coastal Courier")
        .map(|e| e.text.as_str())
        .collect();
    assert!(courier.iter().any(|t| t.contains("barley")), "{ex:#?}");
    // The copy's outlet does not get the Ledger's statements as its own exclusives.
    assert!(ex.iter().all(|e| e.outlet != "Metro Daily"), "{ex:#?}");
    // Statements every outlet makes are not exclusive.
    assert!(
        ex.iter().all(|e| !e.text.contains("burst its banks")),
        "{ex:#?}"
    );
    for e in &ex {
        let d = docs.iter().find(|d| d.id == e.citation.doc).unwrap();
        assert_eq!(&d.text[e.citation.start..e.citation.end], e.text);
    }
}

#[test]
fn documents_without_outlet_confirm_but_add_no_name() {
    let mut docs = flood();
    for d in &mut docs {
        d.outlet = None;
    }
    let summary = summarize(&docs, &SummaryOptions { words: 1000 });
    let lead = find(&summary, "burst its banks").unwrap();
    assert!(lead.outlets.is_empty());
    assert_eq!(lead.citations.len(), 4);
    assert!(
        exclusives(&docs).is_empty(),
        "no named outlets, nothing to contrast"
    );
}

#[test]
fn empty_and_blank_input() {
    assert!(summarize(&[], &SummaryOptions::default()).is_empty());
    let docs = vec![doc("a", None, None, ""), doc("b", None, None, "  \n\n ")];
    assert!(summarize(&docs, &SummaryOptions::default()).is_empty());
    assert!(exclusives(&docs).is_empty());
}

#[test]
fn single_document_still_summarised() {
    let docs = vec![doc("ledger/1", Some("Northern Ledger"), None, LEDGER)];
    let summary = summarize(&docs, &SummaryOptions { words: 40 });
    assert!(!summary.is_empty());
    assert!(total_words(&summary) <= 40);
    check_citations(&docs, &summary);
    assert!(summary.iter().all(|s| s.outlets == ["Northern Ledger"]));
}

#[test]
fn undated_sources_lead_with_the_main_fact_and_keep_discourse_order() {
    let mut docs = flood();
    for d in &mut docs {
        d.published = None;
    }
    let summary = summarize(&docs, &SummaryOptions { words: 1000 });
    assert!(summary[0].text.contains("burst its banks"), "{summary:#?}");
    for (i, a) in summary.iter().enumerate() {
        for b in &summary[i + 1..] {
            if a.citations[0].doc == b.citations[0].doc {
                assert!(a.citations[0].start < b.citations[0].start, "{summary:#?}");
            }
        }
    }
}

#[test]
fn site_notices_and_quote_fragments_are_not_summary_material() {
    let mut docs = flood();
    docs[0].text.push_str(
        "\n\nWe use cookies to improve your experience of our site and to show you relevant ads.\n\n\
         “We have lost everything we built along the river.",
    );
    docs[2].text.push_str(
        "\n\nSign up for our newsletter to get the latest Lisk flood news in your inbox.",
    );
    let summary = summarize(&docs, &SummaryOptions { words: 1000 });
    for s in &summary {
        assert!(
            !s.text.contains("cookies") && !s.text.contains("newsletter"),
            "{s:?}"
        );
        assert!(!s.text.contains("lost everything"), "{s:?}");
    }
}

#[test]
fn speech_is_shown_with_the_sentence_that_names_its_speaker() {
    let mut docs = flood();
    for (d, visit) in [
        (
            0,
            "Mayor Ilsa Brandt visited the shelters on Wednesday morning.",
        ),
        (
            1,
            "Mayor Ilsa Brandt toured the shelters in Varn on Wednesday.",
        ),
        (
            2,
            "On Wednesday Mayor Ilsa Brandt went to see the shelters herself.",
        ),
    ] {
        docs[d].text.push_str(&format!(
            "\n\n{visit} “Every street the river took, we will rebuild, and the dykes will be raised,” she said."
        ));
    }
    let summary = summarize(&docs, &SummaryOptions { words: 1000 });
    check_citations(&docs, &summary);
    for s in &summary {
        // Never the quotation with only "she" to say whose it is.
        assert!(
            !s.text.starts_with('“') && (s.text.contains("Brandt") || !s.text.contains("she said")),
            "{summary:#?}"
        );
    }
    let quote = find(&summary, "we will rebuild").expect("the quotation is in the summary");
    assert!(quote.text.contains("Mayor Ilsa Brandt"), "{quote:?}");
    // One verbatim span from the naming sentence through the quotation.
    assert_eq!(
        quote.citations[0].end - quote.citations[0].start,
        quote.text.len()
    );
}

#[test]
fn one_named_outlet_has_no_exclusives() {
    let mut docs = flood();
    for d in &mut docs {
        d.outlet = Some("Northern Ledger".into());
    }
    assert!(exclusives(&docs).is_empty());
}

#[test]
fn snapshot_of_the_flood_summary() {
    let summary = summarize(&flood(), &SummaryOptions { words: 60 });
    insta::assert_json_snapshot!(summary);
}

fn arb_doc() -> impl Strategy<Value = ClusterDoc> {
    let text = prop_oneof![
        "[A-Za-z0-9 ,.!?'\"“”\n-]{0,300}",
        "\\PC{0,200}",
        "((The|A|He|Photo:|Read more) [a-zé]{1,8} (said|was|rose) [0-9]{1,3} [a-zß]{2,9}[.!?]? ?\n?){0,12}",
    ];
    (
        text,
        prop::option::of("[A-C]"),
        prop::option::of("2031-0[1-3]-0[1-9]"),
    )
        .prop_map(|(text, outlet, published)| ClusterDoc {
            id: String::new(),
            text,
            outlet,
            published,
            title: None,
        })
}

proptest! {
    #[test]
    fn random_clusters_never_panic_and_cite_exactly(
        mut docs in prop::collection::vec(arb_doc(), 0..6),
        words in 0usize..80,
    ) {
        for (i, d) in docs.iter_mut().enumerate() {
            d.id = format!("d{i}");
        }
        let summary = summarize(&docs, &SummaryOptions { words });
        if summary.len() > 1 {
            prop_assert!(total_words(&summary) <= words);
        }
        for s in &summary {
            for (k, c) in s.citations.iter().enumerate() {
                let d = docs.iter().find(|d| d.id == c.doc).unwrap();
                let slice = d.text.get(c.start..c.end);
                prop_assert!(slice.is_some());
                // Every citation is a whole sentence of its document, or two in a row, on
                // char boundaries.
                let sentences = storyline_text::sentences(&d.text);
                let first = sentences.iter().position(|r| r.start == c.start);
                prop_assert!(first.is_some_and(|k| sentences[k..]
                    .iter()
                    .take(2)
                    .any(|r| r.end == c.end)));
                if k == 0 {
                    prop_assert_eq!(slice.unwrap(), s.text.as_str());
                }
            }
        }
        for e in exclusives(&docs) {
            let d = docs.iter().find(|d| d.id == e.citation.doc).unwrap();
            prop_assert_eq!(d.text.get(e.citation.start..e.citation.end), Some(e.text.as_str()));
        }
    }
}
