#!/usr/bin/env bash
# Measures what the download health check costs and what it buys, side by side in one run,
# against the real sample application behind a real nginx on loopback:
#
#   test-support/soak/bin/benchmark.sh
#
# 1 probe cost     requests/s of /actuator/health/download against /actuator/health/ping (and of
#                  one layer, and of a readiness-like group including download without details)
# 2 amplification  requests reaching storage, backend, proxy and end-to-end per refresh
#                  interval during a 30 s storm of 256 concurrent probe connections
# 3 parallelism    one refresh with every HTTP layer delayed by D, against D
# 4 hang bound     probe latency and time to DOWN while the proxy accepts and never answers
# 5 hand-off       512 MiB through nginx by X-Accel-Redirect, streamed by the app, and static
# 6 memory         heap after GC around refreshes against a 512 MiB answer and a 1 GiB dummy
# 7 start-up       time to ready with and without the starter's health checks
#
# Prints a table and writes it to test-support/soak/target/benchmark/results.md. Needs nginx, wrk,
# curl, python3 and a JDK (installed from Debian's packages when missing). Takes
# about 6 minutes. Not part of ./test.sh.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
soak_dir="$(cd "$here/.." && pwd)"
root="$(cd "$soak_dir/../.." && pwd)"
app_dir="$root/sample-app"
out_dir="$soak_dir/target/benchmark"
results="$out_dir/results.md"
source "$root/.ci/lib/common.sh"

install_packages nginx:nginx-light wrk:wrk curl:curl jcmd:openjdk-17-jdk-headless
nginx_bin=/usr/sbin/nginx

jar=$(sample_app_jar "$root")
echo "Building the sample application..." >&2
(cd "$root" && mvn -q -B -ntp -Dmaven.test.skip=true -pl sample-app -am package)
mkdir -p "$out_dir"

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bench_setup bench
chmod 755 "$work"

now_ms() { date +%s%3N; }
# calc EXPRESSION: arithmetic with floats.
calc() { python3 -c "print($1)"; }
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
fmt() { printf '%.*f' "${2:-2}" "$1"; }

# metric PORT NAME [TEXT]: the sum of the series NAME of the app's /actuator/prometheus whose
# labels contain TEXT (e.g. 'layer="storage"'), over every other label (outcome...).
metric() {
  curl -s "http://127.0.0.1:$1/actuator/prometheus" | awk -v name="$2" -v text="${3:-}" '
    { split($1, parts, "{") }
    parts[1] == name && index($0, text) { sum += $NF; found = 1 }
    END { if (!found) { print "no series " name " " text > "/dev/stderr"; exit 1 } print sum }'
}

# render_nginx NAME APP_PORT STORAGE: starts nginx from the sample's template with an access log
# (the template has none) and a static location serving the storage, for figures 2 and 5; sets
# nginx_port.
render_nginx() {
  local dir="$work/$1" port
  port=$(free_port)
  nginx_port=$port
  mkdir -p "$dir"
  sed -e "s|@PROXY_PORT@|$port|g" -e "s|@APP_PORT@|$2|g" -e "s|@STORAGE_ROOT@|$3|g" \
      -e "s|@DUMMY_PATH@|.download-healthcheck/dummy.bin|g" -e "s|@WORK_DIR@|$dir|g" \
      -e "s|access_log off;|access_log $dir/access.log;|" \
      -e "s|worker_connections 64;|worker_connections 1024;|" \
      -e "s|^\(\s*\)location / {|\1location /bench-static/ { alias $3/; }\n\1location / {|" \
      "$app_dir/src/main/resources/proxy/nginx.conf.template" > "$dir/nginx.conf"
  # The figures depend on these two changes: fail loudly if the template no longer allows them.
  grep -q "access_log $dir/access.log;" "$dir/nginx.conf" && grep -q "location /bench-static/" "$dir/nginx.conf" || {
    echo "nginx.conf.template changed: could not add the access log or the static location" >&2; exit 1; }
  "$nginx_bin" -t -q -p "$dir" -c "$dir/nginx.conf" -e stderr
  "$nginx_bin" -p "$dir" -c "$dir/nginx.conf" -e stderr -g 'daemon off;' > "$dir/nginx.log" 2>&1 &
  pids+=($!)
  wait_http "http://127.0.0.1:$port/bench-static/nope" 404 10000
}

