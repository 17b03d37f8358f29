#!/usr/bin/env python3
"""The Python peer of `storyline digest` for the throughput benchmark (bench/throughput.sh).

    bench/.venv/bin/python bench/baseline_pipeline.py [--jobs 2] INPUT... > report.json

INPUT: .warc.gz / .warc files, .jsonl(.gz) files ({"id","url"?,"html","published"?}), .html files
or directories of them, as written by bench/gen_corpus.py. The same job as the digest, done the way a Python
team would assemble it from the usual libraries:

  1. extract title, date and article text from each page with trafilatura (in --jobs
     processes; the WARC fetch date stands in when the page has no date, as in storyline);
  2. order the stream by publication time;
  3. near-duplicates: datasketch MinHashLSH, 128 permutations, word 5-shingles, threshold 0.5
     (the configuration bench/dedup.py measures); the first copy is canonical;
  4. events: single-pass TF-IDF clustering of the originals (scikit-learn HashingVectorizer with
     English stop words, IDF learned online, sublinear tf, headline counted twice), cosine to the
     event centroid ≥ 0.2, events closed 2 days after their last document — the setting that
     scored best on the ECB+ dev stream in bench/cluster.py. Copies follow their canonical.

To stay linear in the stream, documents are vectorised and compared in mini-batches of
--batch documents: a batch sees the centroids of the active events as of its start (one sparse
matrix product) and the events opened earlier in the same batch (by their first document).

It does *not* analyse (quotes, entities, dates, agencies) or summarise events, which the digest
does; its time is therefore a lower bound for the same job. Output: one JSON object
{"documents":[{"id","title","published","duplicate_of","event"}],"events":[{"id","documents"}]}.
"""
import argparse, gzip, json, math, sys, time
from multiprocessing import Pool
from pathlib import Path

THRESHOLD, WINDOW_DAYS, PERM, SHINGLE, LSH_THRESHOLD = 0.2, 2.0, 128, 5, 0.5


def pages(paths):
    """(id, url, html, date hint) for every page of the inputs, in file order."""
    files = []
    for p in map(Path, paths):
        files.extend(sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p])
    for f in files:
        name = f.name
        if name.endswith((".warc.gz", ".warc")):
            yield from warc_pages(f)
        elif name.endswith((".html", ".htm")):
            yield str(f), None, f.read_text(encoding="utf-8", errors="replace"), None
        elif name.endswith((".jsonl", ".jsonl.gz")):
            with (gzip.open(f, "rt", encoding="utf-8") if name.endswith(".gz") else open(f, encoding="utf-8")) as fh:
                for line in fh:
                    if line.strip():
                        r = json.loads(line)
                        yield r["id"], r.get("url"), r["html"], r.get("published")


