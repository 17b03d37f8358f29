//! Main-content and metadata extraction from HTML pages.
//!
//! The page is cut into text blocks (runs of text between block-level boundaries). Each block
//! gets a signed score: long, sentence-like, link-poor text is positive, link lists and chrome
//! inside elements whose class/id/role/tag say "navigation, comments, sharing, …" negative. Scores
//! are summed bottom-up over the tree in one reverse scan, and the element with the largest sum is
//! the article container: it holds as much story and as little chrome as possible. Its blocks,
//! minus the chrome inside it, are the body.

use std::collections::BTreeMap;

use storyline_model::Document;

use crate::dom::{push_collapsed, Attr, Dom, Tag};
use crate::meta;

const NONE: u32 = u32::MAX;

/// Class/id words that mark chrome no matter what else the element says.
const STRONG_NEG: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "related",
    "share",
    "sharing",
    "sharebar",
    "social",
    "socials",
    "newsletter",
    "cookie",
    "cookies",
    "consent",
    "promo",
    "promotion",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "adslot",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "caption",
    "figcaption",
    "byline",
    "subscribe",
    "subscription",
    "signup",
    "outbrain",
    "taboola",
    "recommended",
    "recommendations",
    "recirc",
    "popup",
    "modal",
    "trending",
    "popular",
    "masthead",
    "pagination",
    "pager",
    "sponsored",
    "disqus",
    "donate",
    "donation",
    "toolbar",
    "sr",
    "screenreader",
    "visually",
    "offscreen",
    "skip",
    "login",
    "newsletters",
    "widget",
    "widgets",
    "jump",
];

/// Class/id words that mark chrome unless the element also looks like content.
const WEAK_NEG: &[&str] = &[
    "header",
    "meta",
    "tags",
    "tag",
    "author",
    "date",
    "time",
    "timestamp",
    "dateline",
    "banner",
    "hidden",
    "print",
    "tools",
    "credit",
    "credits",
    "bio",
    "rail",
    "topics",
    "keywords",
    "follow",
    "disclaimer",
    "copyright",
    "legal",
    "kicker",
    "gallery",
    "teaser",
    "teasers",
];

/// Class/id fragments that mark the article itself.
const POS: &[&str] = &[
    "article", "story", "body", "content", "entry", "post", "text", "main", "blog",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hint {
    None,
    /// Chrome for sure (strong class words, roles).
    Junk,
    /// Chrome by a strong class word: overruled only when the element holds nearly all the story.
    StrongJunk,
    /// Chrome by tag or a weak class word: overruled when the element holds most of the story.
    WeakJunk,
    Content,
}

fn class_hint(dom: &Dom, i: usize) -> Hint {
    let tag = dom.nodes[i].tag;
    if matches!(tag, Tag::Body | Tag::Html) {
        return Hint::None;
    }
    if matches!(
        tag,
        Tag::Nav
            | Tag::Aside
            | Tag::Footer
            | Tag::Figure
            | Tag::Figcaption
            | Tag::Form
            | Tag::Header
    ) {
        // A <form> wrapping the whole page (old ASP.NET sites) is not chrome; the sums sort that
        // out because only a block's innermost junk ancestor inside the container matters.
        if tag != Tag::Form {
            return Hint::WeakJunk;
        }
    }
    if let Some(role) = dom.attr(i, Attr::Role) {
        match role.trim().to_ascii_lowercase().as_str() {
            "navigation" | "banner" | "complementary" | "contentinfo" | "menu" | "menubar"
            | "dialog" | "alertdialog" | "search" | "toolbar" => return Hint::Junk,
            "main" | "article" => return Hint::Content,
            _ => {}
        }
    }
    if let Some(ip) = dom.attr(i, Attr::Itemprop) {
        let ip = ip.to_ascii_lowercase();
        if ip.contains("articlebody") || ip == "text" {
            return Hint::Content;
        }
    }
    let mut comment = false;
    let mut strong = false;
    let mut weak = false;
    let mut pos = false;
    for a in [Attr::Class, Attr::Id] {
        let Some(v) = dom.attr(i, a) else { continue };
        for tok in v
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|t| !t.is_empty())
        {
            let t = tok.to_ascii_lowercase();
            if t.starts_with("comment") || t == "disqus" {
                comment = true;
            }
            if STRONG_NEG.contains(&t.as_str())
                || [
                    "comment",
                    "related",
                    "share",
                    "social",
                    "newsletter",
                    "sidebar",
                    "promo",
                    "advert",
                    "cookie",
                    "breadcrumb",
                    "subscri",
                    "recommend",
                    "outbrain",
                    "taboola",
                    "footer",
                    "caption",
                    "byline",
                ]
                .iter()
                .any(|p| t.starts_with(p))
            {
                strong = true;
            } else if WEAK_NEG.contains(&t.as_str()) {
                weak = true;
            } else if POS.iter().any(|p| t.contains(p)) {
                pos = true;
            }
        }
    }
    if comment {
        Hint::Junk
    } else if strong {
        Hint::StrongJunk
    } else if weak && !pos && !matches!(tag, Tag::Article | Tag::Main) {
        Hint::WeakJunk
    } else if pos || matches!(tag, Tag::Article | Tag::Main) {
        Hint::Content
    } else {
        Hint::None
    }
}

