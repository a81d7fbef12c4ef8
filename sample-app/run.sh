#!/usr/bin/env bash
# Runs the sample application behind a real reverse proxy and prints its download health.
#
#   sample-app/run.sh [--proxy nginx|apache|lighttpd|caddy|haproxy] [--storage file|s3] [--once]
#
# --storage s3 serves downloads from an S3-compatible object store instead of a folder: a real
# S3 server (S3Proxy from Maven Central, which checks signatures) on another loopback port, and
# nginx fetching objects with the presigned GETs the application hands off. With --proxy haproxy
# (--storage s3 only: HAProxy cannot hand off) the application redirects clients to presigned
# URLs on the store instead (download.sendfile.object-storage.mode=redirect).
#
# Builds the application, installs the proxy from Debian's packages when it is missing, starts
# the proxy in the foreground on a free loopback port from a config rendered into a temp
# folder, starts the application behind it, then prints /actuator/health/download every few
# seconds until Ctrl-C, which stops both. With --once it prints the health once all four
# layers are UP (or 60 s have passed) and exits: 0 when UP, 1 otherwise.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
proxy=nginx
storage_type=file
once=false
while [ $# -gt 0 ]; do
  case "$1" in
    --proxy) proxy="${2:?--proxy needs one of nginx, apache, lighttpd, caddy, haproxy}"; shift 2 ;;
    --proxy=*) proxy="${1#--proxy=}"; shift ;;
    --storage) storage_type="${2:?--storage needs file or s3}"; shift 2 ;;
    --storage=*) storage_type="${1#--storage=}"; shift ;;
    --once) once=true; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done

case "$proxy" in
  nginx)    binary=/usr/sbin/nginx;    package=nginx-light;  template=nginx.conf.template ;;
  apache)   binary=/usr/sbin/apache2;  package="apache2 libapache2-mod-xsendfile"; template=apache.conf.template ;;
  lighttpd) binary=/usr/sbin/lighttpd; package=lighttpd;     template=lighttpd.conf.template ;;
  caddy)    binary=/usr/bin/caddy;     package=caddy;        template=caddy.Caddyfile.template ;;
  haproxy)  binary=/usr/sbin/haproxy;  package=haproxy;      template=haproxy.cfg.template ;;
  *) echo "unknown proxy '$proxy': use nginx, apache, lighttpd, caddy or haproxy" >&2; exit 2 ;;
esac

case "$storage_type" in
  file) if [ "$proxy" = haproxy ]; then
          echo "haproxy cannot hand a file off: run it with --storage s3, where the application redirects to the store" >&2
          exit 2
        fi ;;
  s3) if [ "$proxy" != nginx ] && [ "$proxy" != haproxy ]; then
        echo "--storage s3 runs behind nginx (header hand-off) or haproxy (redirect): apache and lighttpd hand off" >&2
        echo "local files only (X-Sendfile takes a path), and this script has no object-storage template for caddy." >&2
        exit 2
      fi
      [ "$proxy" = nginx ] && template=nginx-s3.conf.template ;;
  *) echo "unknown storage '$storage_type': use file or s3" >&2; exit 2 ;;
esac

source "$root/.ci/lib/common.sh"
# shellcheck disable=SC2086
install_packages $package

jar=$(sample_app_jar "$root")
echo "Building the sample application..." >&2
# Standard output carries the health JSON only (run.sh --once | jq): Maven writes to standard
# error, in colour only when that is a terminal. Maven 3.8 still writes colour resets (ESC[0m)
# with style.color=never, so they are stripped when standard error is a file or a pipe.
maven() {
  if [ -t 2 ]; then
    (cd "$root" && mvn -q -B -Dstyle.color=always "$@") >&2
  else
    (cd "$root" && mvn -q -B -Dstyle.color=never "$@") 2>&1 | sed -e 's/\x1b\[[0-9;]*m//g' >&2
  fi
}
maven -Dmaven.test.skip=true -pl sample-app -am package

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
app_port=$(free_port)
proxy_port=$(free_port)
work=$(mktemp -d -t download-healthcheck-run.XXXXXX)
# The proxy's workers run as another user when started as root: they must reach the storage.
chmod 755 "$work"
storage="$work/storage"
mkdir -p "$storage" "$work/proxy"
printf 'Hello from the sample application.\n' > "$storage/hello.txt"
chmod 644 "$storage/hello.txt"

