#!/usr/bin/env bash
# Resident memory of a command over time: runs the command and, every few seconds, prints its elapsed seconds
# and resident set in MB (VmRSS of the command or of the largest process it started, e.g. a relaunched JVM),
# then the peak. Shows whether memory grows with the length of a run, which a single peak figure cannot.
#
# Usage: tools/memory-trace.sh [--every S] COMMAND [ARGS...]
#   --every S   seconds between samples (default 15)
# The trace goes to standard error, prefixed "memory-trace:"; the command's own output is untouched.
#
# Example, with and without cnnlab's native memory guard:
#   tools/memory-trace.sh scripts/cnnlab train --recipe tf-lenet-bn --epochs 1 --limit 30000 --no-report
#   JAVA_OPTS=-Dcnnlab.native-gc-budget-mb=0 tools/memory-trace.sh scripts/cnnlab train --recipe tf-lenet-bn ...
set -euo pipefail

every=15
if [ "${1:-}" = "--every" ]; then
  every="${2:-}"
  shift 2 || true
fi
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi
if ! [[ "$every" =~ ^[1-9][0-9]*$ ]]; then
  echo "memory-trace: --every: expected a positive whole number of seconds, got '$every'" >&2
  exit 2
fi
if [ $# -eq 0 ]; then
  echo "memory-trace: expected a command to run (see --help)" >&2
  exit 2
fi

"$@" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' INT TERM

# The largest VmRSS (kB) among the command and its children.
rss_kb() {
  local largest=0 p value
  for p in "$pid" $(pgrep -P "$pid" 2>/dev/null || true); do
    value=$(awk '/^VmRSS:/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    [ "${value:-0}" -gt "$largest" ] && largest=$value
  done
  echo "$largest"
}

start=$SECONDS peak=0
while kill -0 "$pid" 2>/dev/null; do
  kb=$(rss_kb)
  [ "$kb" -gt "$peak" ] && peak=$kb
  [ "$kb" -gt 0 ] && printf 'memory-trace: %5d s %7d MB\n' $((SECONDS - start)) $((kb / 1024)) >&2
  sleep "$every" &
  wait $! 2>/dev/null || true
done
status=0
wait "$pid" || status=$?
printf 'memory-trace: peak of the samples %d MB over %d s; exit status %d\n' $((peak / 1024)) $((SECONDS - start)) "$status" >&2
exit "$status"
