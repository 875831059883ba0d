#!/usr/bin/env bash
# Map query benchmarks: 1,000,000 assets spread evenly over London's boroughs, then box, radius,
# nearest-10, borough polygon and area queries one at a time, latency per query, quiet and while
# assets change status. In process; cleans up after itself.
#   bench/spatial.sh [--assets 1000000] [--queries 2000] [--status-changes 1000]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Spatial.Bench -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet bench/Spatial.Bench/bin/Release/net10.0/UrbanTwin.Spatial.Bench.dll "$@"