# start_app NAME PORT HEAP ARGS...: starts the jar, returns once its liveness answers 200; sets
# app_pid.
start_app() {
  local name=$1 port=$2 heap=$3
  shift 3
  java "-Xms$heap" "-Xmx$heap" -jar "$jar" --server.port="$port" --server.address=127.0.0.1 \
    --spring.main.banner-mode=off "$@" > "$work/$name.log" 2>&1 &
  app_pid=$!
  pids+=("$app_pid")
  wait_http "http://127.0.0.1:$port/actuator/health/liveness" 200 60000 || {
    tail -40 "$work/$name.log" >&2; echo "$name did not start" >&2; exit 1; }
}

# wait_http URL STATUS TIMEOUT_MS: polls every 20 ms.
wait_http() {
  local deadline=$(( $(now_ms) + $3 ))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true)" = "$2" ] && return 0
    sleep 0.02
  done
  return 1
}

wait_all_up() {
  wait_http "http://127.0.0.1:$1/actuator/health/download" 200 30000 || {
    curl -s "http://127.0.0.1:$1/actuator/health/download" >&2; echo "download health of port $1 never UP" >&2; exit 1; }
}

# wrk_rps URL SECONDS CONNECTIONS: requests per second.
wrk_rps() {
  wrk -t2 -c"$3" -d"$2s" "$1" | awk '/^Requests\/sec:/ {print $2}'
}

# The storage: a small file, and the 512 MiB file of figure 5 twice (a hard link in a folder
# outside the sendfile rules, which the application must stream itself).
storage="$work/storage"
outside="$work/outside-rules"
mkdir -p "$storage" "$outside"
log "Writing the 512 MiB test file..."
head -c 512M /dev/urandom > "$storage/big.bin"
ln "$storage/big.bin" "$outside/big.bin"
chmod 644 "$storage/big.bin"

common=(--download.sendfile.rules[0].source="$storage" --download.sendfile.rules[0].destination=/internal-storage
        --management.endpoint.health.group.readiness.include=readinessState)

# App A behind nginx A: figures 1, 2 and 5 (hand-off and static). 1 s interval, 30 refreshes a storm.
port_a=$(free_port)
render_nginx nginx-a "$port_a" "$storage"; nginx_a=$nginx_port
log "Starting app A on $port_a behind nginx on $nginx_a..."
start_app app-a "$port_a" 256m "${common[@]}" --download.healthcheck.storage.root="$storage" \
  --management.endpoint.health.group.probe.include=download \
  --management.endpoint.health.group.probe.show-details=never \
  --management.endpoint.health.group.probe.show-components=never \
  --download.healthcheck.interval=1s --download.healthcheck.timeout=1s \
  --download.healthcheck.proxy.url="http://127.0.0.1:$nginx_a/healthcheck-utils/dummy-file" \
  --download.healthcheck.end-to-end.url="http://127.0.0.1:$nginx_a/healthcheck-utils/download/"
wait_all_up "$port_a"

