#!/usr/bin/env bash
# Lint an OpenAPI document with the two pinned linters:
#   Spectral    (ruleset spectral:oas, config .spectral.yaml)
#   Redocly CLI (ruleset recommended,  config redocly.yaml)
#
# Usage: lint.sh <path-to-openapi.json|yaml>
#
# The linters are installed with `npm ci` from package.json + package-lock.json in
# this directory into crm-web/target/contract-node/node_modules (override with
# CONTRACT_NODE_DIR), so `mvn clean` removes them and git never sees them.
# `npm ci` runs only when node_modules is missing or older than package-lock.json;
# after that the lint itself needs no network.
#
# Prints both linters' findings, then one summary line per linter:
#   spectral: N errors, M warnings
#   redocly: N errors, M warnings
# Exits 1 if either linter reports an error (warnings do not fail), 2 on usage errors.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $(basename "$0") <path-to-openapi.json>" >&2
  exit 2
fi
doc=$1
if [[ ! -f $doc ]]; then
  echo "lint.sh: no such file: $doc" >&2
  exit 2
fi
doc=$(cd "$(dirname "$doc")" && pwd)/$(basename "$doc")

contract_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
node_dir=${CONTRACT_NODE_DIR:-$contract_dir/../../target/contract-node}
mkdir -p "$node_dir"
node_dir=$(cd "$node_dir" && pwd)
nm=$node_dir/node_modules

# No usage data or update checks from either tool.
export REDOCLY_TELEMETRY=off                # Redocly CLI usage telemetry (also `telemetry: off` in redocly.yaml)
export REDOCLY_SUPPRESS_UPDATE_NOTICE=true  # Redocly CLI "new version" check against the npm registry
export SCARF_ANALYTICS=false                # @scarf/scarf (a Spectral dependency) install analytics
export DO_NOT_TRACK=1

# (Re)install when node_modules is missing, older than the lock file, or was
# installed from a different lock file.
if [[ ! -f $nm/.package-lock.json ]] \
    || [[ $contract_dir/package-lock.json -nt $nm/.package-lock.json ]] \
    || [[ $contract_dir/package.json -nt $nm/.package-lock.json ]] \
    || ! cmp -s "$contract_dir/package-lock.json" "$node_dir/package-lock.json"; then
  echo "lint.sh: installing linters into $nm" >&2
  cp "$contract_dir/package.json" "$contract_dir/package-lock.json" "$node_dir/"
  # --ignore-scripts: the only install script in the tree is @scarf/scarf's analytics ping.
  (cd "$node_dir" && npm ci --no-audit --no-fund --ignore-scripts)
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# --- Spectral: one run writing both a human-readable (stylish) report and JSON for counting.
echo "== spectral (spectral:oas) =="
set +e
"$nm/.bin/spectral" lint \
  --ruleset "$contract_dir/.spectral.yaml" \
  --fail-severity error \
  --format stylish --output.stylish "$out/spectral.txt" \
  --format json --output.json "$out/spectral.json" \
  "$doc"
spectral_rc=$?
set -e
# (not --output.stylish /dev/stdout: when stdout is a file, that reopens and truncates it)
[[ -f $out/spectral.txt ]] && cat "$out/spectral.txt"

# --- Redocly: one JSON run (complete; the text formats stop at --max-problems), rendered below.
set +e
"$nm/.bin/redocly" lint \
  --config "$contract_dir/redocly.yaml" \
  --format json --max-problems 100000 \
  "$doc" > "$out/redocly.json"
redocly_rc=$?
set -e

# Count and summarise both reports and render Redocly's findings. A linter whose JSON is
# missing or unreadable (crash, bad config) counts as failed.
node - "$out/spectral.json" "$spectral_rc" "$out/redocly.json" "$redocly_rc" <<'EOF'
const fs = require('fs');
const [spectralFile, spectralRc, redoclyFile, redoclyRc] = process.argv.slice(2);
const read = (f) => { try { return JSON.parse(fs.readFileSync(f, 'utf8')); } catch { return null; } };
const printByRule = (name, counts) => {
  const rules = Object.entries(counts).sort((a, b) => a[0].localeCompare(b[0]));
  if (!rules.length) return;
  console.log(`\n ${name} problems by rule:`);
  for (const [k, n] of rules) console.log(`   ${String(n).padStart(4)}  ${k}`);
};

let failed = false;

// Spectral: its stylish report was printed above; add a per-rule count.
const sj = read(spectralFile);
let spectral;
if (Array.isArray(sj)) {
  const sev = ['error', 'warn', 'info', 'hint'];
  const c = [0, 0, 0, 0];
  const byRule = {};
  for (const r of sj) {
    c[r.severity] = (c[r.severity] || 0) + 1;
    const k = `${sev[r.severity] || r.severity} ${r.code}`;
    byRule[k] = (byRule[k] || 0) + 1;
  }
  printByRule('spectral', byRule);
  spectral = `spectral: ${c[0]} errors, ${c[1]} warnings`;
  if (c[0] > 0 || spectralRc !== '0') failed = true;
} else {
  spectral = `spectral: failed to run (exit ${spectralRc}, no JSON report)`;
  failed = true;
}

// Redocly: render every problem (one line each), then a per-rule count.
console.log('\n== redocly (recommended) ==');
const rj = read(redoclyFile);
let redocly;
if (rj && rj.totals && Array.isArray(rj.problems)) {
  const byRule = {};
  for (const p of rj.problems) {
    const loc = (p.location && p.location[0]) || {};
    const pos = loc.start ? `${loc.start.line}:${loc.start.col}` : '-';
    console.log(` ${pos.padEnd(10)} ${p.severity.padEnd(7)} ${p.ruleId.padEnd(32)} ${p.message}  ${loc.pointer || ''}`);
    const k = `${p.severity} ${p.ruleId}`;
    byRule[k] = (byRule[k] || 0) + 1;
  }
  printByRule('redocly', byRule);
  redocly = `redocly: ${rj.totals.errors} errors, ${rj.totals.warnings} warnings`;
  if (rj.totals.errors > 0 || redoclyRc !== '0') failed = true;
} else {
  redocly = `redocly: failed to run (exit ${redoclyRc}, no JSON report)`;
  failed = true;
}

console.log('');
console.log(spectral);
console.log(redocly);
process.exit(failed ? 1 : 0);
EOF