fn is_hidden(dom: &Dom, i: usize) -> bool {
    if dom.attr(i, Attr::Hidden).is_some() {
        return true;
    }
    if dom
        .attr(i, Attr::AriaHidden)
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    dom.attr(i, Attr::Style).is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// A run of text between block boundaries.
#[derive(Debug)]
struct Block {
    /// The innermost block-level element containing the text.
    owner: u32,
    /// Innermost ancestor (or the owner) hinted as chrome, or [`NONE`].
    junk: u32,
    text: String,
    words: u32,
    link_words: u32,
    heading: bool,
    h1: bool,
    list_item: bool,
}

impl Block {
    fn link_density(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.link_words as f32 / self.words as f32
        }
    }

    fn ends_sentence(&self) -> bool {
        let t = self.text.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '\'' | '”' | '’' | ')' | '»')
        });
        t.ends_with(['.', '!', '?', ':', '…'])
    }

    fn score(&self, inside_junk: bool) -> f32 {
        let w = self.words as f32;
        if self.words == 0 {
            return 0.0;
        }
        let ld = self.link_density();
        if inside_junk {
            // Hinted chrome is dropped from the output anyway; it only weighs lightly against
            // a container (a caption or share bar should not split an article in two).
            return -1.0 - 0.25 * w;
        }
        if ld > 0.5 {
            return -w;
        }
        if self.heading {
            return 0.0;
        }
        let commas = self.text.matches(',').count() as f32;
        if self.words >= 20 {
            w * (1.0 - ld) + commas
        } else if self.words >= 6 && self.ends_sentence() {
            0.5 * w * (1.0 - ld)
        } else {
            -1.0 - ld * w
        }
    }
}

