#!/usr/bin/env bash
# Measures what adding the starter costs a plain Spring Boot servlet application (Tomcat and
# Actuator), against the same application without it, side by side in one run:
#
#   test-support/soak/bin/footprint.sh [--rounds N] [--jars-only]
#
# 1 jars       bytes of runtime jars the starter adds (BOOT-INF/lib), which ones, any io.netty
# 2 start-up   wall time and JVM CPU time (user + sys) from java -jar to readiness 200, N
#              alternated rounds; with the starter, readiness includes download, as users are told
# 3 threads    live Java threads the starter adds at idle, between its second and third refresh
#
# Installs the starter into a throwaway local Maven repository (test-support/soak/target/footprint/m2,
# filled from ~/.m2 where it can), generates the two applications from
# benchmark/footprint/ into a temporary folder, builds them, prints a table and writes it to
# test-support/soak/target/footprint/results.md. A benchmark, not a test: exits 0 whether the goals are
# met or not, non-zero only when it could not measure. Needs Maven, a JDK (jcmd), curl and
# python3 (curl and the JDK are installed from Debian's packages when missing). Takes 3 minutes
# with 10 rounds on an idle 2-core machine, twice that on a busy one. ./test.sh runs it with
# --rounds 1 as a smoke (it must measure; its goals are not judged there).
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: test-support/soak/bin/footprint.sh [--rounds N] [--jars-only] [--generate-only DIR]

Measures what the download-healthcheck starter adds to a plain Spring Boot servlet application
(spring-boot-starter-webmvc + spring-boot-starter-actuator): runtime jar bytes, time and CPU to
readiness, idle threads. Prints a table with the goals and writes it to
test-support/soak/target/footprint/results.md; exits 0 whether the goals are met or not.

  --rounds N           alternated start-up rounds of each application (default 10)
  --jars-only          measure the added jars only, skip start-up and threads
  --generate-only DIR  write the two applications' sources into DIR and exit (no build)
  -h, --help           this help
EOF
}

