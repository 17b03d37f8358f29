#!/usr/bin/env bash
# Bounded load test of `storyline serve` on loopback: N concurrent clients for a fixed time
# against an event page, a document and a search, reporting throughput and p50/p99 latency
# (wrk), while 200 slow clients hold connections open with half-sent requests; then checks
# that hostile requests get the right status and that the server still answers.
#
#   bash bench/load.sh [SECONDS=10] [CONNECTIONS=16]
#
# Needs wrk (Debian package `wrk`; installed if missing and we are root) and curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${2:-16}

if ! command -v wrk >/dev/null; then
  apt-get install -y -qq wrk >/dev/null
fi
cargo build --release --quiet
bin=target/release/storyline
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; kill $slow 2>/dev/null || true; rm -rf "$work"' EXIT

$bin digest --db "$work/db" examples/corpus >/dev/null
port=$((20000 + RANDOM % 20000))
$bin serve --db "$work/db" --addr 127.0.0.1:$port 2>"$work/serve.log" &
server=$!
base=http://127.0.0.1:$port
for _ in $(seq 50); do curl -sf "$base/api/health" >/dev/null && break; sleep 0.1; done

# Slow clients: each sends half a request line and then nothing, for the whole run.
python3 - "$port" <<'EOF' &
import socket, sys, time
socks = []
for _ in range(200):
    s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
    s.send(b"GET /api/events HTTP/1.1\r\nHost: x\r\n")
    socks.append(s)
time.sleep(3600)
EOF
slow=$!
sleep 0.5

event=$(curl -s "$base/api/events?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["events"][0]["id"])')
doc=$(curl -s "$base/api/events/$event" | python3 -c 'import json,sys,urllib.parse; print(json.load(sys.stdin)["documents"][0]["id"])')

echo "| endpoint | requests/s | p50 | p99 | errors |"
echo "|---|---|---|---|---|"
for path in "/api/events/$event" "/api/documents/$doc" "/api/search?q=flood+Mirow" "/"; do
  out=$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$base$path")
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errs=$(awk '/Non-2xx or 3xx/ {print $5}' <<<"$out")
  sockerr=$(awk '/Socket errors/ {print $0}' <<<"$out")
  echo "| GET $path | $rps | $p50 | $p99 | ${errs:-0}${sockerr:+ ($sockerr)} |"
done

echo
echo "| hostile request | status |"
echo "|---|---|"
check() { # name, expected, curl args…
  local name=$1 want=$2; shift 2
  local got
  got=$(curl -s -o /dev/null -w '%{http_code}' "$@")
  echo "| $name | $got (want $want) |"
  [ "$got" = "$want" ] || { echo "FAIL: $name"; exit 1; }
}
check "malformed JSON body" 400 -XPOST --data-binary '{"text": ' "$base/api/documents"
head -c $((17 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$work/big"
check "17 MiB body (limit 16 MiB)" 413 -XPOST --data-binary @"$work/big" "$base/api/documents"
check "unknown route" 404 "$base/api/nothing-here"
check "path traversal in assets" 404 --path-as-is "$base/assets/../../../etc/passwd"
check "encoded traversal in a document id" 404 "$base/api/documents/..%2F..%2F..%2Fetc%2Fpasswd"
check "bad search syntax" 400 "$base/api/search?q=%22unclosed"
check "wrong method" 405 -XDELETE "$base/api/events"
check "still serving after all that" 200 "$base/api/health"