/// Cuts the page into blocks in one document-order walk.
fn blocks(dom: &Dom) -> Vec<Block> {
    struct Open {
        end: u32,
        block: bool,
        link: bool,
        owner_before: u32,
    }
    let mut out: Vec<Block> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut cur = String::new();
    let mut cur_links = 0u32;
    let mut owner = 0u32;
    let mut links = 0u32;
    let n = dom.nodes.len();

    let flush = |cur: &mut String, cur_links: &mut u32, owner: u32, out: &mut Vec<Block>| {
        let text = cur.trim();
        if !text.is_empty() {
            let tag = dom.nodes[owner as usize].tag;
            let words = meta::weighted_words(text) as u32;
            out.push(Block {
                owner,
                junk: NONE,
                text: text.to_string(),
                words,
                link_words: (*cur_links).min(words),
                heading: tag.is_heading(),
                h1: tag == Tag::H1,
                list_item: matches!(tag, Tag::Li | Tag::Dd | Tag::Dt),
            });
        }
        cur.clear();
        *cur_links = 0;
    };

    let mut i = 1;
    while i < n {
        while let Some(top) = stack.last() {
            if (i as u32) < top.end {
                break;
            }
            let Some(top) = stack.pop() else { break };
            if top.block {
                flush(&mut cur, &mut cur_links, owner, &mut out);
            }
            owner = top.owner_before;
            if top.link {
                links -= 1;
            }
        }
        let node = &dom.nodes[i];
        match node.tag {
            Tag::Text => {
                let t = dom.node_text(i);
                if links > 0 {
                    cur_links += meta::weighted_words(t) as u32;
                }
                if cur.ends_with('\n') {
                    let before = cur.len();
                    push_collapsed(&mut cur, t);
                    if cur[before..].starts_with(' ') {
                        cur.truncate(before);
                        push_collapsed(&mut cur, t.trim_start());
                    }
                } else {
                    push_collapsed(&mut cur, t);
                }
                i += 1;
            }
            Tag::Br => {
                let trimmed = cur.trim_end().len();
                cur.truncate(trimmed);
                if !cur.is_empty() && !cur.ends_with('\n') {
                    cur.push('\n');
                }
                i += 1;
            }
            Tag::Head
            | Tag::Title
            | Tag::Script
            | Tag::Style
            | Tag::Skip
            | Tag::Button
            | Tag::Meta
            | Tag::Link
            | Tag::Void => {
                i = (node.end as usize).max(i + 1);
            }
            tag => {
                if is_hidden(dom, i) {
                    i = (node.end as usize).max(i + 1);
                    continue;
                }
                let block = tag.is_block();
                let link = tag == Tag::A;
                if block {
                    flush(&mut cur, &mut cur_links, owner, &mut out);
                }
                stack.push(Open {
                    end: node.end,
                    block,
                    link,
                    owner_before: owner,
                });
                if block {
                    owner = i as u32;
                }
                if link {
                    links += 1;
                }
                i += 1;
            }
        }
    }
    flush(&mut cur, &mut cur_links, owner, &mut out);
    out
}

/// Metadata read from `<head>`, JSON-LD and a few marked-up elements.
#[derive(Debug, Default)]
struct PageMeta {
    metas: BTreeMap<String, String>,
    canonical: Option<String>,
    title_tag: Option<String>,
    h1: Option<String>,
    time: Option<String>,
    rel_author: Option<String>,
    byline: Option<String>,
    ld_headline: Option<String>,
    ld_published: Option<String>,
    ld_author: Option<String>,
    ld_publisher: Option<String>,
    ld_url: Option<String>,
}

fn read_meta(dom: &Dom) -> PageMeta {
    let mut m = PageMeta::default();
    for i in 0..dom.nodes.len() {
        match dom.nodes[i].tag {
            Tag::Meta => {
                let key = dom
                    .attr(i, Attr::Property)
                    .or_else(|| dom.attr(i, Attr::Name))
                    .or_else(|| dom.attr(i, Attr::Itemprop));
                if let (Some(k), Some(v)) = (
                    key,
                    dom.attr(i, Attr::Content)
                        .or_else(|| dom.attr(i, Attr::Datetime)),
                ) {
                    let v = v.trim();
                    if !v.is_empty() {
                        m.metas
                            .entry(k.trim().to_ascii_lowercase())
                            .or_insert_with(|| v.to_string());
                    }
                }
            }
            Tag::Link => {
                let rel = dom.attr(i, Attr::Rel).unwrap_or("").to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") && m.canonical.is_none() {
                    m.canonical = dom
                        .attr(i, Attr::Href)
                        .map(|h| h.trim().to_string())
                        .filter(|h| h.contains("://"));
                }
            }
            Tag::Title if m.title_tag.is_none() => {
                let t = dom.subtree_text(i);
                if !t.is_empty() {
                    m.title_tag = Some(t);
                }
            }
            Tag::H1 if m.h1.is_none() => {
                let t = dom.subtree_text(i);
                if !t.is_empty() {
                    m.h1 = Some(t);
                }
            }
            Tag::Time if m.time.is_none() => {
                m.time = dom.attr(i, Attr::Datetime).and_then(meta::normalize_date);
            }
            Tag::A
                if m.rel_author.is_none()
                    && dom.attr(i, Attr::Rel).is_some_and(|r| {
                        r.split_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("author"))
                    }) =>
            {
                m.rel_author = Some(dom.subtree_text(i))
                    .filter(|t| !t.is_empty() && t.split_whitespace().count() <= 6);
            }
            Tag::Script => {
                let ty = dom.attr(i, Attr::Type).unwrap_or("");
                if ty.trim().eq_ignore_ascii_case("application/ld+json") {
                    let raw: String = dom
                        .children(i)
                        .filter(|&c| dom.nodes[c].tag == Tag::Text)
                        .map(|c| dom.node_text(c))
                        .collect();
                    if let Ok(v) = serde_json::from_str::<serde_json::Value>(raw.trim()) {
                        read_json_ld(&v, &mut m, 0);
                    }
                }
            }
            Tag::Div | Tag::P | Tag::Other | Tag::Block | Tag::Section if m.byline.is_none() => {
                let cls = dom.attr(i, Attr::Class).unwrap_or("").to_ascii_lowercase();
                if cls.contains("byline") || cls.contains("author") {
                    let t = dom.subtree_text(i);
                    m.byline = meta::byline_name(&t);
                }
            }
            _ => {}
        }
    }
    m
}

