//! Article-extraction benchmark runner.
//!
//! Reads the dev pages of the extraction benchmark (`<data>/dev/html/<id>.html` and
//! `<data>/plaintext_dev/<id>.txt`), extracts every page, writes the JSONL prediction files
//! `eval.py` scores and `html_meta.jsonl` (title, date, outlet, author and URL per page, which
//! `bench/extract.py` checks), and prints pages per CPU-second of the HTML pass (pages already in
//! memory, best of several passes, single thread).
//!
//! It also times html5ever's spec-complete tokenizer alone over the same pages, with a sink that
//! only switches the raw-text states a tree builder would (script, style, title, …) and counts
//! tokens: the least any extractor built on that tokenizer would cost, to compare with the whole
//! of storyline's extraction.
//!
//! ```text
//! cargo run --release -p storyline-extract --example extract_bench -- [DATA_DIR] [OUT_DIR]
//! python3 DATA_DIR/eval.py --gold DATA_DIR/dev/ground_truth.jsonl --pred OUT_DIR/html_pred.jsonl
//! python3 DATA_DIR/eval.py --gold DATA_DIR/dev/ground_truth.jsonl --pred OUT_DIR/plaintext_pred.jsonl
//! ```

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use storyline_extract::{clean_text, extract_html};
use storyline_model::Document;

fn read_dir(dir: &Path, ext: &str) -> std::io::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().and_then(|e| e.to_str()) != Some(ext) {
            continue;
        }
        let Some(id) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .map(|s| s.trim_end_matches(".html").to_string())
        else {
            continue;
        };
        let bytes = fs::read(&path)?;
        out.push((id, String::from_utf8_lossy(&bytes).into_owned()));
    }
    out.sort();
    Ok(out)
}

fn write_preds(path: &Path, preds: &[(String, String)]) -> std::io::Result<()> {
    let mut f = std::io::BufWriter::new(fs::File::create(path)?);
    for (id, text) in preds {
        let line = serde_json::json!({ "id": id, "text": text });
        writeln!(f, "{line}")?;
    }
    Ok(())
}

/// Everything but the body, one JSON object per page, for the title/date/outlet figures.
fn write_metadata(path: &Path, docs: &[Document]) -> std::io::Result<()> {
    let mut f = std::io::BufWriter::new(fs::File::create(path)?);
    for d in docs {
        let line = serde_json::json!({
            "id": d.id,
            "title": d.title,
            "published": d.published,
            "outlet": d.outlet,
            "author": d.author,
            "url": d.url,
        });
        writeln!(f, "{line}")?;
    }
    Ok(())
}

/// CPU time of this process in seconds (user + system), from /proc where available.
fn cpu_seconds() -> Option<f64> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// Counts tokens and switches the tokenizer into the raw-text states of the HTML tree builder.
#[derive(Default)]
struct CountingSink {
    tokens: usize,
}

impl TokenSink for CountingSink {
    type Handle = ();

    fn process_token(&mut self, token: Token, _line: u64) -> TokenSinkResult<()> {
        self.tokens += 1;
        let Token::TagToken(tag) = token else {
            return TokenSinkResult::Continue;
        };
        if tag.kind != TagKind::StartTag {
            return TokenSinkResult::Continue;
        }
        match &*tag.name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "style" | "noscript" | "iframe" | "xmp" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

/// Tokens html5ever's tokenizer produces for `html`.
fn html5ever_tokens(html: &str) -> usize {
    let mut tok = Tokenizer::new(CountingSink::default(), TokenizerOpts::default());
    let mut input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tok.feed(&mut input);
    tok.end();
    tok.sink.tokens
}

/// Best CPU seconds per pass of `f` over all pages (3 rounds of `PASSES` passes).
fn time_passes(pages: &[(String, String)], f: impl Fn(&str, &str) -> usize) -> f64 {
    // CPU time from /proc ticks at 10 ms, so each timed round runs several passes.
    const PASSES: usize = 5;
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let (wall, cpu) = (Instant::now(), cpu_seconds());
        let mut n = 0usize;
        for _ in 0..PASSES {
            for (id, html) in pages {
                n += f(id, html);
            }
        }
        std::hint::black_box(n);
        let secs = match (cpu, cpu_seconds()) {
            (Some(a), Some(b)) if b > a => b - a,
            _ => wall.elapsed().as_secs_f64(),
        };
        best = best.min(secs / PASSES as f64);
    }
    best
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let data = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "../shared/data/extract".into()),
    );
    let out = PathBuf::from(args.next().unwrap_or_else(|| "target/extract_bench".into()));
    fs::create_dir_all(&out)?;

    let pages = read_dir(&data.join("dev/html"), "html")?;
    let hints = |id: &str| Document {
        id: id.to_string(),
        ..Document::default()
    };
    let docs: Vec<Document> = pages
        .iter()
        .map(|(id, html)| extract_html(html, &hints(id)))
        .collect();
    let preds: Vec<(String, String)> = docs
        .iter()
        .map(|d| (d.id.clone(), d.text.clone()))
        .collect();
    write_preds(&out.join("html_pred.jsonl"), &preds)?;
    write_metadata(&out.join("html_meta.jsonl"), &docs)?;

    let bytes: usize = pages.iter().map(|(_, h)| h.len()).sum();
    let report = |what: &str, secs: f64| {
        println!(
            "{what}: {} pages, {:.1} MB, {:.4} CPU-s per pass => {:.0} pages/CPU-s",
            pages.len(),
            bytes as f64 / 1e6,
            secs,
            pages.len() as f64 / secs
        );
    };
    report(
        "html",
        time_passes(&pages, |id, html| extract_html(html, &hints(id)).text.len()),
    );
    report(
        "html5ever tokenizer alone",
        time_passes(&pages, |_, html| html5ever_tokens(html)),
    );

    let texts = read_dir(&data.join("plaintext_dev"), "txt")?;
    let preds: Vec<(String, String)> = texts
        .iter()
        .map(|(id, t)| (id.clone(), clean_text(t, &hints(id)).text))
        .collect();
    write_preds(&out.join("plaintext_pred.jsonl"), &preds)?;
    println!("plaintext: {} pages", texts.len());
    println!("predictions in {}", out.display());
    Ok(())
}
