#!/usr/bin/env bash
# Web benchmark (issue 6): requests per second and latency of the overview
# API against the same server's health endpoint (wrk, 64 connections on
# loopback), the overview page's size, and the time from `serve --demo` on
# an existing data folder to the first page served.
#
#   bench/web.sh [--duration 15s] [--data DIR]
#
# Needs wrk (Debian package `wrk`) and curl. Builds the release binary.
# Results go to bench/results/web-<date>.txt. The numbers depend on the
# machine's load: the script prints the load average beside them.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=15s
DATA=bench/data/web-demo
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=$2; shift 2 ;;
    --data) DATA=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 1 ;;
  esac
done
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
cargo build --release --quiet
BIN=target/release/congthuong
PORT=18765
ADDR=127.0.0.1:$PORT
mkdir -p bench/results
OUT=bench/results/web-$(date +%Y%m%d-%H%M%S).txt
exec > >(tee "$OUT") 2>&1

echo "# congthuong web benchmark, $(date -u +%FT%TZ), commit $(git rev-parse --short HEAD)"
echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

wait_up() {
  local t0=$1
  until curl -sf -o /dev/null "http://$ADDR/"; do sleep 0.01; done
  echo "$(( $(date +%s%N) - t0 ))"
}

if [ ! -e "$DATA/congthuong.sqlite3" ]; then
  mkdir -p "$DATA"
  t0=$(date +%s%N)
  $BIN --data-dir "$DATA" serve --demo --addr "$ADDR" >/dev/null 2>&1 &
  PID=$!
  ns=$(wait_up "$t0")
  echo "first start on an empty folder (generate, import, compile, release): $(awk "BEGIN {printf \"%.1f\", $ns/1e9}") s"
  kill "$PID"; wait "$PID" 2>/dev/null || true
fi

echo "restart to first page (serve --demo on the existing folder), 5 runs:"
for i in 1 2 3 4 5; do
  t0=$(date +%s%N)
  $BIN --data-dir "$DATA" serve --demo --addr "$ADDR" >/dev/null 2>&1 &
  PID=$!
  ns=$(wait_up "$t0")
  echo "  run $i: $(awk "BEGIN {printf \"%.3f\", $ns/1e9}") s"
  [ "$i" = 5 ] || { kill "$PID"; wait "$PID" 2>/dev/null || true; }
done

bytes=$(curl -s "http://$ADDR/" | wc -c)
gz=$(curl -s -H 'Accept-Encoding: gzip' "http://$ADDR/" | wc -c)
echo "overview page: $bytes bytes ($gz on the wire with gzip when the client asks)"

run_wrk() {
  echo "wrk -t2 -c64 -d$DURATION --latency $1"
  wrk -t2 -c64 -d"$DURATION" --latency "http://$ADDR$1" | grep -E 'Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket errors'
}
for path in /api/v1/health "/api/v1/overview?group=north_28" /; do
  run_wrk "$path"
done
echo "server peak memory (VmHWM): $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$PID/status)"
kill "$PID"; wait "$PID" 2>/dev/null || true
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
