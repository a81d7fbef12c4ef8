#!/usr/bin/env bash
# Fleet scale: simulates 100 and 1,000 pods' refresh schedules over an hour with the starter's
# own RefreshSchedule and prints the requests and dummy bytes per second at a shared ingress:
#
#   test-support/soak/bin/herd.sh
#
# Pure computation, seeded; compiles the soak module (offline) and runs HerdSimulation.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
mvn -q -B -ntp -o -Dmaven.test.skip=true -pl test-support/soak -am compile >&2
# HerdSimulation needs the JDK and the starter's RefreshSchedule only.
cp="$root/test-support/soak/target/classes:$root/healthcheck-autoconfigure/target/classes"
exec java -cp "$cp" io.github.downloadhealthcheck.soak.herd.HerdSimulation
