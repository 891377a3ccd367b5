#!/usr/bin/env bash
# Where a training step's native time goes, primitive by primitive: runs `scripts/cnnlab bench` on one model with
# oneDNN's own timing log (DNNL_VERBOSE=1) and prints, for every oneDNN primitive and shape that ran at the
# training batch size, its milliseconds and calls per training step, largest first, and the median and 90th
# percentile of its calls' times.
#
# Usage: tools/onednn-profile.sh [--model NAME] [--threads N] [--batch-size B] [--pytorch] [other bench options...]
#   --model NAME     a zoo network (default lenet)
#   --threads N      OpenMP threads (default 1: per-primitive times are clearest without a second thread)
#   --batch-size B   training batch (default 64; not 1 or 256, the batches inference is measured at)
#   --pytorch        profile scripts/bench-pytorch.py instead: the same network in PyTorch, whose convolutions run
#                    on its own (newer) oneDNN; on the first N cores (taskset) when N is below the cores there are
#   other options go to `cnnlab bench` unchanged, e.g. --no-backprop-shortcuts to see what the shortcuts remove
#
# Counts only what oneDNN runs: the Java side (the first-layer im2col, the updater, the iterator) and ND4J's own
# kernels are not in this log. Training steps are counted as the calls of the most frequent backward_weights
# primitive (one per convolution layer per step); shapes at other batch sizes (the inference measurements) are left out.
set -euo pipefail
cd "$(dirname "$0")/.."

model=lenet threads=1 batch=64 pytorch=0 bench_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --model) model="${2:?--model needs a value}"; shift 2 ;;
    --threads) threads="${2:?--threads needs a value}"; shift 2 ;;
    --batch-size) batch="${2:?--batch-size needs a value}"; shift 2 ;;
    --pytorch) pytorch=1; shift ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) bench_args+=("$1"); shift ;;
  esac
done
if ! [[ "$threads" =~ ^[1-9][0-9]*$ ]]; then
  echo "onednn-profile: --threads: expected a positive whole number, got '$threads'" >&2
  exit 2
fi
if ! [[ "$batch" =~ ^[1-9][0-9]*$ ]] || [ "$batch" = 1 ] || [ "$batch" = 256 ]; then
  echo "onednn-profile: --batch-size: expected a whole number other than 1 and 256 (the inference batches), got '$batch'" >&2
  exit 2
fi

log="$(mktemp -t onednn-profile-XXXXXX)"
trap 'rm -f "$log" "$log".*' EXIT
if [[ $pytorch == 1 ]]; then
  if [[ ${#bench_args[@]} -gt 0 ]]; then
    echo "onednn-profile: --pytorch takes no bench options, got '${bench_args[*]}'" >&2
    exit 2
  fi
  # bench-pytorch.py gives PyTorch as many threads as this process may use cores, so fewer threads means fewer cores.
  pin=()
  if [[ "$threads" -lt "$(nproc)" ]]; then pin=(taskset -c "0-$((threads - 1))"); fi
  DNNL_VERBOSE=1 OMP_NUM_THREADS="$threads" "${pin[@]}" /usr/bin/python3 scripts/bench-pytorch.py --models "$model" \
    --seconds 2 --windows 2 --batch-size "$batch" > "$log" 2>&1 || { tail -5 "$log" >&2; exit 1; }
  grep -E '_verbose,info,oneDNN' "$log" | head -1 || true
  grep -vE '^(dnnl|onednn)_verbose' "$log" | grep -E 'threads|^\| '"$model" || true
else
  DNNL_VERBOSE=1 OMP_NUM_THREADS="$threads" scripts/cnnlab bench --models "$model" --seconds 2 --windows 2 \
    --batch-size "$batch" "${bench_args[@]}" > "$log" 2>&1 || { tail -5 "$log" >&2; exit 1; }
  grep -E '_verbose,info,oneDNN' "$log" | head -1 || true
  grep -vE '^(dnnl|onednn)_verbose' "$log" | grep -E 'helpers|backprop|threads|training at' || true
fi

# A verbose exec line: ...,primitive,implementation,prop_kind,formats,,alg,shape,milliseconds
# bench trains first, then infers; the inference's matrix products (the Java forward pass's) would pass the shape
# filter, so only lines up to the last training step's backward_weights count. Read twice: first to find that line.
# Each counted call also goes to $log.calls ("primitive<TAB>milliseconds"), for the median and 90th percentile per
# call; the totals per step go to $log.totals.
awk -F, -v mb="mb$batch" -v lead="$batch" -v calls_file="$log.calls" '
  NR == FNR { if (/_verbose,exec,/ && $6 == "backward_weights") last = FNR; next }
  FNR > last { next }
  /_verbose,exec,/ {
    shape = $(NF - 1)
    if (index(shape, mb "_") != 1 && index(shape, mb "ic") != 1 && index(shape, lead "x") != 1 \
        && $4 != "matmul") next
    key = $4 " " $6 " " shape
    ms[key] += $NF; calls[key]++
    printf "%s\t%s\n", key, $NF > calls_file
    if ($6 == "backward_weights" && calls[key] > steps) steps = calls[key]
  }
  END {
    if (steps == 0) { print "onednn-profile: no training step in the oneDNN log (are the helpers active?)" > "/dev/stderr"; exit 1 }
    for (k in ms) { printf "%s\t%f\t%f\n", k, ms[k] / steps, calls[k] / steps; total += ms[k] }
    printf "\t%f\t%d\n", total / steps, steps
  }' "$log" "$log" > "$log.totals"

# Per primitive: the median and 90th percentile of its calls (calls sorted by primitive, then time), then one line
# per primitive, largest time per step first. A 90th percentile near twice the median means some calls ran with one
# of two OpenMP threads waiting for a core.
sort -t $'\t' -k1,1 -k2,2g "$log.calls" | awk -F'\t' '
  function flush() { if (n > 0) printf "%s\t%f\t%f\n", key, t[int((n + 1) / 2)], t[int((9 * n + 9) / 10)] }
  $1 != key { flush(); key = $1; n = 0 }
  { t[++n] = $2 }
  END { flush() }' > "$log.pct"
awk -F'\t' -v lead="$batch" '
  NR == FNR { p50[$1] = $2; p90[$1] = $3; next }
  $1 == "" { total = $2; steps = $3; next }
  { rows[$1] = $2; per[$1] = $3 }
  END {
    printf "%d training steps at batch %d; per step, and per call (median, 90th percentile):\n", steps, lead
    # Largest first: a sort key in front, cut off after sorting.
    for (k in rows) printf "%f\t%8.2f ms %6.1f calls %7.2f %7.2f ms  %s\n", rows[k], rows[k], per[k], p50[k], p90[k], k | "sort -t \"\t\" -k1,1gr | cut -f2"
    close("sort -t \"\t\" -k1,1gr | cut -f2")
    printf "%8.2f ms in all oneDNN primitives\n", total
  }' "$log.pct" "$log.totals"