fn json_str(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        serde_json::Value::Array(a) => a.iter().find_map(json_str),
        serde_json::Value::Object(o) => o
            .get("name")
            .and_then(json_str)
            .or_else(|| o.get("@id").and_then(json_str)),
        _ => None,
    }
}

fn json_names(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Array(a) => {
            let names: Vec<String> = a.iter().filter_map(json_names).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        serde_json::Value::Object(o) => o.get("name").and_then(json_str),
        serde_json::Value::String(s) => {
            Some(s.trim().to_string()).filter(|s| !s.is_empty() && !s.contains("://"))
        }
        _ => None,
    }
}

fn read_json_ld(v: &serde_json::Value, m: &mut PageMeta, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        serde_json::Value::Array(a) => a.iter().for_each(|x| read_json_ld(x, m, depth + 1)),
        serde_json::Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                read_json_ld(g, m, depth + 1);
            }
            let ty = o
                .get("@type")
                .map(|t| t.to_string().to_ascii_lowercase())
                .unwrap_or_default();
            let articleish = ty.contains("article")
                || ty.contains("posting")
                || ty.contains("report")
                || o.contains_key("headline");
            if !articleish {
                return;
            }
            if m.ld_headline.is_none() {
                m.ld_headline = o.get("headline").and_then(json_str);
            }
            if m.ld_published.is_none() {
                m.ld_published = o
                    .get("datePublished")
                    .and_then(json_str)
                    .and_then(|d| meta::normalize_date(&d));
            }
            if m.ld_author.is_none() {
                m.ld_author = o.get("author").and_then(json_names);
            }
            if m.ld_publisher.is_none() {
                m.ld_publisher = o.get("publisher").and_then(json_names);
            }
            if m.ld_url.is_none() {
                m.ld_url = o
                    .get("url")
                    .and_then(json_str)
                    .filter(|u| u.contains("://"));
            }
        }
        _ => {}
    }
}

/// Set each block's innermost chrome ancestor. A tag- or weakly-hinted element that holds at
/// least half of the page's story-like text is the story's wrapper, not chrome.
fn mark_junk(dom: &Dom, blocks: &mut [Block]) {
    let n = dom.nodes.len();
    let mut good = vec![0f32; n];
    for b in blocks.iter() {
        good[b.owner as usize] += b.score(false).max(0.0);
    }
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent as usize;
        let g = good[i];
        good[p] += g;
    }
    let total = good[0];
    let mut junk = vec![NONE; n];
    for i in 1..n {
        let inherited = junk[dom.nodes[i].parent as usize];
        junk[i] = inherited;
        if dom.nodes[i].tag == Tag::Text || !dom.nodes[i].tag.is_block() {
            continue;
        }
        match class_hint(dom, i) {
            Hint::Junk => junk[i] = i as u32,
            Hint::StrongJunk if good[i] < 0.75 * total || total == 0.0 => junk[i] = i as u32,
            Hint::WeakJunk if good[i] < 0.5 * total || total == 0.0 => junk[i] = i as u32,
            _ => {}
        }
    }
    for b in blocks.iter_mut() {
        b.junk = junk[b.owner as usize];
    }
}

