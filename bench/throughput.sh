#!/usr/bin/env bash
# Scale benchmark: `storyline digest` end to end on a generated stream of news pages
# (bench/gen_corpus.py) at several sizes and thread counts — wall time, CPU time, peak RSS — and
# in the same run the Python peer doing the same job (bench/baseline_pipeline.py: trafilatura +
# datasketch + scikit-learn). Every run is also scored against the generated events (B-cubed F1,
# ../shared/data/cluster/eval.py), so a faster run that clusters worse shows it.
#
#   bench/throughput.sh                          10k and 100k pages as WARC, 1 and 2 threads; peer at 10k
#   SIZES="1000000" THREADS=2 bench/throughput.sh
#   SIZES=10000 FORMAT=jsonl PEER_SIZES= bench/throughput.sh
#   BIN=/tmp/old/storyline LABEL=before bench/throughput.sh    measure another build
#
# Settings (environment):
#   SIZES        corpus sizes in pages (default "10000 100000")
#   THREADS      RAYON_NUM_THREADS values for storyline (default "1 2"; empty: the peer only)
#   FORMAT       warc (default: multi-member .warc.gz as a news crawl writes them), jsonl, jsonl.gz, html
#   DAYS         spread the events of every size over this many days instead of the generator's
#                constant density (60 days per million pages); such corpora go to $CORPUS/N-DAYSd
#   PEER_SIZES   sizes at which the peer runs too (default "10000"; empty: never)
#   PEER_JOBS    extraction processes of the peer (default "2")
#   CORPUS       where corpora are generated and kept between runs (default ${TMPDIR:-/tmp}/storyline-corpus;
#                25 KB per page uncompressed, ~7 KB as .warc.gz; never inside the repository)
#   BIN, LABEL   the storyline binary (default: target/release/storyline, built here) and its name
#                in the table (default: git describe of the working tree)
#   SCORE=0      skip scoring (the report is then written to /dev/null, as in a plain timing)
#   TIMEOUT      stop a run after this long (timeout(1) syntax, e.g. 40m; default: never); the row
#                then says "stopped at" with the CPU time and peak RSS reached so far
#
#   SAMPLE       seconds between memory samples (default 30): each run's resident size over time
#                goes to $CORPUS/rss-SIZE-LABEL-THREADS.tsv, to show whether memory stays flat (its
#                read_mb is all bytes the process read: storyline's parked texts read back count too)
#
# storyline streams its report (`digest --format jsonl`), so memory follows the open window of
# news, not the input. Prints one markdown table row per run and appends it to $CORPUS/results.md. Time and memory
# come from GNU time (%e wall, %U user, %S system, %M peak RSS of the largest process: for the
# peer's extraction pool that is one process, not the sum). The machine load (1-minute average)
# before each run is recorded next to it: on a shared machine CPU seconds are the stable figure.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
SIZES=${SIZES:-"10000 100000"}
THREADS=${THREADS-"1 2"}
FORMAT=${FORMAT:-warc}
PEER_SIZES=${PEER_SIZES-10000}
PEER_JOBS=${PEER_JOBS:-2}
CORPUS=${CORPUS:-${TMPDIR:-/tmp}/storyline-corpus}
SCORE=${SCORE:-1}
if [ -z "${BIN:-}" ]; then
    cargo build --release -q -p storyline-cli
    BIN=$root/target/release/storyline
fi
LABEL=${LABEL:-storyline $(git describe --always --dirty)}
case $FORMAT in
    warc) gen_format=warc.gz ;;
    jsonl | jsonl.gz | html) gen_format=$FORMAT ;;
    *) echo "FORMAT must be warc, jsonl, jsonl.gz or html" >&2; exit 2 ;;
esac
mkdir -p "$CORPUS"
results=$CORPUS/results.md
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

