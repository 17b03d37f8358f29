//! The streaming digest against the whole-collection one, on a generated stream of fictional
//! news: events are handed out while the stream is still being read, memory holds only the
//! current window, and the result does not depend on the number of threads.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use storyline_model::{Document, RawDocument, RawFormat, Report};
use storyline_pipeline::extract::Templates;
use storyline_pipeline::{
    build_report, digest_stream, extract_all, DigestOptions, FinishedEvent, ReportBuilder,
    Unobserved,
};

const SYLLABLES: [&str; 16] = [
    "bar", "cel", "dun", "fen", "gal", "hol", "kir", "lor", "mon", "nar", "pel", "ros", "tam",
    "vel", "wyn", "zor",
];
const FIRST_NAMES: [&str; 8] = [
    "Ilse", "Soren", "Ana", "Tomas", "Mira", "Jonas", "Edda", "Karim",
];
const THINGS: [&str; 24] = [
    "bridge",
    "harbour",
    "school",
    "tunnel",
    "market",
    "orchard",
    "quarry",
    "ferry",
    "library",
    "stadium",
    "hospital",
    "railway",
    "canal",
    "mill",
    "brewery",
    "museum",
    "airport",
    "dam",
    "forest",
    "prison",
    "cathedral",
    "vineyard",
    "lighthouse",
    "reservoir",
];
const OUTLETS: [&str; 3] = ["Valley Courier", "Northgate Post", "Meridian Herald"];

/// A made-up name for number `n`: two syllables, capitalised.
fn name(n: usize) -> String {
    let a = SYLLABLES[n % SYLLABLES.len()];
    let b = SYLLABLES[(n / SYLLABLES.len()) % SYLLABLES.len()];
    let mut s = format!("{a}{b}");
    s[..1].make_ascii_uppercase();
    s
}

/// The story of event `e` in the words of one of three outlets: its own place, person and the
/// things it is about, so that no two events tell the same story.
fn report(e: usize, outlet: usize) -> (String, String) {
    let place = format!("{}ton", name(e * 7 + 3));
    let person = format!(
        "{} {}",
        FIRST_NAMES[e % FIRST_NAMES.len()],
        name(e * 11 + 5)
    );
    // A different draw of three things for every event (a small linear congruential mix).
    let thing = |k: usize| THINGS[(e * 2_654_435_761 + k * 40_503 + 12_345) % 9_973 % THINGS.len()];
    let (a, b, c) = (thing(0), thing(1), thing(2));
    let title = format!("{person} and the {a} of {place}");
    // A sentence of its own words, so that two events' reports never read as copies.
    let own: Vec<String> = (0..4)
        .map(|k| name(e * 31 + k * 97 + 1).to_lowercase())
        .collect();
    let facts = format!(
        "Work on the {a} of {place} stopped on Monday after {person} ordered an inquiry. \
         {person} said the {b} and the {c} of {place} would be inspected as well. \
         The inquiry into {place} will hear from {} and {} before it weighs the {} and {} claims. \
         Officials in {place} expect the {a} to reopen within {} weeks, {person} told reporters.",
        own[0],
        own[1],
        own[2],
        own[3],
        3 + e % 40
    );
    let angle = [
        "Residents described a long night of waiting for news.",
        "Local businesses said they expected losses this week.",
        "The regional government promised a full report within a month.",
    ][outlet];
    (title, format!("{facts}\n\n{angle}"))
}

/// `events` events, one starting every `spacing` hours, each reported by three outlets over
/// the following hours; every fifth event also gets an undated follow-up at the end.
fn stream(events: usize, spacing: usize) -> Vec<RawDocument> {
    let mut out = Vec::new();
    let mut undated = Vec::new();
    for e in 0..events {
        for (o, outlet) in OUTLETS.iter().enumerate() {
            let hours = e * spacing + o * 3;
            let published = format!(
                "2026-{:02}-{:02}T{:02}:00:00Z",
                1 + hours / 24 / 28,
                1 + (hours / 24) % 28,
                hours % 24
            );
            let (title, body) = report(e, o);
            let raw = RawDocument {
                id: format!("{}/{e}", outlet.to_lowercase().replace(' ', "-")),
                format: RawFormat::Text,
                content: format!("{title}\n\n{body}"),
                hints: Document {
                    outlet: Some((*outlet).to_owned()),
                    title: Some(title),
                    published: Some(published),
                    ..Document::default()
                },
                fallback_published: None,
            };
            out.push(raw);
        }
        if e % 5 == 0 {
            let (title, body) = report(e, 0);
            undated.push(RawDocument {
                id: format!("wire/{e}"),
                format: RawFormat::Text,
                content: format!("{title}\n\n{body}"),
                hints: Document {
                    title: Some(title),
                    ..Document::default()
                },
                fallback_published: None,
            });
        }
    }
    out.extend(undated);
    out
}

