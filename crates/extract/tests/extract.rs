#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use storyline_extract::{clean_text, extract, extract_html, Templates};
use storyline_model::{Document, RawDocument, RawFormat};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path).unwrap()
}

fn hints(id: &str) -> Document {
    Document {
        id: id.to_string(),
        ..Document::default()
    }
}

#[test]
fn html_article_snapshot() {
    let d = extract_html(&fixture("article_page.html"), &hints("article_page.html"));
    insta::assert_json_snapshot!("article_page", d);
}

#[test]
fn html_article_drops_all_chrome() {
    let d = extract_html(&fixture("article_page.html"), &hints("a"));
    for junk in [
        "cookies",
        "Share on",
        "Photo:",
        "Island shops",
        "Sign up",
        "Independent journalism",
        "comments",
        "About time",
        "Most read",
        "All rights reserved",
        "Transport Correspondent",
        "Harbour ferry strike ends",
    ] {
        assert!(!d.text.contains(junk), "{junk:?} leaked into {:?}", d.text);
    }
    assert_eq!(d.text.split("\n\n").count(), 6);
    assert!(d.text.starts_with("Ferry crews"));
    assert!(d.text.ends_with("during disputes."));
}

#[test]
fn html_without_article_element() {
    let d = extract_html(&fixture("no_article.html"), &hints("b"));
    assert_eq!(
        d.title.as_deref(),
        Some("Library opens late-night reading room")
    );
    assert_eq!(d.outlet.as_deref(), Some("Northfield Gazette"));
    assert_eq!(d.published.as_deref(), Some("2026-02-03"));
    assert_eq!(d.author.as_deref(), Some("Tomas Eriksen"));
    let paras: Vec<&str> = d.text.split("\n\n").collect();
    assert_eq!(paras.len(), 3, "{:?}", d.text);
    assert!(paras[0].starts_with("The public library"));
    assert!(!d.text.contains("Archive") && !d.text.contains("Advertise"));
}

#[test]
fn known_hints_win() {
    let mut h = hints("c");
    h.title = Some("Given title".into());
    h.outlet = Some("Given Outlet".into());
    h.published = Some("2020-01-01".into());
    let d = extract_html(&fixture("article_page.html"), &h);
    assert_eq!(d.id, "c");
    assert_eq!(d.title.as_deref(), Some("Given title"));
    assert_eq!(d.outlet.as_deref(), Some("Given Outlet"));
    assert_eq!(d.published.as_deref(), Some("2020-01-01"));
    assert_eq!(d.author.as_deref(), Some("Mara Lindqvist"));
}

#[test]
fn text_dump_snapshot() {
    let d = clean_text(&fixture("page_dump.txt"), &hints("page_dump.txt"));
    insta::assert_json_snapshot!("page_dump", d);
}

#[test]
fn text_dump_keeps_every_story_paragraph_and_nothing_else() {
    let d = clean_text(&fixture("page_dump.txt"), &hints("d"));
    assert_eq!(
        d.title.as_deref(),
        Some("Valley towns count the cost of spring floods")
    );
    assert_eq!(d.author.as_deref(), Some("Priya Natarajan"));
    assert_eq!(d.published.as_deref(), Some("2026-04-14"));
    assert_eq!(d.outlet.as_deref(), Some("Valley Daily Record"));
    let paras: Vec<&str> = d.text.split("\n\n").collect();
    assert_eq!(paras.len(), 5, "{:?}", d.text);
    assert!(paras[2].starts_with("\"We have never seen it rise"));
    for junk in [
        "Read more",
        "Photo:",
        "newsletter",
        "donation",
        "©",
        "cookies",
        "Print",
    ] {
        assert!(!d.text.contains(junk), "{junk:?} leaked");
    }
}

#[test]
fn clean_text_comes_through_unchanged() {
    let t = fixture("clean_article.txt");
    let d = clean_text(&t, &hints("e"));
    assert_eq!(d.text, t.trim());
    // Single newlines between paragraphs are normalised to blank lines.
    let d2 = clean_text(&t.replace("\n\n", "\n"), &hints("e"));
    assert_eq!(d2.text, t.trim());
}

#[test]
fn extract_dispatches_on_format() {
    let raw = RawDocument {
        id: "raw-1".into(),
        format: RawFormat::Text,
        content: fixture("clean_article.txt"),
        hints: Document {
            outlet: Some("Museum Weekly".into()),
            ..Document::default()
        },
        fallback_published: None,
    };
    let d = extract(&raw);
    assert_eq!(d.id, "raw-1");
    assert_eq!(d.outlet.as_deref(), Some("Museum Weekly"));
    let raw = RawDocument {
        format: RawFormat::Html,
        content: fixture("no_article.html"),
        ..raw
    };
    let d = extract(&raw);
    assert!(d.text.starts_with("The public library"));
}

