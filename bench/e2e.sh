#!/usr/bin/env bash
# End-to-end benchmark, in one run on this machine, with the same QoS 1 load generator and
# readings throughout: mosquitto alone and influxd alone (the limit), mosquitto + a Node-RED flow
# (the peer) and the UrbanTwin host with its embedded broker and behind mosquitto, each into the
# same influxd; then a paced run for the publish → twin latency. Loopback only, bounded in time;
# stops everything it starts, also on failure or Ctrl-C (its own process group, temporary
# directory removed). Figures and method: docs/benchmarks.md.
#   bench/e2e.sh [--smoke] [--readings 600000] [--devices 20] [--window 100] [--peer-readings 30000]
#                [--paced-rate 10000] [--paced-seconds 20] [--probes 10] [--probe-interval-ms 50]
#                [--scenario all|mosquitto,influxdb,nodered,embedded,paced,external]
#                [--warmup-percent 20] [--warmup-rounds 10] [--stall-seconds 30] [--timeout-minutes 60] [--configuration Release|Debug] [--no-build]
# --smoke: seconds, tiny counts, every scenario end to end (the test suite runs it; no figures).
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

# mosquitto, influxdb, node + npm from Debian, and Node-RED from npm into bench/.node-red
bash tools/install-test-deps.sh
node_red=""
if [ -f bench/.node-red/node_modules/node-red/red.js ]; then node_red="$PWD/bench/.node-red"; fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
if [ "$build" -eq 1 ]; then
  dotnet build src/TwinApi -c "$configuration" --nologo -v quiet -clp:ErrorsOnly
  dotnet build bench/EndToEnd.Bench -c "$configuration" --nologo -v quiet -clp:ErrorsOnly
fi

. bench/isolated.sh
run_isolated e2e "bench/EndToEnd.Bench/bin/$configuration/net10.0/UrbanTwin.EndToEnd.Bench.dll" \
  --node-red "$node_red" ${args[@]+"${args[@]}"}
