#!/usr/bin/env bash
# Compares cnnlab (DL4J) with two peers on the same networks, images, batch size and measurement method: PyTorch 1.13
# (Debian's python3-torch, scripts/bench-pytorch.py) and DJL 0.36 on PyTorch 2.7.1 (tools/djl-bench). Runs the three
# one after the other, RUNS times, and prints per model and metric the median over the runs of each side and the
# ratio of cnnlab to the best peer (speed: above 1, cnnlab is faster; peak memory: above 1, cnnlab needs more), and
# to each peer. Each side runs in its own environment: cnnlab with what scripts/cnnlab sets (native-env.sh), the
# peers with the caller's environment unchanged plus only what their own projects recommend; the table prints all
# three environments.
#
# Usage: scripts/bench-compare.sh [--runs N] [--seconds S] [--windows N] [--models lenet,keras-mnist,catsdogs]
#                                 [--batch-size B] [--out DIR] [--markdown FILE] [--without-shortcuts-too]
#                                 [--peer-env VAR=VALUE]
#   --runs N     alternations of the sides (default 3): on a shared machine, alternating spreads other processes'
#                load over all sides, and the median of the runs drops the disturbed ones
#   --out DIR    keep every run's JSON and each side's environment there (default: a temporary directory)
#   --markdown FILE  also write the table, the environments and a five-row summary into FILE between the markers
#                <!-- bench-compare:table:begin/end --> and <!-- bench-compare:summary:begin/end --> (FILE must
#                have them), e.g. docs/performance.md
#   --without-shortcuts-too  also run `cnnlab bench --no-backprop-shortcuts` in every alternation and add its
#                column and the ratio cnnlab / cnnlab without them (what the shortcuts save)
#   --peer-env VAR=VALUE  also run cnnlab with VAR=VALUE in its environment in every alternation and add its column
#                and the ratio cnnlab / that run, e.g. OPENBLAS_THREAD_TIMEOUT=28 (OpenBLAS's own default)
#   the other options go to all benchmarks unchanged (defaults: lenet,keras-mnist, 10 s per measurement, 5 windows,
#   batch 64); catsdogs is measured on cats-vs-dogs photos (CNNLAB_CATS_DOGS, or cnnlab fetch cats-dogs)
#
# Works on a fresh machine: installs with apt-get what Debian's PyTorch needs (python3-torch, python3-pil and
# libopenblas0, the BLAS its libtorch package recommends first) when missing, builds target/cnnlab.jar and
# tools/djl-bench with Maven, and cnnlab fetches MNIST on first use. Let nothing else run on the machine meanwhile.
set -euo pipefail
cd "$(dirname "$0")/.."

