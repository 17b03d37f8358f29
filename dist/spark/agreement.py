#!/usr/bin/env python3
"""Does a Spark run agree with single-process storyline on the same input?

    python3 dist/spark/agreement.py --storyline target/release/storyline --spark-out OUT INPUT...

Runs `storyline digest --format jsonl` and `storyline dedup` (on the documents the Spark run
extracted, in its stream order) on one machine and compares: dedup groups must be identical;
events are compared by B-cubed precision/recall/F1 of the Spark events against the digest's
(the measure of docs/SCALING.md). Prints one JSON object.
"""
import argparse
import json
import subprocess
import sys
from collections import defaultdict


def doc_events(lines):
    return {r["id"]: r["event"] for r in map(json.loads, lines) if r.get("type") == "document"}


def doc_storylines(lines):
    """Each document's storyline (its event's, or the event alone when it is in none)."""
    records = [json.loads(l) for l in lines]
    storyline = {e: r["id"] for r in records if r.get("type") == "storyline" for e in r["events"]}
    return {
        r["id"]: storyline.get(r["event"], r["event"])
        for r in records
        if r.get("type") == "document"
    }


def b_cubed(gold, pred):
    ids = sorted(set(gold) & set(pred))
    g, p = defaultdict(set), defaultdict(set)
    for i in ids:
        g[gold[i]].add(i)
        p[pred[i]].add(i)
    prec = rec = 0.0
    for i in ids:
        both = len(g[gold[i]] & p[pred[i]])
        prec += both / len(p[pred[i]])
        rec += both / len(g[gold[i]])
    prec, rec = prec / max(1, len(ids)), rec / max(1, len(ids))
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--storyline", required=True)
    ap.add_argument("--spark-out", required=True)
    args = ap.parse_args()

    with open(f"{args.spark_out}/documents.jsonl", encoding="utf-8") as f:
        docs = [json.loads(l) for l in f]
    stripped = "".join(
        json.dumps({k: v for k, v in d.items() if k not in ("seq", "duplicate_of")}) + "\n" for d in docs
    )
    single = subprocess.run(
        [args.storyline, "dedup", "--quiet"], input=stripped, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    single_dup = {r["id"]: r["duplicate_of"] for r in map(json.loads, single)}
    spark_dup = {d["id"]: d["duplicate_of"] for d in docs}
    differ = sorted(i for i in spark_dup if spark_dup[i] != single_dup.get(i))

    digest = subprocess.run(
        [args.storyline, "digest", "--format", "jsonl", "--quiet", *args.inputs],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()
    with open(f"{args.spark_out}/report.jsonl", encoding="utf-8") as f:
        spark_lines = f.readlines()
    gold, pred = doc_events(digest), doc_events(spark_lines)
    p, r, f1 = b_cubed(gold, pred)
    _, _, storyline_f1 = b_cubed(doc_storylines(digest), doc_storylines(spark_lines))
    storylines = sum(1 for l in spark_lines if json.loads(l).get("type") == "storyline")
    print(json.dumps({
        "documents": len(docs),
        "copies": sum(v is not None for v in spark_dup.values()),
        "dedup_differences": len(differ),
        "dedup_first_differences": differ[:5],
        "digest_documents": len(gold),
        "report_documents": len(pred),
        "common_documents": len(set(gold) & set(pred)),
        "digest_events": len(set(gold.values())),
        "spark_events": len(set(pred.values())),
        "spark_storylines": storylines,
        "b3_precision": round(p, 4),
        "b3_recall": round(r, 4),
        "b3_f1": round(f1, 4),
        "digest_storylines": sum(1 for l in digest if json.loads(l).get("type") == "storyline"),
        "storyline_b3_f1": round(storyline_f1, 4),
    }))


if __name__ == "__main__":
    sys.exit(main())
