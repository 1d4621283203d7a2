#!/usr/bin/env bash
# Runs a command under another Node version: `scripts/with-node.sh 24 npm test`.
#
# The version (22, 24 or 26; 20 is the machine's own node and runs the command as it is) comes from
# scripts/node-versions.sh and goes first in PATH, so the command, npm's scripts and every child
# process a test starts run on it. better-sqlite3 is a native addon built for one Node ABI: its
# build for this version (compiled with `npm_config_nodedir` at the version's own headers, then kept
# in .cache/better-sqlite3 so the next run reuses it) replaces the installed one for the command,
# and the machine's build is put back afterwards, whatever the command's outcome.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=$1
shift
[ "$version" = "$(node -p 'process.versions.node.split(".")[0]')" ] && exec "$@"

node_dir=$root/.cache/nodes/node_modules/n$version
[ -x "$node_dir/bin/node" ] || "$root/scripts/node-versions.sh" >/dev/null
[ -x "$node_dir/bin/node" ] || { echo "with-node: no Node $version (scripts/node-versions.sh installs 22, 24 and 26)" >&2; exit 2; }

sqlite=$root/node_modules/better-sqlite3
addon=$sqlite/build/Release/better_sqlite3.node
cache=$root/.cache/better-sqlite3
mkdir -p "$cache"
key() { echo "$cache/$(node -p "require('$sqlite/package.json').version")-abi$("$1" -p process.versions.modules)-$("$1" -p process.arch).node"; }
own=$(key node)
theirs=$(key "$node_dir/bin/node")
[ -f "$own" ] || cp "$addon" "$own"
# Replaced by rename, so a process that has the old file mapped keeps it intact.
swap() { mkdir -p "$(dirname "$addon")" && cp "$1" "$addon.tmp" && mv "$addon.tmp" "$addon"; }
# Whatever happens from here (a failed build included), the machine's build is put back.
trap 'swap "$own"' EXIT
if [ ! -f "$theirs" ] && [ ! -f "$theirs.failed" ]; then
  echo "with-node: building better-sqlite3 for Node $("$node_dir/bin/node" -v)" >&2
  # From source against that version's headers (prebuild-install would look for a download).
  if (cd "$root" && PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" npm_config_build_from_source=true \
    npm rebuild better-sqlite3 --foreground-scripts >&2); then
    cp "$addon" "$theirs"
  else
    # The command still runs: what needs better-sqlite3 fails and says so, the rest is tested.
    echo "with-node: better-sqlite3 $(node -p "require('$sqlite/package.json').version") does not build for Node $version" >&2
    rm -f "$addon"
    touch "$theirs.failed" # not tried again for this better-sqlite3 and this Node ABI
  fi
fi
[ -f "$theirs" ] || rm -f "$addon"
[ ! -f "$theirs" ] || swap "$theirs"
PATH="$node_dir/bin:$PATH" "$@"
