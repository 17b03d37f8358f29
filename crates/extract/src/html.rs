//! Main-content and metadata extraction from HTML pages.
//!
//! The page is cut into text blocks (runs of text between block-level boundaries). Each block
//! gets a signed score: long, sentence-like, link-poor text is positive, link lists and chrome
//! inside elements whose class/id/role/tag say "navigation, comments, sharing, …" negative. Scores
//! are summed bottom-up over the tree in one reverse scan, and the element with the largest sum is
//! the article container: it holds as much story and as little chrome as possible. Its blocks,
//! minus the chrome inside it, are the body.

use std::collections::BTreeMap;

use storyline_text::FastMap;

use storyline_model::Document;

use crate::dom::{push_collapsed, Attr, Dom, Tag};
use crate::meta;

const NONE: u32 = u32::MAX;

/// Score multiplier of elements hinted as the article when choosing the container.
const CONTENT_BONUS: f32 = 1.2;

/// Class/id words that mark chrome no matter what else the element says.
fn is_strong_neg(t: &str) -> bool {
    matches!(
        t,
        "comment"
            | "comments"
            | "commentlist"
            | "related"
            | "share"
            | "sharing"
            | "sharebar"
            | "social"
            | "socials"
            | "newsletter"
            | "cookie"
            | "cookies"
            | "consent"
            | "promo"
            | "promotion"
            | "advert"
            | "advertisement"
            | "ad"
            | "ads"
            | "adslot"
            | "sidebar"
            | "breadcrumb"
            | "breadcrumbs"
            | "footer"
            | "nav"
            | "navbar"
            | "navigation"
            | "menu"
            | "caption"
            | "figcaption"
            | "byline"
            | "subscribe"
            | "subscription"
            | "signup"
            | "outbrain"
            | "taboola"
            | "recommended"
            | "recommendations"
            | "recirc"
            | "popup"
            | "modal"
            | "trending"
            | "popular"
            | "masthead"
            | "pagination"
            | "pager"
            | "sponsored"
            | "disqus"
            | "donate"
            | "donation"
            | "toolbar"
            | "sr"
            | "screenreader"
            | "visually"
            | "offscreen"
            | "skip"
            | "login"
            | "newsletters"
            | "widget"
            | "widgets"
            | "jump"
    )
}

/// Class/id words that mark chrome unless the element also looks like content.
fn is_weak_neg(t: &str) -> bool {
    matches!(
        t,
        "header"
            | "meta"
            | "tags"
            | "tag"
            | "author"
            | "date"
            | "time"
            | "timestamp"
            | "dateline"
            | "banner"
            | "hidden"
            | "print"
            | "tools"
            | "credit"
            | "credits"
            | "bio"
            | "rail"
            | "topics"
            | "keywords"
            | "follow"
            | "disclaimer"
            | "copyright"
            | "legal"
            | "kicker"
            | "gallery"
            | "teaser"
            | "teasers"
    )
}

/// Whether a class/id word contains a fragment that marks the article itself (`article`, `story`,
/// `body`, `content`, `entry`, `post`, `text`, `main`, `blog`): one pass over the bytes instead
/// of a substring search per fragment, as this runs for every class word of every element.
fn has_content_fragment(t: &str) -> bool {
    let b = t.as_bytes();
    (0..b.len()).any(|i| {
        let r = &b[i..];
        match b[i] {
            b'a' => r.starts_with(b"article"),
            b's' => r.starts_with(b"story"),
            b'b' => r.starts_with(b"body") || r.starts_with(b"blog"),
            b'c' => r.starts_with(b"content"),
            b'e' => r.starts_with(b"entry"),
            b'p' => r.starts_with(b"post"),
            b't' => r.starts_with(b"text"),
            b'm' => r.starts_with(b"main"),
            _ => false,
        }
    })
}

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

/// What the words of a class or id attribute say.
#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    comment: bool,
    strong: bool,
    weak: bool,
    pos: bool,
}

/// Prefixes that make a class word chrome (`related-posts`, `sharebar`, `subscribeBox`, …).
const STRONG_PREFIX: &[&str] = &[
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
];

