#!/usr/bin/env bash
# Runs every test of download-healthcheck: unit tests, auto-configuration tests, and the
# integration tests against real reverse proxies and a real Prometheus.
#
#   ./test.sh [extra Maven arguments]
#
# Installs from Debian's packages whatever the tests need and the machine lacks; a test that
# still cannot find a binary fails with the install command, it never skips.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

packages=(nginx-light apache2 libapache2-mod-xsendfile lighttpd caddy prometheus)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing from Debian's packages: ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

exec mvn -B -ntp verify "$@"
