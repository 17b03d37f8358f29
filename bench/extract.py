#!/usr/bin/env python3
"""Extraction benchmark: storyline's extractor vs the Python extractors, in one invocation.

Run: python3 bench/extract.py [--write-docs | --section-out FILE] [--repeat 3] [--no-peers]

Data: ../shared/data/extract (dev split, 121 pages; see its PROVENANCE.md and REFERENCE.md).
Everything is scored with the benchmark's own eval.py (4-gram shingle P/R/F1).

* storyline: `cargo build --release -p storyline-extract --example extract_bench`, then the
  example is run pinned to core 0; its pages/CPU-s is the one it prints (pages in memory, best
  of 3 timed rounds).
* peers: installed into bench/.venv by bench/venv.sh (a peer whose package does not install is
  skipped and listed), each run sequentially through the benchmark's peers/run_peer.py under
  `taskset -c 0`; pages/CPU-s is the figure run_peer.py reports (pages in memory, process CPU
  time of the extraction loop, best of REPEAT passes), so both sides are timed the same way.
  The whole child process (imports included) is also measured with RUSAGE_CHILDREN and shown
  in the log.
* rs-trafilatura's Python package is not a tool of run_peer.py: it is added to run_peer.py's
  tool table at run time (same loop, same timing), called as `rs_trafilatura.extract(html,
  url=<page url>)`.
* plain-text task: run_peer.py only reads HTML, so the full-page text of each page is turned
  into HTML with every non-empty line as one `<p>` (in a temporary folder outside the repo)
  and trafilatura / jusText run on that through run_peer.py. The two reference baselines of
  REFERENCE.md (input unchanged; keep lines of >= 15 words) are computed here as well.
* metadata: extract_bench also writes storyline's title, date and outlet per page. Titles are
  scored against bench/extract_title_gold.jsonl: for each dev page, the SHA-256 of the normalised
  headline a reader sees (the article's <h1> or the element styled as its headline, read from the
  HTML by hand; the titles themselves are not stored). Normalisation (`norm_title`): Unicode NFKC,
  typographic quotes and dashes to their ASCII forms, lower case, white space runs to one space,
  leading and trailing punctuation and spaces removed. A title is correct when its normalised
  form hashes to the gold. Published date and outlet are reported as coverage (pages where
  storyline gives one), and dates are checked against the date in the page URL where it has one.
"""
import argparse, hashlib, html, json, os, re, resource, shutil, subprocess, sys, tempfile, textwrap, time, unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "extract"
OUT = ROOT / "target" / "extract_bench"
DOCS = ROOT / "docs" / "BENCHMARKS.md"
TITLE_GOLD = ROOT / "bench" / "extract_title_gold.jsonl"
SECTION = "## Extraction — article-extraction-benchmark dev (121 pages)"

# run_peer.py tool -> (pip packages it needs, label in the tables)
PEERS = [
    ("trafilatura", ["trafilatura", "lxml_html_clean"], "trafilatura {v}"),
    ("trafilatura_precision", ["trafilatura", "lxml_html_clean"], "trafilatura {v}, favor_precision"),
    ("rs_trafilatura", ["rs-trafilatura"], "rs-trafilatura {v} (PyPI)"),
    ("readability", ["readability-lxml", "lxml_html_clean", "html-text"], "readability-lxml {v}"),
    # tinysegmenter: newspaper4k needs it for pages it detects as Japanese, else it raises on them
    ("newspaper4k", ["newspaper4k", "lxml_html_clean", "tinysegmenter"], "newspaper4k {v} (offline)"),
    ("goose3", ["goose3"], "goose3 {v}"),
    ("resiliparse", ["resiliparse"], "resiliparse {v}, main_content"),
    ("boilerpy3", ["boilerpy3"], "boilerpy3 {v} ArticleExtractor"),
    ("justext", ["justext"], "jusText {v}"),
    ("html_text", ["html-text"], "html-text {v} (all visible text)"),
]
# peers run on the plain-text task (text lines wrapped as <p>), as in REFERENCE.md
TEXT_PEERS = [
    ("trafilatura", "trafilatura {v} on the lines"),
    ("justext", "jusText {v} on the lines"),
]

