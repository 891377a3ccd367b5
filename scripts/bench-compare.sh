#!/usr/bin/env bash
# Compares cnnlab (DL4J) with PyTorch on the same networks, data, batch size, threads and measurement method:
# runs `scripts/cnnlab bench` and `scripts/bench-pytorch.py` one after the other, RUNS times, and prints per model and
# metric the median over the runs of each side and the cnnlab/PyTorch ratio (above 1: cnnlab is faster; for peak
# memory, above 1: cnnlab needs more).
#
# Usage: scripts/bench-compare.sh [--runs N] [--seconds S] [--windows N] [--models lenet,keras-mnist]
#                                 [--batch-size B] [--out DIR] [--without-shortcuts-too] [--peer-env VAR=VALUE]
#   --runs N     alternations of the two (default 3): on a shared machine, alternating spreads other processes'
#                load over both sides, and the median of the runs drops the disturbed ones
#   --out DIR    keep every run's JSON there (default: a temporary directory, removed at the end)
#   --without-shortcuts-too  also run `cnnlab bench --no-backprop-shortcuts` in every alternation and add its
#                column and the ratio cnnlab / cnnlab without them (what the shortcuts save)
#   --peer-env VAR=VALUE  also run cnnlab with VAR=VALUE in its environment in every alternation and add its column
#                and the ratio cnnlab / that peer, e.g. OPENBLAS_THREAD_TIMEOUT=28 (OpenBLAS's own default)
#   the other options go to both benchmarks unchanged (defaults: 10 s per measurement, 5 windows, batch 64)
#
# Works on a fresh machine: installs Debian's python3-torch and python3-pil with apt-get if /usr/bin/python3 cannot
# import torch or PIL (saying so), and cnnlab fetches MNIST on first use. Let nothing else run on the machine meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
out=""
plain=0
peer_env=""
bench_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --without-shortcuts-too) plain=1; shift ;;
    --peer-env) peer_env="${2:?--peer-env needs VAR=VALUE}"; shift 2 ;;
    --seconds|--windows|--models|--batch-size)
      bench_args+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-compare: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [[ -n "$peer_env" ]] && ! [[ "$peer_env" =~ ^[A-Za-z_][A-Za-z0-9_]*=.*$ ]]; then
  echo "bench-compare: --peer-env: expected VAR=VALUE, got '$peer_env'" >&2
  exit 2
fi
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "bench-compare: --runs: expected a positive whole number, got '$runs'" >&2
  exit 2
fi

# Debian's PyTorch lives in /usr/bin/python3's modules; a pyenv python3 earlier on PATH would not see it. The photo
# networks' side also decodes JPEGs with Pillow (python3-pil).
python=/usr/bin/python3
missing=()
"$python" -c 'import torch' 2>/dev/null || missing+=(python3-torch)
"$python" -c 'import PIL' 2>/dev/null || missing+=(python3-pil)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "bench-compare: installing what PyTorch's side needs with apt-get: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q "${missing[@]}" >&2; then
    apt-get update -q >&2
    apt-get install -y -q "${missing[@]}" >&2
  fi
fi

# scripts/cnnlab builds the jar only when it is missing; a jar older than the sources may predate 'bench'.
if [[ ! -f target/cnnlab.jar ]] || [[ -n "$(find src pom.xml -newer target/cnnlab.jar -print -quit)" ]]; then
  echo "bench-compare: target/cnnlab.jar is missing or older than the sources; building it (mvn -q package -DskipTests)" >&2
  mvn -q package -DskipTests >&2
fi

if [[ -z "$out" ]]; then
  out="$(mktemp -d -t bench-compare-XXXXXX)"
  trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"

for ((i = 1; i <= runs; i++)); do
  echo "bench-compare: run $i of $runs: cnnlab" >&2
  scripts/cnnlab bench --no-progress "${bench_args[@]}" --json "$out/cnnlab-$i.json" >&2
  if [[ $plain == 1 ]]; then
    echo "bench-compare: run $i of $runs: cnnlab --no-backprop-shortcuts" >&2
    scripts/cnnlab bench --no-progress --no-backprop-shortcuts "${bench_args[@]}" --json "$out/plain-$i.json" >&2
  fi
  if [[ -n "$peer_env" ]]; then
    echo "bench-compare: run $i of $runs: cnnlab with $peer_env" >&2
    env "$peer_env" scripts/cnnlab bench --no-progress "${bench_args[@]}" --json "$out/peer-$i.json" >&2
  fi
  echo "bench-compare: run $i of $runs: PyTorch" >&2
  "$python" scripts/bench-pytorch.py "${bench_args[@]}" --json "$out/pytorch-$i.json" >&2
done

"$python" scripts/bench-table.py compare "$out" "$runs" "$plain" "$peer_env"
