#!/usr/bin/env python3
"""Generates a stream of realistic news pages for the throughput benchmark (bench/throughput.sh).

    bench/gen_corpus.py --docs 10000 --out /tmp/storyline-corpus/10k --format warc.gz,jsonl
    bench/gen_corpus.py --docs 1000 --out /tmp/c1k --format html --seed 7

Formats (each written under --out, never into the repository):
  html      html/NNNN/NNNNNNN.html, 1,000 pages per subdirectory (the publication date is only in
            the page's own metadata, as when pages are saved from a browser);
  jsonl     jsonl/corpus.jsonl, one {"id","url","html","published"?} per line (the id is the URL);
  jsonl.gz  the same, gzip-compressed (one member per chunk);
  warc.gz   warc/corpus-NNNNN.warc.gz, multi-member gzip WARC/1.0 files as a news crawl writes
            them (a warcinfo record, then one gzip member per `response` record with its HTTP
            headers; WARC-Date is the fetch time, a little after publication).
A manifest.json next to them records the arguments, sizes and counts, and gold.jsonl the event of
every page ({"id","file","cluster"}: the id is the URL, which is also what storyline names WARC
and JSONL documents by; the shape ../shared/data/cluster/eval.py reads).

What the pages are made of. Text comes from ../shared/data (ECB+ dev: 772 articles in 66 events;
Multi-News val: 620 articles in 228 stories). Every generated *event* takes one of those source
stories and gives it its own identity, so that thousands of events can be built from a few
hundred stories without turning into copies of each other:
  * names (words the sources write capitalised) are mapped, per event, onto other names of the
    sources: the event's actors and places are its own;
  * about half of the content words (not function words, months, weekdays or reporting verbs) are
    mapped, per event, onto other words of similar corpus frequency — odd prose, but the length,
    vocabulary statistics and sentence structure of news, consistent across the event's reports;
  * numbers are mapped per event (years are kept).
Each report of an event picks one source article of its story, keeps its lead, keeps or drops
each other paragraph, borrows paragraphs from sibling articles and swaps some neighbours. Event
sizes are heavy-tailed (a quarter are single reports, a few reach hundreds); reports of an event
follow its start over hours to days; some events return weeks later with the same actors (a
storyline). About 5 % of pages are syndicated near-copies of an earlier report of the same event
on another outlet (trimmed, a few words changed, an agency dateline). The stream is in crawl
order: publication times move forward with a few hours of jitter. Events start over --days days,
by default 60 days per million pages (about 16,700 pages a day at every size), so that a larger
corpus is a longer stream at the same density of news, as a crawl that runs longer.

Pages use one of eight site templates (24 outlets) with navigation, cookie banner, share bar,
newsletter box, in-article boilerplate, related links, comments, footer, inline CSS/JS,
OpenGraph/JSON-LD metadata and <time> — about 20–30 KB per page. Output is deterministic for a
given --seed and --docs (and independent of --jobs).
"""
import argparse, bisect, gzip, json, os, random, re, sys, time, uuid, zlib
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
CHUNK = 500  # documents per worker task (and per jsonl.gz member)

STOP = set("""a about above after again against all also am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just me
more most my myself no nor not now of off on once only or other our ours ourselves out over own same
she should so some such than that the their theirs them themselves then there these they this those
through to too under until up very was we were what when where which while who whom why will with
would you your yours yourself yourselves said says say saying told tells according added announced
reported stated asked noted explained would could might must shall may one two three four five six
seven eight nine ten first second third last next year years month months week weeks day days today
yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january february march
april june july august september october november december sept mr mrs ms dr percent per cent people
time times still even much many however although though since ago later earlier""".split())
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?|\d{1,3}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?")
SENT = re.compile(r"(?<=[.!?\"'\u201d)])\s+(?=[A-Z\"\u201c])")


def crc(seed, s):
    return zlib.crc32(s.encode(), seed)


# ----------------------------------------------------------------------------- sources

