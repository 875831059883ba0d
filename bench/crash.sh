#!/usr/bin/env bash
# The crash loop (durability): the real host (Release) killed with SIGKILL at random moments under
# QoS 1 load, restarted on the same data directory each time; after the last restart every
# acknowledged reading is compared with history and every twin with its history, with the
# embedded store, InfluxDB up, and InfluxDB down through every kill. Loopback only; stops what it
# starts (its own process group and temporary directory). Figures: docs/benchmarks.md.
#   bench/crash.sh [--kills 20] [--devices 8] [--in-flight 16] [--readings-per-round 1000]
#                  [--stores embedded,influxdb,influxdb-down] [--configuration Release|Debug] [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=Release build=1 args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --configuration) configuration=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    *) args+=("$1"); shift ;;
  esac
done

bash tools/install-test-deps.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "$build" -eq 1 ]; then
  dotnet build src/TwinApi -c "$configuration" --nologo -v quiet -clp:ErrorsOnly
  dotnet build bench/Crash.Bench -c "$configuration" --nologo -v quiet -clp:ErrorsOnly
fi

. bench/isolated.sh
run_isolated crash "bench/Crash.Bench/bin/$configuration/net10.0/UrbanTwin.Crash.Bench.dll" ${args[@]+"${args[@]}"}
