#!/usr/bin/env bash
# Instructions per operation (millions), as in docs/performance.md:
#   scripts/instructions.sh WHAT N K
# runs scripts/aslprof (release) under callgrind with K repetitions and with
# none, and prints (count(K) - count(0)) / K. Needs valgrind.
set -euo pipefail
cd "$(dirname "$0")/aslprof"
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/aslprof"
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$@" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
with=$(count "$1" "$2" "$3")
without=$(count "$1" "$2" 0)
awk -v a="$with" -v b="$without" -v k="$3" -v w="$*" 'BEGIN { printf "%s: %.4f M instructions per operation\n", w, (a - b) / k / 1e6 }'
