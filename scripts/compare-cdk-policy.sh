#!/usr/bin/env bash
# Compares `asl policy` with the IAM policy AWS CDK v2 generates for the
# four documented SageMaker machines (examples/golden/sagemaker-*.asl.json)
# and prints a Markdown table, action by action (docs/policy-vs-cdk.md
# explains it).
#
#   scripts/compare-cdk-policy.sh [OUT.md]
#
# Needs node and npm: aws-cdk-lib is installed into a temporary directory
# and synthesized in process (no AWS account, no credentials, no deploy);
# nothing is added to the workspace. Not part of .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=${1:-/dev/stdout}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cdk_version=${CDK_VERSION:-2.276.0}
(cd "$work" && npm init -y >/dev/null \
  && npm install --no-audit --no-fund --silent "aws-cdk-lib@$cdk_version" constructs@10 >/dev/null)
cp scripts/cdk-policy/synth.js scripts/cdk-policy/compare.js "$work/"
(cd "$work" && node synth.js "$root/examples/golden" > cdk.json)

cargo build -q -p asl-cli
asl=${CARGO_TARGET_DIR:-$root/target}/debug/asl
mkdir -p "$work/ours"
for name in sagemaker-training sagemaker-transform sagemaker-labeling sagemaker-processing; do
  "$asl" policy "examples/golden/$name.asl.json" \
    --partition aws --region us-west-2 --account 123456789012 \
    > "$work/ours/$name.json" 2>/dev/null
done
(cd "$work" && node compare.js cdk.json ours) > "$out"
