//! The JSON API over HTTP, against a real server on a real database built from
//! `examples/corpus`. Read-only tests share one server; each write test gets its own.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::OnceLock;

use serde_json::{json, Value};
use storyline_server::ServerOptions;

/// The corpus server, started by the first test that needs it.
fn corpus() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        common::start(
            common::archive_with("api-corpus", common::corpus()),
            ServerOptions::default(),
        )
    })
}

/// A server over an empty database of its own, for tests that write.
fn empty(name: &str, opts: ServerOptions) -> String {
    common::start(common::archive_with(name, Vec::new()), opts)
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

struct Reply {
    status: u16,
    content_type: String,
    headers: ureq::http::HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        assert!(
            self.content_type.starts_with("application/json"),
            "content type {:?} for {}",
            self.content_type,
            self.body
        );
        serde_json::from_str(&self.body).expect("JSON body")
    }

    /// An error reply: the status, and a JSON body whose `error` is a message.
    fn error(&self, status: u16) -> String {
        assert_eq!(self.status, status, "{}", self.body);
        let v = self.json();
        let msg = v["error"].as_str().expect("error message").to_owned();
        assert!(!msg.is_empty());
        msg
    }
}

fn reply(res: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
    let mut res = res.expect("request");
    let status = res.status().as_u16();
    let headers = res.headers().clone();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = res.body_mut().read_to_string().expect("body");
    Reply {
        status,
        content_type,
        headers,
        body,
    }
}

fn get(base: &str, path: &str) -> Reply {
    reply(agent().get(format!("{base}{path}")).call())
}

fn get_json(base: &str, path: &str) -> Value {
    let r = get(base, path);
    assert_eq!(r.status, 200, "GET {path}: {}", r.body);
    r.json()
}

fn post(base: &str, body: &str) -> Reply {
    reply(
        agent()
            .post(format!("{base}/api/documents"))
            .header("content-type", "application/json")
            .send(body),
    )
}

/// Send `path` byte for byte: HTTP clients normalise `..` and escapes, attackers don't.
fn raw_get(base: &str, path: &str) -> (u16, String) {
    let addr = base.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut out = String::new();
    s.read_to_string(&mut out).expect("read");
    let status = out
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .expect("status line");
    (status, out)
}

/// POST a body the server may refuse before it has all arrived: a server is right to answer 413
/// as soon as the declared length is over the limit and close, so the upload may break off —
/// what matters is the answer it sent.
fn raw_post_oversized(base: &str, body: &str) -> (u16, String) {
    let addr = base.trim_start_matches("http://");
    let mut s = TcpStream::connect(addr).expect("connect");
    let head = format!(
        "POST /api/documents HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).expect("send headers");
    let _ = s.write_all(body.as_bytes()); // may break off: the answer may already be there
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out); // a reset after the answer is fine too
    let out = String::from_utf8_lossy(&out).into_owned();
    let status = out
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status line in {out:?}"));
    (status, out)
}

fn enc(id: &str) -> String {
    id.replace('%', "%25")
        .replace('/', "%2F")
        .replace(' ', "%20")
}

fn titles(page: &Value) -> Vec<&str> {
    page["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["title"].as_str().expect("title"))
        .collect()
}

fn flood_event(base: &str) -> Value {
    let page = get_json(base, "/api/events?q=landslide");
    assert_eq!(page["total"], 1, "{page}");
    let id = page["events"][0]["id"].as_str().expect("id");
    get_json(base, &format!("/api/events/{id}"))
}

#[test]
fn health_reports_what_the_database_holds() {
    let r = get(corpus(), "/api/health");
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["documents"], 24);
    assert_eq!(v["generation"], 24);
    assert_eq!(v["events"], 6);
    assert_eq!(v["storylines"], 1);
}

