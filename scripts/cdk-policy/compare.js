// Compares `asl policy` with the statements AWS CDK v2 generated (synth.js)
// for the same machines, permission by permission: for each IAM action,
// the resources each side grants it on. Prints a Markdown table.
//
//   node compare.js cdk-policies.json ours-dir/   (ours-dir/NAME.json: `asl policy` output)
const fs = require("fs");
const path = require("path");
const [cdkFile, oursDir] = process.argv.slice(2);
const cdk = JSON.parse(fs.readFileSync(cdkFile, "utf8"));

// CloudFormation values CDK leaves: the partition is `aws` (as given to
// `asl policy`), a role CDK creates is named as such.
function render(v) {
  if (typeof v === "string") return v;
  if (v && v["Fn::Join"]) return v["Fn::Join"][1].map(render).join(v["Fn::Join"][0]);
  if (v && v.Ref === "AWS::Partition") return "aws";
  if (v && v["Fn::GetAtt"]) return `(role CDK creates: ${v["Fn::GetAtt"][0]})`;
  return JSON.stringify(v);
}
const list = (x) => (Array.isArray(x) ? x : [x]);

// action (lower case: IAM actions are case-insensitive) -> {resources, condition}
function permissions(statements) {
  const out = new Map();
  for (const s of statements) {
    const condition = s.Condition ? JSON.stringify(s.Condition) : "";
    for (const a of list(s.Action)) {
      const key = a.toLowerCase();
      const entry = out.get(key) || { action: a, resources: new Set(), conditions: new Set() };
      for (const r of list(s.Resource)) entry.resources.add(render(r));
      if (condition) entry.conditions.add(condition);
      out.set(key, entry);
    }
  }
  return out;
}

function covers(wide, narrow) {
  const re = new RegExp("^" + wide.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$");
  return re.test(narrow);
}
const within = (a, b) => [...a].every((x) => [...b].some((y) => covers(y, x)));

const rows = [];
const tally = {};
for (const name of Object.keys(cdk).filter((k) => !k.startsWith("_"))) {
  const ours = permissions(JSON.parse(fs.readFileSync(path.join(oursDir, `${name}.json`), "utf8")).Statement);
  const theirs = permissions(cdk[name]);
  const keys = [...new Set([...ours.keys(), ...theirs.keys()])].sort();
  for (const k of keys) {
    const o = ours.get(k), t = theirs.get(k);
    let verdict;
    if (!t) verdict = "only asl";
    else if (!o) verdict = "only CDK";
    else {
      const a = [...o.resources].sort().join(" "), b = [...t.resources].sort().join(" ");
      const sameCondition = [...o.conditions].sort().join() === [...t.conditions].sort().join();
      if (a === b && sameCondition) verdict = "equal";
      else if (within(o.resources, t.resources) && !within(t.resources, o.resources)) verdict = "asl narrower";
      else if (within(t.resources, o.resources) && !within(o.resources, t.resources)) verdict = "asl wider";
      else if (a === b) verdict = "same resources, other condition";
      else verdict = "different";
    }
    tally[verdict] = (tally[verdict] || 0) + 1;
    const res = (e) => (e ? [...e.resources].sort().map((r) => "`" + r + "`").join("<br>") : "—");
    rows.push(`| ${name} | \`${(o || t).action}\` | ${res(o)} | ${res(t)} | ${verdict} |`);
  }
}
console.log(`CDK: aws-cdk-lib ${cdk._cdk_version}\n`);
console.log("| machine | action | asl policy | CDK | verdict |");
console.log("|---|---|---|---|---|");
rows.forEach((r) => console.log(r));
console.log("\n" + Object.entries(tally).map(([k, v]) => `${k}: ${v}`).join(", "));
