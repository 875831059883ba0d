#!/usr/bin/env bash
# Installs the Debian packages the test suite starts as real servers (and the headless Chromium its
# browser tests drive), when any is missing, the OpenAPI linters the suite runs (npm, into
# tools/openapi-lint/node_modules), the Azure Digital Twins client it drives the twin API with (npm,
# into tools/adt-client/node_modules), and the Node-RED peer of the end-to-end benchmark's smoke test
# (npm, into bench/.node-red; when npm cannot reach its registry the smoke test skips that scenario
# and says so).
# Package scripts must not start system-wide services: the tests start their own on free
# loopback ports with temporary directories, so a policy-rc.d forbids service starts during
# the install (and is removed again if this script created it).
set -euo pipefail

need=()
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
command -v mosquitto_pub >/dev/null 2>&1 || need+=(mosquitto-clients)
command -v influxd >/dev/null 2>&1 || need+=(influxdb)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v prometheus >/dev/null 2>&1 || [ -x /usr/bin/prometheus ] || need+=(prometheus)
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/chromedriver ] || need+=(chromium-driver)
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)

install_node_packages() {
  bash "$(dirname "$0")/openapi-lint/install.sh"
  bash "$(dirname "$0")/adt-client/install.sh"
  bash "$(dirname "$0")/../bench/node-red/install.sh" || echo "Node-RED could not be installed: the end-to-end benchmark skips its peer" >&2
}

if [ ${#need[@]} -eq 0 ]; then
  install_node_packages
  exit 0
fi

echo "Installing test servers: ${need[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
  $sudo chmod +x /usr/sbin/policy-rc.d
  created_policy=1
fi
cleanup() { if [ "$created_policy" -eq 1 ]; then $sudo rm -f /usr/sbin/policy-rc.d; fi; }
trap cleanup EXIT

$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}"
install_node_packages