rounds=10
jars_only=false
generate_only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || { echo "--rounds needs a positive number" >&2; exit 2; }
              rounds=$2; shift 2 ;;
    --jars-only) jars_only=true; shift ;;
    --generate-only) [ $# -ge 2 ] || { echo "--generate-only needs a folder" >&2; exit 2; }
                     generate_only=$2; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
templates="$here/footprint"
soak_dir="$(cd "$here/.." && pwd)"
root="$(cd "$soak_dir/../.." && pwd)"
out_dir="$soak_dir/target/footprint"
source "$root/.ci/lib/common.sh"
results="$out_dir/results.md"


# The versions the project builds with, so that the generated applications follow it.
pom_value() {
  python3 - "$root/pom.xml" "$1" <<'EOF'
import sys, xml.etree.ElementTree as tree
ns = {"m": "http://maven.apache.org/POM/4.0.0"}
print(tree.parse(sys.argv[1]).getroot().findtext(sys.argv[2], namespaces=ns).strip())
EOF
}
boot_version=$(pom_value m:properties/m:spring-boot.version)
project_version=$(pom_value m:version)
starter_artifact=download-healthcheck-spring-boot-starter
pinned_netty=4.2.18.Final

# generate_app DIR ARTIFACT_ID WITH_STARTER PIN_NETTY STORAGE: writes one application's sources.
generate_app() {
  local dir=$1 artifact=$2 with_starter=$3 pin=$4 storage=$5 starter="" netty=""
  if [ "$with_starter" = true ]; then
    starter="<dependency><groupId>io.github.downloadhealthcheck</groupId><artifactId>$starter_artifact</artifactId><version>$project_version</version></dependency>"
  fi
  if [ "$pin" = true ]; then
    netty="<netty.version>$pinned_netty</netty.version>"
  fi
  mkdir -p "$dir/src/main/java/footprint" "$dir/src/main/resources"
  sed -e "s|@BOOT_VERSION@|$boot_version|" -e "s|@ARTIFACT_ID@|$artifact|" \
      -e "s|@STARTER@|$starter|" -e "s|@NETTY_PIN@|$netty|" "$templates/pom.xml.template" > "$dir/pom.xml"
  cp "$templates/FootprintApplication.java" "$dir/src/main/java/footprint/"
  if [ "$with_starter" = true ]; then
    sed -e "s|@STORAGE@|$storage|" "$templates/application-with-starter.properties.template" \
      > "$dir/src/main/resources/application.properties"
  else
    : > "$dir/src/main/resources/application.properties"
  fi
}

# generate_both DIR PIN_NETTY: the application without the starter in DIR/without, with it in
# DIR/with, its storage folder DIR/storage.
generate_both() {
  mkdir -p "$1/storage"
  generate_app "$1/without" footprint-without false "$2" "$1/storage"
  generate_app "$1/with" footprint-with true "$2" "$1/storage"
}

if [ -n "$generate_only" ]; then
  generate_both "$generate_only" false
  echo "$generate_only/without $generate_only/with"
  exit 0
fi

install_packages curl:curl jcmd:openjdk-17-jdk-headless
command -v mvn >/dev/null 2>&1 || { echo "Maven not found: sudo apt-get install maven" >&2; exit 1; }

# Other work on the machine disturbs the wall times above all: the table shows how busy it was.
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_setup footprint

now_ms() { date +%s%3N; }
calc() { python3 -c "print($1)"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
fmt() { printf '%.*f' "${2:-2}" "$1"; }
mb() { fmt "$(calc "$1 / 1048576")" 2; }
verdict() { python3 -c "print('yes' if $1 else 'NO')"; }

# ---------------------------------------------------------------------------------------------
# A throwaway local repository, so that installing the project's snapshot (or a modified copy of
# it) never replaces the one other builds on this machine resolve from ~/.m2. The user's
# repository serves as a plain file repository in front of Central, so nothing is downloaded
# twice; with a settings.xml of the user's own, that is left alone and all comes from remote.
local_repo="$out_dir/m2"
mkdir -p "$local_repo"
mvn_args=(-B -ntp -q -Dstyle.color=never "-Dmaven.repo.local=$local_repo")
user_repo="$HOME/.m2/repository"
if [ ! -f "$HOME/.m2/settings.xml" ] && [ -d "$user_repo" ]; then
  cat > "$work/settings.xml" <<EOF
<settings>
  <profiles>
    <profile>
      <id>user-repository</id>
      <repositories>
        <repository>
          <id>user-repository</id>
          <url>file://$user_repo</url>
          <releases><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><enabled>false</enabled></snapshots>
        </repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository>
          <id>user-repository</id>
          <url>file://$user_repo</url>
          <releases><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><enabled>false</enabled></snapshots>
        </pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles>
    <activeProfile>user-repository</activeProfile>
  </activeProfiles>
</settings>
EOF
  mvn_args+=(-s "$work/settings.xml")
fi

log "1/3 jars: installing the starter $project_version into $local_repo..."
(cd "$root" && mvn "${mvn_args[@]}" install -DskipTests -pl healthcheck-autoconfigure,healthcheck-starter -am) \
  > "$work/install.log" 2>&1 || { cat "$work/install.log" >&2; echo "the project did not install" >&2; exit 1; }

# build_app DIR: the repackaged jar and the runtime dependencies with their files.
build_app() {
  (cd "$1" && mvn "${mvn_args[@]}" package dependency:list -DincludeScope=runtime \
    -DoutputAbsoluteArtifactFilename=true -DoutputFile="$1/dependencies.txt" > "$1/build.log" 2>&1)
}

apps="$work/apps"
netty_pin="not needed"
generate_both "$apps" false
log "   building the two applications (Spring Boot $boot_version)..."
build_app "$apps/without" || { cat "$apps/without/build.log" >&2; echo "the application without the starter did not build" >&2; exit 1; }
if ! build_app "$apps/with"; then
  # Boot's managed Netty may lack native jars in the registry this build reads; the project
  # builds with the same pin (see the root pom). Only this application can pull Netty in.
  unresolved=$(grep -o 'io\.netty:[^ ,]*' "$apps/with/build.log" | head -1 || true)
  [ -n "$unresolved" ] || { cat "$apps/with/build.log" >&2; echo "the application with the starter did not build" >&2; exit 1; }
  log "   Boot's managed Netty did not resolve ($unresolved): pinning netty.version to $pinned_netty in both applications"
  netty_pin="needed: $unresolved did not resolve, so both poms set netty.version to $pinned_netty"
  rm -rf "$apps"
  generate_both "$apps" true
  build_app "$apps/without" || { cat "$apps/without/build.log" >&2; exit 1; }
  build_app "$apps/with" || { cat "$apps/with/build.log" >&2; echo "the application with the starter did not build" >&2; exit 1; }
fi
jar_without="$apps/without/target/footprint-without-1.jar"
jar_with="$apps/with/target/footprint-with-1.jar"

python3 "$templates/jar_diff.py" "$jar_without" "$apps/without/dependencies.txt" \
  "$jar_with" "$apps/with/dependencies.txt" "$work/jars.sh" "$work/jars.md"
log "   jars only the application with the starter has:"
cat "$work/jars.md" >&2
# shellcheck disable=SC1091
source "$work/jars.sh"
jars_added_mb=$(mb "$jars_added_bytes")
log "   added: $jars_added_mb MB in $jars_added_count jars ($(mb "$jars_without_bytes") -> $(mb "$jars_with_bytes") MB); io.netty: $jars_netty_count jars, $(mb "$jars_netty_bytes") MB; Netty pin $netty_pin"

# ---------------------------------------------------------------------------------------------
common_jvm=(-Xms256m -Xmx256m)
# start_app NAME JAR PORT ARGS...: starts the application on loopback; sets app_pid.
start_app() {
  local name=$1 jar=$2 port=$3
  shift 3
  java "${common_jvm[@]}" -jar "$jar" --server.port="$port" --server.address=127.0.0.1 \
    --spring.main.banner-mode=off "$@" > "$work/$name.log" 2>&1 &
  app_pid=$!
  pids+=("$app_pid")
}

# wait_ready NAME PID PORT: polls readiness every 20 ms until 200; fails when the JVM dies or
# after 120 s.
wait_ready() {
  local deadline=$(( $(now_ms) + 120000 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$3/actuator/health/readiness" || true)" = 200 ]; do
    if ! kill -0 "$2" 2>/dev/null || [ "$(now_ms)" -ge "$deadline" ]; then
      tail -40 "$work/$1.log" >&2
      echo "$1 never got ready" >&2
      exit 1
    fi
    sleep 0.02
  done
}

stop_app() { kill -TERM "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

clk_tck=$(getconf CLK_TCK)
# cpu_ms PID: user + system CPU time of every thread of the process so far (fields 14 and 15 of
# /proc/PID/stat, counted after the command name, which may hold spaces).
cpu_ms() { awk -v tck="$clk_tck" '{ sub(/^.*\) /, ""); print ($12 + $13) * 1000 / tck }' "/proc/$1/stat"; }

if [ "$jars_only" = false ]; then
  # -------------------------------------------------------------------------------------------
  log "3/3 threads: both applications at idle, once the starter's second refresh is done"
  # Run first: it also warms the page cache and the class data for the timed rounds.
  port_without=$(free_port); port_with=$(free_port)
  # Logs each refresh of the starter's monitor; the same argument for both applications.
  debug_refresh=--logging.level.io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor=debug
  start_app threads-without "$jar_without" "$port_without" "$debug_refresh"; pid_without=$app_pid
  start_app threads-with "$jar_with" "$port_with" "$debug_refresh"; pid_with=$app_pid
  wait_ready threads-without "$pid_without" "$port_without"
  wait_ready threads-with "$pid_with" "$port_with"
  # The first refresh builds the HTTP client; the second one runs on what stays.
  deadline=$(( $(now_ms) + 60000 ))
  until grep -q 'Download health refresh 2 took' "$work/threads-with.log"; do
    [ "$(now_ms)" -lt "$deadline" ] || { tail -40 "$work/threads-with.log" >&2; echo "no second refresh within 60 s" >&2; exit 1; }
    sleep 0.2
  done
  # Idle: past the 2 s the checks' short-lived threads outlive a refresh, before the next one.
  sleep 4
  # With Boot's defaults /actuator/health/download shows no components: the log says what ran.
  layers=$(grep -o 'Download health [a-z-]* is [A-Z]*' "$work/threads-with.log" | cut -d' ' -f3,5 | paste -sd, | sed 's/,/, /g')
  tasks_without=$(ls "/proc/$pid_without/task" | wc -l)
  tasks_with=$(ls "/proc/$pid_with/task" | wc -l)
  jcmd "$pid_without" Thread.print > "$work/threads-without.txt"
  jcmd "$pid_with" Thread.print > "$work/threads-with.txt"
  # Classes loaded so far (the JVM's own counter): what the checks' first refreshes loaded.
  loaded_classes() { jcmd "$1" PerfCounter.print | sed -n 's/^java\.cls\.loadedClasses=//p'; }
  classes_without=$(loaded_classes "$pid_without")
  classes_with=$(loaded_classes "$pid_with")
  stop_app "$pid_with"; stop_app "$pid_without"; pids=()
  log "   the starter's layers: $layers; Java threads only the application with the starter has:"
  python3 "$templates/thread_diff.py" "$work/threads-without.txt" "$port_without" \
    "$work/threads-with.txt" "$port_with" "$work/threads.sh" >&2
  # shellcheck disable=SC1091
  source "$work/threads.sh"
  threads_added=$(( threads_with - threads_without ))
  log "   Java threads (JIT compiler threads left out): $threads_without without, $threads_with with, +$threads_added; all OS threads (/proc/PID/task): $tasks_without without, $tasks_with with"

  # -------------------------------------------------------------------------------------------
  log "2/3 start-up: java -jar to readiness 200, $rounds alternated rounds; with the starter, readiness includes download"
  # time_to_ready NAME JAR: sets ready_wall and ready_cpu, the wall time and the JVM's CPU time
  # in ms from java -jar to readiness 200.
  time_to_ready() {
    local port started
    port=$(free_port)
    started=$(now_ms)
    start_app "$1" "$2" "$port"
    wait_ready "$1" "$app_pid" "$port"
    ready_cpu=$(cpu_ms "$app_pid")
    ready_wall=$(( $(now_ms) - started ))
    stop_app "$app_pid"; pids=()
  }
  wall_without=(); wall_with=(); cpu_without=(); cpu_with=()
  without_round() { time_to_ready start-without "$jar_without"; wall_without+=("$ready_wall"); cpu_without+=("$ready_cpu"); }
  with_round() { time_to_ready start-with "$jar_with"; wall_with+=("$ready_wall"); cpu_with+=("$ready_cpu"); }
  for round in $(seq 1 "$rounds"); do
    # Which one goes first alternates, so that neither always follows the other.
    if (( round % 2 )); then without_round; with_round; else with_round; without_round; fi
    log "   round $round: without ${wall_without[-1]} ms (CPU ${cpu_without[-1]} ms), with ${wall_with[-1]} ms (CPU ${cpu_with[-1]} ms)"
  done
  wall_without_median=$(median "${wall_without[@]}"); wall_with_median=$(median "${wall_with[@]}")
  cpu_without_median=$(median "${cpu_without[@]}"); cpu_with_median=$(median "${cpu_with[@]}")
  wall_without_min=$(calc "min([${wall_without[*]/%/,}])"); wall_with_min=$(calc "min([${wall_with[*]/%/,}])")
  # Other load on the machine only ever adds time: the fastest start of each is the least
  # disturbed, so the wall-time goal is judged on their ratio. CPU time is less disturbed by
  # other load than wall time: its goal is judged on the medians.
  wall_ratio=$(calc "$wall_with_min / $wall_without_min")
  wall_median_ratio=$(calc "$wall_with_median / $wall_without_median")
  cpu_ratio=$(calc "$cpu_with_median / $cpu_without_median")
  # What the starter adds in absolute terms: a ratio flatters a large application and
  # punishes a small one, the added milliseconds are what a scaling-out pod waits.
  wall_added=$(calc "$wall_with_min - $wall_without_min")
  wall_median_added=$(calc "$wall_with_median - $wall_without_median")
  cpu_added=$(calc "round($cpu_with_median - $cpu_without_median)")
fi

# ---------------------------------------------------------------------------------------------
mkdir -p "$out_dir"
{
  echo "# download-healthcheck footprint in a servlet application"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load average at the start $load_start and at the end $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), Spring Boot $boot_version, starter $project_version"
  echo
  echo "Two applications identical but for the starter: spring-boot-starter-webmvc (Tomcat) and spring-boot-starter-actuator; the second adds $starter_artifact, one storage folder rule, no proxy URLs. Netty pin: $netty_pin."
  echo
  echo "| # | figure | measured | goal | met |"
  echo "|---|---|---|---|---|"
  echo "| 1 | jars added | $jars_added_mb MB in $jars_added_count jars (BOOT-INF/lib $(mb "$jars_without_bytes") -> $(mb "$jars_with_bytes") MB), by group: $jars_by_group | <= 3.5 MB | $(verdict "$jars_added_bytes <= 3.5 * 1048576") |"
  echo "| 1 | io.netty among them | $jars_netty_count jars, $(mb "$jars_netty_bytes") MB | none | $(verdict "$jars_netty_count == 0") |"
  if [ "$jars_only" = false ]; then
    echo "| 2 | start-up, wall time added | java -jar to readiness 200, $rounds alternated rounds; with the starter readiness includes download (readinessState,download): without ${wall_without[*]} ms, with ${wall_with[*]} ms; medians $wall_without_median / $wall_with_median ms (+$wall_median_added ms, ratio $(fmt "$wall_median_ratio" 3)) | fastest with - fastest without: $wall_added ms ($wall_with_min / $wall_without_min ms, ratio $(fmt "$wall_ratio" 3)) <= 300 ms | $(verdict "$wall_added <= 300") |"
    echo "| 2 | start-up, CPU time added | JVM user + sys until readiness 200 (/proc/PID/stat): without ${cpu_without[*]} ms, with ${cpu_with[*]} ms | medians with - without: $cpu_added ms ($cpu_with_median / $cpu_without_median ms, ratio $(fmt "$cpu_ratio" 3)) <= 500 ms | $(verdict "$cpu_added <= 500") |"
    echo "| 2 | classes loaded | at idle after the second refresh (jcmd PerfCounter java.cls.loadedClasses): $classes_without without, $classes_with with | +$((classes_with - classes_without)) (information) | - | - |"
    echo "| 3 | threads added at idle | Java threads after the starter's second refresh (its layers: $layers), JIT compiler threads left out: $threads_without without, $threads_with with; added: $threads_added_names; only without: $threads_removed_names (all OS threads: $tasks_without / $tasks_with) | <= 2 | $(verdict "$threads_added <= 2") |"
  fi
  echo
  echo "## Jars the starter adds"
  echo
  cat "$work/jars.md"
} > "$results"
cat "$results"
echo >&2
echo "Written to $results" >&2
