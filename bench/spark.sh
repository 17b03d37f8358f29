#!/usr/bin/env bash
# Spark scale-out benchmark (docs/SCALING.md): the Spark job (dist/spark/storyline_spark.py) on a
# generated crawl with 1 and 2 executors of Spark's local-cluster master (real executor processes,
# one core each), and in the same run single-process `storyline digest` on the same input; each
# Spark run is checked against it (dist/spark/agreement.py: identical dedup groups, event B³).
#
#   bench/spark.sh                     10k pages (the generator's density: ~0.6 days of news)
#   SIZE=20000 DAYS=4 bench/spark.sh   a sparser stream that crosses several clustering windows
#
# Settings (environment):
#   SIZE          pages (default 10000), written as .warc.gz files of WARC_RECORDS responses each
#   WARC_RECORDS  responses per WARC file (default 1000): a file is the unit of extraction work
#   DAYS          spread events over this many days (default: the generator's density)
#   EXECUTORS     executor counts to run (default "1 2")
#   WINDOW_HOURS  the job's --window-hours (default: the job's default)
#   WARMUP_HOURS  the job's --warmup-hours (default: the job's default)
#   CORPUS        where corpora are kept (default ${TMPDIR:-/tmp}/storyline-corpus)
# Prints one markdown table row per run: wall seconds, CPU seconds and peak memory of the whole
# machine during the run (Spark's JVMs, Python workers and the storyline processes they start are
# many processes, not all children of this shell: run on an otherwise idle machine), pages/s,
# agreement.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
SIZE=${SIZE:-10000}
WARC_RECORDS=${WARC_RECORDS:-1000}
EXECUTORS=${EXECUTORS:-"1 2"}
CORPUS=${CORPUS:-${TMPDIR:-/tmp}/storyline-corpus}
days_arg=()
name="spark-$SIZE"
if [ -n "${DAYS:-}" ]; then
    days_arg=(--days "$DAYS")
    name="$name-${DAYS}d"
fi
window_arg=()
if [ -n "${WINDOW_HOURS:-}" ]; then
    window_arg+=(--window-hours "$WINDOW_HOURS")
fi
if [ -n "${WARMUP_HOURS:-}" ]; then
    window_arg+=(--warmup-hours "$WARMUP_HOURS")
fi

cargo build --release -q -p storyline-cli
bin=$root/target/release/storyline
bash .ci/setup-spark >/dev/null
python=$root/dist/spark/.venv/bin/python

input=$CORPUS/$name/warc
if [ ! -d "$input" ]; then
    python3 bench/gen_corpus.py --docs "$SIZE" "${days_arg[@]}" --warc-records "$WARC_RECORDS" \
        --format warc.gz --out "$CORPUS/$name" >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A private SPARK_HOME: executors' work directories go to $work, not into the venv.
spark_pkg=$("$python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')
mkdir -p "$work/home"
ln -s "$spark_pkg/bin" "$work/home/bin"
ln -s "$spark_pkg/jars" "$work/home/jars"

# Busy CPU seconds of the whole machine (user + nice + system, all cores) since boot.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '/^cpu /{print ($2 + $3 + $4) / hz}' /proc/stat; }
# Used memory of the whole machine in MB.
used_mb() { awk '/MemTotal/{t=$2} /MemAvailable/{a=$2} END{print int((t - a) / 1024)}' /proc/meminfo; }
# Run a command, printing "wall_s cpu_s peak_extra_mb" (memory above what was in use before).
measure() {
    local base start cpu0 peak pid
    base=$(used_mb); peak=$base; cpu0=$(cpu_seconds); start=$(date +%s.%N)
    "$@" & pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        local now; now=$(used_mb); [ "$now" -gt "$peak" ] && peak=$now; sleep 0.5
    done
    wait "$pid"
    echo "$(echo "$(date +%s.%N) - $start" | bc) $(echo "$(cpu_seconds) - $cpu0" | bc) $((peak - base))"
}

echo "| run | pages | wall s | CPU s | peak MB | pages/s | dedup differences | event B³ F1 | storyline B³ F1 |"
echo "|---|---|---|---|---|---|---|---|---|"
for threads in 1 2; do
    read -r wall cpu mb < <(measure sh -c 'RAYON_NUM_THREADS=$1 "$2" digest --format jsonl --quiet "$3" >/dev/null' \
        _ "$threads" "$bin" "$input")
    printf "| digest, one process, %s threads | %s | %.1f | %.1f | %s | %.0f | | | |\n" \
        "$threads" "$SIZE" "$wall" "$cpu" "$mb" "$(echo "$SIZE / $wall" | bc -l)"
done
for n in $EXECUTORS; do
    out=$work/out-$n
    read -r wall cpu mb < <(measure sh -c 'w=$1; shift; SPARK_HOME="$w/home" "$@" >"$w/job.json" 2>"$w/job.err"' \
        _ "$work" "$python" dist/spark/storyline_spark.py --master "local-cluster[$n,1,2048]" \
        --storyline "$bin" --out "$out" "${window_arg[@]}" "$input")
    [ -s "$out/report.jsonl" ] || { tail -20 "$work/job.err"; exit 1; }
    a=$(python3 dist/spark/agreement.py --storyline "$bin" --spark-out "$out" "$input")
    field() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$a" "$1"; }
    printf "| Spark, %s executor(s) × 1 core | %s | %.1f | %.1f | %s | %.0f | %s | %s | %s |\n" \
        "$n" "$SIZE" "$wall" "$cpu" "$mb" "$(echo "$SIZE / $wall" | bc -l)" \
        "$(field dedup_differences)" "$(field b3_f1)" "$(field storyline_b3_f1)"
    echo "  steps ($n executors): $(cat "$work/job.json")" >&2
done