class Sources:
    """Source stories, the name pool and the frequency bands of the lexical map."""

    def __init__(self):
        stories = defaultdict(list)
        for line in open(SHARED / "cluster" / "ecbplus_dev.jsonl", encoding="utf-8"):
            r = json.loads(line)
            if len(r["text"]) > 200:
                stories["ecb:" + r["cluster"]].append((r.get("title") or None, paragraphs(r["text"])))
        for line in open(SHARED / "multinews" / "multinews_val_raw.jsonl", encoding="utf-8"):
            c = json.loads(line)
            for d in c["docs"]:
                if len(d["text"]) > 400:
                    stories["mn:" + c["cluster_id"]].append((d.get("title") or None, paragraphs(d["text"])))
        self.stories = [stories[k] for k in sorted(stories) if stories[k]]
        lower, upper = Counter(), Counter()
        for story in self.stories:
            for title, paras in story:
                for p in paras + ([title] if title else []):
                    for w in WORD.findall(p):
                        if w[0].isalpha():
                            (upper if w[0].isupper() else lower)[w.lower()] += 1
        # A name: a word the sources write capitalised at least 4 times in 5.
        self.names = sorted(w for w, n in upper.items()
                            if len(w) > 2 and w not in STOP and n >= 4 * lower.get(w, 0))
        self.name_set = set(self.names)
        self.name_pool = [w.capitalize() for w in self.names if w.isalpha()]
        content = sorted((w for w in lower if len(w) >= 4 and w.isalpha() and w not in STOP
                          and w not in self.name_set),
                         key=lambda w: (-lower[w], w))
        band = 64
        self.band_of = {w: content[(i // band) * band:(i // band + 1) * band] for i, w in enumerate(content)}
        self.titles = [t for story in self.stories for t, _ in story if t]


def paragraphs(text):
    paras = [p.strip() for p in re.split(r"\n+", text) if p.strip()]
    out = []
    for p in paras:
        if len(p) > 900:  # one-block articles: paragraphs of two or three sentences
            sents = SENT.split(p)
            step = 3 if len(sents) > 8 else 2
            out.extend(" ".join(sents[i:i + step]) for i in range(0, len(sents), step))
        else:
            out.append(p)
    return out


# ----------------------------------------------------------------------------- sites

FIRST = ["Anna", "David", "Maria", "James", "Sofia", "Michael", "Laura", "Daniel", "Elena", "Peter",
         "Grace", "Omar", "Lucy", "Ravi", "Hannah", "Tom", "Aisha", "Marco", "Julia", "Ben", "Nina",
         "Carlos", "Emma", "Kenji", "Sara", "Felix", "Chloe", "Ivan", "Priya", "Samuel"]
SECTIONS = ["World", "US", "Politics", "Business", "Markets", "Tech", "Science", "Health", "Sport",
            "Culture", "Opinion", "Climate", "Local", "Entertainment", "Travel", "Weather"]
SUBSECTIONS = ["Europe", "Asia", "Africa", "Americas", "Middle East", "Economy", "Companies",
               "Elections", "Courts", "Crime", "Education", "Football", "Tennis", "Basketball",
               "Cricket", "Film", "Music", "Books", "Television", "Space", "Energy", "Transport",
               "Housing", "Jobs", "Personal finance", "Startups", "Gadgets", "Games", "Food",
               "Style", "Obituaries", "Investigations", "Data", "Podcasts", "Video", "Photos",
               "Live", "Newsletters", "Puzzles", "Crosswords"]
AGENCIES = [("Boreal Press Agency", "BPA"), ("Strand News Service", "SNS"), ("Meridian Wire", "MW")]
# (outlet name, host, template index)
OUTLETS = [
    ("The Morning Ledger", "morningledger.example", 0), ("Harbor City Times", "harborcitytimes.example", 0),
    ("The Evening Standard-Gazette", "standardgazette.example", 0),
    ("Wire Daily", "wiredaily.example", 1), ("NewsDesk Now", "newsdesknow.example", 1),
    ("Atlas Magazine", "atlasmag.example", 2), ("The Long Read", "thelongread.example", 2),
    ("Current Affairs Review", "currentaffairs.example", 2),
    ("Portal24", "portal24.example", 3), ("InfoHub", "infohub.example", 3), ("NetNews", "netnews.example", 3),
    ("Valley Courier", "valleycourier.example", 4), ("Lakeside Herald", "lakesideherald.example", 4),
    ("County Chronicle", "countychronicle.example", 4),
    ("Signal", "signal-news.example", 5), ("Brief", "brief.example", 5), ("The Stack", "thestack.example", 5),
    ("National Broadcast News", "nbn.example", 6), ("Radio Metro", "radiometro.example", 6),
    ("Channel 9 News", "channel9.example", 6),
    ("The Financial Observer", "finobserver.example", 7), ("The Capital Post", "capitalpost.example", 7),
    ("The Northern Tribune", "northerntribune.example", 7), ("The Daily Record", "dailyrecord.example", 7),
]
OUTLET_WEIGHTS = [9, 6, 4, 8, 5, 3, 2, 2, 7, 5, 4, 3, 2, 2, 4, 3, 2, 6, 3, 3, 5, 5, 3, 4]


class Site:
    """What one outlet prints around every story: built once, deterministic per outlet."""

    def __init__(self, n, src):
        name, host, tpl = OUTLETS[n]
        r = random.Random(f"site:{host}")
        self.name, self.host, self.tpl = name, host, tpl
        self.sections = r.sample(SECTIONS, 10)
        self.css = css(r, 90 + 25 * tpl % 60)
        self.js = js(r, host)
        links = r.sample(SUBSECTIONS, 30)
        self.nav = "".join(f'<li class="nav-item"><a href="https://{host}/{slug(s)}/" data-track="nav-{slug(s)}">{s}</a></li>'
                           for s in self.sections)
        self.mega = "".join(f'<div class="mega-col"><h4>{s}</h4><ul>' + "".join(
            f'<li><a href="https://{host}/{slug(s)}/{slug(x)}/">{x}</a></li>' for x in links[i * 5:(i + 1) * 5])
            + "</ul></div>" for i, s in enumerate(self.sections[:6]))
        self.footer_links = "".join(f'<li><a href="https://{host}/{slug(x)}/">{x}</a></li>' for x in
                                    r.sample(SUBSECTIONS, 24) + ["About us", "Contact", "Careers", "Advertise",
                                                                 "Terms of use", "Privacy policy", "Cookie settings",
                                                                 "Accessibility", "Corrections", "Sitemap"])
        self.newsletter = r.choice([
            f"Get the day's top stories from {name} in your inbox every morning.",
            f"Sign up for the {name} newsletter: the news you need, before breakfast.",
            f"Subscribe to {name} Briefing, our free daily email.",
        ])
        self.support = r.choice([
            f"Support independent journalism: become a {name} member today.",
            f"{name} journalism is funded by readers like you. Subscribe from $1 a week.",
            f"You have read 3 of 5 free articles this month. Subscribe to {name} for unlimited access.",
        ])
        self.legal = (f"\u00a9 2026 {name}. All rights reserved. This material may not be published, "
                      "broadcast, rewritten or redistributed without permission. Use of this site "
                      "constitutes acceptance of our Terms of Use and Privacy Policy.")
        self.desks = [f"{r.choice(FIRST)} {r.choice(src.name_pool)}" for _ in range(12)]


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def css(r, rules):
    props = ["margin", "padding", "color", "background", "font-size", "line-height", "border", "display",
             "max-width", "letter-spacing", "font-weight", "grid-template-columns", "gap", "z-index"]
    vals = ["0", "1rem", "#1a1a1a", "#f4f4f4", "1.125rem", "1.6", "1px solid #ddd", "flex", "720px", ".02em",
            "700", "repeat(12,1fr)", "24px", "10", "none", "block", "auto", "0 auto", "#c00"]
    out = []
    for i in range(rules):
        sel = r.choice([".c", ".s-", "#m", ".nav-", ".story-", ".ad-", ".promo-"]) + "%x" % r.getrandbits(20)
        body = ";".join(f"{r.choice(props)}:{r.choice(vals)}" for _ in range(r.randint(2, 6)))
        out.append(f"{sel}{{{body}}}")
        if i % 15 == 0:
            out.append(f"@media (max-width:{r.choice([480, 768, 1024])}px){{{sel} .x{{display:none}}}}")
    return "".join(out)


def js(r, host):
    keys = ",".join(f'"{k}":"%x"' % r.getrandbits(32) for k in ["site", "zone", "tag", "pixel", "ab"])
    return ("window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}"
            f"gtag('js',new Date());gtag('config','G-{r.getrandbits(30):X}');"
            f"var __cfg={{{keys}}};(function(d,s){{var e=d.createElement(s);e.async=1;"
            f"e.src='https://cdn.{host}/static/app.'+__cfg.tag+'.js';d.head.appendChild(e)}})(document,'script');"
            "document.addEventListener('DOMContentLoaded',function(){var b=document.querySelector('.cookie-banner');"
            "if(b&&localStorage.getItem('consent')){b.style.display='none'}"
            "document.querySelectorAll('[data-share]').forEach(function(a){a.addEventListener('click',function(ev)"
            "{ev.preventDefault();window.open(a.href,'share','width=600,height=400')})})});")


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# ----------------------------------------------------------------------------- plan

class Plan:
    """Events and the crawl-ordered list of documents; cheap enough for millions of documents."""

    def __init__(self, n_docs, days, seed, n_stories):
        r = random.Random(f"{seed}:plan")
        events = []  # [story, start, spread, names_seed, lex_seed, size]
        total = 0
        while total < n_docs:
            size = min(3000, 1 + int(r.lognormvariate(0.8, 1.3)), n_docs - total)
            start = r.uniform(0, days)
            events.append([r.randrange(n_stories), start, r.uniform(0.15, 2.0), r.getrandbits(31),
                           r.getrandbits(31), size])
            total += size
        events.sort(key=lambda e: e[1])
        # Storylines: some events return, with the same actors and vocabulary, 12+ days later.
        last_of = {}
        for e in events:
            prev = last_of.get(e[0])
            if prev is not None and e[1] - prev[1] >= 12 and r.random() < 0.25:
                e[3], e[4] = prev[3], prev[4]
            last_of[e[0]] = e
        self.events = events
        docs = []  # (crawl time, published time, event, k)
        for ei, (_, start, spread, _, _, size) in enumerate(events):
            # Reports of events that start near the end run on past it, as a crawl that stops.
            times = sorted(start + r.expovariate(1 / spread) if k else start for k in range(size))
            for k, t in enumerate(times):
                docs.append((t + r.uniform(0.01, 0.25), t, ei, k))
        docs.sort()
        self.docs = docs


# ----------------------------------------------------------------------------- generation

class Generator:
    def __init__(self, args):
        self.args = args
        self.src = Sources()
        self.sites = [Site(i, self.src) for i in range(len(OUTLETS))]
        self.plan = Plan(args.docs, args.days, args.seed, len(self.src.stories))
        self.t0 = datetime(2026, 9, 1, tzinfo=timezone.utc)
        self.seed = args.seed
        self.cum_weights = []
        acc = 0
        for w in OUTLET_WEIGHTS:
            acc += w
            self.cum_weights.append(acc)

    # -- text

    def mapper(self, ev, report_seed=None):
        """The event's rewording (names, vocabulary, numbers); with `report_seed`, also the
        report's own choice of words: each writer picks other words for about 3 in 10 content
        words, so that reports of one event share their names and much of their vocabulary but
        are not copies of each other (only the syndicated copies are)."""
        _, _, _, names_seed, lex_seed, _ = self.plan.events[ev]
        src = self.src
        pool, band_of, name_set = src.name_pool, src.band_of, src.name_set

        def sub(m):
            w = m.group(0)
            c = w[0]
            if c.isdigit():
                digits = re.sub(r"\D", "", w)
                # Years, times, days of the month, scores and small counts stay as they are.
                if len(digits) < 3 or len(digits) == 4 and 1900 <= int(digits) <= 2035:
                    return w
                h = crc(lex_seed, digits)
                out, i = [], 0
                for ch in w:
                    if ch.isdigit():
                        d = (h >> (3 * i)) % 10 if i or len(digits) == 1 else 1 + (h % 9)
                        out.append(str(d))
                        i += 1
                    else:
                        out.append(ch)
                return "".join(out)
            lw = w.lower()
            if lw in STOP or len(lw) < 3:
                return w
            if lw in name_set:
                if not pool:
                    return w
                n = pool[crc(names_seed, lw) % len(pool)]
                return n.upper() if w.isupper() and len(w) > 1 else n
            b = band_of.get(lw)
            if b is None:
                return w
            h = crc(report_seed, lw) if report_seed is not None else 100
            if h % 100 >= 30:
                h = crc(lex_seed, lw)
                if h % 100 >= 50:
                    return w
            n = b[(h >> 8) % len(b)]
            if c.isupper():
                return n.upper() if w.isupper() else n.capitalize()
            return n

        return lambda s: WORD.sub(sub, s)

    def article(self, ev, k):
        """(title, paragraphs) of report k of event ev, before any copy edits."""
        story = self.src.stories[self.plan.events[ev][0]]
        r = random.Random(f"{self.seed}:a:{ev}:{k}")
        title, paras = story[r.randrange(len(story))]
        keep = [paras[0]] + [p for p in paras[1:] if r.random() < 0.75]
        if len(story) > 1:
            for _ in range(r.randint(0, 3)):
                _, other = story[r.randrange(len(story))]
                keep.insert(r.randint(1, max(1, len(keep))), other[r.randrange(len(other))])
        for i in range(1, len(keep) - 1):
            if r.random() < 0.2:
                keep[i], keep[i + 1] = keep[i + 1], keep[i]
        for i in range(1, len(keep)):
            sents = SENT.split(keep[i])
            if len(sents) > 2:
                keep[i] = " ".join([sents[0]] + [x for x in sents[1:] if r.random() >= 0.15])
        m = self.mapper(ev, r.getrandbits(31))
        paras = [m(p) for p in keep]
        if title:
            title = m(title)
        else:
            words = SENT.split(paras[0])[0].split()
            title = " ".join(words[: r.randint(7, 13)]).rstrip(",;:")
        return title, paras

    def doc(self, n):
        crawl_t, pub_t, ev, k = self.plan.docs[n]
        r = random.Random(f"{self.seed}:d:{n}")
        outlet = bisect.bisect_left(self.cum_weights, r.uniform(0, self.cum_weights[-1]))
        copy = k > 0 and r.random() < 0.05
        if copy:
            # A syndicated near-copy of an earlier report of the same event, on this outlet.
            title, paras = self.article(ev, r.randrange(k))
            if r.random() < 0.5 and len(paras) > 3:
                paras = paras[: len(paras) - r.randint(1, 2)]
            if r.random() < 0.6:
                words_of = self.src.band_of
                def edit(p):
                    ws = p.split(" ")
                    for i in range(len(ws)):
                        b = words_of.get(ws[i])
                        if b and r.random() < 0.03:
                            ws[i] = r.choice(b)
                    return " ".join(ws)
                paras = [edit(p) for p in paras]
            agency, short = AGENCIES[r.randrange(len(AGENCIES))]
            place = self.mapper(ev)(r.choice(["Washington", "London", "Paris", "Geneva", "Madrid"])).upper()
            paras[0] = f"{place} ({short}) \u2014 {paras[0]}"
            if r.random() < 0.5:
                paras.append(f"Reporting by {r.choice(FIRST)} {r.choice(self.src.name_pool)}; editing by "
                             f"{r.choice(FIRST)} {r.choice(self.src.name_pool)} for {agency}.")
        else:
            title, paras = self.article(ev, k)
        site = self.sites[outlet]
        pub = self.t0 + timedelta(days=pub_t)
        fetched = self.t0 + timedelta(days=crawl_t)
        url = (f"https://{site.host}/{slug(site.sections[r.randrange(len(site.sections))])}/"
               f"{pub:%Y/%m/%d}/{slug(' '.join(title.split()[:8]))[:70]}-{n:07d}")
        author = r.choice(site.desks)
        related = [self.mapper(r.randrange(len(self.plan.events)))(t)
                   for t in r.sample(self.src.titles, 6)]
        html = render(site, r, title, paras, pub, url, author, related)
        return {"n": n, "id": url, "url": url, "html": html, "event": ev,
                "published": pub.strftime("%Y-%m-%dT%H:%M:%SZ"), "fetched": fetched, "dated": r.random() < 0.97}


def render(site, r, title, paras, pub, url, author, related):
    iso = pub.strftime("%Y-%m-%dT%H:%M:%SZ")
    human = f"{MONTHS[pub.month - 1]} {pub.day}, {pub.year}, {pub.hour % 12 or 12}:{pub.minute:02d} {'am' if pub.hour < 12 else 'pm'}"
    t, name, host = esc(title), esc(site.name), site.host
    desc = esc(paras[0][:200])
    img = f"https://cdn.{host}/img/{r.getrandbits(48):012x}.jpg"
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": iso, "dateModified": iso, "author": {"@type": "Person", "name": author},
                     "publisher": {"@type": "Organization", "name": site.name,
                                   "logo": {"@type": "ImageObject", "url": f"https://{host}/logo.png"}},
                     "image": [img], "mainEntityOfPage": url, "description": paras[0][:200]},
                    ensure_ascii=False).replace("</", "<\\/")
    head = (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{t} | {name}</title>"
            f'<link rel="canonical" href="{url}"><meta name="description" content="{desc}">'
            f'<meta property="og:type" content="article"><meta property="og:title" content="{t}">'
            f'<meta property="og:site_name" content="{name}"><meta property="og:url" content="{url}">'
            f'<meta property="og:image" content="{img}"><meta property="og:description" content="{desc}">'
            f'<meta name="twitter:card" content="summary_large_image">'
            + (f'<meta property="article:published_time" content="{iso}">' if site.tpl not in (1, 4) else "")
            + (f'<meta name="author" content="{esc(author)}">' if site.tpl != 3 else "")
            + (f'<script type="application/ld+json">{ld}</script>' if site.tpl not in (1, 3) else "")
            + f'<link rel="stylesheet" href="https://cdn.{host}/static/main.css">'
            f"<style>{site.css}</style><script>{site.js}</script></head>")
    cookie = ('<div class="cookie-banner" role="dialog"><p>We use cookies and similar technologies to '
              "improve your experience, measure audiences and show you personalised advertising. You can "
              'change your choices at any time in Cookie settings.</p><button class="accept">Accept all</button>'
              '<button class="reject">Reject all</button><a href="/cookies">Manage preferences</a></div>')
    enc = url.replace(":", "%3A").replace("/", "%2F")
    share = ('<div class="share-bar"><span>Share</span>'
             f'<a data-share href="https://www.facebook.com/sharer/sharer.php?u={enc}">Facebook</a>'
             f'<a data-share href="https://twitter.com/intent/tweet?url={enc}">X</a>'
             f'<a data-share href="https://www.linkedin.com/shareArticle?url={enc}">LinkedIn</a>'
             f'<a href="mailto:?subject={esc(title[:60])}&amp;body={enc}">Email</a>'
             '<button class="copy-link">Copy link</button></div>')
    header = (f'<header class="site-header"><a class="logo" href="https://{host}/">{name}</a>'
              f'<nav class="main-nav" aria-label="Sections"><ul>{site.nav}</ul></nav>'
              f'<div class="mega-menu">{site.mega}</div><form class="search" action="/search">'
              '<input name="q" placeholder="Search"><button>Go</button></form>'
              '<a class="subscribe" href="/subscribe">Subscribe</a><a class="login" href="/login">Sign in</a></header>')
    rel = "".join(f'<li><a href="https://{host}/{slug(x[:40])}-{r.getrandbits(24)}">{esc(x)}</a></li>' for x in related)
    related_box = f'<aside class="related"><h3>More from {name}</h3><ul>{rel}</ul></aside>'
    newsletter = (f'<div class="newsletter-box"><h3>Newsletter</h3><p>{esc(site.newsletter)}</p>'
                  '<form action="/newsletter"><input type="email" placeholder="Email address">'
                  '<button>Sign up</button></form></div>')
    footer = (f'<footer class="site-footer"><ul class="footer-links">{site.footer_links}</ul>'
              f'<p class="legal">{esc(site.legal)}</p></footer>')
    ad = lambda: f'<div class="ad-slot" id="ad-{r.getrandbits(24):06x}" data-size="300x250"><span>Advertisement</span></div>'
    time_el = f'<time datetime="{iso}">{human}</time>'
    byline = f'<span class="byline">By <a rel="author" href="https://{host}/authors/{slug(author)}">{esc(author)}</a></span>'
    ps = [esc(p) for p in paras]
    tpl = site.tpl

    if tpl == 0:  # classic newspaper
        body = "".join(f"<p>{p}</p>" + (ad() if i == 3 else "") for i, p in enumerate(ps))
        main = (f'<main id="content"><article class="story"><div class="breadcrumb"><a href="/">Home</a> &rsaquo; '
                f'<a href="/{slug(site.sections[0])}/">{site.sections[0]}</a></div><h1 class="headline">{t}</h1>'
                f'<div class="meta">{byline} {time_el}</div>{share}<figure><img src="{img}" alt=""><figcaption>'
                f"{esc(related[0][:80])} (Photo: {name})</figcaption></figure>"
                f'<div class="story-body">{body}<p class="support"><em>{esc(site.support)}</em></p></div>'
                f"{share}</article>{related_box}{newsletter}</main>")
    elif tpl == 1:  # wire service: plain, the date only as text
        body = "".join(f'<p class="p">{p}</p>' for p in ps)
        main = (f'<div id="main"><div class="headline-wrap"><h1>{t}</h1><div class="dateline">'
                f'<span class="date">{human} UTC</span> | {byline}</div></div>'
                f'<div class="article-body">{body}</div><div class="tags">Topics: '
                + ", ".join(f'<a href="/tag/{slug(s)}">{s}</a>' for s in site.sections[:4])
                + f"</div>{related_box}</div>")
    elif tpl == 2:  # magazine: sections, pull quote, inline read-more
        mid = max(1, len(ps) // 2)
        quote = esc(paras[min(len(paras) - 1, 1)][:140])
        body = ("".join(f"<p>{p}</p>" for p in ps[:mid])
                + f'<blockquote class="pull-quote">{quote}</blockquote>'
                + f'<p class="read-more"><strong>Read more:</strong> <a href="/x">{esc(related[1])}</a></p>'
                + "".join(f"<p>{p}</p>" for p in ps[mid:]))
        main = (f'<main><article><header class="article-header"><p class="kicker">{site.sections[1]}</p>'
                f'<h1>{t}</h1><p class="standfirst">{desc}</p><p class="byline-wrap">{byline} \u00b7 {time_el}'
                f'</p></header><section class="article-content">{body}</section>'
                f'<section class="author-bio"><p>{esc(author)} is a staff writer at {name}.</p></section>'
                f"</article>{newsletter}{related_box}</main>")
    elif tpl == 3:  # portal: columns, <br> paragraphs, trending list
        body = "<br><br>".join(ps)
        trend = "".join(f"<li><span>{i + 1}</span><a href='/t/{i}'>{esc(x)}</a></li>" for i, x in enumerate(related[::-1]))
        main = (f'<div class="row"><div class="col-8"><h1 class="title">{t}</h1><div class="info">'
                f'{time_el} \u2013 {esc(author)}</div><div class="text">{body}</div>'
                f'<div class="source">Source: {name}</div></div><div class="col-4 sidebar">{ad()}'
                f'<div class="trending"><h3>Trending</h3><ol>{trend}</ol></div>{ad()}</div></div>{related_box}')
    elif tpl == 4:  # local news CMS: entry-content, tags, comments
        body = "".join(f"<p>{p}</p>" for p in ps)
        comments = "".join(
            f'<li class="comment"><b>{r.choice(FIRST)}{r.randint(1, 99)}</b><p>{c}</p></li>'
            for c in ["Great reporting, thanks for covering this.", "Does anyone know when this will be decided?",
                      "This is the first I've heard of it. Shared with my neighbours."][: r.randint(1, 3)])
        main = (f'<div id="primary" class="content-area"><main class="site-main"><article class="post type-post">'
                f'<header class="entry-header"><h1 class="entry-title">{t}</h1><div class="entry-meta">'
                f'Posted on <span class="posted-on">{human}</span> by {byline}</div></header>{share}'
                f'<div class="entry-content">{body}<p>{esc(site.newsletter)}</p></div>'
                f'<footer class="entry-footer">Filed under {site.sections[2]}</footer></article>'
                f'<div id="comments"><h3>Comments</h3><ol>{comments}</ol></div></main></div>{related_box}')
    elif tpl == 5:  # app-style: hashed classes, the story again in a JSON state blob
        cls = f"css-{r.getrandbits(24):x}"
        body = "".join(f'<p class="{cls} e1{i % 3}">{p}</p>' for i, p in enumerate(ps))
        state = json.dumps({"props": {"pageProps": {"article": {"headline": title, "published": iso,
                                                                  "body": [{"type": "p", "text": p} for p in paras]}}},
                            "page": "/article/[slug]", "buildId": f"{r.getrandbits(40):x}"},
                           ensure_ascii=False).replace("</", "<\\/")
        main = (f'<div id="__next"><div class="{cls}-root"><main><div data-testid="headline"><h1>{t}</h1></div>'
                f'<div data-testid="byline">{byline}{time_el}</div><section name="articleBody">{body}</section>'
                f"{related_box}</main></div></div>"
                f'<script id="__NEXT_DATA__" type="application/json">{state}</script>')
    elif tpl == 6:  # broadcaster: video player, subheads, transcript note
        half = max(1, len(ps) // 2)
        body = ("".join(f"<p>{p}</p>" for p in ps[:half]) + f"<h2>{esc(related[2][:60])}</h2>"
                + "".join(f"<p>{p}</p>" for p in ps[half:]))
        main = (f'<main><div class="video-player" data-src="https://video.{host}/{r.getrandbits(32):x}.m3u8">'
                f'<button class="play">Play video</button><span class="duration">2:{r.randint(10, 59)}</span></div>'
                f'<h1 class="story-title">{t}</h1><p class="updated">Updated {time_el}</p>'
                f'<div class="story-text">{body}</div><p class="watch">Watch {name} live, 24 hours a day.</p>'
                f"{share}{related_box}</main>")
    else:  # paywalled newspaper: subscription pitch inside the story
        third = min(3, len(ps))
        body = ("".join(f"<p>{p}</p>" for p in ps[:third])
                + f'<div class="paywall-pitch"><p>{esc(site.support)}</p><a href="/subscribe">Subscribe now</a></div>'
                + "".join(f"<p>{p}</p>" for p in ps[third:]))
        main = (f'<main><article itemscope itemtype="https://schema.org/NewsArticle"><h1 itemprop="headline">{t}</h1>'
                f'<p class="byline">{byline}</p><p class="date">{time_el}</p>'
                f'<div itemprop="articleBody" class="article__body">{body}</div></article>{newsletter}{related_box}</main>')
    return (f"{head}<body class=\"t{tpl}\">{cookie}{header}{main}{footer}"
            f'<script>window.__ads=window.__ads||[];__ads.push({{"slots":{r.randint(2, 6)}}});</script></body></html>')


# ----------------------------------------------------------------------------- output

GEN = None


def work(span):
    """Render documents [a, b) and encode them for every requested format (in a worker)."""
    a, b = span
    fmts = GEN.args.formats
    docs = [GEN.doc(n) for n in range(a, b)]
    out = {}
    if "jsonl" in fmts or "jsonl.gz" in fmts:
        lines = "".join(json.dumps({k: d[k] for k in ("id", "url", "html")}
                                   | ({"published": d["published"]} if d["dated"] else {}),
                                   ensure_ascii=False) + "\n" for d in docs).encode()
        if "jsonl" in fmts:
            out["jsonl"] = lines
        if "jsonl.gz" in fmts:
            out["jsonl.gz"] = gzip.compress(lines, 6, mtime=0)
    if "warc.gz" in fmts:
        out["warc.gz"] = b"".join(warc_member(d) for d in docs)
    if "html" in fmts:
        for d in docs:
            p = Path(GEN.args.out) / "html" / f"{d['n'] // 1000:04d}" / f"{d['n']:07d}.html"
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(d["html"], encoding="utf-8")
    out["gold"] = "".join(json.dumps({"id": d["id"], "file": f"html/{d['n'] // 1000:04d}/{d['n']:07d}.html",
                                      "cluster": f"e{d['event']}"}) + "\n"
                          for d in docs).encode()
    out["bytes"] = sum(len(d["html"].encode()) for d in docs)
    return a, out


def warc_member(d):
    body = d["html"].encode()
    fetched = d["fetched"]
    http = (f"HTTP/1.1 200 OK\r\nDate: {fetched:%a, %d %b %Y %H:%M:%S} GMT\r\nServer: nginx\r\n"
            f"Content-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n"
            "Cache-Control: max-age=60\r\nConnection: close\r\n\r\n").encode() + body
    rid = uuid.UUID(int=zlib.crc32(d["id"].encode()) << 96 | (d["n"] & (2 ** 64 - 1)))
    rec = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: {fetched:%Y-%m-%dT%H:%M:%SZ}\r\n"
           f"WARC-Record-ID: <urn:uuid:{rid}>\r\nWARC-Target-URI: {d['url']}\r\n"
           f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return gzip.compress(rec + http + b"\r\n\r\n", 6, mtime=0)


def warcinfo(name):
    info = (f"software: storyline bench/gen_corpus.py\r\nformat: WARC File Format 1.0\r\n"
            f"description: generated news stream, seed {GEN.args.seed}\r\n").encode()
    rec = (f"WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: 2026-09-01T00:00:00Z\r\nWARC-Filename: {name}\r\n"
           f"WARC-Record-ID: <urn:uuid:{uuid.UUID(int=zlib.crc32(name.encode()))}>\r\n"
           f"Content-Type: application/warc-fields\r\nContent-Length: {len(info)}\r\n\r\n").encode()
    return gzip.compress(rec + info + b"\r\n\r\n", 6, mtime=0)


def main():
    global GEN
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, required=True, help="number of pages")
    ap.add_argument("--out", required=True, help="output directory (outside the repository)")
    ap.add_argument("--format", default="warc.gz", help="comma-separated: html, jsonl, jsonl.gz, warc.gz")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--days", type=float, help="days over which events start (default: 60 per million "
                    "pages, so that every size has the same density of news and a larger corpus is a "
                    "longer stream, not a busier one)")
    ap.add_argument("--warc-records", type=int, default=20000, help="response records per WARC file")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    if args.days is None:
        args.days = args.docs * 60 / 1_000_000
    args.formats = set(args.format.split(","))
    bad = args.formats - {"html", "jsonl", "jsonl.gz", "warc.gz"}
    if bad:
        ap.error(f"unknown format(s): {', '.join(sorted(bad))}")
    out = Path(args.out)
    if out.resolve().is_relative_to(ROOT):
        ap.error("--out must be outside the repository: generated corpora are never committed")
    t0 = time.time()
    GEN = Generator(args)
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    if "jsonl" in args.formats:
        (out / "jsonl").mkdir(exist_ok=True)
        files["jsonl"] = open(out / "jsonl" / "corpus.jsonl", "wb")
    if "jsonl.gz" in args.formats:
        (out / "jsonl.gz").mkdir(exist_ok=True)
        files["jsonl.gz"] = open(out / "jsonl.gz" / "corpus.jsonl.gz", "wb")
    if "warc.gz" in args.formats:
        (out / "warc").mkdir(exist_ok=True)
    files["gold"] = open(out / "gold.jsonl", "wb")
    warc, warc_n = None, 0
    spans = [(a, min(a + CHUNK, args.docs)) for a in range(0, args.docs, CHUNK)]
    total_bytes = done = 0
    with Pool(args.jobs) as pool:
        for a, res in pool.imap(work, spans):
            for fmt, f in files.items():
                f.write(res[fmt])
            if "warc.gz" in res:
                # Chunks never straddle files: --warc-records is rounded to whole chunks.
                if warc is None or a // CHUNK % max(1, args.warc_records // CHUNK) == 0:
                    if warc:
                        warc.close()
                    name = f"corpus-{warc_n:05d}.warc.gz"
                    warc = open(out / "warc" / name, "wb")
                    warc.write(warcinfo(name))
                    warc_n += 1
                warc.write(res["warc.gz"])
            total_bytes += res["bytes"]
            done = min(args.docs, a + CHUNK)
            if done % 50000 < CHUNK:
                print(f"{done:,} pages, {time.time() - t0:.0f} s", file=sys.stderr, flush=True)
    for f in files.values():
        f.close()
    if warc:
        warc.close()
    sizes = Counter(min(e[5], 1000) for e in GEN.plan.events)
    manifest = {
        "docs": args.docs, "seed": args.seed, "days": args.days, "formats": sorted(args.formats),
        "events": len(GEN.plan.events), "single_report_events": sizes[1],
        "largest_event": max(e[5] for e in GEN.plan.events),
        "source_stories": len(GEN.src.stories), "html_bytes": total_bytes,
        "mean_page_bytes": round(total_bytes / max(1, args.docs)), "seconds": round(time.time() - t0, 1),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    print(json.dumps(manifest), file=sys.stderr)


if __name__ == "__main__":
    main()
