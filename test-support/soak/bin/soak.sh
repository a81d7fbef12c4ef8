#!/usr/bin/env bash
# The soak: the sample application, as a process of its own, behind a real nginx (and with
# --storage s3, a real S3Proxy), probed once a second through /actuator/health/download and the
# readiness group, with probe storms now and then and its own download traffic, while a seeded
# schedule injects real faults one after the other and repairs them:
#
#   test-support/soak/bin/soak.sh [--duration 20m] [--storage folder|s3] [--seed N]
#                                      [--interval 5s] [--timeout 2s] [--smoke]
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
# went. Writes the report to test-support/soak/target/soak/<storage>-results.md, and beside it every
# fault and read (CSV) and the logs of the application and nginx.
# Exits 1 when a goal is missed (--smoke, the test suite's 2-minute run, does not count the
# time goals, which a loaded CI machine stretches). Needs nginx and a JDK; installs nginx from
# Debian's packages when missing. Not part of ./test.sh, except its --smoke run.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
soak_dir="$(cd "$here/.." && pwd)"
root="$(cd "$soak_dir/../.." && pwd)"
source "$root/.ci/lib/common.sh"

args=("$@")
for arg in "$@"; do
  case "$arg" in
    -h|--help) awk 'NR > 1 && /^set -euo/ { exit } NR > 1' "$0"; exit 0 ;;
    --smoke) args=(--duration 2m --interval 2s --timeout 2s "$@") ;;
  esac
done

install_packages nginx:nginx-light

echo "Building the sample application and the soak..." >&2
classpath_file="$soak_dir/target/soak/classpath.txt"
mkdir -p "$soak_dir/target/soak"
# A reactor build (never install): the soak's class path points into the modules' target/, the
# sample's own among them for its proxy templates.
(cd "$root" && mvn -q -B -ntp -DskipTests -Djavaformat.skip=true -pl sample-app,test-support/soak -am package \
  dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/soak/classpath.txt) >&2

java -Ds3proxy.jar="$soak_dir/target/s3proxy/s3proxy.jar" \
  -cp "$soak_dir/target/classes:$root/sample-app/target/classes:$(cat "$classpath_file")" \
  io.github.downloadhealthcheck.soak.Soak \
  --jar "$(sample_app_jar "$root")" \
  --out "$soak_dir/target/soak" "${args[@]}"
