#!/usr/bin/env python3
"""Summarization benchmark: storyline vs. published systems on DUC 2004 dev, and Multi-News val.

Run: bench/venv.sh rouge-score summa scikit-learn sumy && bench/.venv/bin/python bench/summ.py [--multinews] [--peers]
storyline runs through the release `summ_bench` example (the library the CLI calls), at the
word budgets given; the 13 classic systems' published outputs (sumrepo_peers_dev.jsonl) are
scored by the same scorer in the same run.
"""
import argparse, collections, json, re, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SUMM = ROOT.parent / "shared" / "data" / "summ"
MN = ROOT.parent / "shared" / "data" / "multinews" / "multinews_val_raw.jsonl"


def score(pred, gold, extra=()):
    out = subprocess.run([sys.executable, str(SUMM / "eval.py"), str(pred), str(gold), *extra],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def split_sentences(text):
    """A plain regex splitter for the Python baselines (they have no sentence splitter of their own
    that works offline); storyline uses its own segmenter. A boundary is end punctuation (and any
    closing quote) before a capital or an opening quote, including the doubled backticks of wire
    copy, which otherwise glue a quotation to the sentence before it."""
    out = []
    for para in text.split("\n"):
        cut = re.sub(r"([.!?](?:''|['\"”’])?)\s+(?=[A-Z\"“‘`(])", "\\1\n", para)
        out += [x.strip() for x in cut.split("\n") if len(x.split()) >= 5]
    return out


def budget(sents, words):
    out, n = [], 0
    for s in sents:
        w = len(s.split())
        if n + w > words and out:
            break
        out.append(s)
        n += w
    return " ".join(out)


def baselines(clusters, words):
    """Lead (first sentences round-robin), TF-IDF centroid, TF-IDF MMR, summa TextRank — each at
    the same word budget as storyline; CPU seconds per cluster measured around each system."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from summa import summarizer as summa_summarizer
    results = collections.defaultdict(list)
    cpu = collections.Counter()
    for c in clusters:
        docs = [split_sentences(d["text"]) for d in c["docs"]]
        sents = [s for d in docs for s in d]
        if not sents:
            continue
        t = time.process_time()
        lead, i = [], 0
        while len(" ".join(lead).split()) < words and any(i < len(d) for d in docs):
            lead += [d[i] for d in docs if i < len(d)]
            i += 1
        results["Lead round-robin"].append({"cluster_id": c["cluster_id"], "summary": budget(lead, words)})
        cpu["Lead round-robin"] += time.process_time() - t
        t = time.process_time()
        X = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(sents)
        centroid = np.asarray(X.mean(axis=0)).ravel()
        # Unit length, so that relevance (a cosine) and redundancy (a cosine) trade on one scale.
        centroid /= np.linalg.norm(centroid) or 1.0
        sim = X @ centroid
        order = list(np.argsort(-sim))
        results["TF-IDF centroid"].append({"cluster_id": c["cluster_id"], "summary": budget([sents[i] for i in order], words)})
        cpu["TF-IDF centroid"] += time.process_time() - t
        t = time.process_time()
        chosen, n = [], 0
        pair = (X @ X.T).toarray()
        while True:
            # The best sentence that still fits: a long one that does not is passed over, not
            # the end of the summary.
            best, bs = None, -1e9
            for i in range(len(sents)):
                if i in chosen or (n + len(sents[i].split()) > words and chosen):
                    continue
                red = max((pair[i, j] for j in chosen), default=0.0)
                score = 0.7 * sim[i] - 0.3 * red
                if score > bs:
                    best, bs = i, score
            if best is None:
                break
            chosen.append(best)
            n += len(sents[best].split())
        results["TF-IDF MMR (λ=0.7)"].append({"cluster_id": c["cluster_id"], "summary": " ".join(sents[i] for i in chosen)})
        cpu["TF-IDF MMR (λ=0.7)"] += time.process_time() - t
        t = time.process_time()
        text = "\n".join(sents)
        results["summa TextRank"].append({"cluster_id": c["cluster_id"], "summary": summa_summarizer.summarize(text, words=words).replace("\n", " ")})
        cpu["summa TextRank"] += time.process_time() - t
    return results, cpu


class RegexTokenizer:
    """sumy's own Tokenizer needs NLTK's punkt data (a download); its parser only calls these two
    methods, so the peers get the same regex splitter as the other baselines here."""
    language = "english"

    def to_sentences(self, paragraph):
        return split_sentences(paragraph)

    def to_words(self, sentence):
        return re.findall(r"\w+(?:['’]\w+)*", sentence)


def sumy_peers(clusters, words):
    """sumy's LexRank, LSA, TextRank, Luhn, KL-Sum and SumBasic (Snowball stemmer and sumy's English
    stop list, both shipped with the packages) at the same word budget: sentences are taken in
    each method's rating order while they fit, then shown in document order as sumy does."""
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    def within_budget(ranked):
        out, n = [], 0
        for info in ranked:
            w = len(str(info.sentence).split())
            if n + w > words and out:
                break
            out.append(info)
            n += w
        return out

    systems = {"sumy LexRank": LexRankSummarizer, "sumy LSA": LsaSummarizer, "sumy TextRank": TextRankSummarizer,
               "sumy Luhn": LuhnSummarizer, "sumy KL-Sum": KLSummarizer, "sumy SumBasic": SumBasicSummarizer}
    results = collections.defaultdict(list)
    cpu = collections.Counter()
    for c in clusters:
        text = "\n\n".join(d["text"] for d in c["docs"])
        for name, cls in systems.items():
            t = time.process_time()
            doc = PlaintextParser.from_string(text, RegexTokenizer()).document
            summarizer = cls(Stemmer("english"))
            summarizer.stop_words = get_stop_words("english")
            summary = " ".join(str(s) for s in summarizer(doc, within_budget))
            cpu[name] += time.process_time() - t
            results[name].append({"cluster_id": c["cluster_id"], "summary": summary})
    return results, cpu


def line(name, s, note=""):
    print(f"| {name} | {s['rouge1_f']:.2f} | {s['rouge2_f']:.2f} | {s['rougeL_f']:.2f} | {note} |", flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--words", default="100,120")
    ap.add_argument("--multinews", action="store_true")
    ap.add_argument("--peers", action="store_true", help="also run Lead, TF-IDF centroid/MMR, summa TextRank and sumy's six summarizers (bench/venv.sh summa scikit-learn sumy)")
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
        if args.peers:
            clusters = [json.loads(l) for l in open(SUMM / "dev.jsonl")]
            res, cpu = baselines(clusters, 100)
            res2, cpu2 = sumy_peers(clusters, 100)
            res.update(res2)
            cpu.update(cpu2)
            for name, rows in res.items():
                p = tmp / "base.jsonl"
                p.write_text("".join(json.dumps(r) + "\n" for r in rows))
                line(name + " (run here, 100 words)", score(p, SUMM / "dev.jsonl"), f"{1000 * cpu[name] / len(rows):.1f} ms CPU/cluster")
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
