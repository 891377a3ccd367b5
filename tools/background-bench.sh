# Shared by perf-profile.sh and core-overlap.sh, which record a `cnnlab bench` training run from outside: checks
# their common options, starts the run in the background and stops it. Source it; it defines functions only.

# check_recording_options TOOL DELAY SECONDS: both whole positive seconds, and `perf` installed; exits otherwise.
check_recording_options() {
  local tool="$1" value
  for value in "$2" "$3"; do
    if ! [[ "$value" =~ ^[1-9][0-9]*$ ]]; then
      echo "$tool: --delay and --seconds: expected a positive whole number of seconds, got '$value'" >&2
      exit 2
    fi
  done
  if ! command -v perf > /dev/null; then
    echo "$tool: 'perf' is not installed (Debian: apt-get install linux-perf)" >&2
    exit 1
  fi
}

# start_training_bench TOOL MODEL DELAY SECONDS LOG [bench options...]: starts `scripts/cnnlab bench` on MODEL,
# long enough to outlast DELAY + SECONDS, writing to LOG; waits DELAY seconds and sets BENCH_PID to the JVM's pid.
# Exits with the log's tail if the run ended before then. The launcher execs the JVM and --in-process keeps the
# model in it, so the background job's pid is the JVM's.
start_training_bench() {
  local tool="$1" model="$2" delay="$3" seconds="$4" log="$5"
  shift 5
  scripts/cnnlab bench --models "$model" --seconds $((2 * (delay + seconds + 2))) --windows 1 --no-progress \
    --in-process "$@" > "$log" 2>&1 &
  BENCH_PID=$!
  sleep "$delay"
  if ! kill -0 "$BENCH_PID" 2> /dev/null; then
    echo "$tool: the benchmark ended before recording began:" >&2
    tail -5 "$log" >&2
    exit 1
  fi
}

# stop_training_bench: ends the run start_training_bench started.
stop_training_bench() {
  kill -TERM "$BENCH_PID"
  wait "$BENCH_PID" 2> /dev/null || true
}