fn streamed(raws: Vec<RawDocument>, opts: &DigestOptions) -> Report {
    let mut report = ReportBuilder::default();
    let storylines = digest_stream(
        raws.into_iter(),
        opts,
        &mut Templates::default(),
        &Unobserved,
        |f: FinishedEvent| -> Result<(), ()> {
            report.add(f);
            Ok(())
        },
    )
    .expect("the sink never fails");
    report.finish(storylines)
}

fn batch(raws: &[RawDocument], opts: &DigestOptions) -> Report {
    let docs = extract_all(raws, &mut Templates::default());
    build_report(docs, opts).report
}

fn partition(r: &Report) -> BTreeMap<String, Vec<String>> {
    r.events
        .iter()
        .map(|e| {
            let mut docs = e.documents.clone();
            docs.sort();
            (docs[0].clone(), docs)
        })
        .collect()
}

#[test]
fn a_stream_that_fits_the_buffers_gives_the_whole_collection_report() {
    let raws = stream(24, 30);
    let opts = DigestOptions::default();
    let streamed = streamed(raws.clone(), &opts);
    assert_eq!(streamed, batch(&raws, &opts));
    // The undated follow-ups joined their events, which had long closed.
    let by_doc: BTreeMap<&str, &str> = streamed
        .events
        .iter()
        .flat_map(|e| e.documents.iter().map(|d| (d.as_str(), e.id.as_str())))
        .collect();
    assert_eq!(by_doc["wire/0"], by_doc["valley-courier/0"]);
    assert_eq!(by_doc["wire/20"], by_doc["valley-courier/20"]);
}

#[test]
fn events_are_handed_out_while_the_stream_is_still_read() {
    // Small buffers: 200 events over ~100 days, a document pulled every time the reader asks.
    let raws = stream(200, 12);
    let total = raws.len();
    let opts = DigestOptions {
        chunk: 16,
        reorder: 16,
        hold: 16,
        ..DigestOptions::default()
    };
    let pulled = AtomicUsize::new(0);
    let counting = raws.into_iter().inspect(|_| {
        pulled.fetch_add(1, Ordering::Relaxed);
    });
    let mut first_at = None;
    let mut most_behind = 0usize;
    let mut handed_out = 0usize;
    // One build thread: events are then handed out as soon as they close, so what is held
    // does not depend on how the pool's builds happen to be scheduled.
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    let storylines = pool
        .install(|| {
            digest_stream(
                counting,
                &opts,
                &mut Templates::default(),
                &Unobserved,
                |f: FinishedEvent| -> Result<(), ()> {
                    let now = pulled.load(Ordering::Relaxed);
                    first_at.get_or_insert(now);
                    handed_out += f.documents.len();
                    most_behind = most_behind.max(now.saturating_sub(handed_out));
                    Ok(())
                },
            )
        })
        .expect("the sink never fails");
    assert_eq!(handed_out, total, "every document handed out once");
    let first_at = first_at.expect("events were handed out");
    assert!(
        first_at < total / 2,
        "the first event came out after {first_at} of {total} documents"
    );
    // Documents in flight: the reader's chunks, the buffers and the clusterer's window (12
    // days of six documents a day) — never the whole stream.
    assert!(
        most_behind < 4 * 16 + 200,
        "up to {most_behind} documents held"
    );
    let _ = storylines;
}

#[test]
fn the_stream_gives_the_same_answer_on_one_thread_and_on_two() {
    let raws = stream(120, 10);
    let opts = DigestOptions {
        chunk: 32,
        reorder: 32,
        hold: 32,
        ..DigestOptions::default()
    };
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        pool.install(|| {
            serde_json::to_string(&streamed(raws.clone(), &opts)).expect("serialisable")
        })
    };
    assert_eq!(run(1), run(2));
}

#[test]
fn small_buffers_find_the_same_events_as_unbounded_ones() {
    let raws = stream(120, 10);
    let with = |reorder: usize, hold: usize| DigestOptions {
        chunk: 32,
        reorder,
        hold,
        ..DigestOptions::default()
    };
    let small = streamed(raws.clone(), &with(32, 32));
    let unbounded = streamed(raws, &with(usize::MAX, usize::MAX));
    // Dated documents cluster alike; only undated ones arriving after their event was handed
    // out may land elsewhere.
    let dated = |r: &Report| -> Vec<Vec<String>> {
        partition(r)
            .into_values()
            .map(|d| {
                d.into_iter()
                    .filter(|d| !d.starts_with("wire/"))
                    .collect::<Vec<_>>()
            })
            .filter(|d: &Vec<String>| !d.is_empty())
            .collect()
    };
    assert_eq!(dated(&small), dated(&unbounded));
    assert_eq!(small.documents.len(), unbounded.documents.len());
}
