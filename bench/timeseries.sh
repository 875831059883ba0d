#!/usr/bin/env bash
# Time-series benchmarks: the buffered writer against curl posting the same points to a real
# influxd (same run), then the line-protocol encoder (BenchmarkDotNet). Loopback only.
#   bench/timeseries.sh [points, default 500000]
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-test-deps.sh
dotnet build bench/TimeSeries.Benchmarks -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet bench/TimeSeries.Benchmarks/bin/Release/net10.0/UrbanTwin.TimeSeries.Benchmarks.dll writer "${1:-500000}"
cd bench/TimeSeries.Benchmarks && exec dotnet run -c Release --no-build -- --filter '*'
