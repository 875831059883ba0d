#!/usr/bin/env bash
# The dashboard with a large fleet, in Debian's headless Chromium, against the real host (Release,
# single node, embedded storage in a temporary directory): imports N assets, times the first view,
# then streams readings at a fixed rate over MQTT and records the page's frames and long tasks.
# Stops everything it starts. Prints the machine and its load average before and after: run it on
# a quiet machine, or say the figures are from a loaded one.
#   bench/dashboard.sh [--assets 20000] [--rate 1000] [--devices 500] [--seconds 30]
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || bash tools/install-test-deps.sh
dotnet build src/TwinApi -c Release --nologo -v quiet -clp:ErrorsOnly
dotnet build bench/Dashboard.Bench -c Release --nologo -v quiet -clp:ErrorsOnly
source bench/release-host.sh
start_release_host
echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/Mem:/ {print $2}') GiB, chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{print $2}'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet bench/Dashboard.Bench/bin/Release/net10.0/UrbanTwin.Dashboard.Bench.dll --url "http://127.0.0.1:$port" --key "$key" \
  --mqtt-port "$mqtt_port" "$@"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); host peak memory: $(grep VmHWM /proc/$host/status | awk '{print $2/1024 " MiB"}')"
