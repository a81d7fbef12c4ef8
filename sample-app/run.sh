#!/usr/bin/env bash
# Runs the sample application behind a real reverse proxy and prints its download health.
#
#   sample-app/run.sh [--proxy nginx|apache|lighttpd|caddy] [--once]
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
once=false
while [ $# -gt 0 ]; do
  case "$1" in
    --proxy) proxy="${2:?--proxy needs one of nginx, apache, lighttpd, caddy}"; shift 2 ;;
    --proxy=*) proxy="${1#--proxy=}"; shift ;;
    --once) once=true; shift ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
done

case "$proxy" in
  nginx)    binary=/usr/sbin/nginx;    package=nginx-light;  template=nginx.conf.template ;;
  apache)   binary=/usr/sbin/apache2;  package="apache2 libapache2-mod-xsendfile"; template=apache.conf.template ;;
  lighttpd) binary=/usr/sbin/lighttpd; package=lighttpd;     template=lighttpd.conf.template ;;
  caddy)    binary=/usr/bin/caddy;     package=caddy;        template=caddy.Caddyfile.template ;;
  *) echo "unknown proxy '$proxy': use nginx, apache, lighttpd or caddy" >&2; exit 2 ;;
esac

if [ ! -x "$binary" ] || { [ "$proxy" = apache ] && [ ! -f /usr/lib/apache2/modules/mod_xsendfile.so ]; }; then
  echo "Installing $package from Debian's packages..." >&2
  apt-get update -q >/dev/null
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $package >/dev/null
fi

jar="$here/target/download-healthcheck-sample-app-0.1.0-SNAPSHOT.jar"
echo "Building the sample application..." >&2
(cd "$root" && mvn -q -B -Dmaven.test.skip=true -pl sample-app -am package)

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

sed -e "s|@PROXY_PORT@|$proxy_port|g" -e "s|@APP_PORT@|$app_port|g" -e "s|@STORAGE_ROOT@|$storage|g" \
    -e "s|@DUMMY_PATH@|.download-healthcheck/dummy.bin|g" -e "s|@WORK_DIR@|$work/proxy|g" \
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
esac

proxy_pid=""
app_pid=""
cleanup() {
  trap - INT TERM EXIT
  [ -n "$app_pid" ] && kill -TERM "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  [ -n "$proxy_pid" ] && kill "-$stop_signal" "$proxy_pid" 2>/dev/null && wait "$proxy_pid" 2>/dev/null || true
  rm -rf "$work"
  echo "Stopped the application and $proxy." >&2
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"${start[@]}" > "$work/proxy.log" 2>&1 &
proxy_pid=$!
java -jar "$jar" \
  --server.port="$app_port" --server.address=127.0.0.1 \
  --download.sendfile.server="$proxy" \
  --download.sendfile.rules[0].source="$storage" \
  --download.sendfile.rules[0].destination="$destination" \
  --download.healthcheck.proxy.url="http://127.0.0.1:$proxy_port/healthcheck-utils/dummy-file" \
  --download.healthcheck.end-to-end.url="http://127.0.0.1:$proxy_port/healthcheck-utils/download/" \
  > "$work/app.log" 2>&1 &
app_pid=$!

echo "Proxy: $proxy on http://127.0.0.1:$proxy_port (pid $proxy_pid); application on http://127.0.0.1:$app_port (pid $app_pid)" >&2
echo "Try: curl -OJ http://127.0.0.1:$proxy_port/files/hello.txt" >&2
echo "The $proxy configuration the application expects: curl http://127.0.0.1:$app_port/actuator/downloadproxy/$proxy" >&2
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
