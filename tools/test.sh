#!/usr/bin/env bash
# The whole test suite: installs the Debian packages the tests start as real servers (mosquitto,
# mosquitto-clients, influxdb, redis-server) when missing, builds the solution and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."

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
