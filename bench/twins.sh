#!/usr/bin/env bash
# Twin benchmarks: readings/s into 10,000 twins, bus priority decision latency at 1,000
# requests/s, memory per idle twin with 100,000 twins. In process; cleans up after itself.
#   bench/twins.sh [--assets 10000] [--messages 400000] [--idle-twins 100000] [--request-seconds 10]
#                  [--pause-for-heap-dump]   (waits for Enter before and after the idle twins)
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Twins.Bench -c Release --nologo -v quiet -clp:ErrorsOnly
exec dotnet bench/Twins.Bench/bin/Release/net10.0/UrbanTwin.Twins.Bench.dll "$@"
