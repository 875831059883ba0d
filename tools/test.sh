#!/usr/bin/env bash
# The whole test suite: installs the Debian packages the tests start as real servers (mosquitto,
# mosquitto-clients, influxdb, redis-server) when missing, builds the solution and runs every test;
# first it fails if any code names the shared folder beside the repository.
set -euo pipefail
cd "$(dirname "$0")/.."

# A clone with nothing beside it must pass: the public data set next to the repository is source
# material only, and what the tests read of it is kept in tests/TestSupport/Data.
if grep -rnIE --exclude-dir=bin --exclude-dir=obj --exclude-dir=node_modules --exclude-dir=.node-red \
    '\.\./shared|["]shared["]' src tests tools bench >&2; then
  echo "The lines above name the shared folder beside the repository: copy what they read into tests/TestSupport/Data (with its licence) and read it from there" >&2
  exit 1
fi
echo "No test reads outside the repository (nothing in src/, tests/, tools/ or bench/ names the shared folder beside it)"

bash tools/install-test-deps.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet build UrbanTwin.sln --nologo -v quiet -clp:ErrorsOnly

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test --solution UrbanTwin.sln --no-build 2>&1 | tee "$log" || status=$?

passed="$(grep -E '^\s+succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)"
failed="$(grep -E '^\s+failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)"
echo "${passed} passed, ${failed} failed"
exit "$status"
