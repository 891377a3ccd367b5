#!/usr/bin/env bash
# What each of cnnlab's speed-ups saves: runs `scripts/cnnlab bench` as it is and with one speed-up turned off at a
# time, alternated RUNS times, and prints per model and metric the median of each and the ratio cnnlab / without it
# (speed: above 1, the speed-up helps; peak memory: above 1, it costs memory).
#
# Usage: scripts/bench-speedups.sh [--runs N] [--seconds S] [--windows N] [--models lenet,keras-mnist] [--out DIR]
#   the variants, each against cnnlab as it is:
#     no-shortcuts     bench --no-backprop-shortcuts (DL4J's own backward pass, dense and output layers, ReLU
#                      backward, dropout and Adam updater)
#     no-split         bench --no-batch-split (each batch whole, every operation spread over the cores)
#     omp-active       OMP_WAIT_POLICY=ACTIVE (OpenMP threads spin instead of sleeping: native-env.sh sets PASSIVE)
#     openblas-auto    OPENBLAS_CORETYPE=Prescott (the kernel ND4J's OpenBLAS picks itself on CPUs newer than its
#                      table: native-env.sh sets SkylakeX or Haswell)
#     openblas-spin    OPENBLAS_THREAD_TIMEOUT=28 (OpenBLAS's own default: its worker spins after each product)
#   the Java forward pass at batch 1 needs no variant: bench reports DL4J's output() beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
out=""
bench_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --seconds|--windows|--models)
      bench_args+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-speedups: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "bench-speedups: --runs: expected a positive whole number, got '$runs'" >&2
  exit 2
fi
source scripts/fresh-jar.sh
ensure_fresh_jar bench-speedups
if [[ -z "$out" ]]; then
  out="$(mktemp -d -t bench-speedups-XXXXXX)"
  trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"

variants=(cnnlab no-shortcuts no-split omp-active openblas-auto openblas-spin)
run_variant() {
  local name="$1" json="$2"
  local bench=(scripts/cnnlab bench --no-progress "${bench_args[@]}" --json "$json")
  case "$name" in
    cnnlab) "${bench[@]}" ;;
    no-shortcuts) "${bench[@]}" --no-backprop-shortcuts ;;
    no-split) "${bench[@]}" --no-batch-split ;;
    omp-active) OMP_WAIT_POLICY=ACTIVE "${bench[@]}" ;;
    openblas-auto) OPENBLAS_CORETYPE=Prescott "${bench[@]}" ;;
    openblas-spin) OPENBLAS_THREAD_TIMEOUT=28 "${bench[@]}" ;;
  esac
}

echo "bench-speedups: load averages (1, 5, 15 min) at the start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for ((i = 1; i <= runs; i++)); do
  for name in "${variants[@]}"; do
    echo "bench-speedups: run $i of $runs: $name" >&2
    run_variant "$name" "$out/$name-$i.json" >&2
  done
done
echo "load averages (1, 5, 15 min) at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 scripts/bench-table.py variants "$out" "$runs" "$(IFS=,; echo "${variants[*]:1}")"
