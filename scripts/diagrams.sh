#!/usr/bin/env bash
# Redraws the committed diagram of the MLOps example pipeline:
# docs/mlops-pipeline.dot (what `asl graph --format dot` prints; CI checks it
# is fresh) and docs/mlops-pipeline.svg (Graphviz's drawing of it, shown in
# the README). Needs Graphviz: `apt-get install graphviz`.
set -euo pipefail
cd "$(dirname "$0")/.."
src=examples/golden/mlops-pipeline.asl.json
cargo run -q -p asl-cli -- graph "$src" --format dot > docs/mlops-pipeline.dot
cargo run -q -p asl-cli -- graph "$src" --format svg > docs/mlops-pipeline.svg
