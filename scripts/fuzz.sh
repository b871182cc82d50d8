#!/bin/sh
# Runs one cargo-fuzz target, seeded with the committed corpora (nothing is
# copied: libFuzzer reads every directory given and writes new inputs only
# into the first, fuzz/corpus/TARGET, which git ignores).
#
#   scripts/fuzz.sh roundtrip 300     # target, seconds
#   scripts/fuzz.sh cli_output 300
#
# Stable toolchain: no sanitizer (`-s none`).
set -eu
target=${1:?target: roundtrip or cli_output}
seconds=${2:-300}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/fuzz"
mkdir -p "corpus/$target"
exec cargo fuzz run "$target" -s none \
    "corpus/$target" \
    "$root/asl-types/tests/corpus/valid" \
    "$root/asl-types/tests/corpus/invalid" \
    "$root/asl-types/tests/corpus/malformed" \
    "$root/examples/golden" \
    -- -max_total_time="$seconds" -dict="$root/fuzz/asl.dict" -max_len=65536 -timeout=10 -print_final_stats=1
