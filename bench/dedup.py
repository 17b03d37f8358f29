#!/usr/bin/env python3
"""Near-duplicate benchmark: `storyline dedup` vs datasketch MinHashLSH (pairwise P/R/F1).

Run: bench/dedup.py [--peers] [--data ../shared/data/dedup/dedup_dev.jsonl]
The stream is fed in its `date` order. Predicted groups = documents sharing a canonical copy;
scored with the shared clustering scorer, whose pairwise P/R/F1 is the dedup metric.
"""
import argparse, json, resource, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


def cpu_children():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def score(gold, pred_path):
    out = subprocess.run([sys.executable, str(SHARED / "cluster" / "eval.py"), str(gold), str(pred_path)],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def run_storyline(docs, tmp, extra):
    src = tmp / "in.jsonl"
    src.write_text("".join(json.dumps({"id": d["id"], "text": (d.get("title") or "") + "\n" + d["text"]}) + "\n" for d in docs))
    c0 = cpu_children()
    out = subprocess.run([str(ROOT / "target/release/storyline"), "dedup", str(src), *extra],
                         capture_output=True, text=True, check=True).stdout
    cpu = cpu_children() - c0
    preds = []
    for line in out.splitlines():
        r = json.loads(line)
        preds.append({"id": r["id"], "cluster": r["duplicate_of"] or r["id"]})
    return preds, cpu


def run_datasketch(docs, shingle, threshold=0.5, k=5):
    from datasketch import MinHash, MinHashLSH
    t0 = time.process_time()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    canon = {}
    for d in docs:
        text = ((d.get("title") or "") + "\n" + d["text"]).lower()
        if shingle == "char":
            sh = {text[i:i + k] for i in range(max(1, len(text) - k + 1))}
        else:
            w = text.split()
            sh = {" ".join(w[i:i + k]) for i in range(max(1, len(w) - k + 1))}
        m = MinHash(num_perm=128)
        for s in sh:
            m.update(s.encode())
        hits = sorted(lsh.query(m))
        canon[d["id"]] = canon[hits[0]] if hits else d["id"]
        lsh.insert(d["id"], m)
    cpu = time.process_time() - t0
    return [{"id": d["id"], "cluster": canon[d["id"]]} for d in docs], cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(SHARED / "dedup" / "dedup_dev.jsonl"))
    ap.add_argument("--peers", action="store_true")
    ap.add_argument("--grid", default="", help="comma list of storyline option sets to try, e.g. \"--threshold 0.4,--shingle 2\"")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "storyline-cli"], cwd=ROOT, check=True)
    docs = [json.loads(l) for l in open(args.data)]
    docs.sort(key=lambda d: (d.get("date") or "", d["id"]))
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        def record(name, preds, cpu):
            p = tmp / "pred.jsonl"
            p.write_text("".join(json.dumps(x) + "\n" for x in preds))
            s = score(args.data, p)
            print(f"{name:36s} pair P {s['pair_p']:.3f} R {s['pair_r']:.3f} F1 {s['pair_f1']:.3f}"
                  f"  {len(docs)/cpu if cpu else float('inf'):,.0f} docs/CPU-s", flush=True)
        grid = [g for g in args.grid.split(",") if g] or [None]
        for g in grid:
            extra = g.split() if g else []
            preds, cpu = run_storyline(docs, tmp, extra)
            record("storyline " + (g or ""), preds, cpu)
        if args.peers:
            for sh in ("word", "char"):
                preds, cpu = run_datasketch(docs, sh)
                record(f"datasketch MinHashLSH {sh}-5 @0.5", preds, cpu)


if __name__ == "__main__":
    main()
