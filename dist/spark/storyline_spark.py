#!/usr/bin/env python3
"""storyline on Apache Spark: the digest of an archive too large for one machine.

    spark-submit dist/spark/storyline_spark.py --storyline target/release/storyline \\
        --out /data/digest  /data/cc-news/2026-11/

Every stage runs storyline's own binary on the executors, fed and read as JSONL (the stage
subcommands' contracts, docs/FORMAT.md); Spark does what one process cannot: read files in
parallel, group LSH buckets and documents across the archive, and shuffle. The steps and what
each shuffles are in docs/SCALING.md:

  1. extract   files (paths every executor sees, or Hadoop URIs such as s3a://… read by Spark),
               a batch per task → `storyline extract` → documents
  2. order     documents sorted by publication time, then id (the digest's stream order)
  3. dedup     `storyline dedup --signatures` per document; Spark groups LSH buckets into
               candidate pairs; `storyline dedup --verify` picks each document's original;
               originals resolved to the group's first copy (pointer jumping)
  4. cluster   originals partitioned by language and time window (with the 200 hours before it
               as warm-up), `storyline cluster` per partition in stream order; each
               window event is merged into the event of the earlier window that holds most of
               its warm-up documents
  5. report    documents grouped by event → `storyline report` (analysis, summary) per event
  6. link      event records, in the order events began → `storyline link` (on the driver)
               → storylines

Output (--out): report.jsonl (the records of `digest --format jsonl`: each event's documents,
then the event; storylines at the end) and documents.jsonl (the extracted documents in stream
order with `seq` and `duplicate_of`).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

SUFFIXES = (".txt", ".html", ".htm", ".jsonl", ".json", ".warc")


def wanted(name):
    base = name[:-3] if name.endswith(".gz") else name
    return base.endswith(SUFFIXES)


def is_uri(path):
    """A Hadoop filesystem URI (s3a://, hdfs://, file://…), read through Spark."""
    return "://" in path


def list_inputs(inputs, batch_bytes, min_batches):
    """Input files as batches [(root, [relative paths])]: files of one directory are extracted
    together (a site's template is learned across its pages), up to batch_bytes a batch — less
    when that would leave fewer than min_batches tasks to share out."""
    found = []
    for raw in inputs:
        if is_uri(raw):
            continue
        root = Path(raw).resolve()
        if root.is_file():
            found.append((root.parent, [root]))
        else:
            found.append((root, sorted(p for p in root.rglob("*") if p.is_file() and wanted(p.name))))
    total = sum(p.stat().st_size for _, files in found for p in files)
    limit = max(1, min(batch_bytes, total // max(1, min_batches)))
    batches = []
    for root, files in found:
        current, size = [], 0
        for p in files:
            n = p.stat().st_size
            if current and size + n > limit:
                batches.append((str(root), current))
                current, size = [], 0
            current.append(str(p.relative_to(root)))
            size += n
        if current:
            batches.append((str(root), current))
    return batches


def binary():
    """The storyline binary shipped to this executor (sc.addFile), made executable."""
    from pyspark import SparkFiles

    path = SparkFiles.get("storyline")
    if not os.access(path, os.X_OK):
        os.chmod(path, 0o755)
    return path


def run_stage(args, lines):
    """Run `storyline ARGS` with `lines` (JSON strings) on stdin; yield its output lines.
    Exit 1 (some input records skipped, reported on stderr) is accepted; anything else fails the
    task, so Spark retries it."""
    proc = subprocess.Popen(
        [binary(), *args, "--quiet"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        bufsize=1 << 20,
    )

    def feed():
        try:
            for line in lines:
                proc.stdin.write(line)
                proc.stdin.write("\n")
        except BrokenPipeError:
            pass
        finally:
            try:
                proc.stdin.close()
            except BrokenPipeError:
                pass

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    for line in proc.stdout:
        line = line.rstrip("\n")
        if line:
            yield line
    writer.join()
    code = proc.wait()
    if code not in (0, 1):
        raise RuntimeError(f"storyline {' '.join(args)} exited with {code}")


class Steps:
    """Wall time of each step (Spark runs lazily: a step's time is that of the action ending it)."""

    def __init__(self):
        import time

        self.clock = time.monotonic
        self.last = self.clock()
        self.times = {}

    def done(self, name):
        now = self.clock()
        self.times[name] = round(now - self.last, 1)
        self.last = now
        print(f"storyline-spark: {name}: {self.times[name]} s", file=sys.stderr, flush=True)


def extract_files(files):
    """Write `files` — (relative path, function writing it to a given path) — under a private
    directory and extract them in one `storyline extract` run (documents are named by path, as
    `digest` names them; a site's template is learned across its pages)."""
    tmp = tempfile.mkdtemp(prefix="storyline-extract-")
    try:
        for rel, write in files:
            dst = Path(tmp, rel)
            dst.parent.mkdir(parents=True, exist_ok=True)
            write(dst)
        proc = subprocess.run(
            [binary(), "extract", "--quiet", tmp], stdout=subprocess.PIPE, text=True, encoding="utf-8"
        )
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"storyline extract exited with {proc.returncode}")
        return [json.loads(l) for l in proc.stdout.splitlines() if l.strip()]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def extract_batch(batch):
    """One batch of files on a shared filesystem, copied with their paths below its root."""
    root, rels = batch
    return extract_files((rel, lambda dst, src=Path(root, rel): shutil.copyfile(src, dst)) for rel in rels)


def extract_blobs(blobs, uri):
    """Files Spark read (`binaryFiles`), each (path, bytes) placed by its path below `uri`."""
    base = uri.rstrip("/")

    def placed(path, data):
        rel = path[len(base):].lstrip("/") if path.startswith(base) else ""
        return rel or Path(path).name, lambda dst: dst.write_bytes(data)

    return extract_files(placed(path, data) for path, data in blobs)


def with_signatures(docs, shingle):
    docs = list(docs)
    sigs = run_stage(
        ["dedup", "--signatures", "--shingle", str(shingle)],
        (json.dumps({"id": d["id"], "text": d.get("text", ""), "published": d.get("published")})
         for d in docs),
    )
    for d, line in zip(docs, sigs):
        s = json.loads(line)
        if s["id"] != d["id"]:
            raise RuntimeError(f"signature of {s['id']} came back for {d['id']}")
        yield (s["time"] is None, s["time"] or 0.0, d["id"]), (d, s)


def bucket_pairs(members):
    """All (later, earlier) pairs of one LSH bucket's documents (stream positions)."""
    members = sorted(set(members))
    for i, b in enumerate(members):
        for a in members[:i]:
            yield b, a


def resolve_roots(parent, parts):
    """Each document's group root by pointer jumping on an RDD of (doc, parent): every round
    follows two steps at once, so a chain of length L needs log2(L) rounds."""
    while True:
        step = (
            parent.map(lambda ba: (ba[1], ba[0]))
            .leftOuterJoin(parent, parts)  # a → (b, parent of a)
            .map(lambda x: (x[1][0], x[1][1] if x[1][1] is not None else x[0]))
            .cache()
        )
        changed = step.join(parent, parts).filter(lambda kv: kv[1][0] != kv[1][1]).count()
        parent = step
        if changed == 0:
            return parent


def cluster_windows(items):
    """`storyline cluster` over each (language, window) of a partition, streamed in stream order:
    the partition arrives sorted by window, then by position, so no window is held in memory."""
    import itertools
    import queue

    for key, group in itertools.groupby(items, key=lambda kv: kv[0][0]):
        fed = queue.Queue()

        def lines(group=group, fed=fed):
            for (_, n), (doc, role) in group:
                fed.put((n, doc["id"], role))
                yield json.dumps(doc)

        for line in run_stage(["cluster"], lines()):
            out = json.loads(line)
            n, doc_id, role = fed.get()
            while doc_id != out["id"]:  # a record the stage rejected (reported on stderr)
                n, doc_id, role = fed.get()
            yield n, (key, out["event"], role)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+",
                    help="files or directories (WARC, JSONL, HTML, text; .gz too) every executor sees at the same path, "
                         "or Hadoop URIs (s3a://bucket/dir/, hdfs://…, file://…)")
    ap.add_argument("--out", required=True, help="output directory (created; must not exist)")
    ap.add_argument("--storyline", default="target/release/storyline", help="the storyline binary to ship")
    ap.add_argument("--master", default=None, help="Spark master (default: spark-submit's)")
    ap.add_argument("--window-hours", type=float, default=72.0, help="clustering partition length")
    ap.add_argument("--warmup-hours", type=float, default=200.0,
                    help="documents of this many hours before a window are clustered with it too, so that the events "
                         "still open at its start are rebuilt (default: how long after its first report an event can "
                         "still take a document: 3 days of span + 5.3 days of reach, docs/SCALING.md)")
    ap.add_argument("--words", type=int, default=100, help="word budget of each event summary")
    ap.add_argument("--shingle", type=int, default=2, help="words per dedup shingle (as `dedup --shingle`)")
    ap.add_argument("--batch-mb", type=float, default=64.0, help="input megabytes extracted per task")
    ap.add_argument("--partitions", type=int, default=0, help="shuffle partitions (default: Spark's parallelism × 2)")
    args = ap.parse_args(argv)

    # Executors run this interpreter's Python (and its packages); a local master stays on
    # loopback. Both must be set before the JVM starts.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if (args.master or "").startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark import StorageLevel
    from pyspark.rdd import portable_hash
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("storyline")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.addFile(str(Path(args.storyline).resolve()))
    parts = args.partitions or max(2, sc.defaultParallelism * 2)
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=False)

    steps = Steps()
    # 1. extract
    batches = list_inputs(args.inputs, int(args.batch_mb * 1e6), 2 * sc.defaultParallelism)
    # Each document keyed by its arrival (input, part, position): the order `digest` reads them in.
    docs = sc.parallelize(list(enumerate(batches)), max(1, len(batches))).flatMap(
        lambda ib: (((ib[0], 0, j), d) for j, d in enumerate(extract_batch(ib[1])))
    )
    for u, uri in enumerate(filter(is_uri, args.inputs)):
        # One file per partition: a WARC file is extracted by one task.
        files = sc.binaryFiles(uri, minPartitions=sc.defaultParallelism).filter(lambda kv: wanted(kv[0]))
        first = len(batches) + u
        docs = docs.union(files.mapPartitionsWithIndex(
            lambda p, it, uri=uri, first=first: (((first, p, j), d) for j, d in enumerate(extract_blobs(it, uri)))
        ))
    # Kept (spilling to disk): ids and sorting read the documents more than once, and extraction
    # is the costly part.
    docs = docs.persist(StorageLevel.MEMORY_AND_DISK)
    # Ids must be unique for citations to mean anything: as `digest` does, a later document with
    # an id seen before (the same URL crawled twice) becomes "id#2", "id#3"… in arrival order.
    repeated = (
        docs.map(lambda kd: (kd[1]["id"], kd[0]))
        .groupByKey(parts)
        .filter(lambda kv: len(kv[1]) > 1)
        .flatMap(lambda kv: ((a, f"{kv[0]}#{i + 2}") for i, a in enumerate(sorted(kv[1])[1:])))
        .collect()
    )
    if repeated:
        renamed = sc.broadcast(dict(repeated))
        docs = docs.map(lambda kd: (kd[0], dict(kd[1], id=renamed.value[kd[0]]) if kd[0] in renamed.value else kd[1]))
    docs = docs.values()

    # 2. stream order: (undated, time, id), then a position per document
    shingle = args.shingle
    ordered = (
        docs.mapPartitions(lambda it: with_signatures(it, shingle))
        .persist(StorageLevel.MEMORY_AND_DISK)
        .sortByKey(numPartitions=parts)
        .values()
        .zipWithIndex()
        .map(lambda x: (x[1], x[0]))  # n → (doc, sig)
        .persist(StorageLevel.MEMORY_AND_DISK)
    )

    # 3. dedup: buckets → candidate pairs → verified originals → group roots
    prints = ordered.mapValues(lambda ds: (ds[0]["id"], ds[1]["fingerprint"]))
    pairs = (
        ordered.flatMap(lambda x: (((b, key), x[0]) for b, key in enumerate(x[1][1]["bands"])))
        .groupByKey(parts)
        .flatMap(lambda kv: bucket_pairs(kv[1]))
        .distinct(parts)
    )
    candidates = (
        pairs.map(lambda ba: (ba[1], ba[0]))
        .join(prints, parts)  # a → (b, (id_a, fp_a))
        .map(lambda x: (x[1][0], {"id": str(x[0]), "n": x[0], "fingerprint": x[1][1][1]}))
        .groupByKey(parts)
        .join(prints, parts)  # b → (candidates, (id_b, fp_b))
        .map(lambda x: json.dumps({"id": str(x[0]), "fingerprint": x[1][1][1], "candidates": list(x[1][0])}))
    )
    parent = (
        candidates.mapPartitions(lambda it: run_stage(["dedup", "--verify", "--shingle", str(shingle)], it))
        .map(json.loads)
        .filter(lambda v: v["matched"] is not None)
        .map(lambda v: (int(v["id"]), int(v["matched"])))
    )
    roots = resolve_roots(parent.cache(), parts)
    ids = ordered.mapValues(lambda ds: ds[0]["id"])
    canonical = roots.map(lambda br: (br[1], br[0])).join(ids, parts).map(lambda x: (x[1][0], x[1][1]))  # n → root id
    # n → (document with seq and duplicate_of, publication time in days or None)
    documents = (
        ordered.leftOuterJoin(canonical, parts)
        .map(lambda x: (x[0], (dict(x[1][0][0], seq=x[0], duplicate_of=x[1][1]), x[1][0][1]["time"])))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    (
        documents.sortByKey(numPartitions=parts)
        .map(lambda x: json.dumps(x[1][0]))
        .saveAsTextFile(str(out_dir / "documents.parts"))
    )
    ordered.unpersist()
    docs.unpersist()
    steps.done("extract, order, dedup")

    # 4. cluster: originals by (language, window), warm-up from the preceding windows
    dated = documents.values().map(lambda dt: dt[1]).filter(lambda t: t is not None)
    last_window = int(dated.max() * 24.0 // args.window_hours) if not dated.isEmpty() else 0
    win_h, warm_h = args.window_hours, args.warmup_hours
    cluster_fields = ("id", "text", "title", "published", "outlet")

    def placements(x):
        n, (doc, t) = x
        lang = doc.get("language") or "und"
        slim = {k: doc.get(k) for k in cluster_fields}
        if t is None:
            # Undated documents come last in stream order: with the last window's events.
            yield (lang, last_window), (n, slim, "core")
            return
        hour = t * 24.0
        k = int(hour // win_h)
        yield (lang, k), (n, slim, "core")
        later = k + 1
        while later * win_h - hour <= warm_h and later <= last_window:
            yield (lang, later), (n, slim, "warm")
            later += 1

    originals = documents.filter(lambda x: x[1][0]["duplicate_of"] is None)
    placed = (
        originals.flatMap(placements)
        .map(lambda kv: ((kv[0], kv[1][0]), (kv[1][1], kv[1][2])))  # ((window, n), (doc, role))
        .repartitionAndSortWithinPartitions(parts, partitionFunc=lambda key: portable_hash(key[0]))
        .mapPartitions(cluster_windows)
        .cache()
    )
    core = placed.filter(lambda x: x[1][2] == "core").mapValues(lambda v: (v[0], v[1]))  # n → (key, ev)
    # Window event → the earlier window's event holding most of its warm-up documents.
    links = (
        placed.filter(lambda x: x[1][2] == "warm")
        .join(core, parts)  # n → ((key, ev, "warm"), (key0, ev0))
        .map(lambda x: (((x[1][0][0], x[1][0][1]), x[1][1]), 1))
        .reduceByKey(lambda a, b: a + b, parts)
        .map(lambda kv: (kv[0][0], (kv[1], kv[0][1])))
        .reduceByKey(lambda a, b: a if (a[0], _order(a[1])) >= (b[0], _order(b[1])) else b, parts)
        .mapValues(lambda v: v[1])
        .collect()
    )
    steps.done("cluster windows")
    up = {}

    def find(e):
        while e in up:
            e = up[e]
        return e

    for child, earlier in sorted(links, key=lambda kv: _order(kv[0])):
        a, b = find(child), find(earlier)
        if a != b:
            # The earlier event names the group; ties by order keep it deterministic.
            lo, hi = sorted((a, b), key=_order)
            up[hi] = lo
    groups = sc.broadcast({e: find(e) for e in up})
    group_of = core.mapValues(lambda ke: groups.value.get((tuple(ke[0]), ke[1]), (tuple(ke[0]), ke[1])))
    # Copies follow their original's event.
    root_n = roots.map(lambda br: (br[0], br[1]))
    group_all = group_of.union(root_n.map(lambda br: (br[1], br[0])).join(group_of, parts).map(lambda x: (x[1][0], x[1][1]))).cache()
    # Event ids in the order events opened (their first document), as the digest numbers them.
    numbering = (
        group_all.map(lambda ng: (ng[1], ng[0]))
        .reduceByKey(min, parts)
        .map(lambda gn: (gn[1], gn[0]))  # first position → group
        .sortByKey(numPartitions=parts)
        .zipWithIndex()
        .map(lambda x: (x[0][1], f"e{x[1] + 1}"))
        .cache()
    )
    n_events = numbering.count()
    steps.done("merge windows")
    event_of = (
        group_all.map(lambda ng: (ng[1], ng[0]))
        .join(numbering, parts)
        .map(lambda x: (x[1][0], x[1][1]))
    )

    # 5. report per event
    words = args.words
    per_event = (
        documents.mapValues(lambda dt: dt[0]).join(event_of, parts)
        .map(lambda x: (x[1][1], (x[0], x[1][0])))
        .groupByKey(parts)
        .map(lambda kv: json.dumps({
            "event": kv[0],
            "storyline": None,
            "documents": [d for _, d in sorted(kv[1], key=lambda nd: nd[0])],
        }))
    )
    records = per_event.mapPartitions(lambda it: run_stage(["report", "--words", str(words)], it)).map(json.loads).cache()

    # 6. storylines over the events, in the order they began (on the driver: one small record an event)
    events = records.filter(lambda r: r["type"] == "event")
    ordered_events = events.sortBy(
        lambda e: (e["first_published"] is None, e["first_published"] or "", int(e["id"][1:])),
        numPartitions=parts,
    ).map(json.dumps)
    link = subprocess.Popen(
        [str(Path(args.storyline).resolve()), "link", "--quiet"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
    )
    storylines = []
    reader = threading.Thread(target=lambda: storylines.extend(json.loads(l) for l in link.stdout if l.strip()))
    reader.start()
    for line in ordered_events.toLocalIterator():
        link.stdin.write(line + "\n")
    link.stdin.close()
    reader.join()
    if link.wait() not in (0, 1):
        raise RuntimeError("storyline link failed")
    in_storyline = sc.broadcast({e: s["id"] for s in storylines for e in s["events"]})
    steps.done("report, link")

    def with_storyline(r):
        if r["type"] == "event":
            r = dict(r, storyline=in_storyline.value.get(r["id"]))
        return r

    # Events in the order they opened, each after its documents, as `digest --format jsonl`.
    (
        records.map(with_storyline)
        .map(lambda r: ((int((r["id"] if r["type"] == "event" else r["event"])[1:]), r["type"] == "event"), json.dumps(r)))
        .sortByKey(numPartitions=parts)
        .values()
        .saveAsTextFile(str(out_dir / "report.parts"))
    )
    with open(out_dir / "report.jsonl", "w", encoding="utf-8") as out:
        for part in sorted((out_dir / "report.parts").glob("part-*")):
            with open(part, encoding="utf-8") as f:
                shutil.copyfileobj(f, out)
        for s in storylines:
            out.write(json.dumps(s) + "\n")
    with open(out_dir / "documents.jsonl", "w", encoding="utf-8") as out:
        for part in sorted((out_dir / "documents.parts").glob("part-*")):
            with open(part, encoding="utf-8") as f:
                shutil.copyfileobj(f, out)
    shutil.rmtree(out_dir / "report.parts")
    shutil.rmtree(out_dir / "documents.parts")
    steps.done("write")
    n_docs = documents.count()
    print(json.dumps({
        "documents": n_docs, "events": n_events, "storylines": len(storylines),
        "seconds": steps.times,
    }))
    spark.stop()


def _order(key):
    """A window event's place: window, then its number in the window's run ("e12" → 12)."""
    (lang, k), ev = key
    return (k, lang, int(ev[1:]))


if __name__ == "__main__":
    sys.exit(main())