#[test]
fn templates_learned_across_documents_of_one_site() {
    // Four extracted documents of one (unnamed) site with different stories and the chrome that
    // survived per-document extraction, plus a syndicated copy of the first story elsewhere.
    let chrome = "Support Valley Daily Record: become a member today.\n\nOur reporters cover the valley every day of the year for you, in print and online.";
    let topics = ["budget", "harbour", "school", "library"];
    let story = |t: &str| {
        format!(
            "This story opens with a long sentence about the {t} meeting of the council and what it decided for the town.\n\nA second sentence about the {t} adds the reactions of residents and shop owners on the square."
        )
    };
    let mut docs: Vec<Document> = topics
        .iter()
        .map(|t| Document {
            text: format!("{}\n\n{chrome}", story(t)),
            ..hints(t)
        })
        .collect();
    docs.push(Document {
        outlet: Some("Other Outlet".into()),
        text: story(topics[0]),
        ..hints("syn")
    });
    let t = Templates::learn(&docs);

    let mut d = docs[1].clone();
    assert_eq!(t.apply(&mut d), 2, "{:?}", d.text);
    assert_eq!(d.text, story(topics[1]));
    assert_eq!(d.outlet.as_deref(), Some("Valley Daily Record"));

    let mut syn = docs[4].clone();
    assert_eq!(t.apply(&mut syn), 0);
    assert_eq!(syn.text, story(topics[0]));
    assert_eq!(syn.outlet.as_deref(), Some("Other Outlet"));

    // Serialisable for the database, and round-trips.
    let json = serde_json::to_string(&t).unwrap();
    let back: Templates = serde_json::from_str(&json).unwrap();
    assert_eq!(back, t);
}

#[test]
fn templates_learned_incrementally() {
    let chrome = "Listen to this article\n\nMore from the newsroom";
    let doc = |t: &str| Document {
        outlet: Some("Ridge Post".into()),
        text: format!(
            "{chrome}\n\nA report on the {t} that no other page of the site repeats at all."
        ),
        ..hints(t)
    };
    let mut t = Templates::learn(&[doc("orchard"), doc("quarry")]);
    let mut d = doc("tunnel");
    assert_eq!(t.apply(&mut d), 0, "two pages are not yet a pattern");
    t.absorb(Templates::learn(&[doc("tunnel"), doc("ferry")]));
    assert_eq!(t.apply(&mut d), 2);
    assert!(d.text.starts_with("A report on the tunnel"));
}

#[test]
fn pathological_markup_stays_linear() {
    // Deep unclosed nesting and long runs of stray end tags: no recursion to overflow and no
    // per-tag stack scans that would make this quadratic.
    let mut html = "<div><span>".repeat(30_000);
    html.push_str("<p>Deep inside, a paragraph of the story, long enough to be taken for one by the scorer.</p>");
    html.push_str(&"</li></td></b>".repeat(30_000));
    let start = std::time::Instant::now();
    let d = extract_html(&html, &hints("deep"));
    assert!(d.text.contains("Deep inside"));
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn nesting_a_hundred_thousand_deep_is_flattened_and_nothing_hidden_leaks() {
    // Past the depth cap elements hold no children; what they held still reads as text, and
    // raw-text elements opened that deep still hide their content.
    let mut html = "<div>".repeat(100_000);
    html.push_str("<p>Deep inside, a paragraph of the story, long enough to be taken for one by the scorer.</p>");
    html.push_str("<script>var leaked = 1;</script><style>p{}</style><title>Leaked title</title>");
    html.push_str(&"</div>".repeat(100_000));
    let d = extract_html(&html, &hints("deep"));
    assert!(d.text.starts_with("Deep inside"), "{}", d.text);
    for leak in ["leaked", "p{}", "Leaked title"] {
        assert!(!d.text.contains(leak), "{leak} in {}", d.text);
    }
}

#[test]
fn shapes_that_were_quadratic_finish() {
    // Each of these once made the tree builder or the metadata pass rescan the whole nesting
    // per element: an open <p> behind a <button> scope for every <div>, and an empty <h1>
    // holding every later <h1>.
    let shapes = [
        format!("<p><button>{}", "<div>x".repeat(100_000)),
        "<h1><div>".repeat(100_000),
        "<a rel=author><button>".repeat(100_000),
    ];
    for html in shapes {
        let d = extract_html(&html, &hints("q"));
        assert!(d.text.len() <= html.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn html_never_panics(s in "(<[a-zA-Z/!?-]{0,8}[^<>]{0,20}>?|&[#a-zA-Z0-9]{0,8};?|[^<&]{0,30}){0,40}") {
        let d = extract_html(&s, &hints("p"));
        prop_assert!(!d.text.starts_with(char::is_whitespace));
    }

    #[test]
    fn arbitrary_strings_never_panic(s in any::<String>()) {
        let _ = extract_html(&s, &hints("p"));
        let d = clean_text(&s, &hints("p"));
        prop_assert!(!d.text.contains("\n\n\n"));
    }

    #[test]
    fn random_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..400)) {
        let s = String::from_utf8_lossy(&b);
        let _ = extract_html(&s, &hints("p"));
        let _ = clean_text(&s, &hints("p"));
    }

    #[test]
    fn templates_never_panic(lines in proptest::collection::vec("[a-zA-Z0-9 ©.,]{0,30}", 0..12)) {
        let docs: Vec<Document> = (0..5).map(|i| Document { id: i.to_string(), text: lines.join("\n"), ..Document::default() }).collect();
        let t = Templates::learn(&docs);
        let mut d = docs[0].clone();
        let _ = t.apply(&mut d);
    }
}
