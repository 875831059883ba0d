#!/usr/bin/env bash
# Installs the peer of the end-to-end benchmark, Node-RED 4 with the InfluxDB nodes
# (bench/node-red/package.json), into bench/.node-red (git-ignored) with npm, when it is missing or
# the package list changed. Needs node and npm (tools/install-test-deps.sh installs Debian's).
# Exits 0 when installed, non-zero when npm failed (bench/e2e.sh then skips the peer).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
target="$(dirname "$here")/.node-red"

if cmp -s "$here/package.json" "$target/package.json" \
  && [ -f "$target/node_modules/node-red/red.js" ] && [ -d "$target/node_modules/node-red-contrib-influxdb" ]; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "npm is missing: cannot install Node-RED" >&2
  exit 1
fi

echo "Installing Node-RED for the end-to-end benchmark into bench/.node-red ..."
rm -rf "$target"
mkdir -p "$target"
cp "$here/package.json" "$target/package.json"
cd "$target"
timeout 600 npm install --no-audit --no-fund --prefer-offline --no-package-lock --omit=dev --loglevel=error
