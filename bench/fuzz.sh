#!/usr/bin/env bash
# Runs storyline's libFuzzer targets (fuzz/) one after another and prints a table of executions,
# time and outcome per target. Not part of CI: a full run takes ten minutes per target.
#
#   bench/fuzz.sh                 every target, 600 s or 10 M executions each (whichever first)
#   bench/fuzz.sh 60 sentences    one target for a minute
#   FUZZ_RUNS=1000 bench/fuzz.sh  a quick smoke run
#
# Works on stable Rust: RUSTC_BOOTSTRAP lets cargo-fuzz pass its nightly-only flags. No sanitizer
# (the code forbids `unsafe`; ASan would only slow the search down): libFuzzer still catches
# panics, overflow checks (debug assertions are on), hangs (-timeout) and memory blow-ups
# (-rss_limit_mb). Crashes land in fuzz/artifacts/<target>/; reproduce one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none <target> fuzz/artifacts/<target>/<file>
# Seeds come from examples/corpus and a few generated records; the grown corpus stays in
# fuzz/corpus/ (ignored by git) so reruns continue where the last one stopped.
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
secs=${1:-600}
shift || true
runs=${FUZZ_RUNS:-10000000}
all=(extract_html clean_text ingest_jsonl ingest_gzip ingest_warc parse_body sentences analyze dates)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi

command -v cargo-fuzz >/dev/null || { echo "needs cargo-fuzz: cargo install cargo-fuzz" >&2; exit 2; }
export RUSTC_BOOTSTRAP=1
cd fuzz
mkdir -p logs
nice -n 19 cargo fuzz build --sanitizer none >logs/build.log 2>&1 || { cat logs/build.log >&2; exit 2; }

# Largest input per target: pages need room for real markup, the rest stays small and fast.
max_len() {
    case $1 in
        extract_html) echo 16384 ;;
        clean_text | analyze) echo 8192 ;;
        *) echo 4096 ;;
    esac
}

warc_record() { # type, extra header lines, block
    printf 'WARC/1.0\r\nWARC-Type: %s\r\n%sContent-Length: %d\r\n\r\n%s\r\n\r\n' "$1" "$2" "${#3}" "$3"
}

seed() {
    local t=$1 dir=corpus/$1 i=0 f
    mkdir -p "$dir"
    [ -n "$(ls -A "$dir")" ] && return 0
    local jsonl='{"id":"a","title":"Floods","text":"Heavy rain hit the valley. \"We lost everything,\" said Ana Ruiz.","published":"2026-04-14"}
{"html":"<html><head><title>T</title></head><body><p>Body text here.</p></body></html>","site":"X"}

{"text": '
    local page='<html><head><meta charset="utf-8"><title>Hi</title></head><body><article><p>Rain fell on Tuesday, officials said.</p></article></body></html>'
    local http="HTTP/1.1 200 OK"$'\r\n'"Content-Type: text/html; charset=utf-8"$'\r\n\r\n'"$page"
    local warc
    warc=$(warc_record warcinfo "" "software: x")$(warc_record response $'WARC-Target-URI: https://example.com/a\r\nWARC-Date: 2026-04-14T10:00:00Z\r\n' "$http")$(warc_record request "" "GET / HTTP/1.1")
    case $t in
        extract_html)
            for f in "$root"/examples/corpus/*/*.html "$root"/crates/extract/tests/fixtures/*.html; do
                head -c 16384 "$f" >"$dir/seed$((i++))"
            done ;;
        clean_text | sentences | analyze)
            for f in "$root"/examples/corpus/*/*.txt "$root"/crates/extract/tests/fixtures/*.txt; do
                head -c "$(max_len "$t")" "$f" >"$dir/seed$((i++))"
            done ;;
        dates)
            for d in 2026-04-14 2026-04-14T10:15:00Z '2026-04-14T10:15+0530' 'Tue, 14 Apr 2026 10:15:00 +0000' \
                'April 14, 2026' '14 April 2026' 14.04.2026 2026/04/14 1970-01-01T00:00:60; do
                printf '%s' "$d" >"$dir/seed$((i++))"
            done ;;
        parse_body)
            printf '%s' "$jsonl" >"$dir/seed0"
            printf '[%s]' '{"text":"Rain."},{"body":"Sun.","id":7}' >"$dir/seed1"
            printf '%s' '{"headline":"Only a title"}' >"$dir/seed2" ;;
        ingest_jsonl)
            printf '\x40%s' "$jsonl" >"$dir/seed0"
            printf '\x02%s' "$jsonl" >"$dir/seed1" ;;
        ingest_warc)
            printf '\x40%s' "$warc" >"$dir/seed0"
            printf '\x05%s' "$warc" >"$dir/seed1" ;;
        ingest_gzip)
            printf '\x00%s' "$jsonl" >"$dir/seed0"
            printf '\x01%s' "$warc" >"$dir/seed1"
            printf '\x22%s' "plain text" >"$dir/seed2"
            printf '\x43%s' "$page" >"$dir/seed3"
            printf '\x84\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03' >"$dir/seed4" ;;
    esac
}

printf '%-13s %12s %8s %8s %8s  %s\n' target executions seconds exec/s 'RSS MB' result
status=0
for t in "${targets[@]}"; do
    seed "$t"
    log=logs/$t.log
    if nice -n 19 cargo fuzz run --sanitizer none "$t" "corpus/$t" -- \
        -max_total_time="$secs" -runs="$runs" -max_len="$(max_len "$t")" \
        -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
        result=ok
    else
        result="FAILED (see fuzz/$log, fuzz/artifacts/$t/)"
        status=1
    fi
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    took=$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
    printf '%-13s %12s %8s %8s %8s  %s\n' "$t" "${execs:-?}" "${took:-?}" "${rate:-?}" "${rss:-?}" "$result"
done
exit $status
