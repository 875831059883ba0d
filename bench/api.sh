#!/usr/bin/env bash
# The HTTP API with a large fleet, against the real host (Release, single node, embedded storage in
# a temporary directory): imports N assets through the API, measures each spatial route one request
# at a time, then twin reads under load with wrk. Stops everything it starts. --import-only stops
# after the import (its rate per 100,000 and the host's peak memory); --format geojson imports
# GeoJSON instead of CSV; --chunk sets the rows per import request. --restart then stops the host
# (SIGTERM; with --kill, SIGKILL) and starts it again on the same data: how long until /health says
# ready, until the start's work is done (the host's CPU quiet), its CPU and peak memory, and the
# spatial routes measured again.
#   bench/api.sh [--assets 1000000] [--queries 2000] [--seconds 20] [--connections 64]
#                [--import-only] [--format csv|geojson] [--chunk 10000] [--restart [--kill]]
set -euo pipefail
cd "$(dirname "$0")/.."
assets=1000000 queries=2000 seconds=20 connections=64 import_only=0 format=csv chunk=10000 restart=0 signal=TERM
while [ $# -gt 0 ]; do
  case "$1" in
    --import-only) import_only=1; shift; continue ;;
    --restart) restart=1; shift; continue ;;
    --kill) signal=KILL; shift; continue ;;
    --assets) assets=$2 ;; --queries) queries=$2 ;; --seconds) seconds=$2 ;; --connections) connections=$2 ;;
    --format) format=$2 ;; --chunk) chunk=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
[ "$import_only" = 1 ] && queries=0
command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null
dotnet build src/TwinApi -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build bench/Api.Bench -c Release --nologo -v quiet -clp:ErrorsOnly
. bench/release-host.sh
start_release_host
host_ticks() { awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$host/stat"; }
echo "host: pid $host, $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB"
dotnet bench/Api.Bench/bin/Release/net10.0/UrbanTwin.Api.Bench.dll --url "http://127.0.0.1:$port" --key "$key" \
  --assets "$assets" --queries "$queries" --format "$format" --chunk "$chunk" --ids "$work/ids.txt"
if [ "$restart" = 1 ]; then
  echo
  stopped=$(date +%s.%N)
  kill -$signal $host; wait $host || true
  echo "Restart: the host stopped (SIG$signal) in $(awk -v a="$stopped" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s, $(du -sh "$work/data" | cut -f1) of data"
  started=$(date +%s.%N)
  start_release_host
  until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
    kill -0 $host 2>/dev/null || { echo "the host did not start again:"; tail -20 "$work/host.log"; exit 1; }
    sleep 0.2
  done
  echo "  ready (/health 200) $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }') s after starting, host CPU $(awk -v t="$(host_ticks)" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }') s"
  # What the start woke runs on after ready: wait until the host's CPU is quiet for 5 s.
  for _ in $(seq 1 120); do t0=$(host_ticks); sleep 5; [ $(($(host_ticks) - t0)) -lt $((5 * $(getconf CLK_TCK) / 10)) ] && break; done
  echo "  settled $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a - 5 }') s after starting: host CPU $(awk -v t="$(host_ticks)" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }') s, $(grep VmRSS /proc/$host/status | awk '{print int($2/1024) " MiB"}') resident, peak $(grep VmHWM /proc/$host/status | awk '{print int($2/1024) " MiB"}')"
  if [ "$queries" -gt 0 ]; then
    echo "  spatial routes after the restart:"
    dotnet bench/Api.Bench/bin/Release/net10.0/UrbanTwin.Api.Bench.dll --url "http://127.0.0.1:$port" --key "$key" \
      --assets "$assets" --queries "$queries" --imported true
  fi
  exit 0
fi
if [ "$import_only" = 1 ]; then
  echo "host CPU: $(awk -v hz="$(getconf CLK_TCK)" -v n="$assets" '{ sub(/.*\) /, ""); printf "%.1f s, %.0f µs per asset", ($12 + $13) / hz, ($12 + $13) / hz * 1e6 / n }' "/proc/$host/stat")"
  echo "host peak memory: $(grep VmHWM /proc/$host/status | awk '{print $2/1024 " MiB"}')"
  exit 0
fi
# CPU ticks of the runtime's background tiered-compilation thread (hot methods recompiled with dynamic PGO).
jit_ticks() {
  for t in /proc/"$host"/task/*; do
    if [ "$(cat "$t/comm" 2>/dev/null)" = ".NET Tiered Com" ]; then awk '{ sub(/.*\) /, ""); print $12 + $13 }' "$t/stat"; fi
  done | awk '{ s += $1 } END { print s + 0 }'
}
echo
echo "Warm-up (unmeasured): wrk rounds of 5 s until the host's tiered JIT takes under 2% of its CPU (at most 8)"
for round in $(seq 1 8); do
  h0=$(host_ticks) j0=$(jit_ticks)
  IDS="$work/ids.txt" KEY="$key" wrk -t2 -c"$connections" -d5s -s bench/twin-reads.lua "http://127.0.0.1:$port" > /dev/null
  h=$(($(host_ticks) - h0)) j=$(($(jit_ticks) - j0))
  echo "  round $round: tiered JIT $(awk -v j=$j -v h=$h 'BEGIN { printf "%.1f", h ? 100 * j / h : 0 }')% of the host's CPU"
  awk -v j=$j -v h=$h 'BEGIN { exit !(h > 0 && j * 50 < h) }' && break
done
echo
echo "Twin reads: wrk, 2 threads, $connections connections, ${seconds}s, random ids among $(wc -l < "$work/ids.txt"); host and wrk share both cores"
IDS="$work/ids.txt" KEY="$key" wrk -t2 -c"$connections" -d"${seconds}s" --latency -s bench/twin-reads.lua "http://127.0.0.1:$port" | sed -n '1,20p'
echo
echo "Twin reads pinned apart: the host on core 0, wrk (1 thread, $connections connections, ${seconds}s) on core 1"
taskset -a -pc 0 "$host" > /dev/null
before=$(awk '{print $14 + $15}' "/proc/$host/stat")
IDS="$work/ids.txt" KEY="$key" taskset -c 1 wrk -t1 -c"$connections" -d"${seconds}s" --latency -s bench/twin-reads.lua "http://127.0.0.1:$port" | tee "$work/wrk.txt" | sed -n '1,20p'
after=$(awk '{print $14 + $15}' "/proc/$host/stat")
requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
echo "host CPU per twin read: $(awk -v t=$((after - before)) -v n="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN {printf "%.1f", t / hz * 1e6 / n}') µs"
taskset -a -pc 0-$(($(nproc) - 1)) "$host" > /dev/null
echo "host peak memory: $(grep VmHWM /proc/$host/status | awk '{print $2/1024 " MiB"}')"