# run_peer.py has no entry for rs-trafilatura: extend its tool table, keep its loop and timing.
RS_WRAPPER = r"""
import importlib.util, sys
spec = importlib.util.spec_from_file_location('run_peer', sys.argv[1])
rp = importlib.util.module_from_spec(spec); spec.loader.exec_module(rp)
_make = rp.make
def make(tool, urls):
    if tool == 'rs_trafilatura':
        import rs_trafilatura
        return lambda pid, html: rs_trafilatura.extract(html, url=urls.get(pid)).main_content or ''
    return _make(tool, urls)
rp.make = make
sys.argv = sys.argv[1:]
from importlib.metadata import version
_v = version
import importlib.metadata as md
md.version = lambda p: _v('rs-trafilatura' if p == 'rs_trafilatura' else p)
rp.main()
"""


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def score(pred, gold=DATA / "dev" / "ground_truth.jsonl"):
    out = subprocess.run([sys.executable, str(DATA / "eval.py"), "--gold", str(gold), "--pred", str(pred), "--quiet"],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


# Typographic quotes and dashes mean the same title as their ASCII forms.
TYPOGRAPHIC = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                             "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
                             "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                             "\u2015": "-", "\u2212": "-"})


def norm_title(t):
    """NFKC, ASCII quotes/dashes, lower case, collapsed white space, no surrounding punctuation."""
    t = " ".join(unicodedata.normalize("NFKC", t or "").translate(TYPOGRAPHIC).lower().split())
    edge = lambda c: c.isspace() or unicodedata.category(c).startswith("P")
    a, b = 0, len(t)
    while a < b and edge(t[a]):
        a += 1
    while b > a and edge(t[b - 1]):
        b -= 1
    return t[a:b]


def title_sha(t):
    return hashlib.sha256(norm_title(t).encode("utf8")).hexdigest()


def score_metadata(meta=OUT / "html_meta.jsonl"):
    """Title accuracy against the hashed gold; date and outlet coverage; dates vs URL dates."""
    gold = {r["page"]: r["title_sha256"] for r in map(json.loads, TITLE_GOLD.read_text(encoding="utf8").splitlines())}
    urls = {r["id"]: r["url"] for r in map(json.loads, (DATA / "dev" / "ground_truth.jsonl").read_text(encoding="utf8").splitlines())}
    pred = {r["id"]: r for r in map(json.loads, meta.read_text(encoding="utf8").splitlines())}
    right = sorted(p for p, h in gold.items() if pred.get(p, {}).get("title") and title_sha(pred[p]["title"]) == h)
    url_dates = {}
    for p, u in urls.items():
        m = re.search(r"/((?:19|20)\d\d)/(\d\d)/(\d\d)/", u)
        if m:
            url_dates[p] = "-".join(m.groups())
    dated = [p for p in url_dates if pred.get(p, {}).get("published")]
    return {
        "pages": len(gold),
        "title_correct": len(right),
        "wrong_titles": sorted(set(gold) - set(right)),
        "published": sum(1 for p in gold if pred.get(p, {}).get("published")),
        "outlet": sum(1 for p in gold if pred.get(p, {}).get("outlet")),
        "url_dated": len(url_dates),
        "url_dated_with_date": len(dated),
        "url_date_agrees": sum(1 for p in dated if pred[p]["published"].startswith(url_dates[p])),
    }


def setup_venv():
    """Install every peer package; on a failed batch retry one by one so one bad package only
    drops its own peers. Returns (venv python, set of installed packages, failures)."""
    pkgs = sorted({p for _, ps, _ in PEERS for p in ps})
    venv = ROOT / "bench" / "venv.sh"
    r = subprocess.run(["bash", str(venv), *pkgs], capture_output=True, text=True)
    if r.returncode == 0:
        return r.stdout.strip().splitlines()[-1], set(pkgs), {}
    ok, failed, py = set(), {}, None
    for p in pkgs:
        r = subprocess.run(["bash", str(venv), p], capture_output=True, text=True)
        if r.returncode == 0:
            ok.add(p); py = r.stdout.strip().splitlines()[-1]
        else:
            failed[p] = (r.stderr.strip().splitlines() or ["pip failed"])[-1][:200]
    return py or str(ROOT / "bench" / ".venv" / "bin" / "python"), ok, failed


def build_storyline():
    log("building storyline extract_bench (release)…")
    subprocess.run(["cargo", "build", "--release", "-p", "storyline-extract", "--example", "extract_bench"],
                   cwd=ROOT, check=True)


def run_storyline():
    """Returns (pages/CPU-s, timing detail, html5ever tokenizer detail, HTML scores, plain-text scores)."""
    exe = ROOT / "target" / "release" / "examples" / "extract_bench"
    c0 = cpu_children()
    out = subprocess.run(["taskset", "-c", "0", str(exe), str(DATA), str(OUT)], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    log(out.strip(), f"(process CPU {cpu_children() - c0:.2f} s)")
    timing = lambda what: re.search(what + r": (\d+) pages, ([\d.]+) MB, ([\d.]+) CPU-s per pass => (\d+) pages/CPU-s", out)
    m = timing("html")
    speed = float(m.group(4)) if m else None
    detail = f"{m.group(4)} pages/CPU-s ({m.group(2)} MB in {m.group(3)} CPU-s per pass)" if m else ""
    t = timing("html5ever tokenizer alone")
    tok = f"{int(t.group(4)):,} pages/CPU-s ({t.group(3)} CPU-s per pass)" if t else "not measured"
    return speed, detail, tok, score(OUT / "html_pred.jsonl"), score(OUT / "plaintext_pred.jsonl")


def run_peer(py, tool, data_dir, base, repeat):
    """One peer through run_peer.py pinned to core 0; returns its timing.json (or None)."""
    rp = DATA / "peers" / "run_peer.py"
    if tool == "rs_trafilatura":
        cmd = [py, "-c", RS_WRAPPER, str(rp), tool, str(data_dir), str(base)]
    else:
        cmd = [py, str(rp), tool, str(data_dir), str(base)]
    env = dict(os.environ, REPEAT=str(repeat))
    c0, t0 = cpu_children(), time.perf_counter()
    r = subprocess.run(["taskset", "-c", "0", *cmd], capture_output=True, text=True, env=env)
    proc_cpu, wall = cpu_children() - c0, time.perf_counter() - t0
    if r.returncode != 0:
        log(f"  {tool}: FAILED: {(r.stderr.strip().splitlines() or ['?'])[-1][:300]}")
        return None
    info = json.loads((Path(base) / f"{tool}.timing.json").read_text())
    info["process_cpu_s"], info["process_wall_s"] = round(proc_cpu, 2), round(wall, 2)
    log(f"  {tool} {info['version']}: {info['pages_per_cpu_s']} pages/CPU-s (loop {info['cpu_s']} CPU-s, "
        f"whole process {proc_cpu:.1f} CPU-s incl. imports and {repeat} passes), errors: {len(info['errors'])}")
    return info


def plaintext_as_html(tmp):
    """Full-page text → one <p> per non-empty line, in a temporary split folder."""
    d = Path(tmp) / "plaintext_lines"
    (d / "html").mkdir(parents=True)
    shutil.copy(DATA / "dev" / "ground_truth.jsonl", d / "ground_truth.jsonl")
    for f in sorted((DATA / "plaintext_dev").glob("*.txt")):
        lines = [l.strip() for l in f.read_text(encoding="utf8").splitlines() if l.strip()]
        body = "\n".join(f"<p>{html.escape(l)}</p>" for l in lines)
        (d / "html" / f"{f.stem}.html").write_text(
            f"<html><head><meta charset=\"utf-8\"></head><body>\n{body}\n</body></html>", encoding="utf8")
    return d


def baselines(tmp):
    """REFERENCE.md's two plain-text baselines, computed on the same inputs."""
    rows = []
    for name, keep in [("input unchanged", lambda l: True),
                       ("keep lines of ≥ 15 words", lambda l: len(l.split()) >= 15)]:
        p = Path(tmp) / (re.sub(r"\W+", "_", name) + ".jsonl")
        with p.open("w", encoding="utf8") as fh:
            for f in sorted((DATA / "plaintext_dev").glob("*.txt")):
                text = "\n".join(l for l in f.read_text(encoding="utf8").splitlines() if keep(l))
                fh.write(json.dumps({"id": f.stem, "text": text}) + "\n")
        rows.append((f"baseline: {name}", score(p), None, ""))
    return rows


def fmt_speed(s):
    return "—" if s is None else f"{s:,.0f}"


def table(rows, speed=True):
    out = ["| system | P | R | F1 |" + (" pages/CPU-s |" if speed else ""),
           "|---|---|---|---|" + ("---|" if speed else "")]
    for i, (name, sc, speed, _) in enumerate(rows):
        f1 = f"{sc['f1']:.3f}"
        if i == 0:
            name, f1 = f"**{name}**", f"**{f1}**"
        out.append(f"| {name} | {sc['precision']:.3f} | {sc['recall']:.3f} | {f1} |"
                   + (f" {fmt_speed(speed)} |" if speed else ""))
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write-docs", action="store_true", help="rewrite the extraction section of docs/BENCHMARKS.md")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per peer (best is kept)")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--section-out", type=Path, help="write the section text to this file instead of the docs")
    a = ap.parse_args()

    build_storyline()
    speed, detail, tok, html_sc, text_sc = run_storyline()
    meta_sc = score_metadata()
    html_rows = [("storyline", html_sc, speed, detail)]
    toks = [tok]
    text_rows = [("storyline", text_sc, None, "")]
    notes = []

    if not a.no_peers:
        log("installing peers into bench/.venv…")
        py, installed, failed = setup_venv()
        for p, why in failed.items():
            notes.append(f"not installed: {p} ({why})")
        base = OUT / "peers"
        with tempfile.TemporaryDirectory(prefix="storyline-extract-bench-") as tmp:
            log("peers, HTML task (sequential, taskset -c 0):")
            for tool, pkgs, label in PEERS:
                if not set(pkgs) <= installed:
                    notes.append(f"skipped {tool}: package not installed")
                    continue
                info = run_peer(py, tool, DATA / "dev", base, a.repeat)
                if info is None:
                    notes.append(f"{tool}: run_peer.py failed (see log)")
                    continue
                if info["errors"]:
                    notes.append(f"{tool}: {len(info['errors'])} pages raised an error (scored as empty)")
                html_rows.append((label.format(v=info["version"]), score(base / tool), info["pages_per_cpu_s"], ""))

            log("peers, plain-text task (lines as <p>):")
            lines_dir = plaintext_as_html(tmp)
            tbase = OUT / "peers_plaintext"
            for tool, label in TEXT_PEERS:
                if not next(set(ps) for t, ps, _ in PEERS if t == tool) <= installed:
                    continue
                info = run_peer(py, tool, lines_dir, tbase, a.repeat)
                if info is None:
                    notes.append(f"plain text, {tool}: run_peer.py failed (see log)")
                    continue
                text_rows.append((label.format(v=info["version"]), score(tbase / tool), None, ""))
            text_rows += baselines(tmp)

        # The machine is shared: time storyline again after the peers and keep the lower
        # figure, so its speed is not taken from a quieter moment than theirs.
        speed2, detail2, tok2, _, _ = run_storyline()
        toks.append(tok2)
        if speed is not None and speed2 is not None:
            html_rows[0] = ("storyline", html_sc, min(speed, speed2),
                            f"measured before and after the peers: {detail} / {detail2}; the lower is shown")

    md_html, md_text = table(html_rows), table(text_rows, speed=False)
    print("\n### HTML → article body\n\n" + md_html + "\n\n### full-page plain text → article body\n\n" + md_text)
    md_meta = metadata_lines(meta_sc)
    print("\n### metadata\n\n" + md_meta)
    log("wrong titles:", " ".join(meta_sc["wrong_titles"]) or "none")
    for n in notes:
        print("- " + n)

    if a.write_docs or a.section_out:
        write_docs(html_rows, text_rows, md_html, md_text, md_meta, meta_sc, toks, notes, a)


def metadata_lines(m):
    n, pct = m["pages"], lambda k: f"{m[k]}/{m['pages']} ({100 * m[k] / m['pages']:.1f} %)"
    return (f"- title, normalised exact match with the visible headline: {pct('title_correct')}\n"
            f"- published date given: {pct('published')}; of the {m['url_dated']} pages whose URL carries "
            f"a date, {m['url_dated_with_date']} have one and {m['url_date_agrees']} agree with the URL's day "
            f"(a time the page states in UTC can fall on the next day)\n"
            f"- outlet given: {pct('outlet')}")


def write_docs(html_rows, text_rows, md_html, md_text, md_meta, meta_sc, toks, notes, a):
    f1, spd, tf1 = html_rows[0][1]["f1"], html_rows[0][2], text_rows[0][1]["f1"]
    met = lambda ok: "met" if ok else "**not met**"
    rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    cmd = "python3 bench/extract.py --write-docs" + ("" if a.repeat == 3 else f" --repeat {a.repeat}")
    targets = (f"- HTML F1 ≥ 0.975: {f1:.3f} — {met(round(f1, 3) >= 0.975)}\n"
               f"- HTML speed ≥ 1,400 pages/CPU-s: {fmt_speed(spd)} — {met(spd is not None and spd >= 1400)}\n"
               f"- plain-text F1 ≥ 0.90: {tf1:.3f} — {met(round(tf1, 3) >= 0.90)}\n"
               f"- title correct on ≥ 95 % of dev pages: {100 * meta_sc['title_correct'] / meta_sc['pages']:.1f} % — "
               f"{met(meta_sc['title_correct'] >= 0.95 * meta_sc['pages'])}")
    peers_ran = len(html_rows) > 1
    fill = lambda t: textwrap.fill(t, 100, break_on_hyphens=False, break_long_words=False)
    how = (
        "storyline: the release build of `crates/extract/examples/extract_bench.rs`, pinned to core 0 "
        f"({html_rows[0][3]}); its pages/CPU-s = pages in memory, CPU time of the extraction loop, "
        "best of 3 rounds of 5 passes. The same binary times html5ever 0.27's spec-complete tokenizer "
        "alone over the same pages (a sink that only counts tokens and switches the raw-text states; "
        f"no tree, no extraction), the floor of any extractor built on it: {' / '.join(toks)}. "
        "Scores: the benchmark's `eval.py` (4-gram shingle P/R averaged over pages, F1 of the means).")
    if peers_ran:
        how += (
            " Peers: run one after another through the benchmark's `peers/run_peer.py` under "
            "`taskset -c 0` in `bench/.venv` (installed by the script through `bench/venv.sh`); their "
            f"pages/CPU-s = pages in memory, CPU time of the extraction loop, best of {a.repeat} passes. "
            "rs-trafilatura is its PyPI package (`rs_trafilatura.extract(html, url=…)`), added to "
            "run_peer.py's tool table at run time.")
    text_how = ("Plain text: trafilatura and jusText take HTML, so each non-empty line of the full-page "
                "text is given to them as one `<p>`; the two baselines are REFERENCE.md's, recomputed here. "
                "Quality only: extract_bench times the HTML task.")
    parts = [SECTION, "",
             f"`{cmd}` (commit {rev} plus working tree, {time.strftime('%Y-%m-%d', time.gmtime())}).", "",
             fill(how), "", "HTML → article body:", "", md_html, ""]
    if peers_ran:
        parts += ["Full-page plain text → article body:", "", md_text, "", fill(text_how), ""]
    else:
        parts += ["Full-page plain text → article body:", "", md_text, ""]
    meta_how = ("Metadata (storyline, same run): titles are compared with "
                "`bench/extract_title_gold.jsonl`, the SHA-256 of each dev page's visible headline (read "
                "from the HTML by hand; the titles are not stored) after normalisation: NFKC, typographic "
                "quotes and dashes to ASCII, lower case, white space collapsed, surrounding punctuation "
                "removed. Dates and outlets have no gold: coverage is shown, and dates are checked "
                "against the date in the page URL where there is one.")
    parts += ["Metadata:", "", md_meta, "", fill(meta_how), ""]
    parts += ["Targets (issue), storyline on dev:", "", targets, ""]
    if notes:
        parts += ["Notes from this run:", ""] + [fill(f"- {n}") for n in notes] + [""]
    new = "\n".join(parts) + "\n"
    if a.section_out:
        a.section_out.write_text(new, encoding="utf8")
        log(f"wrote {a.section_out}")
        return

    doc = DOCS.read_text(encoding="utf8")
    start = doc.index(SECTION)
    nxt = doc.find("\n## ", start + len(SECTION))
    end = len(doc) if nxt < 0 else nxt + 1
    DOCS.write_text(doc[:start] + new + doc[end:], encoding="utf8")
    log(f"wrote {DOCS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
