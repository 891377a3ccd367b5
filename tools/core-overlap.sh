#!/usr/bin/env bash
# How well a training run keeps the cores busy: starts `scripts/cnnlab bench` on one model, records the kernel's
# scheduler with `perf sched record` for a few seconds once training is under way, and prints each of the JVM's
# busiest threads with its CPU time, then how the time splits by how many cores ran the JVM's threads, and how
# often the busiest thread (the one calling DL4J) ran while every other core was idle.
#
# Usage: tools/core-overlap.sh [--model NAME] [--delay S] [--seconds S] [other bench options...]
#   --model NAME   a zoo network (default lenet)
#   --delay S      seconds from the start before recording (default 20: start-up, data and warm-up done)
#   --seconds S    seconds recorded (default 3)
#   other options go to `cnnlab bench` unchanged, e.g. --no-batch-split to see a batch trained whole
#
# Needs `perf` (Debian's linux-perf) with the sched tracepoints readable (root, or perf_event_paranoid -1).
set -euo pipefail
cd "$(dirname "$0")/.."

model=lenet delay=20 seconds=3 bench_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model="${2:?--model needs a value}"; shift 2 ;;
    --delay) delay="${2:?--delay needs a value}"; shift 2 ;;
    --seconds) seconds="${2:?--seconds needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) bench_args+=("$1"); shift ;;
  esac
done
# shellcheck source=background-bench.sh
source tools/background-bench.sh
check_recording_options core-overlap "$delay" "$seconds"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
start_training_bench core-overlap "$model" "$delay" "$seconds" "$work/bench.log" ${bench_args[@]+"${bench_args[@]}"}
bench=$BENCH_PID
perf sched record -a -o "$work/sched.data" -- sleep "$seconds" > /dev/null 2> "$work/record.log"
stop_training_bench
perf sched timehist -i "$work/sched.data" > "$work/timehist.txt" 2> /dev/null

python3 - "$work/timehist.txt" "$bench" "$(nproc)" <<'EOF'
import collections
import re
import sys

path, pid, cores = sys.argv[1], sys.argv[2], int(sys.argv[3])
# One line per switch-out: "<time> [<cpu>] <name>[<tid>/<pid>] <wait> <sched delay> <run time>", times in s and ms.
line_re = re.compile(r"\s*([\d.]+)\s+\[(\d+)\]\s+(.*?)\[(\d+)(?:/(\d+))?\]\s+[\d.]+\s+[\d.]+\s+([\d.]+)")
runs = collections.defaultdict(list)
for line in open(path):
    m = line_re.match(line)
    if m and m.group(5) == pid:
        end, run = float(m.group(1)), float(m.group(6)) / 1000
        runs[(int(m.group(4)), m.group(3).strip())].append((end - run, end, int(m.group(2))))
if not runs:
    sys.exit("core-overlap: no scheduler events of the benchmark's JVM were recorded")
start = min(s for v in runs.values() for s, _, _ in v)
stop = max(e for v in runs.values() for _, e, _ in v)
span = stop - start
busy = {k: sum(e - s for s, e, _ in v) for k, v in runs.items()}
caller = max(busy, key=busy.get)
print(f"== {span:.2f} s recorded on {cores} cores; the JVM's busiest threads, CPU seconds")
for (tid, name), seconds in sorted(busy.items(), key=lambda kv: -kv[1])[:6]:
    print(f"  {seconds:6.2f}  {name} ({tid}){'  <- calling thread' if (tid, name) == caller else ''}")

# Which of the JVM's threads each core ran, sampled every 10 us.
step = 1e-5
slots = int(span / step) + 1
owner = [bytearray(slots) for _ in range(cores)]  # 0 idle or another process, 1 calling thread, 2 another thread
for key, intervals in runs.items():
    mark = 1 if key == caller else 2
    for s, e, cpu in intervals:
        if cpu < cores:
            owner[cpu][int((s - start) / step):int((e - start) / step)] = bytes([mark]) * (
                int((e - start) / step) - int((s - start) / step))
by_count = collections.Counter()
caller_alone = 0
for i in range(slots):
    marks = [owner[c][i] for c in range(cores)]
    running = sum(1 for m in marks if m)
    by_count[running] += 1
    if running == 1 and 1 in marks:
        caller_alone += 1
print("== share of the time by how many cores ran the JVM's threads")
for n in range(cores, -1, -1):
    print(f"  {n} of {cores}: {100 * by_count[n] / slots:5.1f}%")
print(f"== the calling thread alone, every other core idle or on other processes: {100 * caller_alone / slots:.1f}%")
EOF