if [ -n "$PEER_SIZES" ] && ! bench/.venv/bin/python -c 'import trafilatura, datasketch, sklearn' 2>/dev/null; then
    bench/venv.sh trafilatura datasketch scikit-learn >/dev/null
fi

header='| input | pages | system | threads | wall s | user s | sys s | pages/s (wall) | pages/CPU-s | peak RSS MB | events | copies | B³ F1 | load |'
echo "$header"
echo '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|'
[ -s "$results" ] || printf '%s\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n' "$header" >"$results"

# score REPORT GOLD KIND → "events copies f1" (KIND: storyline or peer report shape)
score() {
    python3 - "$1" "$2" "$3" "$root/../shared/data/cluster/eval.py" <<'EOF'
import json, re, subprocess, sys
report, gold, kind, scorer = sys.argv[1:]
# Pages read from the html/ directory are named by their file, the gold by their URL.
by_file = {g["file"].removeprefix("html/"): g["id"] for g in map(json.loads, open(gold))}
def gold_id(i):
    m = re.search(r"\d{4}/\d{7}\.html$", i)
    return by_file.get(m.group(0), i) if m else i

def scan(path):
    """(document → event, copies, documents) from storyline's pretty-printed report, line by
    line: the report of a million pages is gigabytes, too big to load as one JSON value."""
    event_of, copies, docs, section, event, in_docs = {}, 0, 0, None, None, False
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith('  "'):
                section = line.split('"')[1]
            elif section == "documents":
                if line.startswith('      "id": '):
                    docs += 1
                elif line.startswith('      "duplicate_of": ') and "null" not in line:
                    copies += 1
            elif section == "events":
                if line.startswith('      "id": '):
                    event = json.loads(line.split(":", 1)[1].strip().rstrip(","))
                elif line.startswith('      "documents": [') and not line.rstrip().endswith("],"):
                    in_docs = True
                elif in_docs and line.startswith("      ]"):
                    in_docs = False
                elif in_docs:
                    event_of[gold_id(json.loads(line.strip().rstrip(",")))] = event
    return event_of, copies, docs

if kind == "storyline":
    # `digest --format jsonl`: one line per document (with its event), event and storyline.
    event_of, copies = {}, 0
    with open(report, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["type"] == "document":
                event_of[gold_id(rec["id"])] = rec["event"]
                copies += rec["duplicate_of"] is not None
elif kind == "storyline-json":
    event_of, copies, docs = scan(report)
    if docs == 0 or len(event_of) != docs:  # not the layout scan() knows: read it whole
        r = json.load(open(report))
        event_of = {gold_id(d): e["id"] for e in r["events"] for d in e["documents"]}
        copies = sum(1 for d in r["documents"] if d.get("duplicate_of"))
else:
    r = json.load(open(report))
    event_of = {gold_id(d["id"]): d["event"] for d in r["documents"]}
    copies = sum(1 for d in r["documents"] if d.get("duplicate_of"))
pred = report + ".pred"
with open(pred, "w") as f:
    for d, e in event_of.items():
        f.write(json.dumps({"id": d, "cluster": e}) + "\n")
out = subprocess.run([sys.executable, scorer, gold, pred], capture_output=True, text=True, check=True).stdout
f1 = json.loads(out.strip().splitlines()[-1])["bcubed_f1"]
print(len(set(event_of.values())), copies, f"{f1:.3f}")
EOF
}

# descendants PID → the process ids below PID (timeout(1) puts its child in a group of its own)
descendants() {
    local c
    for c in $(pgrep -P "$1" 2>/dev/null); do
        echo "$c"
        descendants "$c"
    done
}

# measure NAME THREADS N INPUT KIND command... → one row
measure() {
    local name=$1 threads=$2 n=$3 input=$4 kind=$5
    shift 5
    local load out=/dev/null events=- copies=- f1=- rc=0 stopped=0
    load=$(cut -d' ' -f1 /proc/loadavg)
    [ "$SCORE" = 0 ] || out=$scratch/report.json
    /usr/bin/time -f '%e %U %S %M' -o "$scratch/time" timeout "${TIMEOUT:-0}" "$@" >"$out" 2>"$scratch/err" &
    local job=$!
    # Memory over the run: every SAMPLE seconds, the resident size of the largest process
    # under the job and how much input it has read (from /proc: its rchar).
    local trace=$CORPUS/rss-$n-${name//[^a-zA-Z0-9]/_}-$threads.tsv
    printf 'seconds\trss_mb\tread_mb\n' >"$trace"
    local t0=$SECONDS
    while kill -0 "$job" 2>/dev/null; do
        sleep "${SAMPLE:-30}"
        local best=0 rd=0 p rss
        for p in $(descendants "$job"); do
            rss=$(awk '/VmRSS/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
            if [ "${rss:-0}" -gt "$best" ]; then
                best=$rss
                rd=$(awk '/rchar/ {print $2}' "/proc/$p/io" 2>/dev/null || echo 0)
            fi
        done
        [ "$best" = 0 ] || printf '%d\t%d\t%d\n' $((SECONDS - t0)) $((best / 1024)) $((rd / 1048576)) >>"$trace"
    done
    wait "$job" || rc=$?
    if [ "$rc" = 124 ]; then
        stopped=1
    elif [ "$rc" != 0 ]; then
        echo "$name failed on $input:" >&2
        tail -5 "$scratch/err" >&2
        return 1
    fi
    read -r wall user sys rss < <(tail -1 "$scratch/time")
    if [ "$SCORE" != 0 ] && [ "$stopped" = 0 ]; then
        read -r events copies f1 < <(score "$out" "$dir/gold.jsonl" "$kind")
        rm -f "$out" "$out.pred"
    fi
    row=$(awk -v i="$FORMAT${DAYS:+, $DAYS days}" -v n="$n" -v s="$name" -v t="$threads" -v w="$wall" -v u="$user" -v y="$sys" \
        -v m="$rss" -v e="$events" -v c="$copies" -v f="$f1" -v l="$load" -v x="$stopped" 'BEGIN {
        if (x) printf "| %s | %d | %s | %s | stopped at %.0f | %.1f | %.1f | — | — | ≥ %.0f | - | - | - | %s |",
            i, n, s, t, w, u, y, m / 1024, l
        else printf "| %s | %d | %s | %s | %.1f | %.1f | %.1f | %.0f | %.0f | %.0f | %s | %s | %s | %s |",
            i, n, s, t, w, u, y, n / w, n / (u + y), m / 1024, e, c, f, l }')
    echo "$row"
    echo "$row" >>"$results"
    # The peer's own split of its time (extraction, dedup, clustering) goes to stderr.
    [ "$kind" != peer ] || [ "$stopped" = 1 ] || tail -1 "$scratch/err" >&2
}

for n in $SIZES; do
    dir=$CORPUS/$n${DAYS:+-${DAYS}d}
    case $FORMAT in warc) input=$dir/warc ;; *) input=$dir/$FORMAT ;; esac
    if [ ! -e "$input" ] || [ ! -s "$dir/manifest.json" ]; then
        echo "generating $n pages ($gen_format) in $dir" >&2
        python3 bench/gen_corpus.py --docs "$n" --out "$dir" --format "$gen_format" ${DAYS:+--days "$DAYS"} >&2
    fi
    for t in $THREADS; do
        measure "$LABEL" "$t" "$n" "$input" storyline \
            env RAYON_NUM_THREADS="$t" "$BIN" digest -q --format jsonl "$input"
    done
    if [[ " $PEER_SIZES " == *" $n "* ]]; then
        for j in $PEER_JOBS; do
            measure "peer: trafilatura + datasketch + sklearn" "$j" "$n" "$input" peer \
                bench/.venv/bin/python bench/baseline_pipeline.py --jobs "$j" "$input"
        done
    fi
done
