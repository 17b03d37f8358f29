//! End to end: the real `storyline` binary on the example corpus and on bad input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_storyline"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus() -> PathBuf {
    root().join("examples/corpus")
}

fn gold() -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join("examples/gold.json")).unwrap())
        .unwrap()
}

fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().expect("run storyline");
    assert!(
        out.status.success(),
        "storyline failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Feed `input` to a command's stdin and return its output.
fn pipe(cmd: &mut Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let data = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn jsonl(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn digest_json(args: &[&str]) -> Value {
    let out = run(bin().arg("digest").arg("--json").args(args));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The partition of documents into groups, as sorted sets (ids compared as strings).
fn partition<'a>(pairs: impl Iterator<Item = (&'a str, String)>) -> BTreeSet<BTreeSet<String>> {
    let mut groups: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (doc, group) in pairs {
        groups.entry(group).or_default().insert(doc.to_owned());
    }
    groups.into_values().collect()
}

#[test]
fn digest_finds_the_events_storylines_and_copies_written_into_the_corpus() {
    let report = digest_json(&[corpus().to_str().unwrap()]);
    let gold = gold();
    let gold_docs = gold["documents"].as_object().unwrap();

    let docs = report["documents"].as_array().unwrap();
    assert_eq!(docs.len(), gold_docs.len());
    for d in docs {
        let id = d["id"].as_str().unwrap();
        let g = &gold_docs[id];
        assert_eq!(d["duplicate_of"], g["duplicate_of"], "duplicate_of of {id}");
        assert_eq!(d["outlet"], g["outlet"], "outlet of {id}");
    }

    let events = report["events"].as_array().unwrap();
    let predicted = partition(events.iter().flat_map(|e| {
        let eid = e["id"].as_str().unwrap().to_owned();
        e["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(move |d| (d.as_str().unwrap(), eid.clone()))
    }));
    let expected = partition(
        gold_docs
            .iter()
            .map(|(id, g)| (id.as_str(), g["event"].as_str().unwrap().to_owned())),
    );
    assert_eq!(
        predicted, expected,
        "events must be exactly the ones written"
    );

    // Events A and B form the one storyline; nothing else is linked.
    let storylines = report["storylines"].as_array().unwrap();
    assert_eq!(storylines.len(), 1, "{storylines:?}");
    let linked: BTreeSet<String> = storylines[0]["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|eid| events.iter().filter(move |e| &e["id"] == eid))
        .flat_map(|e| {
            e["documents"].as_array().unwrap().iter().map(|d| {
                gold_docs[d.as_str().unwrap()]["event"]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
        })
        .collect();
    assert_eq!(linked, BTreeSet::from(["A".to_owned(), "B".to_owned()]));

    // Newest first.
    let lasts: Vec<&str> = events
        .iter()
        .filter_map(|e| e["last_published"].as_str())
        .collect();
    assert!(lasts.windows(2).all(|w| w[0] >= w[1]), "{lasts:?}");
}

#[test]
fn every_citation_is_the_exact_span_of_the_extracted_text() {
    let extracted = jsonl(&run(bin().arg("extract").arg(corpus())).stdout);
    let texts: BTreeMap<String, String> = extracted
        .iter()
        .map(|d| {
            (
                d["id"].as_str().unwrap().to_owned(),
                d["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let report = digest_json(&[corpus().to_str().unwrap()]);
    let mut checked = 0;
    for ev in report["events"].as_array().unwrap() {
        let summary = ev["summary"].as_array().unwrap();
        assert!(!summary.is_empty(), "event {} has no summary", ev["id"]);
        for s in summary {
            let first = &s["citations"][0];
            let text = &texts[first["doc"].as_str().unwrap()];
            let (a, b) = (
                first["start"].as_u64().unwrap() as usize,
                first["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(text.get(a..b), s["text"].as_str(), "citation {first}");
            for c in s["citations"].as_array().unwrap() {
                let t = &texts[c["doc"].as_str().unwrap()];
                let (a, b) = (
                    c["start"].as_u64().unwrap() as usize,
                    c["end"].as_u64().unwrap() as usize,
                );
                assert!(
                    t.get(a..b).is_some_and(|s| !s.is_empty()),
                    "citation {c} is not a valid span"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 6);
}

#[test]
fn the_quote_two_outlets_repeat_is_one_quote_with_its_speaker() {
    let report = digest_json(&[corpus().to_str().unwrap()]);
    let gold = gold();
    let q = &gold["quotes"][0];
    // Outlets word it slightly differently ("the river" / "this river"): match the core.
    let words = "river divide us";
    assert!(q["text"].as_str().unwrap().contains(words));
    let found = report["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["quotes"].as_array().unwrap())
        .find(|x| x["text"].as_str().unwrap().contains(words))
        .unwrap_or_else(|| panic!("quote {words:?} not found"));
    assert!(found["outlets"].as_array().unwrap().len() >= 2, "{found}");
    let speaker = found["speaker"].as_str().unwrap_or("");
    assert!(speaker.contains("Valk"), "speaker {speaker:?}");
}

#[test]
fn human_readable_digest_shows_events_with_citations_and_sources() {
    let out = run(bin().arg("digest").arg(corpus()));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("24 documents"),
        "{}",
        &text[..200.min(text.len())]
    );
    assert!(text.contains("━━ "));
    assert!(text.contains("[1]"));
    assert!(text.contains("Quotes"));
    // Site junk never reaches the reader.
    for junk in ["Sign up", "cookies", "Read more", "All rights reserved"] {
        assert!(!text.contains(junk), "{junk:?} leaked into the digest");
    }
}

#[test]
fn digest_exports_markdown_and_html_with_the_same_content() {
    let md =
        String::from_utf8(run(bin().args(["digest", "--format", "markdown"]).arg(corpus())).stdout)
            .unwrap();
    let html =
        String::from_utf8(run(bin().args(["digest", "--format", "html"]).arg(corpus())).stdout)
            .unwrap();
    let text = String::from_utf8(run(bin().arg("digest").arg(corpus())).stdout).unwrap();
    // One section per event plus the storylines, in every format.
    let sections = text.lines().filter(|l| l.starts_with("━━ ")).count();
    assert_eq!(sections, 7);
    assert_eq!(md.matches("\n## ").count(), sections);
    assert_eq!(html.matches("<h2>").count(), sections);
    assert!(html.starts_with("<!doctype html>") && html.trim_end().ends_with("</html>"));
    assert!(md.contains("](#src-1)") && html.contains("href=\"#e1-src-1\""));
}

/// The whole human-readable digest of the example corpus, reviewed as a snapshot: any change
/// in what a reader sees shows up in review.
#[test]
fn digest_of_the_example_corpus_snapshot() {
    let out = run(bin().arg("digest").arg(corpus()));
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

#[test]
fn stages_compose_in_a_pipe() {
    let extracted = run(bin().arg("extract").arg(corpus())).stdout;
    let deduped = pipe(bin().arg("dedup"), &extracted).stdout;
    let recs = jsonl(&deduped);
    assert_eq!(recs.len(), 24);
    assert!(recs
        .iter()
        .all(|r| r.get("duplicate_of").is_some() && r.get("text").is_some()));
    assert_eq!(
        recs.iter().filter(|r| !r["duplicate_of"].is_null()).count(),
        1
    );
    let clustered = jsonl(&pipe(bin().arg("cluster"), &deduped).stdout);
    assert_eq!(clustered.len(), 24);
    assert!(clustered
        .iter()
        .all(|r| r["event"].is_string() && r.get("storyline").is_some()));

    // summarize: one cluster of the extracted documents about the flood.
    let docs: Vec<Value> = recs
        .iter()
        .filter(|r| {
            r["id"].as_str().unwrap().contains("daskel")
                || r["id"].as_str().unwrap().contains("mirow")
        })
        .map(|r| serde_json::json!({"id": r["id"], "text": r["text"], "outlet": r["outlet"]}))
        .collect();
    let input = serde_json::json!({"cluster_id": "flood", "docs": docs}).to_string();
    let summary = jsonl(&pipe(bin().args(["summarize", "--words", "60"]), input.as_bytes()).stdout);
    assert_eq!(summary[0]["cluster_id"], "flood");
    let words = summary[0]["summary"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .count();
    assert!(words > 10 && words <= 60, "{words} words");

    let analyzed = jsonl(&pipe(bin().arg("analyze"), &extracted).stdout);
    assert_eq!(analyzed.len(), 24);
    assert!(analyzed
        .iter()
        .any(|a| !a["quotes"].as_array().unwrap().is_empty()));
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// A directory with one good article and every kind of bad input.
fn bad_inputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("good.txt"),
        "Harbour ferry resumes service\nThe ferry between Port Selwyn and Calder Island resumed service on Monday after repairs to its engine, the operator said. Passengers welcomed the return of the morning crossing.\n",
    )
    .unwrap();
    std::fs::write(p.join("empty.txt"), "").unwrap();
    std::fs::write(
        p.join("binary.html"),
        [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 0],
    )
    .unwrap();
    std::fs::write(p.join("latin1.txt"), b"Caf\xe9 owners in Port Selwyn said the new market hall was a fine idea for the whole town.\n").unwrap();
    let full = gz(
        "A story that is cut off part of the way through its gzip stream. "
            .repeat(40)
            .as_bytes(),
    );
    std::fs::write(p.join("cut.txt.gz"), &full[..full.len() / 2]).unwrap();
    std::fs::write(p.join("feed.jsonl"), "{\"id\":\"j1\",\"text\":\"The council approved the budget on Tuesday after a long debate.\"}\n{not json\n").unwrap();
    std::os::unix::fs::symlink(p.join("gone.txt"), p.join("dangling.txt")).unwrap();
    dir
}

#[test]
fn bad_input_is_reported_per_file_and_the_rest_is_processed() {
    let dir = bad_inputs();
    let out = bin().arg("extract").arg(dir.path()).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (file, why) in [
        ("empty.txt", "empty file"),
        ("binary.html", "binary data"),
        ("latin1.txt", "not valid UTF-8"),
        ("cut.txt.gz", "gzip data is corrupt or truncated"),
        ("feed.jsonl:2", "malformed JSON"),
        ("dangling.txt", "cannot read"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no message for {file}:\n{stderr}"));
        assert!(line.contains(why), "{line}");
    }
    assert_eq!(
        stderr.lines().count(),
        6,
        "one message per problem:\n{stderr}"
    );
    let docs = jsonl(&out.stdout);
    let ids: BTreeSet<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, BTreeSet::from(["good.txt", "latin1.txt", "j1"]));
    let latin = docs.iter().find(|d| d["id"] == "latin1.txt").unwrap();
    assert!(latin["text"].as_str().unwrap().contains("Café"));

    // --strict turns any problem into a failure; digest behaves the same way.
    let strict = bin()
        .args(["extract", "--strict"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
    let digest = bin().arg("digest").arg(dir.path()).output().unwrap();
    assert!(digest.status.success());
}

#[test]
fn nothing_readable_is_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out = bin().arg("digest").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing could be read"));
    let missing = bin()
        .args(["extract", "/nonexistent/storyline-input"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn incremental_database_runs_equal_one_run_over_everything() {
    let db = tempfile::tempdir().unwrap();
    let dbs = db.path().to_str().unwrap();
    let corpus = corpus();
    let first_half: Vec<PathBuf> = ["boreal-press-agency", "meridian-herald"]
        .iter()
        .map(|d| corpus.join(d))
        .collect();
    let mut first = bin();
    first
        .args(["digest", "--json", "--db", dbs])
        .args(&first_half);
    run(&mut first);
    // Everything again (the first half is already stored and is not added twice).
    let incremental = digest_json(&["--db", dbs, corpus.to_str().unwrap()]);
    // One shot over the same documents in the same order of addition.
    let mut once = vec![];
    once.extend(first_half.iter().map(|p| p.to_str().unwrap().to_owned()));
    once.push(corpus.to_str().unwrap().to_owned());
    let fresh = tempfile::tempdir().unwrap();
    let mut args = vec!["--db".to_owned(), fresh.path().to_str().unwrap().to_owned()];
    args.extend(once);
    let one_shot = digest_json(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(incremental, one_shot);
    assert_eq!(incremental["documents"].as_array().unwrap().len(), 24);
    // Reading the database alone gives the same report.
    assert_eq!(digest_json(&["--db", dbs]), incremental);
}

#[test]
fn every_command_has_help_and_the_binary_a_version() {
    for cmd in [
        "digest",
        "extract",
        "dedup",
        "cluster",
        "summarize",
        "analyze",
        "report",
        "link",
        "search",
        "serve",
    ] {
        let out = run(bin().args([cmd, "--help"]));
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage: storyline"),
            "{cmd}"
        );
    }
    let v = run(bin().arg("--version"));
    assert!(String::from_utf8_lossy(&v.stdout).starts_with("storyline "));
}

/// `n` generated short news items (fictional, varied enough that none is a copy of another),
/// as JSON Lines, spread over a few days and a handful of topics.
fn generated_jsonl(range: std::ops::Range<usize>) -> Vec<u8> {
    let topics = [
        ("port workers", "strike", "Harbour Authority of Lenmark"),
        (
            "the rail line",
            "derailment",
            "Transport Ministry of Calvera",
        ),
        ("the central bank", "rate decision", "Bank of Ostria"),
        ("the forest fire", "evacuation", "Fire Service of Veldora"),
    ];
    let mut out = Vec::new();
    for i in range {
        let (subject, what, source) = topics[i % topics.len()];
        let day = 1 + (i / 250) % 27;
        let text = format!(
            "Officials said on Monday that {subject} faced a {what} affecting {} people in district {}. \
             The {source} said item {i} was confirmed after {} hours. \
             Residents described queues of {} metres near the site.",
            100 + i * 7,
            i % 41,
            i % 23 + 1,
            i % 97 + 3
        );
        let rec = serde_json::json!({
            "id": format!("gen-{i:05}"),
            "outlet": format!("Outlet {}", i % 5),
            "published": format!("2026-03-{day:02}"),
            "title": format!("{what} update {i}"),
            "text": text,
        });
        serde_json::to_writer(&mut out, &rec).unwrap();
        out.push(b'\n');
    }
    out
}

/// A growing feed: each round a new file of documents arrives and `digest --db` runs over all
/// the files so far and is killed with SIGKILL at a random moment; the database must reopen
/// with everything reported committed present once and the index in step, and a final run must
/// equal one uninterrupted run. STORYLINE_KILLS, STORYLINE_KILL_DOCS (new documents per round)
/// and STORYLINE_KILL_MAX_MS scale it up (docs/RELIABILITY.md runs 25 kills in release mode).
#[test]
fn a_kill_during_ingest_loses_nothing_committed_and_the_rerun_completes_it() {
    use std::io::BufRead;
    let env = |name: &str, default: usize| -> usize {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let kills = env("STORYLINE_KILLS", 4);
    let per_round = env("STORYLINE_KILL_DOCS", 400);
    let n_docs = kills * per_round;
    let work = tempfile::tempdir().unwrap();
    let feed = work.path().join("feed");
    std::fs::create_dir(&feed).unwrap();
    let db = work.path().join("db");
    let mut stored_before = 0u64;
    let mut interrupted = 0;
    // Kill at a pseudo-random moment (a fixed sequence, so a failure can be replayed): during
    // reading, a commit, the recompute or the index rebuild.
    let max_ms = env("STORYLINE_KILL_MAX_MS", 800) as u64;
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for round in 0..kills {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        // Every other kill early, while documents are still being read and committed.
        let window = if round % 2 == 0 { max_ms / 8 } else { max_ms };
        let delay_ms = seed % window.max(1);
        let part = feed.join(format!("part-{round:03}.jsonl"));
        std::fs::write(
            &part,
            generated_jsonl(round * per_round..(round + 1) * per_round),
        )
        .unwrap();
        let mut child = bin()
            .args(["-v", "digest", "--json", "--db"])
            .arg(&db)
            .arg(&feed)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = std::io::BufReader::new(child.stderr.take().unwrap());
        // Everything printed before the process died counts as reported.
        let reader = std::thread::spawn(move || {
            let mut reported = 0u64;
            for line in stderr.lines().map_while(Result::ok) {
                if let Some(n) = line
                    .split("committed=")
                    .nth(1)
                    .and_then(|r| r.split_whitespace().next())
                    .and_then(|n| n.parse::<u64>().ok())
                {
                    reported = reported.max(n);
                }
            }
            reported
        });
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL on Unix; it may have finished already
        let killed = !child.wait().unwrap().success();
        let reported = reader.join().unwrap();
        let stored = {
            let store = storyline_store::Store::open(&db).unwrap_or_else(|e| {
                panic!("round {round}: the database does not reopen after a kill: {e}")
            });
            let stored = store.generation().unwrap();
            assert!(
                stored >= stored_before + reported,
                "round {round}: {reported} reported committed, but only {} of them are stored",
                stored - stored_before
            );
            let raws = store.raw_documents().unwrap();
            let ids: BTreeSet<&str> = raws.iter().map(|r| r.id.as_str()).collect();
            assert_eq!(
                ids.len(),
                raws.len(),
                "round {round}: a document is stored twice"
            );
            stored
        };
        // Reopening brings the digest and the index in step with what is stored.
        let listed = run(bin()
            .args(["search", "--json", "--limit", "1", "--db"])
            .arg(&db));
        let listed: Value = serde_json::from_slice(&listed.stdout).unwrap();
        assert_eq!(
            listed["total_documents"].as_u64(),
            Some(stored),
            "round {round}"
        );
        interrupted += usize::from(killed);
        eprintln!(
            "round {round}: killed after {delay_ms} ms, {reported} reported, {stored} stored"
        );
        stored_before = stored;
    }
    assert!(interrupted > 0, "no kill landed before the ingest ended");
    let resumed = digest_json(&["--db", db.to_str().unwrap(), feed.to_str().unwrap()]);
    let fresh = work.path().join("fresh");
    let once = digest_json(&["--db", fresh.to_str().unwrap(), feed.to_str().unwrap()]);
    assert_eq!(resumed["documents"].as_array().unwrap().len(), n_docs);
    assert_eq!(resumed, once);
}

#[test]
fn search_finds_stemmed_words_with_highlights_and_repairs_a_lost_index() {
    let db = tempfile::tempdir().unwrap();
    let dbs = db.path().to_str().unwrap();
    run(bin()
        .args(["digest", "--db", dbs])
        .arg(corpus())
        .stdout(Stdio::null()));
    let search = |args: &[&str]| -> Value {
        let out = run(bin().args(["search", "--json", "--db", dbs]).args(args));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // "flooding" is not in the corpus; "floods" and "flood" are.
    let r = search(&["flooding", "Mirow"]);
    let docs = r["documents"].as_array().unwrap();
    assert!(docs.len() >= 3, "{r:#}");
    let event = docs[0]["event"].as_str().unwrap();
    assert_eq!(r["events"][0]["id"].as_str(), Some(event));
    for d in docs {
        let text = d["snippet"]["text"].as_str().unwrap();
        for h in d["snippet"]["highlights"].as_array().unwrap() {
            let (s, e) = (h["start"].as_u64().unwrap(), h["end"].as_u64().unwrap());
            let word = text[s as usize..e as usize].to_lowercase();
            assert!(word.starts_with("flood") || word == "mirow", "{word}");
        }
    }
    // Filters narrow; facets count outlets of all matches.
    let only = search(&["flooding", "--outlet", "northgate post"]);
    assert!(only["documents"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["outlet"] == "Northgate Post"));
    assert!(
        r["facets"]["outlets"].as_array().unwrap().len()
            > only["facets"]["outlets"].as_array().unwrap().len()
    );
    // A lost index is rebuilt from the store before the search runs.
    std::fs::remove_dir_all(db.path().join("index")).unwrap();
    assert_eq!(search(&["flooding", "Mirow"]), r);
    // A bad query is the user's to fix: exit 1 with the reason.
    let bad = bin()
        .args(["search", "--db", dbs, "--from", "April"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("April"));
    // Searching where there is no database says how to make one.
    let none = bin()
        .args(["search", "--db", "/nonexistent/storyline-db", "x"])
        .output()
        .unwrap();
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("digest --db"));
}

const SPARK_HINT: &str = "the Spark test needs Java 17 and PySpark in dist/spark/.venv: run \
                          `bash .ci/setup-spark` (or set STORYLINE_SKIP_SPARK_TESTS=1 to skip it)";

/// The Spark job (dist/spark, docs/SCALING.md) on Spark's `local-cluster` master — two real
/// executor processes — over the example corpus given twice (the same ids again: renamed as
/// `digest` renames them) and a generated crawl of 3,000 pages spread
/// over twelve days, against the single-process commands on the same input: dedup groups must be
/// identical and the events agree at B³ ≥ 0.98. Windows of a day, so that events cross window
/// boundaries and the merge is exercised, and a stream longer than the warm-up (8.3 days), so
/// that later windows never see its start.
#[test]
fn spark_job_agrees_with_the_single_process_run() {
    let python = root().join("dist/spark/.venv/bin/python");
    let shared = root().join("../shared/data");
    let missing: Vec<&str> = [
        (!python.exists()).then_some("dist/spark/.venv"),
        Command::new("java")
            .arg("-version")
            .output()
            .is_err()
            .then_some("java"),
        (!shared.exists()).then_some("../shared/data (the generator's source texts)"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !missing.is_empty() {
        if std::env::var("STORYLINE_SKIP_SPARK_TESTS").as_deref() == Ok("1") {
            eprintln!("skipped: STORYLINE_SKIP_SPARK_TESTS=1 and missing {missing:?}");
            return;
        }
        panic!("{SPARK_HINT}; missing: {}", missing.join(", "));
    }
    let tmp = tempfile::tempdir().unwrap();
    let crawl = tmp.path().join("crawl");
    run(Command::new("python3")
        .arg(root().join("bench/gen_corpus.py"))
        .args(["--docs", "3000", "--days", "12", "--warc-records", "500"])
        .args(["--format", "warc.gz", "--jobs", "2", "--out"])
        .arg(&crawl));
    // A private SPARK_HOME (links to the installed Spark), so that executors' work directories
    // land in the temporary directory instead of the virtual environment.
    let installed = run(Command::new(&python).args([
        "-c",
        "import os, pyspark; print(os.path.dirname(pyspark.__file__))",
    ]));
    let installed = PathBuf::from(String::from_utf8(installed.stdout).unwrap().trim());
    let home = tmp.path().join("spark-home");
    std::fs::create_dir(&home).unwrap();
    for dir in ["bin", "jars"] {
        std::os::unix::fs::symlink(installed.join(dir), home.join(dir)).unwrap();
    }
    let inputs = [corpus(), corpus(), crawl.join("warc")];
    let out = tmp.path().join("out");
    run(Command::new(&python)
        .env("SPARK_HOME", &home)
        .arg(root().join("dist/spark/storyline_spark.py"))
        .args([
            "--master",
            "local-cluster[2,1,1024]",
            "--window-hours",
            "24",
        ])
        .arg("--storyline")
        .arg(env!("CARGO_BIN_EXE_storyline"))
        .arg("--out")
        .arg(&out)
        .args(&inputs));
    let agreement = run(Command::new("python3")
        .arg(root().join("dist/spark/agreement.py"))
        .arg("--storyline")
        .arg(env!("CARGO_BIN_EXE_storyline"))
        .arg("--spark-out")
        .arg(&out)
        .args(&inputs));
    let a: Value = serde_json::from_slice(&agreement.stdout).unwrap();
    eprintln!("{a}");
    assert_eq!(
        a["documents"], 3048,
        "every page and example document extracted"
    );
    assert!(
        a["copies"].as_u64().unwrap() > 100,
        "the crawl has syndicated copies"
    );
    assert_eq!(a["dedup_differences"], 0, "dedup groups differ: {a}");
    assert_eq!(a["report_documents"], a["digest_documents"]);
    assert_eq!(
        a["common_documents"], a["digest_documents"],
        "the same ids as digest: {a}"
    );
    assert!(a["spark_events"].as_u64().unwrap() > 500);
    assert!(a["b3_f1"].as_f64().unwrap() >= 0.98, "events disagree: {a}");
    // The report is the digest's: documents before their event, storylines at the end.
    let report = std::fs::read_to_string(out.join("report.jsonl")).unwrap();
    let kinds: Vec<String> = report
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["type"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let first_storyline = kinds.iter().position(|k| k == "storyline").unwrap();
    assert!(kinds[first_storyline..].iter().all(|k| k == "storyline"));
    assert_eq!(kinds.last().map(String::as_str), Some("storyline"));
}

/// The distributed dedup's two steps (`--signatures`, then `--verify` on candidates that share
/// an LSH bucket), with canonicals followed up the matches, give `dedup`'s groups.
#[test]
fn dedup_by_signatures_and_verify_equals_streaming_dedup() {
    let extracted = run(bin().arg("extract").arg(corpus())).stdout;
    let streamed: Vec<Value> = jsonl(&pipe(bin().arg("dedup"), &extracted).stdout);
    let sigs = jsonl(&pipe(bin().args(["dedup", "--signatures"]), &extracted).stdout);
    assert_eq!(sigs.len(), streamed.len());
    assert!(sigs
        .iter()
        .all(|s| s["bands"].as_array().unwrap().len() == 32));
    // Buckets → candidates (earlier documents sharing one), one verify line per document.
    let mut buckets: BTreeMap<(usize, u64), Vec<usize>> = BTreeMap::new();
    for (n, s) in sigs.iter().enumerate() {
        for (b, key) in s["bands"].as_array().unwrap().iter().enumerate() {
            buckets
                .entry((b, key.as_u64().unwrap()))
                .or_default()
                .push(n);
        }
    }
    let mut input = Vec::new();
    for (n, s) in sigs.iter().enumerate() {
        let earlier: BTreeSet<usize> = buckets
            .values()
            .filter(|m| m.contains(&n))
            .flatten()
            .copied()
            .filter(|&m| m < n)
            .collect();
        let candidates: Vec<Value> = earlier
            .iter()
            .map(|&m| serde_json::json!({"id": sigs[m]["id"], "n": m, "fingerprint": sigs[m]["fingerprint"]}))
            .collect();
        let line = serde_json::json!({"id": s["id"], "fingerprint": s["fingerprint"], "candidates": candidates});
        writeln!(input, "{line}").unwrap();
    }
    let verdicts = jsonl(&pipe(bin().args(["dedup", "--verify"]), &input).stdout);
    let mut canonical: BTreeMap<String, String> = BTreeMap::new();
    for v in &verdicts {
        let id = v["id"].as_str().unwrap().to_owned();
        let c = match v["matched"].as_str() {
            Some(m) => canonical[m].clone(),
            None => id.clone(),
        };
        canonical.insert(id, c);
    }
    let matched = verdicts.iter().filter(|v| v["matched"].is_string()).count();
    assert_eq!(matched, 1, "the corpus has one syndicated copy");
    for r in &streamed {
        let id = r["id"].as_str().unwrap();
        let apart = Some(&canonical[id]).filter(|c| c.as_str() != id);
        assert_eq!(
            r["duplicate_of"].as_str(),
            apart.map(String::as_str),
            "{id}"
        );
    }
    // A signature that is not one is reported and skipped, not trusted.
    let bad = br#"{"id":"x","fingerprint":"not base64!","candidates":[]}"#;
    let out = pipe(bin().args(["dedup", "--verify"]), bad);
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a signature"));
}

/// `report` builds the digest's own event records from documents grouped elsewhere, and `link`
/// finds the digest's storylines from those records alone.
#[test]
fn report_and_link_rebuild_the_digest_from_grouped_documents() {
    let digest = jsonl(&run(bin().args(["digest", "--format", "jsonl"]).arg(corpus())).stdout);
    let extracted = jsonl(&run(bin().arg("extract").arg(corpus())).stdout);
    let text_of: BTreeMap<&str, &Value> = extracted
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d))
        .collect();
    let mut input = Vec::new();
    let mut members: BTreeMap<&str, Vec<Value>> = BTreeMap::new();
    for (seq, d) in digest
        .iter()
        .filter(|r| r["type"] == "document")
        .enumerate()
    {
        let mut doc = text_of[d["id"].as_str().unwrap()].clone();
        doc["seq"] = seq.into();
        doc["duplicate_of"] = d["duplicate_of"].clone();
        members
            .entry(d["event"].as_str().unwrap())
            .or_default()
            .push(doc);
    }
    let events: Vec<&Value> = digest.iter().filter(|r| r["type"] == "event").collect();
    for e in &events {
        let id = e["id"].as_str().unwrap();
        let line =
            serde_json::json!({"event": id, "storyline": e["storyline"], "documents": members[id]});
        writeln!(input, "{line}").unwrap();
    }
    let rebuilt = jsonl(&pipe(bin().arg("report"), &input).stdout);
    let rebuilt_events: Vec<&Value> = rebuilt.iter().filter(|r| r["type"] == "event").collect();
    assert_eq!(rebuilt_events, events, "the same event records as digest");
    let docs = |v: &[Value]| -> BTreeMap<String, Value> {
        v.iter()
            .filter(|r| r["type"] == "document")
            .map(|r| (r["id"].as_str().unwrap().to_owned(), r.clone()))
            .collect()
    };
    assert_eq!(docs(&rebuilt), docs(&digest), "the same document records");

    let mut by_start = events.clone();
    by_start.sort_by_key(|e| {
        (
            e["first_published"].as_str().map(str::to_owned),
            e["id"].as_str().unwrap()[1..].parse::<u32>().unwrap(),
        )
    });
    let mut records = Vec::new();
    for e in by_start {
        writeln!(records, "{e}").unwrap();
    }
    let linked = jsonl(&pipe(bin().arg("link"), &records).stdout);
    let storylines: Vec<Value> = digest
        .iter()
        .filter(|r| r["type"] == "storyline")
        .cloned()
        .collect();
    assert!(!storylines.is_empty());
    assert_eq!(linked, storylines);
}
