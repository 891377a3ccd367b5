#!/usr/bin/env bash
# Where every thread of a training run spends its time, native code included: starts `scripts/cnnlab bench` on one
# model, records it with Linux's `perf` for a few seconds once training is under way, and prints how many cores were
# busy, the share of samples per thread, per thread and library, and per function (oneDNN's kernels, compiled at run
# time, show as [unknown] in [JIT]; Java methods by name), then how many system calls of a few kinds the run made in
# the 2 s after. JFR (jfr-breakdown.py) sees Java threads only and stops at native frames; this sees OpenMP's and
# OpenBLAS's threads too.
#
# Usage: tools/perf-profile.sh [--model NAME] [--delay S] [--seconds S] [--keep FILE]
#   --model NAME   a zoo network (default lenet)
#   --delay S      seconds from the start before recording (default 13: start-up, data and warm-up done)
#   --seconds S    seconds recorded (default 8)
#   --keep FILE    keep the recording there, and the JVM's /tmp/perf-<pid>.map that names its Java methods, for
#                  `perf report -i FILE` (default: both removed at the end)
#
# Needs `perf` (Debian's linux-perf) and a kernel that lets users profile their own processes
# (/proc/sys/kernel/perf_event_paranoid at most 2).
set -euo pipefail
cd "$(dirname "$0")/.."

model=lenet delay=13 seconds=8 keep=""
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model="${2:?--model needs a value}"; shift 2 ;;
    --delay) delay="${2:?--delay needs a value}"; shift 2 ;;
    --seconds) seconds="${2:?--seconds needs a value}"; shift 2 ;;
    --keep) keep="${2:?--keep needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "perf-profile: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
# shellcheck source=background-bench.sh
source tools/background-bench.sh
check_recording_options perf-profile "$delay" "$seconds"

work="$(mktemp -d -t perf-profile-XXXXXX)"
trap 'rm -rf "$work"' EXIT
recording="${keep:-$work/perf.data}"

# DumpPerfMapAtExit writes /tmp/perf-<pid>.map, which names the JIT-compiled Java methods in the recording, when the
# JVM exits (stopped below, still training).
JDK_JAVA_OPTIONS="${JDK_JAVA_OPTIONS:-} -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit" \
  start_training_bench perf-profile "$model" "$delay" "$seconds" "$work/bench.log"
bench=$BENCH_PID
perf record -F 999 -p "$bench" -o "$recording" -- sleep "$seconds" 2> "$work/record.log"
perf stat -e 'syscalls:sys_enter_futex,syscalls:sys_enter_sched_yield,syscalls:sys_enter_pread64' -p "$bench" \
  -- sleep 2 2> "$work/stat.log" || echo "perf-profile: no system call counts (tracepoints not readable here)" >&2
stop_training_bench
if [[ ! -f "/tmp/perf-$bench.map" ]]; then
  echo "perf-profile: the JVM wrote no perf map; Java methods show as addresses" >&2
fi

# head closes the pipe early; under pipefail that would end the script.
report() {
  local lines="$1"
  shift
  perf report -i "$recording" --stdio "$@" 2> /dev/null | grep -vE '^(#|$)' | cut -c1-160 | head -n "$lines" || true
}
samples="$(perf script -i "$recording" -F tid 2> /dev/null | wc -l)"
busy="$(awk -v n="$samples" -v s="$seconds" 'BEGIN { printf "%.2f", n / (999 * s) }')"
echo "== $samples samples in $seconds s at 999 Hz: $busy of $(nproc) cores busy on average"
echo
echo "== samples per thread"
report 8 --sort pid,comm
echo
echo "== per thread and library"
report 16 --sort pid,dso
echo
echo "== per function"
report 30 --sort sym
echo
echo "== system calls in 2 s of training"
grep -E 'syscalls:' "$work/stat.log" || true
if [[ -z "$keep" ]]; then
  rm -f "/tmp/perf-$bench.map"
fi
