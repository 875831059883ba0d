#!/usr/bin/env bash
# Installs the Azure Digital Twins npm client the suite drives the twin API with
# (@azure/digital-twins-core, version pinned in package-lock.json) into
# tools/adt-client/node_modules (git-ignored) with npm, when it is missing or the lock file
# changed. Needs node and npm (tools/install-test-deps.sh installs Debian's).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

stamp="node_modules/.package-lock.json.installed"
if [ -d node_modules/@azure/digital-twins-core ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi

echo "Installing the Azure Digital Twins client into tools/adt-client ..."
timeout 900 npm ci --no-audit --no-fund --prefer-offline --loglevel=error
cp package-lock.json "$stamp"