impl Flags {
    fn of(v: &str) -> Flags {
        let mut f = Flags::default();
        for tok in v
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|t| !t.is_empty())
        {
            let t = tok.to_ascii_lowercase();
            let t = t.as_str();
            if t.starts_with("comment") || t == "disqus" {
                f.comment = true;
            }
            if is_strong_neg(t) || STRONG_PREFIX.iter().any(|p| t.starts_with(p)) {
                f.strong = true;
            } else if is_weak_neg(t) {
                f.weak = true;
            } else if has_content_fragment(t) {
                f.pos = true;
            }
        }
        f
    }

    fn or(self, o: Flags) -> Flags {
        Flags {
            comment: self.comment || o.comment,
            strong: self.strong || o.strong,
            weak: self.weak || o.weak,
            pos: self.pos || o.pos,
        }
    }
}

/// Class strings repeat across a page (every menu item, every teaser): their flags are
/// computed once per distinct string.
type FlagCache<'a> = FastMap<&'a str, Flags>;

fn class_hint<'a>(dom: &'a Dom, i: usize, cache: &mut FlagCache<'a>) -> Hint {
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
    let mut f = Flags::default();
    if let Some(v) = dom.attr(i, Attr::Class) {
        f = f.or(*cache.entry(v).or_insert_with(|| Flags::of(v)));
    }
    if let Some(v) = dom.attr(i, Attr::Id) {
        f = f.or(Flags::of(v));
    }
    let Flags {
        comment,
        strong,
        weak,
        pos,
    } = f;
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
        } else if self.list_item && self.words >= 6 && ld < 0.2 {
            // Bullet points of an article: neither clearly story nor chrome.
            0.25 * w
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
    /// The first [`MAX_H1`] visible `<h1>`s: the headline, but also logos and section names.
    h1s: Vec<Heading>,
    time: Option<String>,
    rel_author: Option<String>,
    byline: Option<String>,
    ld_headline: Option<String>,
    ld_published: Option<String>,
    ld_author: Option<String>,
    ld_publisher: Option<String>,
    ld_url: Option<String>,
}

#[derive(Debug)]
struct Heading {
    text: String,
    /// Marked up as the headline (`itemprop="headline"`, a title/headline class or id).
    marked: bool,
}

/// `<h1>`s read per page; pages with more are lists of teasers, not one article.
const MAX_H1: usize = 16;

/// Whether the element's markup says it is the headline (and not the site's name).
fn marked_headline(dom: &Dom, i: usize) -> bool {
    if dom
        .attr(i, Attr::Itemprop)
        .is_some_and(|v| v.to_ascii_lowercase().contains("headline"))
    {
        return true;
    }
    [Attr::Class, Attr::Id].iter().any(|&a| {
        dom.attr(i, a).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            (v.contains("title") || v.contains("headline"))
                && !["site", "logo", "brand", "blog"]
                    .iter()
                    .any(|w| v.contains(w))
        })
    })
}

