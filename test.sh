#!/usr/bin/env bash
# Runs every test of download-healthcheck: unit tests, auto-configuration tests, and the
# integration tests against real reverse proxies and a real Prometheus.
#
#   ./test.sh [extra Maven arguments]
#
# Extra arguments go to every Maven run below (e.g. -Djavaformat.skip=true -Dnullaway.skip=true).
# Steps, each timed:
#   1. the whole build, JDK 17, Spring Boot 4.1 (the pom's version): format check, NullAway,
#      every test, and the jars, -sources and -javadoc jars and flattened POMs;
#   2. .ci/check-publishable over what step 1 packaged: what Maven Central requires;
#   3. the soak's smoke, on a folder and on S3Proxy: 2 minutes of real faults each against the
#      sample application behind nginx (test-support/soak/bin/soak.sh --smoke);
#   4. Spring Boot 4.0: the auto-configuration tests and the nginx integration test;
#   5. JDK 25 (release 17 still): the auto-configuration module compiled and tested;
#   6. the footprint benchmark's smoke: the starter's added jars, start-up time and CPU, classes
#      and threads measured once (test-support/soak/bin/footprint.sh --rounds 1; goals not judged).
# Steps 4 and 5 build in target/boot-4.0/ and target/jdk-25/ so that they compile from scratch
# and leave step 1's artifacts alone.
#
# Installs from Debian's packages whatever the tests need and the machine lacks; a test that
# still cannot find a binary fails with the install command, it never skips.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

source .ci/lib/common.sh
install_packages nginx-light apache2 libapache2-mod-xsendfile lighttpd caddy prometheus haproxy faketime \
  wrk curl:curl jcmd:openjdk-17-jdk-headless

# The oldest Spring Boot line the starter supports, with the Netty it manages: the parent's
# Netty pin is for 4.1's Netty only (see the pom).
boot_oldest=(-Dspring-boot.version=4.0.7 -Dnetty.version=4.2.15.Final)
java25_home="${JAVA25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ ! -x "$java25_home/bin/javac" ]; then
  echo "No JDK 25 at $java25_home: unpack a Temurin 25 JDK (https://adoptium.net/temurin/releases/?version=25)" \
    "there, or point JAVA25_HOME to a JDK 25." >&2
  exit 1
fi

timings=()
print_timings() {
  [ ${#timings[@]} -eq 0 ] || { echo "Step times:" >&2; printf '%s\n' "${timings[@]}" >&2; }
}
trap print_timings EXIT
step() {
  local name="$1"
  shift
  echo "==> $name: $*" >&2
  local start=$SECONDS
  local status=0
  "$@" || status=$?
  timings+=("$(printf '%5ss  %s%s' $((SECONDS - start)) "$name" "$([ $status -eq 0 ] || echo '  FAILED')")")
  return $status
}

step "build and all tests (JDK 17, Boot 4.1)" \
  mvn -B -ntp verify "$@"
step "publishable artifacts" \
  .ci/check-publishable
step "soak smoke, folder storage" \
  test-support/soak/bin/soak.sh --smoke
step "soak smoke, S3 storage" \
  test-support/soak/bin/soak.sh --smoke --storage s3
step "Boot 4.0: auto-configuration tests" \
  mvn -B -ntp "${boot_oldest[@]}" -Dbuild.dir.name=target/boot-4.0 -Djavaformat.skip=true \
    -pl healthcheck-autoconfigure -am test "$@"
step "Boot 4.0: nginx integration test" \
  mvn -B -ntp "${boot_oldest[@]}" -Dbuild.dir.name=target/boot-4.0 -Djavaformat.skip=true \
    -pl test-support/integration-tests -am test -Dtest=NginxDownloadHealthIntegrationTests -Dsurefire.failIfNoSpecifiedTests=false "$@"
step "JDK 25: auto-configuration tests" \
  env JAVA_HOME="$java25_home" \
  mvn -B -ntp -Dbuild.dir.name=target/jdk-25 -Djavaformat.skip=true \
    -pl healthcheck-autoconfigure -am test "$@"
step "footprint benchmark smoke" \
  test-support/soak/bin/footprint.sh --rounds 1
