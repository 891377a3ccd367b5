#!/usr/bin/env bash
# gpu-check.sh: the first thing to run on a machine with an NVIDIA GPU. Builds cnnlab's CUDA build (-Pcuda, plus
# -Pcuda-redist when no CUDA 11.6 toolkit is installed), prints the backend, device, driver and cuDNN version, then
# trains LeNet and keras-mnist for one epoch each on the GPU and on the CPU and prints accuracy and images/s of both.
#
# Usage: scripts/gpu-check.sh [--out DIR]
#   --out DIR   where the four runs go (default: a new temporary directory, kept)
#   CNNLAB_CUDA_PROFILES=cuda,cuda-redist   overrides the choice of Maven profiles for the GPU build
#
# Exit codes: 0 all checks passed; 1 a check failed (a GPU run more than 1 point less accurate than the CPU run, a
# CPU-only speed-up applied under CUDA, ND4J computing on the CPU in the GPU build, or a build or run failing);
# 2 no NVIDIA GPU here (one line, before anything is built).
set -euo pipefail
cd "$(dirname "$0")/.."

out=""
while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] || { echo "gpu-check: --out needs a directory" >&2; exit 1; }; out="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "gpu-check: unknown option '$1' (see --help)" >&2; exit 1 ;;
  esac
done

# No GPU, no build: say so in one line.
if [ ! -e /proc/driver/nvidia/version ] && ! command -v nvidia-smi >/dev/null 2>&1; then
  echo "gpu-check: no NVIDIA GPU here (no /proc/driver/nvidia and no nvidia-smi); nothing to check" >&2
  exit 2
fi
if command -v nvidia-smi >/dev/null 2>&1 && ! nvidia-smi -L 2>/dev/null | grep -q '^GPU '; then
  echo "gpu-check: no NVIDIA GPU here (nvidia-smi lists none); nothing to check" >&2
  exit 2
fi

failures=()
fail() { failures+=("$1"); echo "gpu-check: FAIL: $1" >&2; }

# A CUDA 11.6 toolkit on the machine, or the bundled runtime.
profiles="${CNNLAB_CUDA_PROFILES:-}"
if [ -z "$profiles" ]; then
  if [ -d /usr/local/cuda-11.6 ] || { command -v nvcc >/dev/null 2>&1 && nvcc --version | grep -q 'release 11\.6'; }; then
    profiles=cuda
  else
    profiles=cuda,cuda-redist
  fi
fi

[ -n "$out" ] || out=$(mktemp -d "${TMPDIR:-/tmp}/cnnlab-gpu-check.XXXXXX")
mkdir -p "$out"
echo "gpu-check: runs go to $out"

echo "gpu-check: building with -P$profiles (the first build downloads the CUDA natives, 0.6-2.4 GB)"
mvn -q -B -P"$profiles" compile
# The CPU build's own classpath, for the CPU runs (same sources; nd4j-native instead of nd4j-cuda).
mvn -q -B compile

driver=$(nvidia-smi --query-gpu=driver_version --format=csv,noheader 2>/dev/null | head -1 || true)
device=$(nvidia-smi --query-gpu=name,memory.total --format=csv,noheader 2>/dev/null | head -1 || true)
cudnn=$( { find "$HOME/.javacpp/cache" -name 'libcudnn.so.*' 2>/dev/null; ldconfig -p 2>/dev/null | grep -o '/[^ ]*libcudnn.so[.0-9]*'; } \
  | sed -n 's/.*libcudnn\.so\.\([0-9][0-9.]*\).*/\1/p' | sort -V | tail -1)

# One training run: $1 = gpu|cpu, $2 = zoo network; leaves its log and run directory in $out.
train() {
  local where="$1" model="$2" dir="$out/$1-$2" args
  args="train --model $model --epochs 1 --no-report --no-progress --verbose --out $dir"
  echo "gpu-check: training $model for one epoch on the ${where^^}"
  if [ "$where" = gpu ]; then
    mvn -q -B -P"$profiles" exec:java -Dexec.args="$args" >"$out/$where-$model.log" 2>&1 || true
  else
    mvn -q -B exec:java -Dexec.args="$args" >"$out/$where-$model.log" 2>&1 || true
  fi
  if [ ! -f "$dir/evaluation.json" ]; then
    fail "$model on the ${where^^} did not finish; see $out/$where-$model.log"
  fi
}

# A number from a run's JSON file: $1 = file, $2 = key (the first one).
json_number() {
  [ -f "$1" ] || { echo ""; return; }
  tr -d '\n' <"$1" | grep -o "\"$2\" *: *[-0-9.eE]*" | head -1 | sed 's/.*: *//'
}

# The names in config.json's acceleration list, comma-separated (empty for none).
acceleration() {
  [ -f "$1" ] || { echo "?"; return; }
  tr -d '\n' <"$1" | grep -o '"acceleration" *: *\[[^]]*\]' | sed 's/.*\[//; s/\]//; s/[" ]//g'
}

for model in lenet keras-mnist; do
  train gpu "$model"
  train cpu "$model"
done

backend=$(grep -o 'Backend used: \[[A-Z]*\]' "$out/gpu-lenet.log" | head -1 || true)
nd4j_device=$(grep -o 'Device Name: \[[^]]*\]' "$out/gpu-lenet.log" | head -1 || true)
echo
echo "backend:  ${backend:-not reported (see $out/gpu-lenet.log)}"
echo "device:   ${device:-unknown}${nd4j_device:+ (ND4J: $nd4j_device)}"
echo "driver:   ${driver:-unknown}"
echo "cuDNN:    ${cudnn:-not found}"
echo "profiles: -P$profiles"
if ! grep -q 'Backend used: \[CUDA\]' "$out/gpu-lenet.log" "$out/gpu-keras-mnist.log" 2>/dev/null; then
  fail "the GPU build did not compute on CUDA (ND4J fell back to the CPU, or did not start); see $out/gpu-lenet.log"
fi

echo
printf '%-12s %-4s %10s %10s  %s\n' model on accuracy 'img/s' 'acceleration applied'
for model in lenet keras-mnist; do
  for where in gpu cpu; do
    dir="$out/$where-$model"
    acc=$(json_number "$dir/evaluation.json" accuracy)
    rate=$(json_number "$dir/metrics.json" imagesPerSecond)
    applied=$(acceleration "$dir/config.json")
    printf '%-12s %-4s %10s %10s  %s\n' "$model" "${where^^}" \
      "$( [ -n "$acc" ] && awk -v a="$acc" 'BEGIN { printf "%.2f%%", 100 * a }' || echo '-')" \
      "$( [ -n "$rate" ] && awk -v r="$rate" 'BEGIN { printf "%.0f", r }' || echo '-')" "${applied:-none}"
    if [ "$where" = gpu ] && [ -n "$applied" ] && [ "$applied" != "?" ]; then
      fail "$model: CPU-only speed-ups applied under CUDA: $applied"
    fi
  done
  gpu_acc=$(json_number "$out/gpu-$model/evaluation.json" accuracy)
  cpu_acc=$(json_number "$out/cpu-$model/evaluation.json" accuracy)
  if [ -n "$gpu_acc" ] && [ -n "$cpu_acc" ] && awk -v g="$gpu_acc" -v c="$cpu_acc" 'BEGIN { exit !(100 * (c - g) > 1) }'; then
    fail "$model: the GPU run's accuracy is more than 1 point below the CPU run's"
  fi
done

echo
if [ ${#failures[@]} -gt 0 ]; then
  echo "gpu-check: ${#failures[@]} check(s) failed" >&2
  exit 1
fi
echo "gpu-check: all checks passed"
