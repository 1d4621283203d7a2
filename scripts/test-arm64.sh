#!/usr/bin/env bash
# `npm run test:arm64`: the demo and the outbox, serial and packaging specs on arm64 Node 24 (a
# Raspberry Pi 4/5's CPU and OS), run by qemu-user on this machine. Installs what it needs when it
# is missing: Debian's qemu-user-static and arm64 C/C++ runtime libraries (apt-get, as root) and
# Node 24 for arm64 from the npm registry (scripts/node-versions.sh arm64).
#
# The serial port loads @serialport/bindings-cpp's linux-arm64 prebuilt binding. better-sqlite3
# cannot be built for arm64 here (no cross compiler), so its x64 build is set aside for the run:
# the durable outbox runs on Node 24's own node:sqlite, as it does on a Pi with Node 24 and no
# better-sqlite3 installed. TypeScript 7's compiler is a native binary per CPU: its packaging legs
# run where its arm64 package is installed (on an arm64 machine), not under emulation.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
start=$SECONDS

sysroot=/usr/aarch64-linux-gnu
if ! command -v qemu-aarch64-static >/dev/null || [ ! -e "$sysroot/lib/libstdc++.so.6" ]; then
  sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  "${sudo[@]}" apt-get update
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross
fi
arm64_node=$("$root/scripts/node-versions.sh" arm64 | awk '$1 == "a24" { print $2 }')

# `node` for everything this run starts: npm's and jest's `#!/usr/bin/env node` included.
bin=$root/.cache/arm64/bin
mkdir -p "$bin"
printf '#!/bin/sh\nexec qemu-aarch64-static -L %s %s "$@"\n' "$sysroot" "$arm64_node" > "$bin/node"
chmod +x "$bin/node"
host_node=$(command -v node)
host_npm=$(readlink -f "$(command -v npm)")
export PATH="$bin:$PATH"
export HOLOGRAM_EMULATED_NODE=$bin/node
export NODE_OPTIONS="--require $root/scripts/emulated-exec-path.cjs${NODE_OPTIONS:+ $NODE_OPTIONS}"
# npm itself (this script's `npm run`, the packaging spec's pack and install) runs on this
# machine's Node: what it installs is the same, and what it runs gets the emulated `node` first in
# PATH like everything else.
printf '#!/bin/sh\nexec %s %s "$@"\n' "$host_node" "$host_npm" > "$bin/npm"
chmod +x "$bin/npm"
# Every emulated process runs several times slower: time limits stretch accordingly.
export HOLOGRAM_TEST_TIME_SCALE=10
echo "arm64: $(node -p '`Node ${process.version} on ${process.arch}`')"

addon=$root/node_modules/better-sqlite3/build/Release/better_sqlite3.node
aside=$root/.cache/arm64/better_sqlite3.node.x64
if [ -e "$addon" ]; then
  mv "$addon" "$aside"
  trap 'mv "$aside" "$addon"' EXIT
fi

[ -e dist/examples/demo.js ] || { echo 'test:arm64: build first (npm run build)' >&2; exit 2; }
# The same demo and specs as the Node 22 and 26 legs; the specs in one process, as two emulated
# workers would only contend for this machine's cores. (jest's resolver fetches its arm64 binding,
# @unrs/resolver-binding-linux-arm64-gnu, from the registry on the first run.)
npm run test:platform -- --runInBand --testTimeout=300000
echo "test:arm64: $((SECONDS - start)) s"