fn read_meta(dom: &Dom) -> PageMeta {
    let mut m = PageMeta::default();
    let mut byline_tries = 0;
    // An empty `<h1>` or author link is read once, not again for every one nested inside it:
    // junk markup can nest hundreds of them, each holding the rest of the page.
    let (mut h1_read_to, mut author_read_to) = (0, 0);
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
            Tag::H1 if m.h1s.len() < MAX_H1 && i >= h1_read_to => {
                h1_read_to = dom.nodes[i].end as usize;
                let text = dom.subtree_text(i);
                if !text.is_empty() && !is_hidden(dom, i) {
                    let marked = marked_headline(dom, i);
                    m.h1s.push(Heading { text, marked });
                }
            }
            Tag::Time if m.time.is_none() => {
                m.time = dom.attr(i, Attr::Datetime).and_then(meta::normalize_date);
            }
            Tag::A
                if m.rel_author.is_none()
                    && i >= author_read_to
                    && dom.attr(i, Attr::Rel).is_some_and(|r| {
                        r.split_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("author"))
                    }) =>
            {
                author_read_to = dom.nodes[i].end as usize;
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
            Tag::Div | Tag::P | Tag::Other | Tag::Block | Tag::Section
                if m.byline.is_none() && byline_tries < 8 =>
            {
                let cls = dom.attr(i, Attr::Class).unwrap_or("").to_ascii_lowercase();
                // Bylines are small; bounding the subtree (and the number of tries) keeps the
                // whole page linear even when "author" classes nest.
                let small = (dom.nodes[i].end as usize).saturating_sub(i) <= 64;
                if small && (cls.contains("byline") || cls.contains("author")) {
                    byline_tries += 1;
                    m.byline = meta::byline_name(&dom.subtree_text(i));
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
/// Returns which elements say they are the article (class/id/role/itemprop/tag).
fn mark_junk(dom: &Dom, blocks: &mut [Block]) -> Vec<bool> {
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
    let mut content = vec![false; n];
    let mut cache = FlagCache::default();
    for i in 1..n {
        let inherited = junk[dom.nodes[i].parent as usize];
        junk[i] = inherited;
        if dom.nodes[i].tag == Tag::Text || !dom.nodes[i].tag.is_block() {
            continue;
        }
        match class_hint(dom, i, &mut cache) {
            Hint::Junk => junk[i] = i as u32,
            Hint::StrongJunk if good[i] < 0.75 * total || total == 0.0 => junk[i] = i as u32,
            Hint::WeakJunk if good[i] < 0.5 * total || total == 0.0 => junk[i] = i as u32,
            Hint::Content => content[i] = true,
            _ => {}
        }
    }
    for b in blocks.iter_mut() {
        b.junk = junk[b.owner as usize];
    }
    content
}

/// The element holding the article: the largest bottom-up score sum, where an element that
/// calls itself the article gets a small edge over an equally good wrapper or neighbour.
fn pick_container(dom: &Dom, blocks: &[Block], content: &[bool]) -> usize {
    let n = dom.nodes.len();
    let mut score = vec![0f32; n];
    // A story paragraph sits among story paragraphs; a teaser excerpt sits alone between link
    // headlines and dates. Alone, a positive block counts for less.
    let visible: Vec<&Block> = blocks.iter().filter(|b| b.junk == NONE).collect();
    let good: Vec<bool> = visible
        .iter()
        .map(|b| b.words >= 10 && b.score(false) > 0.0)
        .collect();
    for (k, b) in visible.iter().enumerate() {
        let mut s = b.score(false);
        let prev = k > 0 && good[k - 1];
        let next = good.get(k + 1).copied().unwrap_or(false);
        if s > 0.0 && !prev && !next {
            s *= 0.3;
        }
        score[b.owner as usize] += s;
    }
    for b in blocks.iter().filter(|b| b.junk != NONE) {
        score[b.owner as usize] += b.score(true);
    }
    let mut best = 0usize;
    let mut best_score = f32::MIN;
    for i in (1..n).rev() {
        let p = dom.nodes[i].parent as usize;
        if p != i {
            let s = score[i];
            score[p] += s;
        }
        let container = dom.nodes[i].tag.is_block()
            && !dom.nodes[i].tag.is_heading()
            && !matches!(
                dom.nodes[i].tag,
                Tag::P | Tag::Li | Tag::Dt | Tag::Dd | Tag::Pre
            );
        let s = if content[i] {
            score[i] * CONTENT_BONUS
        } else {
            score[i]
        };
        if container && s > best_score {
            best_score = s;
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
    let title_key = title.map(squash).unwrap_or_default();
    let title_len = title.map_or(0, str::len);
    let mut out = String::new();
    for b in &inside {
        if b.words < 30 && crate::plain::is_boilerplate(&b.text) {
            continue;
        }
        if b.list_item && b.link_density() > 0.3 && b.words < 20 {
            continue;
        }
        for line in b.text.split('\n') {
            let line = line.trim();
            // Folding is costly; only a line about as long as the title can equal it.
            let near = line.len() + 8 >= title_len && line.len() <= title_len * 2 + 8;
            if line.is_empty() || (!title_key.is_empty() && near && squash(line) == title_key) {
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

/// The name in the page's last "© 2026 Name" line: when the page gives neither metadata nor a
/// URL, its footer still says whose it is.
fn copyright_holder(blocks: &[Block]) -> Option<String> {
    blocks
        .iter()
        .rev()
        .take(100)
        .filter(|b| b.words <= 20)
        .filter(|b| {
            b.text.contains('©')
                || b.text
                    .get(..10)
                    .is_some_and(|p| p.eq_ignore_ascii_case("copyright "))
        })
        .find_map(|b| meta::name_in_line(&b.text))
}

/// The headline a reader sees. Metadata titles are often a social or search rewording of it
/// ("Opinion | …", a shorter `og:title`, a `<title>` with the site's name), and a page's `<h1>`
/// can also be its logo or a section name; so the `<h1>` that agrees best with what the metadata
/// says is taken, then an `<h1>` marked up as the headline, and only then the metadata itself.
fn pick_title(m: &PageMeta, outlet: Option<&str>) -> Option<String> {
    let social = m
        .metas
        .get("og:title")
        .or_else(|| m.metas.get("twitter:title"))
        .map(|t| meta::strip_title_suffix(t, outlet, false));
    let title_tag = m
        .title_tag
        .as_deref()
        .map(|t| meta::strip_title_suffix(t, outlet, true));
    let stated: Vec<&str> = [
        social.as_deref(),
        m.ld_headline.as_deref(),
        title_tag.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let outlet_key = outlet.map(squash).unwrap_or_default();
    let headings = || m.h1s.iter().filter(|h| squash(&h.text) != outlet_key);
    let mut best: Option<(f32, &Heading)> = None;
    for h in headings() {
        let agreement = stated
            .iter()
            .map(|s| meta::title_agreement(&h.text, s))
            .fold(0.0, f32::max);
        if best.is_none_or(|(a, _)| agreement > a) {
            best = Some((agreement, h));
        }
    }
    best.filter(|(a, _)| *a >= 0.5)
        .map(|(_, h)| h)
        .or_else(|| headings().find(|h| h.marked))
        .map(|h| h.text.clone())
        .or(social)
        .or_else(|| m.ld_headline.clone())
        .or_else(|| headings().next().map(|h| h.text.clone()))
        .or(title_tag)
        .filter(|t| !t.is_empty())
}

/// Extract the article of an HTML page; metadata already known in `hints` wins.
pub fn extract_html(html: &str, hints: &Document) -> Document {
    let dom = Dom::parse(html);
    let mut blocks = blocks(&dom);
    let content = mark_junk(&dom, &mut blocks);
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
        .or_else(|| url.as_deref().and_then(meta::outlet_from_url))
        .or_else(|| copyright_holder(&blocks));
    let title = hints
        .title
        .clone()
        .or_else(|| pick_title(&m, outlet.as_deref()));
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
            // Some sites put the whole visible byline in the field: "By Jane Roe, Staff Writer".
            .map(|a| meta::byline_name(&a).unwrap_or(a))
    });

    let root = pick_container(&dom, &blocks, &content);
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

    #[test]
    fn title_is_the_visible_headline_not_its_social_rewording() {
        let page = |head: &str, body: &str| {
            let html = format!(
                "<html><head>{head}<meta property=\"og:site_name\" content=\"Harbour Gazette\"></head><body>{body}{}</body></html>",
                paras(3)
            );
            extract_html(&html, &Document::default()).title
        };
        // og:title is a shorter share-card wording; readers see the <h1>.
        assert_eq!(
            page(
                r#"<meta property="og:title" content="Ferry fares to rise"><title>Ferry fares to rise | Harbour Gazette</title>"#,
                "<h1>Island ferry fares to rise by a tenth from March, operator says</h1>"
            )
            .as_deref(),
            Some("Island ferry fares to rise by a tenth from March, operator says")
        );
        // A section label and the site's logo are <h1>s too; the headline is the one the
        // metadata agrees with.
        assert_eq!(
            page(
                r#"<title>Opinion | Why the harbour needs a second pier - Harbour Gazette</title>"#,
                "<h1>Harbour Gazette</h1><h1>Opinion</h1><h1>Why the harbour needs a second pier</h1>"
            )
            .as_deref(),
            Some("Why the harbour needs a second pier")
        );
        // Only the logo is an <h1> (the headline is an <h2>): the metadata title wins.
        assert_eq!(
            page(
                r#"<meta property="og:title" content="Storm closes the coast road">"#,
                "<h1>Harbour Gazette</h1><h2>Storm closes the coast road</h2>"
            )
            .as_deref(),
            Some("Storm closes the coast road")
        );
        // Worded differently from every metadata title but marked up as the headline.
        assert_eq!(
            page(
                r#"<meta property="og:title" content="Ten places to eat fish this summer">"#,
                r#"<h1 itemprop="headline">Our critics' favourite seafood kitchens along the bay</h1>"#
            )
            .as_deref(),
            Some("Our critics' favourite seafood kitchens along the bay")
        );
    }

    #[test]
    fn outlet_from_the_footer_when_nothing_else_names_it() {
        let html = format!(
            "<html><body><h1>Quarterly results</h1>{}<footer><p>©2026 Lakeside Instruments</p></footer></body></html>",
            paras(3)
        );
        let d = extract_html(&html, &Document::default());
        assert_eq!(d.outlet.as_deref(), Some("Lakeside Instruments"));
        // A known URL still names the outlet first.
        let hints = Document {
            url: Some("https://www.lakeside.example/news/q3".into()),
            ..Document::default()
        };
        assert_eq!(
            extract_html(&html, &hints).outlet.as_deref(),
            Some("lakeside.example")
        );
    }

    fn paras(n: usize) -> String {
        (0..n)
            .map(|i| format!("<p>Paragraph {i} of the story explains, in plain words and at some length, what the council decided and why it matters to residents.</p>"))
            .collect()
    }

    #[test]
    fn json_ld_graph_and_url_date() {
        let html = format!(
            r#"<html><head><script type="application/ld+json">{{"@graph":[{{"@type":"WebSite","name":"Ignored"}},
            {{"@type":"NewsArticle","headline":"Council backs tram plan","author":[{{"@type":"Person","name":"Ana Ruiz"}},{{"name":"Li Wei"}}],
            "publisher":{{"@type":"Organization","name":"Metro Ledger"}}}}]}}</script>
            <link rel="canonical" href="https://metroledger.example/2026/05/02/tram-plan"></head>
            <body><div class="content">{}</div></body></html>"#,
            paras(3)
        );
        let d = extract_html(&html, &Document::default());
        assert_eq!(d.title.as_deref(), Some("Council backs tram plan"));
        assert_eq!(d.author.as_deref(), Some("Ana Ruiz, Li Wei"));
        assert_eq!(d.outlet.as_deref(), Some("Metro Ledger"));
        assert_eq!(d.published.as_deref(), Some("2026-05-02"));
        assert_eq!(
            d.url.as_deref(),
            Some("https://metroledger.example/2026/05/02/tram-plan")
        );
        assert_eq!(d.text.split("\n\n").count(), 3);
    }

    #[test]
    fn hidden_and_scripted_text_never_leaks() {
        let html = format!(
            r#"<body><div>{}<p hidden>Secret hidden text that is long enough to count as a paragraph of the story.</p>
            <div style="display: none">Another invisible block that should never appear in the output text.</div>
            <noscript><p>Enable JavaScript to see the full content of this page on our site.</p></noscript>
            <template><p>Template paragraph with enough words to look like a story paragraph.</p></template></div></body>"#,
            paras(3)
        );
        let d = extract_html(&html, &Document::default());
        for leak in ["Secret", "invisible", "JavaScript", "Template paragraph"] {
            assert!(!d.text.contains(leak), "{leak} leaked");
        }
    }

    #[test]
    fn teaser_grid_does_not_outweigh_the_story() {
        let teasers: String = (0..8)
            .map(|i| format!(r#"<div class="card"><h3><a href="/s{i}">Other headline number {i} of the day</a></h3><div>Teaser text {i} summarising another story at length, so that it looks like a paragraph of prose.</div></div>"#))
            .collect();
        let html = format!(
            r#"<body><div class="post">{}</div><div class="grid">{teasers}</div></body>"#,
            paras(4)
        );
        let d = extract_html(&html, &Document::default());
        assert_eq!(d.text.split("\n\n").count(), 4, "{}", d.text);
        assert!(!d.text.contains("Teaser"));
    }

    #[test]
    fn bullet_points_of_the_article_are_kept() {
        let html = format!(
            r#"<body><article>{}<ul><li>Fares will fall by ten per cent for students and pensioners</li>
            <li>Night buses will run every thirty minutes on weekends</li></ul>{}</article>
            <ul class="menu"><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></body>"#,
            paras(2),
            paras(1)
        );
        let d = extract_html(&html, &Document::default());
        assert!(d.text.contains("Night buses will run"), "{}", d.text);
        assert!(!d.text.contains("Home"));
    }

    #[test]
    fn chinese_article_is_found() {
        let p = "<p>市议会周一批准了新的公共交通计划，其中包括三条公交线路和市中心的自行车道，工程将于明年春天开始。</p>";
        let html = format!(
            r#"<body><nav><a href="/">首页</a><a href="/n">新闻</a></nav><div>{p}{p}{p}</div></body>"#
        );
        let d = extract_html(&html, &Document::default());
        assert_eq!(d.text.split("\n\n").count(), 3, "{}", d.text);
        assert!(!d.text.contains("首页"));
    }
}
