#!/usr/bin/env bash
# The Azure-Digital-Twins-compatible twin API over a large graph, against the real host (Release,
# single node, embedded storage in a temporary directory): loads N place twins, each with a
# relationship, through the API (bench/adt/load.js), then measures with wrk twin reads, twin patches
# and queries (IS_OF_MODEL with a filter), each under load (throughput and latency percentiles) and
# the query's latency one at a time. Stops everything it starts. Run it on a quiet machine: the host
# and wrk share the cores.
#   bench/adt.sh [--twins 100000] [--seconds 20] [--connections 64]
set -euo pipefail
cd "$(dirname "$0")/.."
twins=100000 seconds=20 connections=64
while [ $# -gt 0 ]; do
  case "$1" in
    --twins) twins=$2 ;; --seconds) seconds=$2 ;; --connections) connections=$2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift 2
done
command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null
dotnet build src/TwinApi -c Release --nologo -v quiet -clp:ErrorsOnly
work=$(mktemp -d)
key="bench-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
port=17${RANDOM:0:3}
. bench/release-host.sh
start_release_host
echo "host: pid $host, $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
ADT_URL="http://127.0.0.1:$port" ADT_KEY="$key" ADT_COUNT="$twins" ADT_IDS="$work/ids.txt" node bench/adt/load.js
echo "host memory after the load: $(grep VmRSS /proc/$host/status | awk '{print $2/1024 " MiB"}')"
run() {
  local name=$1 script=$2 threads=$3 conns=$4 secs=$5
  echo
  echo "$name: wrk, $threads threads, $conns connections, ${secs}s"
  IDS="$work/ids.txt" KEY="$key" wrk -t"$threads" -c"$conns" -d"${secs}s" --latency -s "bench/adt/$script" "http://127.0.0.1:$port" | sed -n '1,20p'
}
echo
echo "Warm-up (unmeasured): 5 s of each"
for s in reads.lua patches.lua queries.lua; do IDS="$work/ids.txt" KEY="$key" wrk -t2 -c"$connections" -d5s -s "bench/adt/$s" "http://127.0.0.1:$port" > /dev/null; done
run "Twin reads (GET /digitaltwins/{id}, random ids)" reads.lua 2 "$connections" "$seconds"
run "Twin patches (PATCH /digitaltwins/{id}, replace /name, random ids)" patches.lua 2 "$connections" "$seconds"
run "Queries (IS_OF_MODEL(Site) AND siteType AND areaCode AND name, random values)" queries.lua 2 "$connections" "$seconds"
run "Queries one at a time (latency)" queries.lua 1 1 "$seconds"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "host memory at the end: $(grep VmRSS /proc/$host/status | awk '{print $2/1024 " MiB"}'), peak $(grep VmHWM /proc/$host/status | awk '{print $2/1024 " MiB"}')"
