#!/usr/bin/env bash
# Installs the OpenAPI linters the suite runs on the served document (Redocly CLI and Spectral,
# versions pinned in package-lock.json) into tools/openapi-lint/node_modules (git-ignored) with
# npm, when they are missing or the lock file changed. Needs node and npm (tools/install-test-deps.sh
# installs Debian's).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"

stamp="node_modules/.package-lock.json.installed"
if [ -x node_modules/.bin/redocly ] && [ -x node_modules/.bin/spectral ] && cmp -s package-lock.json "$stamp"; then
  exit 0
fi

echo "Installing the OpenAPI linters into tools/openapi-lint ..."
timeout 900 npm ci --no-audit --no-fund --prefer-offline --loglevel=error
cp package-lock.json "$stamp"
