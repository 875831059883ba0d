#!/usr/bin/env bash
# The host's build bundles the dashboard with Node.js and npm. On a machine that has neither (a
# fresh Debian 12 with only the .NET SDK), this installs Debian's nodejs and npm with apt, as root
# or through sudo; with both present it does nothing.
set -euo pipefail
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    echo "The dashboard is built with Node.js and npm: install Debian's nodejs and npm (apt-get install nodejs npm) as root" >&2
    exit 1
  fi
  sudo="sudo"
fi

need=()
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)
echo "Installing ${need[*]} from Debian to build the dashboard ..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
