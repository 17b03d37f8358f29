#!/usr/bin/env bash
# Creates bench/.venv with the Python peers the benchmarks compare against (not committed).
# Usage: bench/venv.sh [extra pip packages…]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -x "$here/.venv/bin/python" ]; then
  python3 -m venv "$here/.venv"
  "$here/.venv/bin/pip" install -q --upgrade pip
fi
"$here/.venv/bin/pip" install -q "$@"
echo "$here/.venv/bin/python"
