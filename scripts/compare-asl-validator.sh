#!/usr/bin/env bash
# Runs npm's asl-validator (4.0.0) and `asl validate` over the corpus and
# prints a Markdown table of what each one reports, file by file.
#
#   scripts/compare-asl-validator.sh [OUT.md]
#
# Needs node and npm (the package is installed into a temporary directory,
# nothing is added to the workspace). Not part of .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=${1:-/dev/stdout}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm init -y >/dev/null && npm install --no-audit --no-fund --silent asl-validator@4.0.0 >/dev/null)
cargo build -q -p asl-cli
asl="$root/target/debug/asl"

# Our verdict per file: the rule ids `asl validate --format json` reports
# (errors and warnings), or "unreadable" for exit 2.
ours="$work/ours.json"
echo "{" > "$ours"
first=1
for f in asl-types/tests/corpus/invalid/*.json asl-types/tests/corpus/valid/*.json; do
  set +e
  json=$("$asl" validate --format json "$f" 2>/dev/null)
  code=$?
  set -e
  [ $first -eq 1 ] || echo "," >> "$ours"
  first=0
  if [ $code -eq 2 ]; then json='"unreadable"'; fi
  printf '%s: {"exit": %d, "issues": %s}\n' "\"$f\"" "$code" "$json" >> "$ours"
done
echo "}" >> "$ours"

cat > "$work/compare.js" <<'JS'
const fs = require("fs");
const path = require("path");
const validator = require("asl-validator");
const [ours, root] = process.argv.slice(2);
const verdicts = JSON.parse(fs.readFileSync(ours, "utf8"));
const rows = [];
let agree = 0, disagree = 0;
for (const [file, v] of Object.entries(verdicts)) {
  const kind = file.includes("/invalid/") ? "invalid" : "valid";
  const name = path.basename(file);
  const expected = kind === "invalid" ? name.split("--")[0] : "(valid)";
  let theirs;
  try {
    const definition = JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));
    const r = validator(definition, { checkPaths: true, checkArn: true });
    const codes = [...new Set(r.errors.map((e) => e["Error code"]))];
    const detail = r.errors.map((e) => `${e["Error code"]}: ${e.Message}`).join("; ");
    theirs = { invalid: !r.isValid, codes, detail };
  } catch (e) {
    theirs = { invalid: true, codes: ["EXCEPTION"], detail: String(e) };
  }
  const issues = Array.isArray(v.issues) ? v.issues : [];
  const rules = [...new Set(issues.map((i) => i.rule))];
  const oursInvalid = v.exit !== 0;
  const oursFlags = rules.length > 0;
  const theirsFlags = theirs.invalid;
  const same = oursFlags === theirsFlags;
  if (kind === "valid" && same && !oursFlags) continue; // both accept: not worth a row
  same ? agree++ : disagree++;
  rows.push(`| ${kind} | \`${name}\` | ${expected} | ${rules.join(", ") || "—"}${oursInvalid ? "" : rules.length ? " (warning)" : ""} | ${theirsFlags ? theirs.codes.join(", ") : "accepts"} | ${same ? "yes" : "**no**"} |`);
}
console.log(`| corpus | file | rule | asl validate | asl-validator 4.0.0 | agree |`);
console.log(`|---|---|---|---|---|---|`);
for (const r of rows) console.log(r);
console.log(`\nFiles where both flag or both accept: ${agree}; files where they disagree: ${disagree} (valid files both accept are left out).`);
JS
NODE_PATH="$work/node_modules" node "$work/compare.js" "$ours" "$root" > "$out"
