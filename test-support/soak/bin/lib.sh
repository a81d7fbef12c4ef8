# Shared by the benchmark scripts: a work folder removed on exit, the processes they start
# stopped on exit or Ctrl-C, free loopback ports, and timestamped progress on stderr.
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"; bench_setup NAME

# Creates $work (a temp folder named after NAME) and the $pids list, and sets the traps.
bench_setup() {
  work=$(mktemp -d -t "download-healthcheck-$1.XXXXXX")
  pids=()
  trap bench_cleanup EXIT
  trap 'exit 130' INT TERM
}

stop_all() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pids=()
}

bench_cleanup() {
  trap - INT TERM EXIT
  stop_all
  rm -rf "$work"
}

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
