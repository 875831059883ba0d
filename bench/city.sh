#!/usr/bin/env bash
# City scale on one node: thousands of devices connected at once to the host's
# embedded broker, each reporting a QoS 1 reading a minute with jitter; memory per connected device,
# latency, loss, and the reconnection of every device after kill -9. Loopback only (devices come
# from 127.0.0.2 and up, 20,000 per address), bounded in time, cleans up after itself.
#   bench/city.sh [--devices 18000] [--minutes 10] [--interval-seconds 60] [--jitter-seconds 5]
#                 [--connect-rate 2000] [--probes 25] [--no-restart] [--no-gcdump] [--smoke]
#                 [--configuration Release|Debug] [--no-build]
# Each process may hold as many connections as its open-file limit allows (ulimit -n): raise it
# for more devices than that (the host and this load generator each need one per device).
set -euo pipefail
cd "$(dirname "$0")/.."
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
. bench/isolated.sh
build_and_run_isolated city bench/CityScale.Bench UrbanTwin.CityScale.Bench "$@"