def warc_pages(path):
    """Response records with an HTML payload (a WARC reader of the usual few lines)."""
    with (gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")) as f:
        while True:
            line = f.readline()
            if not line:
                return
            if not line.startswith(b"WARC/"):
                continue
            headers = {}
            while (line := f.readline()) not in (b"\r\n", b"\n", b""):
                k, _, v = line.decode("utf-8", "replace").partition(":")
                headers[k.strip().lower()] = v.strip()
            block = f.read(int(headers.get("content-length", 0)))
            if headers.get("warc-type") != "response":
                continue
            head, _, body = block.partition(b"\r\n\r\n")
            if b"text/html" not in head.lower():
                continue
            url = headers.get("warc-target-uri")
            yield url, url, body.decode("utf-8", "replace"), headers.get("warc-date")


def extract(page):
    import trafilatura
    pid, url, html, hint = page
    out = trafilatura.extract(html, url=url, output_format="json", with_metadata=True)
    if not out:
        return pid, None, hint, ""
    r = json.loads(out)
    return pid, r.get("title"), r.get("date") or hint, r.get("text") or ""


def day_number(date):
    if not date:
        return math.inf
    from datetime import datetime, timezone
    d = datetime.fromisoformat(date.replace("Z", "+00:00"))
    if d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return d.timestamp() / 86400


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--jobs", type=int, default=1, help="extraction processes")
    ap.add_argument("--batch", type=int, default=64)
    args = ap.parse_args()
    t0 = time.time()

    # 1. Extraction.
    if args.jobs > 1:
        with Pool(args.jobs) as pool:
            docs = list(pool.imap(extract, pages(args.inputs), chunksize=16))
    else:
        docs = [extract(p) for p in pages(args.inputs)]
    t1 = time.time()

    # 2. Stream order: by time, undated last, then by id.
    docs.sort(key=lambda d: (day_number(d[2]), d[0]))

    # 3. Near-duplicates.
    from datasketch import MinHash, MinHashLSH
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=PERM)
    duplicate_of = {}
    for pid, title, _, text in docs:
        words = ((title or "") + "\n" + text).lower().split()
        m = MinHash(num_perm=PERM)
        m.update_batch([" ".join(words[i:i + SHINGLE]).encode() for i in range(max(1, len(words) - SHINGLE + 1))])
        hits = sorted(lsh.query(m))
        if hits:
            duplicate_of[pid] = duplicate_of.get(hits[0]) or hits[0]
        lsh.insert(pid, m)
    t2 = time.time()

    # 4. Events.
    event_of = cluster([d for d in docs if d[0] not in duplicate_of], args.batch)
    for pid, canon in duplicate_of.items():
        event_of[pid] = event_of[canon]
    t3 = time.time()

    members = {}
    for d in docs:
        members.setdefault(event_of[d[0]], []).append(d[0])
    report = {
        "documents": [{"id": pid, "title": title, "published": date, "duplicate_of": duplicate_of.get(pid),
                       "event": f"e{event_of[pid] + 1}"} for pid, title, date, _ in docs],
        "events": [{"id": f"e{e + 1}", "documents": ids} for e, ids in sorted(members.items())],
    }
    json.dump(report, sys.stdout)
    sys.stdout.write("\n")
    print(json.dumps({"documents": len(docs), "duplicates": len(duplicate_of), "events": len(members),
                      "seconds": {"extract": round(t1 - t0, 1), "dedup": round(t2 - t1, 1),
                                  "cluster": round(t3 - t2, 1)}}), file=sys.stderr)


def cluster(docs, batch):
    """Single-pass TF-IDF clustering in stream order; returns id → event number."""
    import numpy as np
    from scipy import sparse
    from sklearn.feature_extraction.text import HashingVectorizer
    from sklearn.preprocessing import normalize
    vec = HashingVectorizer(n_features=2 ** 20, stop_words="english", alternate_sign=False, norm=None)
    df = np.zeros(2 ** 20)
    n_seen = 0
    centroids, last_day, active = [], [], []  # per event: sparse row sum, last document day
    event_of = {}
    for start in range(0, len(docs), batch):
        part = docs[start:start + batch]
        tf = vec.transform([(t or "") + " " + (t or "") + " " + x for _, t, _, x in part]).tocsr()
        tf.data = 1 + np.log(tf.data)
        # Online IDF: what the stream has shown so far, this batch included.
        present = tf.copy()
        present.data[:] = 1
        df += np.asarray(present.sum(axis=0)).ravel()
        n_seen += len(part)
        idf = np.log((1 + n_seen) / (1 + df)) + 1
        tf.data *= idf[tf.indices]
        X = normalize(tf, copy=False)
        X.sort_indices()  # canonical rows: adding them to centroids is then a merge, not a scan
        days = [day_number(d[2]) for d in part]
        now = min(days)
        active = [e for e in active if now - last_day[e] <= WINDOW_DAYS]
        if active:
            C = normalize(sparse.vstack([centroids[e] for e in active]).tocsr(), copy=False)
            S = (X @ C.T).toarray()
        else:
            S = np.zeros((len(part), 0))
        inner = (X @ X.T).toarray()
        opened = []  # (row in batch, event) of events opened in this batch
        for i, (pid, _, _, _) in enumerate(part):
            best, best_sim = -1, THRESHOLD
            if S.shape[1]:
                j = int(S[i].argmax())
                if S[i, j] >= best_sim and days[i] - last_day[active[j]] <= WINDOW_DAYS:
                    best, best_sim = active[j], S[i, j]
            for row, e in opened:
                if inner[i, row] >= best_sim:
                    best, best_sim = e, inner[i, row]
            if best < 0:
                best = len(centroids)
                centroids.append(X[i])
                last_day.append(days[i])
                opened.append((i, best))
            else:
                centroids[best] = centroids[best] + X[i]
                last_day[best] = max(last_day[best], days[i])
            event_of[pid] = best
        active.extend(e for _, e in opened)
    return event_of


if __name__ == "__main__":
    main()