fn pick_container(dom: &Dom, blocks: &[Block]) -> usize {
    let n = dom.nodes.len();
    let mut score = vec![0f32; n];
    for b in blocks {
        score[b.owner as usize] += b.score(b.junk != NONE);
    }
    let mut best = 0usize;
    let mut best_score = f32::MIN;
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent as usize;
        if p != i {
            let s = score[i];
            score[p] += s;
        }
        if dom.nodes[i].tag.is_block() && score[i] > best_score {
            best_score = score[i];
            best = i;
        }
    }
    if score[0] >= best_score || best_score <= 0.0 {
        best = 0;
    }
    best
}

/// The article body of `dom` as paragraphs separated by blank lines.
fn body_text(dom: &Dom, blocks: &[Block], root: usize, title: Option<&str>) -> String {
    let end = dom.nodes[root].end;
    let inside: Vec<&Block> = blocks
        .iter()
        .filter(|b| b.owner as usize >= root && b.owner < end)
        .filter(|b| {
            b.junk == NONE || (b.junk as usize) < root || (b.junk as usize == root && root == 0)
        })
        .filter(|b| !b.h1)
        .filter(|b| !(b.link_density() > 0.5 && !(b.words >= 15 && b.link_density() < 0.8)))
        .collect();
    let good = |b: &Block| b.words >= 12 || (b.words >= 6 && b.ends_sentence());
    let first = inside.iter().position(|b| good(b)).unwrap_or(0);
    let last = inside
        .iter()
        .rposition(|b| good(b))
        .map_or(inside.len(), |p| p + 1);
    let title_key = title.map(squash).unwrap_or_default();
    let mut out = String::new();
    for b in inside.get(first..last).unwrap_or(&[]) {
        if b.list_item && b.link_density() > 0.3 {
            continue;
        }
        for line in b.text.split('\n') {
            let line = line.trim();
            if line.is_empty() || (!title_key.is_empty() && squash(line) == title_key) {
                continue;
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(line);
        }
    }
    out
}

fn squash(s: &str) -> String {
    storyline_text::fold(s)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Extract the article of an HTML page; metadata already known in `hints` wins.
pub fn extract_html(html: &str, hints: &Document) -> Document {
    let dom = Dom::parse(html);
    let mut blocks = blocks(&dom);
    mark_junk(&dom, &mut blocks);
    let m = read_meta(&dom);
    let get = |k: &str| m.metas.get(k).cloned();

    let url = hints
        .url
        .clone()
        .or_else(|| m.canonical.clone())
        .or_else(|| get("og:url").filter(|u| u.contains("://")))
        .or_else(|| m.ld_url.clone());
    let outlet = hints
        .outlet
        .clone()
        .or_else(|| get("og:site_name"))
        .or_else(|| m.ld_publisher.clone())
        .or_else(|| get("application-name"))
        .or_else(|| url.as_deref().and_then(meta::outlet_from_url));
    let title = hints.title.clone().or_else(|| {
        get("og:title")
            .or_else(|| get("twitter:title"))
            .map(|t| meta::strip_title_suffix(&t, outlet.as_deref(), false))
            .or_else(|| m.ld_headline.clone())
            .or_else(|| m.h1.clone())
            .or_else(|| {
                m.title_tag
                    .as_deref()
                    .map(|t| meta::strip_title_suffix(t, outlet.as_deref(), true))
            })
            .filter(|t| !t.is_empty())
    });
    let published = hints.published.clone().or_else(|| {
        m.ld_published
            .clone()
            .or_else(|| {
                [
                    "article:published_time",
                    "datepublished",
                    "pubdate",
                    "publishdate",
                    "date",
                    "dc.date",
                    "dc.date.issued",
                    "dcterms.created",
                    "sailthru.date",
                    "parsely-pub-date",
                    "og:published_time",
                ]
                .iter()
                .find_map(|k| get(k).and_then(|d| meta::normalize_date(&d)))
            })
            .or_else(|| m.time.clone())
            .or_else(|| url.as_deref().and_then(meta::date_in_url))
            .or_else(|| {
                blocks
                    .iter()
                    .take(200)
                    .filter(|b| b.words <= 12)
                    .find_map(|b| meta::visible_date(&b.text))
            })
    });
    let author = hints.author.clone().or_else(|| {
        get("author")
            .filter(|a| !a.contains("://") && a.split_whitespace().count() <= 8)
            .or_else(|| m.ld_author.clone())
            .or_else(|| m.rel_author.clone())
            .or_else(|| m.byline.clone())
    });

    let root = pick_container(&dom, &blocks);
    let text = body_text(&dom, &blocks, root, title.as_deref());
    Document {
        id: hints.id.clone(),
        outlet,
        title,
        published,
        author,
        url,
        text,
    }
}

/// Debug dump (temporary).
#[doc(hidden)]
pub fn debug_dump(html: &str) -> String {
    let dom = Dom::parse(html);
    let mut blocks = blocks(&dom);
    mark_junk(&dom, &mut blocks);
    let root = pick_container(&dom, &blocks);
    let mut s = format!(
        "nodes {} blocks {} root {} tag {:?} class {:?} end {}\n",
        dom.nodes.len(),
        blocks.len(),
        root,
        dom.nodes[root].tag,
        dom.attr(root, Attr::Class),
        dom.nodes[root].end
    );
    for b in &blocks {
        let jc = if b.junk == NONE {
            String::new()
        } else {
            format!(
                "{:?}/{:?}/{:?}",
                dom.nodes[b.junk as usize].tag,
                dom.attr(b.junk as usize, Attr::Class),
                dom.attr(b.junk as usize, Attr::Id)
            )
        };
        s.push_str(&format!(
            "{jc} {} {:?} j{} w{} l{} sc{:.1} | {}\n",
            b.owner,
            dom.nodes[b.owner as usize].tag,
            if b.junk == NONE { -1 } else { b.junk as i64 },
            b.words,
            b.link_words,
            b.score(b.junk != NONE),
            b.text
                .chars()
                .take(80)
                .collect::<String>()
                .replace('\n', "⏎")
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_body_among_chrome() {
        let html = r##"<html><head><title>Bridge reopens after repairs | Valley Times</title>
        <meta property="og:site_name" content="Valley Times"></head><body>
        <nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
        <div class="main"><h1>Bridge reopens after repairs</h1>
        <p class="byline">By Ana Ruiz</p>
        <p>The old river bridge reopened on Monday after eight months of repairs, the city said in a statement.</p>
        <figure><img src="x.jpg"><figcaption>The bridge at dawn. Photo: Staff</figcaption></figure>
        <p>Engineers replaced the deck, the railings and two of the supports, which had been damaged by floods.</p>
        <div class="share-tools"><a href="#">Share on X</a> <a href="#">Email</a></div>
        </div>
        <ul class="related"><li><a href="/a">Other story about the same valley town</a></li></ul>
        <footer>© 2026 Valley Times. All rights reserved.</footer></body></html>"##;
        let d = extract_html(html, &Document::default());
        assert_eq!(d.title.as_deref(), Some("Bridge reopens after repairs"));
        assert_eq!(d.outlet.as_deref(), Some("Valley Times"));
        assert_eq!(d.author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(
            d.text,
            "The old river bridge reopened on Monday after eight months of repairs, the city said in a statement.\n\nEngineers replaced the deck, the railings and two of the supports, which had been damaged by floods."
        );
    }
}