s3_port=$(free_port)
bucket=downloads
sed -e "s|@PROXY_PORT@|$proxy_port|g" -e "s|@APP_PORT@|$app_port|g" -e "s|@STORAGE_ROOT@|$storage|g" \
    -e "s|@DUMMY_PATH@|.download-healthcheck/dummy.bin|g" -e "s|@WORK_DIR@|$work/proxy|g" \
    -e "s|@OBJECT_STORE_URL@|http://127.0.0.1:$s3_port|g" -e "s|@BUCKET@|$bucket|g" \
    -e "s|@DUMMY_KEY@|.download-healthcheck/dummy.bin|g" \
    "$here/src/main/resources/proxy/$template" > "$work/proxy/$template"
config="$work/proxy/$template"

case "$proxy" in
  nginx)    destination=/internal-storage
            "$binary" -t -q -p "$work/proxy" -c "$config" -e stderr
            start=("$binary" -p "$work/proxy" -c "$config" -e stderr -g 'daemon off;'); stop_signal=QUIT ;;
  apache)   destination="$storage"
            "$binary" -t -d "$work/proxy" -f "$config" 2>/dev/null
            start=("$binary" -d "$work/proxy" -f "$config" -DFOREGROUND); stop_signal=TERM ;;
  lighttpd) destination="$storage"
            "$binary" -tt -f "$config" >/dev/null
            start=("$binary" -D -f "$config"); stop_signal=TERM ;;
  caddy)    destination=/internal-storage
            export XDG_CONFIG_HOME="$work/proxy/xdg-config" XDG_DATA_HOME="$work/proxy/xdg-data"
            start=("$binary" run --config "$config" --adapter caddyfile); stop_signal=TERM ;;
  haproxy)  destination=/unused
            "$binary" -c -q -f "$config"
            start=("$binary" -db -f "$config"); stop_signal=TERM ;;
esac

