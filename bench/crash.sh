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
bash tools/install-test-deps.sh
. bench/isolated.sh
build_and_run_isolated crash bench/Crash.Bench UrbanTwin.Crash.Bench "$@"
