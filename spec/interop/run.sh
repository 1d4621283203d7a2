#!/usr/bin/env bash
# npm run test:interop: gammu, gnokii, gsmlib's gsmctl, ppp's chat, wvdial and Hologram's Python SDK
# against the ModemSimulator and CloudEmulator.
# Installs the Debian packages it needs when it can (root and apt-get), says what is missing when it
# cannot; the cases whose client is missing are skipped with that reason.
set -u
cd "$(dirname "$0")/../.."

packages=(gammu gnokii-cli gsm-utils ppp wvdial gcc libc6-dev python3 python3-serial python3-psutil python3-requests python3-pyudev python3-usb python3-pyroute2)
absent=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || absent+=("$package")
done
if [ ${#absent[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "interop: installing ${absent[*]} from Debian"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${absent[@]}" >/dev/null \
      || echo "interop: could not install ${absent[*]}; the cases that need them will be skipped"
  else
    echo "interop: missing Debian packages: ${absent[*]} (install them as root: apt-get install ${absent[*]})"
  fi
fi

# Hologram's Python SDK is not packaged: a checkout in HOLOGRAM_PYTHON_SDK, or a copy in the cache,
# or a clone of its public repository when the network allows.
cache="${XDG_CACHE_HOME:-$HOME/.cache}/hologram-rx/hologram-python"
if [ -z "${HOLOGRAM_PYTHON_SDK:-}" ] && [ ! -f "$cache/Hologram/HologramCloud.py" ]; then
  if command -v git >/dev/null && git clone -q --depth 1 https://github.com/hologram-io/hologram-python "$cache" 2>/dev/null; then
    echo "interop: cloned hologram-python into $cache"
  else
    echo "interop: no copy of Hologram's Python SDK: clone https://github.com/hologram-io/hologram-python" \
      "and set HOLOGRAM_PYTHON_SDK to it (or put it in $cache); its cases will be skipped"
  fi
fi

exec npx jest -c jest.interop.config.js -i "$@"