# The command as the tables show it: --out only says where the files go, and may name a machine's folder.
shown=()
for ((a = 1; a <= $#; a++)); do
  if [[ "${!a}" == "--out" ]]; then
    a=$((a + 1))
  else
    shown+=("${!a}")
  fi
done
command="scripts/bench-compare.sh${shown[*]:+ ${shown[*]}}"
if [[ "${CNNLAB_CATS_DOGS:-}" == /* ]]; then
  command="CNNLAB_CATS_DOGS=PHOTOS $command"
elif [[ -n "${CNNLAB_CATS_DOGS:-}" ]]; then
  command="CNNLAB_CATS_DOGS=$CNNLAB_CATS_DOGS $command"
fi
runs=3
out=""
markdown=""
plain=0
peer_env=""
bench_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a number}"; shift 2 ;;
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    --markdown) markdown="${2:?--markdown needs a file}"; shift 2 ;;
    --without-shortcuts-too) plain=1; shift ;;
    --peer-env) peer_env="${2:?--peer-env needs VAR=VALUE}"; shift 2 ;;
    --seconds|--windows|--models|--batch-size)
      bench_args+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-compare: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if [[ -n "$peer_env" ]] && ! [[ "$peer_env" =~ ^[A-Za-z_][A-Za-z0-9_]*=.*$ ]]; then
  echo "bench-compare: --peer-env: expected VAR=VALUE, got '$peer_env'" >&2
  exit 2
fi
if [[ -n "$markdown" ]] && ! grep -q '<!-- bench-compare:table:begin -->' "$markdown" 2>/dev/null; then
  echo "bench-compare: --markdown: expected a file with the marker <!-- bench-compare:table:begin -->, got '$markdown'" >&2
  exit 2
fi
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "bench-compare: --runs: expected a positive whole number, got '$runs'" >&2
  exit 2
fi

# Debian's PyTorch lives in /usr/bin/python3's modules; a pyenv python3 earlier on PATH would not see it. The photo
# networks' side also decodes JPEGs with Pillow (python3-pil). Debian's libtorch calls the system's libblas.so.3, the
# slow reference BLAS unless an optimised one is installed: libopenblas0 is the first its package recommends.
python=/usr/bin/python3
missing=()
"$python" -c 'import torch' 2>/dev/null || missing+=(python3-torch)
"$python" -c 'import PIL' 2>/dev/null || missing+=(python3-pil)
dpkg-query -W -f='${Status}' libopenblas0 2>/dev/null | grep -q 'ok installed' || missing+=(libopenblas0)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "bench-compare: installing what PyTorch's side needs with apt-get: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q "${missing[@]}" >&2; then
    apt-get update -q >&2
    apt-get install -y -q "${missing[@]}" >&2
  fi
fi

source scripts/fresh-jar.sh
ensure_fresh_jar bench-compare

# The DJL peer: its own Maven project; the libtorch it runs comes with its dependencies, not at run time.
djl_dir=tools/djl-bench
djl_log="$(mktemp -t djl-bench-build-XXXXXX.log)"
if ! mvn -q -f "$djl_dir/pom.xml" package -DskipTests > "$djl_log" 2>&1 || [[ ! -f "$djl_dir/target/classpath.txt" ]]; then
  echo "bench-compare: building the DJL peer failed (mvn -q -f $djl_dir/pom.xml package; its output: $djl_log)" >&2
  exit 1
fi
rm -f "$djl_log"
djl_cp="$djl_dir/target/djl-bench-1.0.0.jar:$(cat "$djl_dir/target/classpath.txt")"
djl=(java -cp "$djl_cp" dev.cnnlab.djlbench.DjlBench)

if [[ -z "$out" ]]; then
  out="$(mktemp -d -t bench-compare-XXXXXX)"
  trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"

# The commit measured (the table is written at the end, when HEAD may have moved on).
git_rev="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
[[ -z "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]] || git_rev="$git_rev with uncommitted changes"
echo "$git_rev" > "$out/commit.txt"

# How busy the machine was: the figures of a shared machine are only as good as this.
echo "at the start: $(cut -d' ' -f1-3 /proc/loadavg)" > "$out/load.txt"

# Each side's environment as it describes it (cnnlab's from its first run's output).
"$python" scripts/bench-pytorch.py --describe > "$out/env-pytorch.txt"
"${djl[@]}" --describe > "$out/env-djl.txt"

for ((i = 1; i <= runs; i++)); do
  echo "bench-compare: run $i of $runs: cnnlab" >&2
  scripts/cnnlab bench --no-progress "${bench_args[@]}" --json "$out/cnnlab-$i.json" | tee "$out/cnnlab-$i.log" >&2
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
  echo "bench-compare: run $i of $runs: DJL" >&2
  "${djl[@]}" "${bench_args[@]}" --json "$out/djl-$i.json" >&2
done
echo "at the end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/load.txt"
# cnnlab's description: the indented lines under the first network's heading.
awk 'NR == 1 { next } /^  / { print; next } { exit }' "$out/cnnlab-1.log" > "$out/env-cnnlab.txt"

"$python" scripts/bench-table.py compare "$out" "$runs" "$plain" "$peer_env"
if [[ -n "$markdown" ]]; then
  "$python" scripts/bench-table.py markdown "$out" "$runs" "$markdown" "$command"
  echo "bench-compare: wrote the table and the summary into $markdown" >&2
fi