# ---------------------------------------------------------------------------------------------
log "2/7 amplification: 30 s storm of 256 concurrent probe connections"
count_log() { grep -c "GET $2 " "$work/$1/access.log" || true; }
refreshes_before=$(metric "$port_a" download_healthcheck_refresh_seconds_count)
storage_before=$(metric "$port_a" download_healthcheck_duration_seconds_count 'layer="storage"')
backend_before=$(metric "$port_a" download_healthcheck_duration_seconds_count 'layer="backend"')
proxy_before=$(count_log nginx-a /healthcheck-utils/dummy-file)
e2e_before=$(count_log nginx-a /healthcheck-utils/download/)
storm=$(wrk -t2 -c256 -d30s --timeout 5s "http://127.0.0.1:$port_a/actuator/health/download")
storm_requests=$(printf '%s\n' "$storm" | awk '/requests in/ {print $1}')
storm_rps=$(printf '%s\n' "$storm" | awk '/^Requests\/sec:/ {print $2}')
storm_non2xx=$(printf '%s\n' "$storm" | awk '/Non-2xx/ {print $NF}')
refreshes=$(calc "$(metric "$port_a" download_healthcheck_refresh_seconds_count) - $refreshes_before")
storage_reads=$(calc "$(metric "$port_a" download_healthcheck_duration_seconds_count 'layer="storage"') - $storage_before")
backend_calls=$(calc "$(metric "$port_a" download_healthcheck_duration_seconds_count 'layer="backend"') - $backend_before")
proxy_calls=$(( $(count_log nginx-a /healthcheck-utils/dummy-file) - proxy_before ))
e2e_calls=$(( $(count_log nginx-a /healthcheck-utils/download/) - e2e_before ))
intervals=30
per() { fmt "$(calc "$1 / $2")" 2; }
log "   $storm_requests probes ($storm_rps/s, non-2xx ${storm_non2xx:-0}); $refreshes refreshes; storage $storage_reads, backend $backend_calls, proxy $proxy_calls, end-to-end $e2e_calls"

