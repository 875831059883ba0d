#!/usr/bin/env bash
# Gateway benchmark: mosquitto alone (reference), the embedded broker, and the gateway behind
# mosquitto, with the same QoS 1 load generator, in one run. Loopback only; stops what it starts.
#   bench/gateway.sh [--devices 100] [--readings 200000] [--window 32] [--scenario all|reference|embedded|mosquitto]
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-test-deps.sh
dotnet build bench/Gateway.Bench -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet bench/Gateway.Bench/bin/Release/net10.0/UrbanTwin.Gateway.Bench.dll "$@"
