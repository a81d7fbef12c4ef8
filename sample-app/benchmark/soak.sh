#!/usr/bin/env bash
# The soak: the sample application, as a process of its own, behind a real nginx (and with
# --storage s3, a real S3Proxy), probed once a second through /actuator/health/download and the
# readiness group, with probe storms now and then and its own download traffic, while a seeded
# schedule injects real faults one after the other and repairs them:
#
#   sample-app/benchmark/soak.sh [--duration 20m] [--storage folder|s3] [--seed N]
#                                [--interval 5s] [--timeout 2s] [--smoke]
#
# Faults: nginx killed (SIGKILL) and restarted; reloaded with a config it rejects, and with a
# valid one pointing storage elsewhere, then the good one; the dummy file's folder made
# unreadable (chmod 000; the application runs as nobody when this runs as root); the dummy file
# deleted, and corrupted; S3Proxy stopped and started (--storage s3); the route from nginx to
# the application hung, and slowed.
#
# Prints per fault and overall: detection and recovery times against their bounds, false UPs
# and false DOWNs, health latency p50/p99/max against a healthy baseline, readiness, download
# failures, the application's heap after full GC, threads, file descriptors and connections at
# the start and the end, what it logged at ERROR, and how SIGTERM in the middle of a refresh
# went. Writes the report to sample-app/target/soak/<storage>-results.md, and beside it every
# fault and read (CSV) and the logs of the application and nginx.
# Exits 1 when a goal is missed (--smoke, the test suite's 2-minute run, does not count the
# time goals, which a loaded CI machine stretches). Needs nginx and a JDK; installs nginx from
# Debian's packages when missing. Not part of ./test.sh, except its --smoke run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
app_dir="$(cd "$here/.." && pwd)"
root="$(cd "$app_dir/.." && pwd)"

args=("$@")
for arg in "$@"; do
  case "$arg" in
    -h|--help) awk 'NR > 1 && /^set -euo/ { exit } NR > 1' "$0"; exit 0 ;;
    --smoke) args=(--duration 2m --interval 2s --timeout 2s "$@") ;;
  esac
done

if [ ! -x /usr/sbin/nginx ]; then
  echo "Installing nginx-light from Debian's packages..." >&2
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends nginx-light >/dev/null
fi

echo "Building the sample application and the soak..." >&2
classpath_file="$app_dir/target/soak/classpath.txt"
mkdir -p "$app_dir/target/soak"
(cd "$root" && mvn -q -B -DskipTests -Djavaformat.skip=true -pl sample-app -am package dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/soak/classpath.txt) >&2

java -Ds3proxy.jar="$app_dir/target/s3proxy/s3proxy.jar" \
  -cp "$app_dir/target/test-classes:$app_dir/target/classes:$(cat "$classpath_file")" \
  io.github.downloadhealthcheck.sample.soak.Soak \
  --jar "$app_dir/target/download-healthcheck-sample-app-0.1.0-SNAPSHOT.jar" \
  --out "$app_dir/target/soak" "${args[@]}"
