#!/usr/bin/env bash
# Hostile inputs end to end: generates each one under a scratch directory, runs the release
# binary on it (`storyline digest`), and prints exit code, the first error message, peak RSS
# and wall time. Every input must finish with bounded memory and a clear per-record error.
#
#   bench/limits.sh              all inputs (needs ~3 GB free in $TMPDIR; takes a few minutes)
#   LIMITS_DIR=/big/tmp bench/limits.sh
#   LIMITS_KEEP=1 ...            keep the generated inputs (and reuse them on the next run)
#
# Nothing generated here is committed: the inputs are rebuilt on every run.
set -euo pipefail

cd "$(dirname "$0")/.."
bin=target/release/storyline
[ -x "$bin" ] || cargo build --release -p storyline-cli
dir=${LIMITS_DIR:-${TMPDIR:-/tmp}/storyline-limits}
mkdir -p "$dir"
[ -n "${LIMITS_KEEP:-}" ] || trap 'rm -rf "$dir"' EXIT

warc_record() { # type, extra header lines, block, declared length (default: the true one)
    printf 'WARC/1.0\r\nWARC-Type: %s\r\n%sContent-Length: %d\r\n\r\n%s\r\n\r\n' \
        "$1" "$2" "${4:-${#3}}" "$3"
}
page() {
    printf 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>%s</title></head><body><article><p>%s</p></article></body></html>' \
        "$1" "Officials in the valley said on Tuesday that $1 would reopen the bridge after eight months of repairs, ahead of the spring floods."
}

gen() {
    echo "generating inputs in $dir" >&2
    # 1. One gigabyte without a newline, read as JSON Lines, plain text and WARC.
    head -c 1G /dev/zero | tr '\0' 'a' >"$dir/nonl.jsonl"
    ln -sf nonl.jsonl "$dir/nonl.txt"
    ln -sf nonl.jsonl "$dir/nonl.warc"
    # 2. HTML nested 100,000 deep, plain and in the shapes that used to be quadratic.
    {
        printf '<html><body>'
        for _ in $(seq 1000); do printf '<div>%.0s' $(seq 100); done
        printf '<p>The story sits one hundred thousand elements deep, and it is still found and read.</p>'
        for _ in $(seq 1000); do printf '</div>%.0s' $(seq 100); done
    } >"$dir/deep.html"
    {
        printf '<p><button>'
        for _ in $(seq 1000); do printf '<h1><div>x%.0s' $(seq 100); done
    } >"$dir/deep-scopes.html"
    # 3. Gzip bombs: 10 GB of zeros and 10 GB of newlines, ten 1 GB members each (~10 MB).
    head -c 1G /dev/zero | gzip -9 >"$dir/zeros.gz"
    for _ in $(seq 10); do cat "$dir/zeros.gz"; done >"$dir/bomb.jsonl.gz"
    ln -sf bomb.jsonl.gz "$dir/bomb.txt.gz"
    head -c 1G /dev/zero | tr '\0' '\n' | gzip -9 >"$dir/newlines.gz"
    for _ in $(seq 10); do cat "$dir/newlines.gz"; done >"$dir/bomb-newlines.jsonl.gz"
    rm "$dir/zeros.gz" "$dir/newlines.gz"
    # 4. WARC with lying Content-Lengths around good records: one too long (runs into the next
    #    record), one far too long (past the end), one too short.
    {
        warc_record response $'WARC-Target-URI: https://a.example/1\r\n' "$(page One)"
        warc_record response $'WARC-Target-URI: https://a.example/2\r\n' "$(page Two)" 400
        warc_record response $'WARC-Target-URI: https://a.example/3\r\n' "$(page Three)"
        warc_record response $'WARC-Target-URI: https://a.example/4\r\n' "$(page Four)" 100
        warc_record response $'WARC-Target-URI: https://a.example/5\r\n' "$(page Five)"
        warc_record response $'WARC-Target-URI: https://a.example/6\r\n' "$(page Six)" 99999999999
        warc_record response $'WARC-Target-URI: https://a.example/7\r\n' "$(page Seven)"
    } >"$dir/liar.warc"
    # 5. Ten megabytes of one word, as text and as HTML.
    head -c 10M /dev/zero | tr '\0' 'a' >"$dir/word.txt"
    ln -sf word.txt "$dir/word.html"
    # 6. One JSON Lines record of 500 MB, then a good one.
    {
        printf '{"id":"huge","text":"'
        head -c 500M /dev/zero | tr '\0' 'a'
        printf '"}\n{"id":"after","text":"A short story that follows the huge record and must still be read."}\n'
    } >"$dir/line.jsonl"
}

run() { # label, args...
    local label=$1 out rc rss secs msg
    shift
    out=$(mktemp)
    set +e
    /usr/bin/time -f '%M %e' -o "$out.time" "$bin" digest --format json "$@" >"$out" 2>"$out.err"
    rc=$?
    set -e
    # time(1) puts "Command exited with non-zero status" first when the run fails.
    read -r rss secs < <(tail -1 "$out.time")
    local docs
    docs=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["documents"]))' <"$out" 2>/dev/null || echo 0)
    msg=$(grep -m1 -E '^(error|warning)' "$out.err" | sed "s|$dir/||g" | cut -c1-170 || true)
    printf '| %-34s | %4s | %6s MB | %7s | %4s | %s |\n' "$label" "$rc" "$((rss / 1024))" "$secs" "${docs:-0}" "$msg"
    rm -f "$out" "$out.time" "$out.err"
}

# A kept directory from an earlier run is reused as it is.
[ -e "$dir/.generated" ] || { gen && touch "$dir/.generated"; }
echo "| input | exit | peak RSS | seconds | docs | first message |"
echo "|---|---:|---:|---:|---:|---|"
run "1 GB, no newline (.jsonl)" "$dir/nonl.jsonl"
run "1 GB, no newline (.txt)" "$dir/nonl.txt"
run "1 GB, no newline (.warc)" "$dir/nonl.warc"
run "HTML nested 100,000 deep" "$dir/deep.html"
run "HTML 100,000 deep, scope-heavy" "$dir/deep-scopes.html"
run "gzip bomb, 10 GB zeros (.jsonl.gz)" "$dir/bomb.jsonl.gz"
run "gzip bomb, 10 GB zeros (.txt.gz)" "$dir/bomb.txt.gz"
run "gzip bomb, 10 GB newlines" "$dir/bomb-newlines.jsonl.gz"
run "WARC, lying Content-Lengths" "$dir/liar.warc"
run "10 MB of one word (.txt)" "$dir/word.txt"
run "10 MB of one word (.html)" "$dir/word.html"
run "JSONL line of 500 MB" "$dir/line.jsonl"