proxy_pid=""
app_pid=""
s3_pid=""
cleanup() {
  trap - INT TERM EXIT
  [ -n "$app_pid" ] && kill -TERM "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  [ -n "$s3_pid" ] && kill -TERM "$s3_pid" 2>/dev/null && wait "$s3_pid" 2>/dev/null || true
  [ -n "$proxy_pid" ] && kill "-$stop_signal" "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null || true
  rm -rf "$work"
  echo "Stopped the application and $proxy${s3_pid:+ and S3Proxy}." >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

storage_args=(--download.sendfile.rules[0].source="$storage" --download.sendfile.rules[0].destination="$destination")
if [ "$storage_type" = s3 ]; then
  # The integration tests' build copies S3Proxy (the parent pom's s3proxy execution); resolve it
  # through Maven otherwise.
  s3proxy_jar="$root/test-support/integration-tests/target/s3proxy/s3proxy.jar"
  if [ ! -f "$s3proxy_jar" ]; then
    maven dependency:copy -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies \
      -DoutputDirectory="$work/s3proxy"
    s3proxy_jar="$work/s3proxy/s3proxy-4.1.0-jar-with-dependencies.jar"
  fi
  s3_secret=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  # S3Proxy's file-system backend: a bucket is a folder, an object a file in it.
  mkdir -p "$work/s3proxy/data/$bucket"
  printf 'Hello from the object store.\n' > "$work/s3proxy/data/$bucket/hello.txt"
  chmod 600 "$work/s3proxy/data/$bucket/hello.txt"   # world-readable files are public-read to S3Proxy
  cat > "$work/s3proxy/s3proxy.properties" <<PROPERTIES
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=sample-app
s3proxy.credential=$s3_secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$work/s3proxy/data
PROPERTIES
  s3_started=$(date +%s%N)
  java -jar "$s3proxy_jar" --properties "$work/s3proxy/s3proxy.properties" > "$work/s3proxy.log" 2>&1 &
  s3_pid=$!
  until curl -s -o /dev/null "http://127.0.0.1:$s3_port/"; do
    kill -0 "$s3_pid" 2>/dev/null || { echo "S3Proxy stopped:" >&2; tail -40 "$work/s3proxy.log" >&2; exit 1; }
    sleep 0.05
  done
  echo "S3 store: S3Proxy on http://127.0.0.1:$s3_port (pid $s3_pid), bucket $bucket, started in $(( ($(date +%s%N) - s3_started) / 1000000 )) ms" >&2
  storage_args=(--download.healthcheck.storage.type=s3
    --download.healthcheck.storage.s3.bucket="$bucket"
    --download.healthcheck.storage.s3.endpoint="http://127.0.0.1:$s3_port"
    --download.healthcheck.storage.s3.path-style-access=true
    --download.healthcheck.storage.s3.region=us-east-1
    --download.healthcheck.storage.s3.access-key-id=sample-app)
  if [ "$proxy" = haproxy ]; then
    # HAProxy cannot hand off: clients are redirected to presigned URLs on the store, whose
    # public endpoint here is the one the application uses.
    storage_args+=(--download.sendfile.object-storage.mode=redirect)
  fi
  # The secret goes through the environment, not the command line other users can read.
  export DOWNLOAD_HEALTHCHECK_STORAGE_S3_SECRETACCESSKEY="$s3_secret"
fi

"${start[@]}" > "$work/proxy.log" 2>&1 &
proxy_pid=$!
java -jar "$jar" \
  --server.port="$app_port" --server.address=127.0.0.1 \
  --download.sendfile.server="$([ "$proxy" = haproxy ] && echo nginx || echo "$proxy")" \
  "${storage_args[@]}" \
  --download.healthcheck.proxy.url="http://127.0.0.1:$proxy_port/healthcheck-utils/dummy-file" \
  --download.healthcheck.end-to-end.url="http://127.0.0.1:$proxy_port/healthcheck-utils/download/" \
  > "$work/app.log" 2>&1 &
app_pid=$!

echo "Proxy: $proxy on http://127.0.0.1:$proxy_port (pid $proxy_pid); application on http://127.0.0.1:$app_port (pid $app_pid)" >&2
health="http://127.0.0.1:$app_port/actuator/health/download"

deadline=$((SECONDS + 60))
status=""
while [ $SECONDS -lt $deadline ]; do
  kill -0 "$app_pid" 2>/dev/null || { echo "The application stopped:" >&2; tail -40 "$work/app.log" >&2; exit 1; }
  kill -0 "$proxy_pid" 2>/dev/null || { echo "$proxy stopped:" >&2; tail -40 "$work/proxy.log" >&2; exit 1; }
  body=$(curl -s "$health" || true)
  if [ -n "$body" ]; then
    status=$(printf '%s' "$body" | python3 -c 'import json,sys; d=json.load(sys.stdin); c=d.get("components",{}); print(d["status"] if len(c)==4 and all(v["status"]=="UP" for v in c.values()) else "WAIT")' 2>/dev/null || echo WAIT)
    [ "$status" = UP ] && break
  fi
  sleep 1
done

print_health() { curl -s "$health" | python3 -m json.tool; }
print_health
# Only now: before the application answers, the first curl through the proxy gets a 502.
if [ -n "$status" ]; then
  echo "Try: curl -OJ http://127.0.0.1:$proxy_port/files/hello.txt" >&2
  echo "The $proxy configuration the application expects: curl http://127.0.0.1:$app_port/actuator/downloadproxy/$proxy" >&2
  echo "The actuator is refused through the proxy (404); ask the application directly: curl $health" >&2
else
  echo "The application did not answer $health within 60 s: see above." >&2
fi
if $once; then
  [ "$status" = UP ] && exit 0 || exit 1
fi
echo "Printing $health every 5 s; Ctrl-C stops the application and $proxy." >&2
while true; do
  sleep 5
  kill -0 "$app_pid" 2>/dev/null || { echo "The application stopped." >&2; exit 1; }
  date -u +%H:%M:%SZ
  curl -s "$health" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["status"], "  ", "  ".join(k+"="+v["status"] for k,v in d["components"].items()))'
done
