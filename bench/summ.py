#!/usr/bin/env python3
"""Summarization benchmark: storyline vs. published systems on DUC 2004 dev, and Multi-News val.

Run: bench/venv.sh rouge-score && bench/.venv/bin/python bench/summ.py [--multinews]
storyline runs through the release `summ_bench` example (the library the CLI calls), at the
word budgets given; the 13 classic systems' published outputs (sumrepo_peers_dev.jsonl) are
scored by the same scorer in the same run.
"""
import argparse, collections, json, subprocess, sys, tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMM = ROOT.parent / "shared" / "data" / "summ"
MN = ROOT.parent / "shared" / "data" / "multinews" / "multinews_val_raw.jsonl"


def score(pred, gold, extra=()):
    out = subprocess.run([sys.executable, str(SUMM / "eval.py"), str(pred), str(gold), *extra],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def line(name, s, note=""):
    print(f"| {name} | {s['rouge1_f']:.2f} | {s['rouge2_f']:.2f} | {s['rougeL_f']:.2f} | {note} |", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", default="100,120")
    ap.add_argument("--multinews", action="store_true")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "storyline-summarize", "--example", "summ_bench"],
                   cwd=ROOT, check=True)
    exe = ROOT / "target" / "release" / "examples" / "summ_bench"
    print("| system | R-1 | R-2 | R-L | note |\n|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        for w in args.words.split(","):
            pred = tmp / f"s{w}.jsonl"
            speed = subprocess.run([str(exe), str(SUMM / "dev.jsonl"), str(pred), "--words", w],
                                   capture_output=True, text=True, check=True)
            speed = (speed.stdout + speed.stderr).strip().splitlines()[-1]
            line(f"**storyline summarize --words {w}**", score(pred, SUMM / "dev.jsonl"), speed)
        peers = collections.defaultdict(list)
        for l in open(SUMM / "sumrepo_peers_dev.jsonl"):
            r = json.loads(l)
            peers[r["system"]].append({"cluster_id": r["cluster_id"], "summary": r["summary"]})
        for name, rows in sorted(peers.items()):
            p = tmp / "peer.jsonl"
            p.write_text("".join(json.dumps(r) + "\n" for r in rows))
            line(name + " (published output)", score(p, SUMM / "dev.jsonl"))
        if args.multinews:
            pred = tmp / "mn.jsonl"
            speed = subprocess.run([str(exe), str(MN), str(pred), "--words", "250"],
                                   capture_output=True, text=True, check=True)
            speed = (speed.stdout + speed.stderr).strip().splitlines()[-1]
            line("**storyline, Multi-News val, --words 250**", score(pred, MN, ["--limit-words", "250"]), speed)


if __name__ == "__main__":
    main()
