//! JSON records → raw documents.
//!
//! Records in the wild name their fields many ways (`date` / `published`, `site` / `outlet`,
//! `authors` as a list); we accept the common synonyms so users need no conversion step.

use serde_json::{Map, Value};
use storyline_model::{Document, RawDocument, RawFormat};

fn string_field(obj: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|n| match obj.get(*n)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    })
}

fn looks_like_html(s: &str) -> bool {
    let head: String = s
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.contains("<body")
        || head.contains("<head")
}

/// Build a raw document from one JSON object; `fallback_id` is used when it has no `id`.
pub fn from_object(obj: &Map<String, Value>, fallback_id: &str) -> Result<RawDocument, String> {
    let id =
        string_field(obj, &["id", "doc_id", "docid"]).unwrap_or_else(|| fallback_id.to_owned());
    let html = string_field(obj, &["html", "raw_html"]);
    let text = string_field(obj, &["text", "body", "content", "article"]);
    let (format, content) = match (html, text) {
        (Some(h), _) => (RawFormat::Html, h),
        (None, Some(t)) if looks_like_html(&t) => (RawFormat::Html, t),
        (None, Some(t)) => (RawFormat::Text, t),
        // A headline-only item (empty body) is still news; a record with neither is not.
        (None, None) if string_field(obj, &["title", "headline"]).is_some() => {
            (RawFormat::Text, String::new())
        }
        (None, None) => return Err("record has no \"text\" or \"html\" field".into()),
    };
    let hints = Document {
        id: id.clone(),
        outlet: string_field(obj, &["outlet", "source", "site", "site_name", "publisher"]),
        title: string_field(obj, &["title", "headline"]),
        published: string_field(
            obj,
            &[
                "published",
                "date",
                "publish_date",
                "published_at",
                "datePublished",
            ],
        ),
        author: string_field(obj, &["author", "authors", "byline"]),
        url: string_field(obj, &["url", "link", "canonical_url"]),
        text: String::new(),
    };
    Ok(RawDocument {
        id,
        format,
        content,
        hints,
        fallback_published: None,
    })
}

/// Parse one JSONL line.
pub fn parse_line(bytes: &[u8], fallback_id: &str) -> Result<RawDocument, String> {
    let s = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 at byte {} of the line; record skipped",
            e.valid_up_to()
        )
    })?;
    let value: Value = serde_json::from_str(s.trim())
        .map_err(|e| format!("malformed JSON: {e}; record skipped"))?;
    match value {
        Value::Object(obj) => from_object(&obj, fallback_id),
        _ => Err("expected a JSON object per line; record skipped".into()),
    }
}

/// Parse a `.json` file: one record, or an array of records.
pub fn parse_json_file(bytes: &[u8], id: &str) -> Result<Vec<RawDocument>, String> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| format!("malformed JSON: {e}"))?;
    match value {
        Value::Object(obj) => Ok(vec![from_object(&obj, id)?]),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| match v {
                Value::Object(obj) => from_object(obj, &format!("{id}:{}", i + 1)),
                _ => Err(format!("element {} is not an object", i + 1)),
            })
            .collect(),
        _ => Err("expected a JSON object or an array of objects".into()),
    }
}

/// Parse a request body that is either one JSON object, a JSON array of objects, or JSON Lines
/// (the API accepts what the CLI reads). Each record is parsed on its own, so one bad record
/// costs only itself; the error names the record (`origin:N`).
pub fn parse_body(bytes: &[u8], origin: &str) -> Vec<Result<RawDocument, String>> {
    let trimmed = bytes.trim_ascii_start();
    if trimmed.starts_with(b"[") || serde_json::from_slice::<Value>(bytes).is_ok() {
        return match parse_json_file(bytes, origin) {
            Ok(docs) => docs.into_iter().map(Ok).collect(),
            Err(e) => vec![Err(format!("{origin}: {e}"))],
        };
    }
    bytes
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(_, line)| !line.trim_ascii().is_empty())
        .map(|(i, line)| {
            let at = format!("{origin}:{}", i + 1);
            parse_line(line, &at).map_err(|e| format!("{at}: {e}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn synonyms_and_fallback_id() {
        let d = parse_line(
            br#"{"body":"Floods hit.","date":"2026-04-02","authors":["A","B"],"site":"X"}"#,
            "7",
        )
        .unwrap();
        assert_eq!(d.id, "7");
        assert_eq!(d.format, RawFormat::Text);
        assert_eq!(d.hints.published.as_deref(), Some("2026-04-02"));
        assert_eq!(d.hints.author.as_deref(), Some("A, B"));
        assert_eq!(d.hints.outlet.as_deref(), Some("X"));
    }

    #[test]
    fn html_in_text_field_is_html() {
        let d = parse_line(
            br#"{"id":3,"text":"<!DOCTYPE html><html><body><p>x</p></body></html>"}"#,
            "1",
        )
        .unwrap();
        assert_eq!(d.id, "3");
        assert_eq!(d.format, RawFormat::Html);
    }

    #[test]
    fn bodies_in_every_shape() {
        let one = parse_body(br#"{"id":"a","text":"Rain."}"#, "body");
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].as_ref().unwrap().id, "a");
        let arr = parse_body(br#" [{"text":"Rain."},{"text":"Sun."}]"#, "body");
        assert_eq!(arr[1].as_ref().unwrap().id, "body:2");
        let lines = parse_body(
            b"{\"text\":\"Rain.\"}\n\n{\"text\": \n{\"text\":\"Sun.\"}\n",
            "body",
        );
        assert_eq!(lines.len(), 3);
        assert!(lines[1]
            .as_ref()
            .unwrap_err()
            .starts_with("body:3: malformed JSON"));
        assert_eq!(lines[2].as_ref().unwrap().id, "body:4");
    }

    #[test]
    fn bad_records_say_why() {
        assert!(parse_line(b"{\"text\": ", "1")
            .unwrap_err()
            .contains("malformed JSON"));
        assert!(parse_line(b"[1,2]", "1")
            .unwrap_err()
            .contains("JSON object"));
        assert!(parse_line(br#"{"id":"a"}"#, "1")
            .unwrap_err()
            .contains("no \"text\""));
        assert!(parse_line(b"{\"text\":\"\xff\"}", "1")
            .unwrap_err()
            .contains("UTF-8"));
    }
}