# ---------------------------------------------------------------------------------------------
log "1/7 probe cost: /actuator/health/download, /download/end-to-end and a probe group against /actuator/health/ping, 5 alternated rounds"
# Warm-up: the JIT needs many seconds of traffic on each path before the figures settle; the
# storm of figure 2 warmed /actuator/health/download up.
wrk -t2 -c16 -d10s "http://127.0.0.1:$port_a/actuator/health/ping" >/dev/null
wrk -t2 -c16 -d10s "http://127.0.0.1:$port_a/actuator/health/download/end-to-end" >/dev/null
wrk -t2 -c16 -d10s "http://127.0.0.1:$port_a/actuator/health/probe" >/dev/null
download_rps=(); ping_rps=(); layer_rps=(); group_rps=(); probe_ratios=(); layer_ratios=(); group_ratios=()
for round in 1 2 3 4 5; do
  download_rps+=("$(wrk_rps "http://127.0.0.1:$port_a/actuator/health/download" 4 16)")
  ping_rps+=("$(wrk_rps "http://127.0.0.1:$port_a/actuator/health/ping" 4 16)")
  layer_rps+=("$(wrk_rps "http://127.0.0.1:$port_a/actuator/health/download/end-to-end" 4 16)")
  group_rps+=("$(wrk_rps "http://127.0.0.1:$port_a/actuator/health/probe" 4 16)")
  # Each round's runs are back to back: their ratio is the least disturbed by other load.
  probe_ratios+=("$(calc "${download_rps[-1]} / ${ping_rps[-1]}")")
  layer_ratios+=("$(calc "${layer_rps[-1]} / ${ping_rps[-1]}")")
  group_ratios+=("$(calc "${group_rps[-1]} / ${ping_rps[-1]}")")
  log "   round $round: download ${download_rps[-1]} req/s, ping ${ping_rps[-1]} req/s, download/end-to-end ${layer_rps[-1]} req/s, probe group ${group_rps[-1]} req/s"
done
probe_download=$(median "${download_rps[@]}")
probe_ping=$(median "${ping_rps[@]}")
probe_layer=$(median "${layer_rps[@]}")
probe_ratio=$(median "${probe_ratios[@]}")
layer_ratio=$(median "${layer_ratios[@]}")
probe_group=$(median "${group_rps[@]}")
group_ratio=$(median "${group_ratios[@]}")

# App B behind nginx B, its three HTTP layers each behind a delaying proxy: figures 3, 4 and 5
# (streamed: its storage, download.healthcheck.storage.root, is a folder whose files no sendfile
# rule covers). Its one rule covers the dummy file's folder only, so that the checks still hand
# the dummy off and come UP (with no rule at all the backend is DOWN, no-rule-for-storage).
delay_ms=400
port_b=$(free_port)
render_nginx nginx-b "$port_b" "$outside"; nginx_b=$nginx_port
delay_nginx=$(free_port)
delay_app=$(free_port)
python3 "$here/delay_proxy.py" "$delay_nginx" "$nginx_b" "$delay_ms" & pids+=($!); delay_nginx_pid=$!
python3 "$here/delay_proxy.py" "$delay_app" "$port_b" "$delay_ms" & pids+=($!)
interval_b=2; timeout_b=1
log "Starting app B on $port_b behind nginx on $nginx_b, its checks delayed by $delay_ms ms..."
start_app app-b "$port_b" 256m --download.healthcheck.storage.root="$outside" \
  --download.sendfile.rules[0].source="$outside/.download-healthcheck" \
  --download.sendfile.rules[0].destination=/internal-storage/.download-healthcheck \
  --management.endpoint.health.group.readiness.include=readinessState \
  --logging.level.io.github.downloadhealthcheck.snapshot.DownloadHealthMonitor=debug \
  --download.healthcheck.interval=${interval_b}s --download.healthcheck.timeout=${timeout_b}s \
  --download.healthcheck.backend.url="http://127.0.0.1:$delay_app/healthcheck-utils/download/" \
  --download.healthcheck.proxy.url="http://127.0.0.1:$delay_nginx/healthcheck-utils/dummy-file" \
  --download.healthcheck.end-to-end.url="http://127.0.0.1:$delay_nginx/healthcheck-utils/download/"
wait_all_up "$port_b"

# ---------------------------------------------------------------------------------------------
log "3/7 parallelism: refreshes with every HTTP layer delayed by $delay_ms ms"
sleep "$interval_b"
count_before=$(metric "$port_b" download_healthcheck_refresh_seconds_count)
sleep $(( 5 * interval_b ))
# One DEBUG line per refresh, "Download health refresh N took T ms"; the earlier ones warmed up.
mapfile -t refresh_ms < <(awk -v after="$count_before" '/Download health refresh [0-9]+ took/ {
  for (i = 1; i <= NF; i++) if ($i == "refresh") n = $(i + 1); else if ($i == "took") t = $(i + 1)
  if (n + 0 > after + 0) print t }' "$work/app-b.log")
first_refresh_ms=$(awk '/Download health refresh 1 took/ { for (i = 1; i <= NF; i++) if ($i == "took") print $(i + 1) }' "$work/app-b.log")
refresh_count=${#refresh_ms[@]}
[ "$refresh_count" -gt 0 ] || { echo "no refresh logged" >&2; exit 1; }
refresh_mean_ms=$(calc "sum([${refresh_ms[*]/%/,}]) / $refresh_count")
refresh_max_ms=$(calc "max([${refresh_ms[*]/%/,}])")
parallel_ratio=$(calc "$refresh_max_ms / $delay_ms")
log "   $refresh_count refreshes: ${refresh_ms[*]} ms (the first one, cold, at start-up: $first_refresh_ms ms)"

# ---------------------------------------------------------------------------------------------
log "5/7 hand-off: 512 MiB through nginx by X-Accel-Redirect, streamed by the app, static"
handoff_url="http://127.0.0.1:$nginx_a/files/big.bin"
streamed_url="http://127.0.0.1:$nginx_b/files/big.bin"
static_url="http://127.0.0.1:$nginx_a/bench-static/big.bin"
for url in "$handoff_url" "$streamed_url" "$static_url"; do
  size=$(curl -s -o /dev/null -w '%{size_download}' "$url")
  [ "$size" = 536870912 ] || { echo "$url gave $size bytes, not 536870912" >&2; exit 1; }
done
curl -sI "http://127.0.0.1:$port_a/files/big.bin" | grep -qi '^X-Accel-Redirect: /internal-storage/big.bin' \
  || { echo "app A does not hand big.bin off" >&2; exit 1; }
curl -sI "http://127.0.0.1:$port_b/files/big.bin" | grep -qi '^X-Accel-Redirect' \
  && { echo "app B hands big.bin off: it must stream it" >&2; exit 1; }
# Interleaved rounds, so that other load on the machine hits the three paths alike.
handoff_t=(); streamed_t=(); static_t=()
for round in 1 2 3 4 5 6 7; do
  handoff_t+=("$(curl -s -o /dev/null -w '%{time_total}' "$handoff_url")")
  streamed_t+=("$(curl -s -o /dev/null -w '%{time_total}' "$streamed_url")")
  static_t+=("$(curl -s -o /dev/null -w '%{time_total}' "$static_url")")
  log "   round $round: hand-off ${handoff_t[-1]} s, streamed ${streamed_t[-1]} s, static ${static_t[-1]} s"
done
handoff_s=$(median "${handoff_t[@]}"); streamed_s=$(median "${streamed_t[@]}"); static_s=$(median "${static_t[@]}")
mib_s() { calc "512 / $1"; }
handoff_mib=$(mib_s "$handoff_s"); streamed_mib=$(mib_s "$streamed_s"); static_mib=$(mib_s "$static_s")
handoff_ratio=$(calc "$handoff_mib / $static_mib")
streamed_ratio=$(calc "$streamed_mib / $static_mib")

# ---------------------------------------------------------------------------------------------
log "4/7 hang bound: the proxy in front of nginx accepts and never answers"
latency() { printf '%s\n' "$1" | awk -v q="$2" '$1==q {print $2}'; }
healthy_wrk=$(wrk -t2 -c16 -d6s --latency "http://127.0.0.1:$port_b/actuator/health/download")
healthy_p50=$(latency "$healthy_wrk" 50%); healthy_p99=$(latency "$healthy_wrk" 99%)
healthy_rps=$(printf '%s\n' "$healthy_wrk" | awk '/^Requests\/sec:/ {print $2}')
hang_ms_start=$(now_ms)
kill -USR1 "$delay_nginx_pid"
wait_http "http://127.0.0.1:$port_b/actuator/health/download/proxy" 503 $(( (interval_b + timeout_b + 10) * 1000 )) \
  || { echo "proxy never turned DOWN under the hang" >&2; exit 1; }
down_after_ms=$(( $(now_ms) - hang_ms_start ))
curl -s "http://127.0.0.1:$port_b/actuator/health/download/end-to-end" | grep -q '"DOWN"' \
  || { echo "end-to-end not DOWN under the hang" >&2; exit 1; }
hang_wrk=$(wrk -t2 -c16 -d6s --latency "http://127.0.0.1:$port_b/actuator/health/download")
hang_p50=$(latency "$hang_wrk" 50%); hang_p99=$(latency "$hang_wrk" 99%)
hang_max=$(printf '%s\n' "$hang_wrk" | awk '$1=="Latency" {print $4; exit}')
hang_rps=$(printf '%s\n' "$hang_wrk" | awk '/^Requests\/sec:/ {print $2}')
hang_bound_ms=$(( (interval_b + timeout_b) * 1000 ))
log "   DOWN after $down_after_ms ms (bound $hang_bound_ms ms); probes healthy p50 $healthy_p50 p99 $healthy_p99, hung p50 $hang_p50, p99 $hang_p99, max $hang_max"

stop_all

# ---------------------------------------------------------------------------------------------
heap=128m
log "6/7 memory: -Xmx$heap, a 512 MiB answer against the 1 MB body cap, then a 1 GiB dummy"
# memory_scenario NAME PORT REFRESHES ARGS...: starts an app with a fixed small heap, takes the heap
# used after a full GC once its first refresh is done and again after REFRESHES more, and
# samples the heap used meanwhile. Sets mem_before, mem_after, mem_peak (MiB), mem_refreshes.
memory_scenario() {
  local name=$1 port=$2 wanted=$3 count_before used
  shift 3
  start_app "$name" "$port" "$heap" "$@"
  local pid=$app_pid
  heap_used() {
    curl -s "http://127.0.0.1:$port/actuator/metrics/jvm.memory.used?tag=area:heap" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["measurements"][0]["value"] / 1048576)'
  }
  refreshes_done() { metric "$port" download_healthcheck_refresh_seconds_count; }
  local deadline=$(( $(now_ms) + 120000 ))
  until python3 -c "import sys; sys.exit(0 if $(refreshes_done) >= 1 else 1)"; do
    [ "$(now_ms)" -lt "$deadline" ] || { echo "$name: no refresh within 120 s" >&2; exit 1; }
    sleep 0.5
  done
  mem_details=$(curl -s "http://127.0.0.1:$port/actuator/health/download")
  jcmd "$pid" GC.run >/dev/null
  mem_before=$(heap_used)
  count_before=$(refreshes_done)
  mem_peak=0
  deadline=$(( $(now_ms) + 180000 ))
  until python3 -c "import sys; sys.exit(0 if $(refreshes_done) >= $count_before + $wanted else 1)"; do
    [ "$(now_ms)" -lt "$deadline" ] || { echo "$name: fewer than $wanted refreshes within 180 s" >&2; exit 1; }
    used=$(heap_used)
    mem_peak=$(calc "max($mem_peak, $used)")
    sleep 0.3
  done
  mem_refreshes=$(calc "$(refreshes_done) - $count_before")
  jcmd "$pid" GC.run >/dev/null
  mem_after=$(heap_used)
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
}
detail() { printf '%s' "$mem_details" | python3 -c "import json,sys; c=json.load(sys.stdin)['components']; print($1)"; }

# a) The proxy and end-to-end URLs answer 512 MiB; the checks stop reading at 1 MB.
render_nginx nginx-s "$(free_port)" "$storage"; nginx_s=$nginx_port
memory_scenario app-cap "$(free_port)" 10 "${common[@]}" --download.healthcheck.storage.root="$storage" \
  --download.healthcheck.max-body-size=1MB --download.healthcheck.interval=1s --download.healthcheck.timeout=1s \
  --download.healthcheck.proxy.url="http://127.0.0.1:$nginx_s/bench-static/big.bin" \
  --download.healthcheck.end-to-end.url="http://127.0.0.1:$nginx_s/bench-static/big.bin"
cap_before=$mem_before; cap_after=$mem_after; cap_peak=$mem_peak; cap_refreshes=$mem_refreshes
cap_growth=$(calc "$cap_after - $cap_before")
cap_seen=$(detail 'c["end-to-end"]["details"]["seen"]["bytes"]')
log "   512 MiB answer: heap after GC $(fmt "$cap_before" 1) -> $(fmt "$cap_after" 1) MiB over $cap_refreshes refreshes, peak $(fmt "$cap_peak" 1) MiB; end-to-end read $cap_seen bytes"

# b) A 1 GiB dummy: storage, proxy and end-to-end each read and digest all of it, every refresh.
big_storage="$work/big-storage"
mkdir -p "$big_storage"
port_g=$(free_port)
render_nginx nginx-g "$port_g" "$big_storage"; nginx_g=$nginx_port
memory_scenario app-gib "$port_g" 2 --download.sendfile.rules[0].source="$big_storage" \
  --download.sendfile.rules[0].destination=/internal-storage --download.healthcheck.storage.root="$big_storage" \
  --management.endpoint.health.group.readiness.include=readinessState \
  --download.healthcheck.dummy.size=1GB --download.healthcheck.max-body-size=1GB \
  --download.healthcheck.interval=15s --download.healthcheck.timeout=15s \
  --download.healthcheck.proxy.url="http://127.0.0.1:$nginx_g/healthcheck-utils/dummy-file" \
  --download.healthcheck.end-to-end.url="http://127.0.0.1:$nginx_g/healthcheck-utils/download/"
gib_before=$mem_before; gib_after=$mem_after; gib_peak=$mem_peak; gib_refreshes=$mem_refreshes
gib_growth=$(calc "$gib_after - $gib_before")
gib_seen=$(detail '" ".join(k + "=" + c[k]["status"] + "/" + str(c[k]["details"].get("seen", {}).get("bytes", "-")) + "B/" + str(c[k]["details"]["durationMs"]) + "ms" for k in c)')
log "   1 GiB dummy: heap after GC $(fmt "$gib_before" 1) -> $(fmt "$gib_after" 1) MiB over $gib_refreshes refreshes, peak $(fmt "$gib_peak" 1) MiB; $gib_seen"
mem_growth=$(calc "max($cap_growth, $gib_growth)")
stop_all

# ---------------------------------------------------------------------------------------------
log "7/7 start-up: time to ready with and without the starter's health checks, 5 rounds each"
# Without: the auto-configurations of the checks, their monitor and meters excluded;
# SendfileAutoConfiguration stays, because the application's own downloads need its responder.
without=(--spring.autoconfigure.exclude=io.github.downloadhealthcheck.autoconfigure.DownloadHealthContributorAutoConfiguration,io.github.downloadhealthcheck.autoconfigure.DownloadHealthMetricsAutoConfiguration)
time_to_ready() {
  local port started pid elapsed
  port=$(free_port)
  started=$(now_ms)
  java -Xms256m -Xmx256m -jar "$jar" --server.port="$port" --server.address=127.0.0.1 --spring.main.banner-mode=off \
    "${common[@]}" --download.healthcheck.storage.root="$storage" \
    --download.healthcheck.proxy.url="http://127.0.0.1:9/healthcheck-utils/dummy-file" \
    --download.healthcheck.end-to-end.url="http://127.0.0.1:9/healthcheck-utils/download/" "$@" \
    > "$work/startup.log" 2>&1 &
  pid=$!
  wait_http "http://127.0.0.1:$port/actuator/health/readiness" 200 60000 || { tail -30 "$work/startup.log" >&2; exit 1; }
  elapsed=$(( $(now_ms) - started ))
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  echo "$elapsed"
}
time_to_ready >/dev/null   # warms the page cache and the JIT's class data
with_ms=(); without_ms=()
for round in 1 2 3 4 5; do
  with_ms+=("$(time_to_ready)")
  without_ms+=("$(time_to_ready "${without[@]}")")
  log "   round $round: with ${with_ms[-1]} ms, without ${without_ms[-1]} ms"
done
start_with=$(median "${with_ms[@]}")
start_without=$(median "${without_ms[@]}")
# Other load on the machine only ever adds time: the fastest start of each is the least
# disturbed, so the goal is judged on their ratio; the medians are printed beside it.
start_with_min=$(calc "min([${with_ms[*]/%/,}])")
start_without_min=$(calc "min([${without_ms[*]/%/,}])")
start_ratio=$(calc "$start_with_min / $start_without_min")
start_median_ratio=$(calc "$start_with / $start_without")

# ---------------------------------------------------------------------------------------------
verdict() { python3 -c "print('yes' if $1 else 'NO')"; }
{
  echo "# download-healthcheck benchmark"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, $(java -version 2>&1 | head -1), nginx $("$nginx_bin" -v 2>&1 | sed 's|.*/||')"
  echo
  echo "| # | figure | measured | ratio | goal | met |"
  echo "|---|---|---|---|---|---|"
  echo "| 1 | probe cost | download $(fmt "$probe_download" 0) req/s, ping $(fmt "$probe_ping" 0) req/s, one layer (download/end-to-end) $(fmt "$probe_layer" 0) req/s, a probe group including download without details $(fmt "$probe_group" 0) req/s (medians of 5 alternated 4 s rounds, 16 connections) | download/ping $(fmt "$probe_ratio"), one layer/ping $(fmt "$layer_ratio"), probe group/ping $(fmt "$group_ratio") (medians of the rounds' ratios) | >= 0.9 | $(verdict "$probe_ratio >= 0.9") |"
  echo "| 2 | amplification | 30 s storm, 256 connections: $storm_requests probes ($(fmt "$storm_rps" 0)/s); $intervals intervals of 1 s, $refreshes refreshes; storage $storage_reads, backend $backend_calls, proxy $proxy_calls, end-to-end $e2e_calls requests | per interval: storage $(per "$storage_reads" $intervals), backend $(per "$backend_calls" $intervals), proxy $(per "$proxy_calls" $intervals), end-to-end $(per "$e2e_calls" $intervals) | 1 per layer per interval | $(verdict "all(abs(n - $refreshes) <= 1 for n in ($storage_reads, $backend_calls, $proxy_calls, $e2e_calls)) and $refreshes <= $intervals + 1") |"
  echo "| 3 | parallelism | D = $delay_ms ms on backend, proxy and end-to-end: $refresh_count refreshes after warm-up, mean $(fmt "$refresh_mean_ms" 0) ms, max $(fmt "$refresh_max_ms" 0) ms (first, cold: $first_refresh_ms ms) | max / D = $(fmt "$parallel_ratio") (sequential: >= 3) | <= 1.2 | $(verdict "$parallel_ratio <= 1.2") |"
  echo "| 4 | hang bound | proxy accepts, never answers: DOWN after $down_after_ms ms (interval ${interval_b} s + timeout ${timeout_b} s = $hang_bound_ms ms); probes (6 s, 16 connections) while it hangs $(fmt "$hang_rps" 0) req/s, p50 $hang_p50, p99 $hang_p99, max $hang_max; just before, healthy: $(fmt "$healthy_rps" 0) req/s, p50 $healthy_p50, p99 $healthy_p99 | $(fmt "$(calc "$down_after_ms / $hang_bound_ms")") of the bound | <= 1 | $(verdict "$down_after_ms <= $hang_bound_ms") |"
  echo "| 5 | hand-off | 512 MiB through nginx, median of 7 interleaved rounds: X-Accel-Redirect $(fmt "$handoff_mib" 0) MiB/s, streamed by the app $(fmt "$streamed_mib" 0) MiB/s, static $(fmt "$static_mib" 0) MiB/s | hand-off/static $(fmt "$handoff_ratio"), streamed/static $(fmt "$streamed_ratio") | hand-off >= 0.9 x static | $(verdict "$handoff_ratio >= 0.9") |"
  echo "| 6 | memory | -Xmx$heap; heap used after a full GC, before and after refreshes. 512 MiB answer, 1 MB cap (end-to-end read $cap_seen bytes): $(fmt "$cap_before" 1) -> $(fmt "$cap_after" 1) MiB over $cap_refreshes refreshes, peak used $(fmt "$cap_peak" 1) MiB. 1 GiB dummy ($gib_seen): $(fmt "$gib_before" 1) -> $(fmt "$gib_after" 1) MiB over $gib_refreshes refreshes, peak used $(fmt "$gib_peak" 1) MiB | growth $(fmt "$cap_growth" 1) and $(fmt "$gib_growth" 1) MiB | < 16 MiB | $(verdict "$mem_growth < 16") |"
  echo "| 7 | start-up | time from java -jar to readiness 200, 5 alternated rounds: with ${with_ms[*]} ms, without ${without_ms[*]} ms (the checks' auto-configurations excluded) | fastest with/without $(fmt "$start_ratio" 3) ($start_with_min / $start_without_min ms); medians $(fmt "$start_median_ratio" 3) | < 1.05 | $(verdict "$start_ratio < 1.05") |"
} > "$results"
cat "$results"
echo >&2
echo "Written to $results" >&2