#[test]
fn every_response_carries_security_headers() {
    for path in ["/", "/api/health", "/api/nope", "/assets/app.js"] {
        let r = get(corpus(), path);
        let h = |name: &str| {
            r.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let csp = h("content-security-policy");
        assert!(csp.contains("script-src 'self'"), "{path}: {csp}");
        assert!(csp.contains("object-src 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(h("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(h("referrer-policy"), "no-referrer", "{path}");
    }
}

#[test]
fn events_are_listed_newest_first_and_paged() {
    let all = get_json(corpus(), "/api/events");
    assert_eq!(all["total"], 6);
    assert_eq!(all["offset"], 0);
    assert_eq!(all["limit"], 20);
    let events = all["events"].as_array().expect("events");
    assert_eq!(events.len(), 6);
    let last: Vec<&str> = events
        .iter()
        .map(|e| e["last_published"].as_str().expect("dated"))
        .collect();
    let mut sorted = last.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(last, sorted, "newest first");
    assert!(events
        .iter()
        .all(|e| e["lead"].as_str().is_some_and(|l| !l.is_empty())));

    let page = get_json(corpus(), "/api/events?offset=2&limit=2");
    assert_eq!(page["total"], 6);
    assert_eq!(titles(&page), titles(&all)[2..4]);
    let past_end = get_json(corpus(), "/api/events?offset=10");
    assert_eq!(past_end["total"], 6);
    assert_eq!(past_end["events"], json!([]));
}

#[test]
fn bad_listing_parameters_are_400_with_a_message() {
    for (query, says) in [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("offset=-1", "offset"),
        ("from=yesterday", "from"),
        ("colour=red", "colour"),
    ] {
        let msg = get(corpus(), &format!("/api/events?{query}")).error(400);
        assert!(msg.contains(says), "{query}: {msg}");
    }
}

#[test]
fn events_filter_by_outlet_storyline_words_and_dates() {
    let base = corpus();
    let by_outlet = get_json(base, "/api/events?outlet=valley%20COURIER");
    let n = by_outlet["total"].as_u64().expect("total");
    assert!(n > 0 && n < 6, "{by_outlet}");
    for e in by_outlet["events"].as_array().expect("events") {
        assert!(e["outlets"]
            .as_array()
            .expect("outlets")
            .contains(&json!("Valley Courier")));
    }

    let storylines = get_json(base, "/api/storylines");
    let sl = &storylines["storylines"][0];
    let id = sl["id"].as_str().expect("id");
    let of_storyline = get_json(base, &format!("/api/events?storyline={id}"));
    assert_eq!(
        of_storyline["total"],
        sl["events"].as_array().expect("events").len()
    );
    for e in of_storyline["events"].as_array().expect("events") {
        assert_eq!(e["storyline"], id);
    }

    let flood = get_json(base, "/api/events?q=LANDSLIDE%20daskel");
    assert_eq!(flood["total"], 1);
    assert!(titles(&flood)[0].contains("Daskel Valley"));

    let may = get_json(base, "/api/events?from=2026-05-01&to=2026-05-31");
    assert_eq!(may["total"], 2, "{may}");
    for e in may["events"].as_array().expect("events") {
        assert!(e["first_published"]
            .as_str()
            .is_some_and(|d| d.starts_with("2026-05")));
    }
}

#[test]
fn event_detail_has_the_analysis_and_its_documents() {
    let detail = flood_event(corpus());
    let event = &detail["event"];
    for field in [
        "summary",
        "quotes",
        "entities",
        "timeline",
        "attributions",
        "exclusives",
    ] {
        assert!(
            !event[field].as_array().expect(field).is_empty(),
            "{field} empty"
        );
    }
    let docs = detail["documents"].as_array().expect("documents");
    assert_eq!(
        docs.len(),
        event["documents"].as_array().expect("ids").len()
    );
    // The wire story republished by Coastline Daily is listed as a copy.
    assert!(docs.iter().any(|d| d["duplicate_of"]
        .as_str()
        .is_some_and(|o| o.starts_with("boreal-press-agency/"))));
    assert!(get(corpus(), "/api/events/no-such-event")
        .error(404)
        .contains("no-such-event"));
}

#[test]
fn citations_slice_the_document_text_to_the_cited_sentence() {
    let base = corpus();
    let page = get_json(base, "/api/events");
    let mut checked = 0;
    for e in page["events"].as_array().expect("events") {
        let id = e["id"].as_str().expect("id");
        let event = &get_json(base, &format!("/api/events/{id}"))["event"];
        let mut cite = |doc: &str, start: usize, end: usize| -> String {
            let text = get_json(base, &format!("/api/documents/{}", enc(doc)))["text"]
                .as_str()
                .expect("text")
                .to_owned();
            checked += 1;
            text.get(start..end)
                .unwrap_or_else(|| panic!("{doc}: {start}..{end} is not a span of the text"))
                .to_owned()
        };
        for s in event["summary"].as_array().expect("summary") {
            let c = &s["citations"][0];
            let cited = cite(
                c["doc"].as_str().expect("doc"),
                c["start"].as_u64().expect("start") as usize,
                c["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(cited, s["text"].as_str().expect("text"));
        }
        for x in event["exclusives"].as_array().expect("exclusives") {
            let c = &x["citation"];
            let cited = cite(
                c["doc"].as_str().expect("doc"),
                c["start"].as_u64().expect("start") as usize,
                c["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(cited, x["text"].as_str().expect("text"));
        }
    }
    assert!(checked > 10);
}

#[test]
fn documents_with_slashes_in_their_id_are_found_raw_or_encoded() {
    let base = corpus();
    let id = "coastline-daily/2026-04-14-floods-and-landslide-kill-17-in-daskel-valley.txt";
    let raw = get_json(base, &format!("/api/documents/{id}"));
    let encoded = get_json(base, &format!("/api/documents/{}", enc(id)));
    assert_eq!(raw, encoded);
    assert_eq!(raw["id"], id);
    assert_eq!(raw["outlet"], "Coastline Daily");
    assert!(raw["text"]
        .as_str()
        .is_some_and(|t| t.contains("Daskel Valley")));
    assert_eq!(
        raw["duplicate_of"],
        "boreal-press-agency/2026-04-14-daskel-valley-floods-kill-17.html"
    );
    assert!(raw["event"]["title"]
        .as_str()
        .is_some_and(|t| t.contains("Daskel")));
    assert!(get(base, "/api/documents/coastline-daily/nope.txt")
        .error(404)
        .contains("coastline-daily/nope.txt"));
}

#[test]
fn storylines_list_their_events_oldest_first() {
    let base = corpus();
    let list = get_json(base, "/api/storylines");
    let sl = &list["storylines"][0];
    assert_eq!(sl["events"].as_array().expect("events").len(), 2);
    let detail = get_json(
        base,
        &format!("/api/storylines/{}", sl["id"].as_str().expect("id")),
    );
    assert_eq!(detail["title"], sl["title"]);
    let firsts: Vec<&str> = detail["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["first_published"].as_str().expect("dated"))
        .collect();
    assert_eq!(firsts.len(), 2);
    assert!(firsts[0] < firsts[1], "{firsts:?}");
    get(base, "/api/storylines/nope").error(404);
}

#[test]
fn search_finds_highlights_and_honours_phrases() {
    let base = corpus();
    let r = get_json(base, "/api/search?q=landslide");
    assert!(r["total_documents"].as_u64().expect("total") >= 3, "{r}");
    assert_eq!(r["total_events"], 1);
    for d in r["documents"].as_array().expect("documents") {
        let snippet = d["snippet"]["text"].as_str().expect("snippet");
        let highlights = d["snippet"]["highlights"].as_array().expect("highlights");
        assert!(!highlights.is_empty(), "{d}");
        for h in highlights {
            let word = &snippet[h["start"].as_u64().expect("start") as usize
                ..h["end"].as_u64().expect("end") as usize];
            assert!(word.to_lowercase().starts_with("landslide"), "{word}");
        }
    }
    assert!(!r["facets"]["outlets"]
        .as_array()
        .expect("facets")
        .is_empty());

    let words = get_json(base, "/api/search?q=floods%20flash");
    assert!(words["total_documents"].as_u64().expect("total") > 0);
    let phrase = get_json(base, "/api/search?q=%22floods%20flash%22");
    assert_eq!(phrase["total_documents"], 0, "{phrase}");
    let right_order = get_json(base, "/api/search?q=%22flash%20floods%22");
    assert!(right_order["total_documents"].as_u64().expect("total") > 0);

    let one_outlet = get_json(
        base,
        "/api/search?q=landslide&outlet=northgate%20post&limit=1",
    );
    assert_eq!(one_outlet["documents"].as_array().expect("docs").len(), 1);
    assert_eq!(one_outlet["documents"][0]["outlet"], "Northgate Post");

    assert!(get(base, "/api/search?q=%22unclosed")
        .error(400)
        .contains("unclosed"));
    get(base, "/api/search?q=x&from=soon").error(400);
    get(base, "/api/search?q=x&limit=1000").error(400);
}

#[test]
fn volume_counts_every_document_once() {
    let v = get_json(corpus(), "/api/volume");
    let days = v["days"].as_array().expect("days");
    let dated: u64 = days
        .iter()
        .map(|d| d["documents"].as_u64().expect("count"))
        .sum();
    assert_eq!(dated + v["undated"].as_u64().expect("undated"), 24);
    let dates: Vec<&str> = days
        .iter()
        .map(|d| d["date"].as_str().expect("date"))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_unstable();
    assert_eq!(dates, sorted);
    assert_eq!(dates[0], "2026-03-12");
}

#[test]
fn openapi_describes_the_routes() {
    let doc = get_json(corpus(), "/api/openapi.json");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let paths = doc["paths"].as_object().expect("paths");
    for (path, method) in [
        ("/api/health", "get"),
        ("/api/events", "get"),
        ("/api/events/{id}", "get"),
        ("/api/storylines", "get"),
        ("/api/storylines/{id}", "get"),
        ("/api/documents/{id}", "get"),
        ("/api/documents", "post"),
        ("/api/search", "get"),
        ("/api/volume", "get"),
        ("/api/openapi.json", "get"),
    ] {
        assert!(
            paths.get(path).and_then(|p| p.get(method)).is_some(),
            "{method} {path} not described"
        );
    }
}

#[test]
fn the_ui_is_served_from_the_binary() {
    let index = get(corpus(), "/");
    assert_eq!(index.status, 200);
    assert!(index.content_type.starts_with("text/html"));
    assert!(index.body.contains("/assets/app.js"));
    let js = get(corpus(), "/assets/app.js");
    assert_eq!(js.status, 200);
    assert!(js.content_type.starts_with("text/javascript"));
    // The UI never parses data as HTML.
    for sink in [
        ".innerHTML",
        ".outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!js.body.contains(sink), "app.js uses {sink}");
    }
    let css = get(corpus(), "/assets/app.css");
    assert!(css.content_type.starts_with("text/css"));
    get(corpus(), "/assets/nope.js").error(404);
}

#[test]
fn unknown_routes_and_methods_are_json_errors() {
    assert!(get(corpus(), "/api/nope").error(404).contains("/api/nope"));
    get(corpus(), "/nope").error(404);
    let r = reply(agent().delete(format!("{}/api/events", corpus())).call());
    r.error(405);
    let r = reply(
        agent()
            .put(format!("{}/api/documents", corpus()))
            .send("{}"),
    );
    r.error(405);
}

#[test]
fn path_traversal_finds_nothing() {
    for path in [
        "/assets/../../../../etc/passwd",
        "/assets/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/assets/%2e%2e/%2e%2e/etc/passwd",
        "/api/documents/../../../../etc/passwd",
        "/api/documents/..%2F..%2F..%2F..%2Fetc%2Fpasswd",
        "/../../../../etc/passwd",
        "/api/documents/%00",
    ] {
        let (status, response) = raw_get(corpus(), path);
        assert!(status == 404 || status == 400, "{path}: {status}");
        assert!(!response.contains("root:"), "{path}: {response}");
        assert!(response.contains("\"error\""), "{path}: {response}");
    }
}

fn article(id: &str, title: &str) -> Value {
    json!({
        "id": id,
        "title": title,
        "outlet": "Test Tribune",
        "published": "2026-07-01",
        "text": format!(
            "{title}. The harbour board of Port Velsk voted on Monday to close the old ferry \
             pier after engineers found cracks in its supports.\n\nRepairs would cost more \
             than the pier earns in a decade, the board's chair said."
        ),
    })
}

#[test]
fn posting_a_json_object_ingests_it_once() {
    let base = empty("api-post-object", ServerOptions::default());
    let doc = article("tribune/pier.txt", "Port Velsk closes its ferry pier");
    let first = post(&base, &doc.to_string());
    assert_eq!(first.status, 201, "{}", first.body);
    let v = first.json();
    assert_eq!(v["added"], json!(["tribune/pier.txt"]));
    assert_eq!(v["known"], 0);
    assert_eq!(v["generation"], 1);

    // Readers see it at once, in the digest and the search index.
    let stored = get_json(&base, "/api/documents/tribune/pier.txt");
    assert!(stored["text"]
        .as_str()
        .is_some_and(|t| t.contains("ferry pier")));
    assert_eq!(get_json(&base, "/api/events")["total"], 1);
    assert_eq!(get_json(&base, "/api/search?q=pier")["total_documents"], 1);

    let again = post(&base, &doc.to_string());
    assert_eq!(again.status, 200, "{}", again.body);
    let v = again.json();
    assert_eq!(v["added"], json!([]));
    assert_eq!(v["known"], 1);
    assert_eq!(get_json(&base, "/api/health")["documents"], 1);
}

#[test]
fn posting_json_lines_reports_bad_records_and_keeps_good_ones() {
    let base = empty("api-post-jsonl", ServerOptions::default());
    let body = format!(
        "{}\n{{\"title\": \"broken\n{}\n",
        article("a.txt", "First story about the pier"),
        article("b.txt", "Second story about the pier"),
    );
    let r = post(&base, &body);
    assert_eq!(r.status, 201, "{}", r.body);
    let v = r.json();
    assert_eq!(v["added"], json!(["a.txt", "b.txt"]));
    let errors = v["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["record"], 2);
    assert!(errors[0]["message"]
        .as_str()
        .is_some_and(|m| m.contains("malformed JSON")));

    let array = json!([
        article("c.txt", "Third story"),
        article("d.txt", "Fourth story")
    ]);
    let r = post(&base, &array.to_string());
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json()["added"], json!(["c.txt", "d.txt"]));
}

#[test]
fn unreadable_bodies_are_400_with_the_reason() {
    let base = empty("api-post-bad", ServerOptions::default());
    let msg = post(&base, "{\"title\": \"unterminated").error(400);
    assert!(msg.contains("malformed JSON"), "{msg}");
    let msg = post(&base, "").error(400);
    assert!(msg.contains("no records"), "{msg}");
    let msg = post(&base, "[1, 2]").error(400);
    assert!(msg.contains("not an object"), "{msg}");
    let r = post(&base, "{\"outlet\": \"no text\"}");
    let msg = r.error(400);
    assert!(msg.contains("text"), "{msg}");
    assert_eq!(r.json()["errors"][0]["record"], 1);
    assert_eq!(get_json(&base, "/api/health")["documents"], 0);
}

#[test]
fn oversized_bodies_are_413() {
    let base = empty(
        "api-post-large",
        ServerOptions {
            max_body_bytes: 64 * 1024,
        },
    );
    let big = article("big.txt", &"word ".repeat(20_000));
    let (status, reply) = raw_post_oversized(&base, &big.to_string());
    assert_eq!(status, 413, "{reply}");
    assert!(reply.contains("limit"), "{reply}");
    let small = article("small.txt", "A short story about the pier");
    assert_eq!(post(&base, &small.to_string()).status, 201);
    assert_eq!(get_json(&base, "/api/health")["documents"], 1);
}
