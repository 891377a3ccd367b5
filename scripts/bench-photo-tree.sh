#!/usr/bin/env bash
# Measures the photo pipeline at the cats-vs-dogs tutorial's scale: builds a photo tree of N files (default 25,000,
# the Kaggle download's size) from the cats-vs-dogs photos when it is missing, then trains the catsdogs network on it
# with the fixed settings below (so that tuning the recipe does not move the benchmark's figures) and reports the
# photos/s of screening, decoding and training, the time to the first training batch, the peak resident memory of
# the training process and which decoded-photo mode ran (memory or disk).
#
# Usage: scripts/bench-photo-tree.sh [--photos N] [--dir DIR] [--mode auto|memory|disk] [--epochs E] [--source DIR]
#                                    [--out DIR]
#   --photos N   files in the tree (default 25000): four fifths for training, one fifth for testing, a few of them
#                truncated, empty or CMYK JPEGs as in the real download (dev.cnnlab.bench.PhotoTreeBuilder)
#   --dir DIR    where the tree is, or is built when missing (default: $CNNLAB_DATA, else ~/.cnnlab/data, then
#                cats-dogs-tree-N)
#   --mode M     --photo-cache for the training run: auto (default), memory or disk
#   --epochs E   training epochs (default 2)
#   --source DIR the photos the tree is made from, DIR/cat and DIR/dog, or DIR/train/cat and DIR/train/dog
#                (default: $CNNLAB_CATS_DOGS, else the data directory's cats-dogs, else the repository's sibling
#                shared/datasets/cats-vs-dogs)
#   --out DIR    the run directory and the training log (default: a temporary directory)
#
# Screening and decoding use every core; the figures are the training log's own lines (train.log in the run
# directory). Let nothing else run on the machine meanwhile: the speed of a shared machine is not a result.
set -euo pipefail
cd "$(dirname "$0")/.."

photos=25000
dir=""
mode=auto
epochs=2
source_dir=""
out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --photos) photos="${2:?--photos needs a number}"; shift 2 ;;
    --dir) dir="${2:?--dir needs a directory}"; shift 2 ;;
    --mode) mode="${2:?--mode needs auto, memory or disk}"; shift 2 ;;
    --epochs) epochs="${2:?--epochs needs a number}"; shift 2 ;;
    --source) source_dir="${2:?--source needs a directory}"; shift 2 ;;
    --out) out="${2:?--out needs a directory}"; shift 2 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-photo-tree: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$photos" =~ ^[1-9][0-9]*$ ]] || ((photos < 20)); then
  echo "bench-photo-tree: --photos: expected a whole number of at least 20, got '$photos'" >&2
  exit 2
fi
if ! [[ "$epochs" =~ ^[1-9][0-9]*$ ]]; then
  echo "bench-photo-tree: --epochs: expected a positive whole number, got '$epochs'" >&2
  exit 2
fi
case "$mode" in
  auto|memory|disk) ;;
  *) echo "bench-photo-tree: --mode: expected auto, memory or disk, got '$mode'" >&2; exit 2 ;;
esac
if [[ ! -x /usr/bin/time ]]; then
  echo "bench-photo-tree: /usr/bin/time is missing (it measures the peak memory); install it with apt-get install time" >&2
  exit 1
fi

data_dir="${CNNLAB_DATA:-$HOME/.cnnlab/data}"
[[ -n "$dir" ]] || dir="$data_dir/cats-dogs-tree-$photos"

# The photos the tree is made from: the first folder that has cat/ and dog/ photos.
find_source() {
  local candidates=()
  if [[ -n "$source_dir" ]]; then
    candidates=("$source_dir")
  else
    [[ -n "${CNNLAB_CATS_DOGS:-}" ]] && candidates+=("$CNNLAB_CATS_DOGS")
    candidates+=("$data_dir/cats-dogs" "../shared/datasets/cats-vs-dogs")
  fi
  local c
  for c in "${candidates[@]}"; do
    if [[ -d "$c/train/cat" && -d "$c/train/dog" ]]; then echo "$c/train"; return; fi
    if [[ -d "$c/cat" && -d "$c/dog" ]]; then echo "$c"; return; fi
  done
  echo "bench-photo-tree: no cat/ and dog/ photos in ${candidates[*]} (expected DIR/cat and DIR/dog, or" \
    "DIR/train/cat and DIR/train/dog; give --source DIR)" >&2
  exit 2
}

# shellcheck source=fresh-jar.sh
source scripts/fresh-jar.sh
ensure_fresh_jar bench-photo-tree

# The builder writes photo-tree.txt last: a folder without it holds an unfinished tree or something else.
if [[ -f "$dir/photo-tree.txt" ]]; then
  echo "bench-photo-tree: using the tree in $dir" >&2
elif [[ -d "$dir" && -n "$(ls -A "$dir")" ]]; then
  echo "bench-photo-tree: --dir: $dir holds files but no photo-tree.txt (an unfinished tree?); delete it or" \
    "choose another folder" >&2
  exit 2
else
  source_photos="$(find_source)"
  echo "bench-photo-tree: building a tree of $photos files in $dir from $source_photos" >&2
  java_cmd="java"
  if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
    java_cmd="$JAVA_HOME/bin/java"
  fi
  "$java_cmd" -cp target/cnnlab.jar dev.cnnlab.bench.PhotoTreeCommand --source "$source_photos" --out "$dir" \
    --photos "$photos"
fi

if [[ -z "$out" ]]; then
  out="$(mktemp -d -t bench-photo-tree-XXXXXX)"
fi
mkdir -p "$out"
log="$out/bench.log"
usage="$out/time-v.txt"
echo "bench-photo-tree: training catsdogs for $epochs epoch(s), --photo-cache $mode; run directory $out/run" >&2
started=$(date +%s.%N)
set +e
# The benchmark's workload: the catsdogs recipe's network, input and batch with the training settings it had when
# the figures in docs/photographs.md were measured, pinned here.
workload=(--recipe catsdogs --lr-schedule exponential --lr-decay 0.96 --warmup-epochs 0 --label-smoothing 0
  --augment flip,crop:6)
/usr/bin/time -v -o "$usage" scripts/cnnlab train "${workload[@]}" --dataset "folder:$dir" --epochs "$epochs" \
  --photo-cache "$mode" --out "$out/run" --no-progress 2>&1 | tee "$log" >&2
status=${PIPESTATUS[0]}
set -e
ended=$(date +%s.%N)
if ((status != 0)); then
  echo "bench-photo-tree: training failed (exit $status); its log: $log" >&2
  exit "$status"
fi

# The figures, from the training log's own lines.
python3 - "$log" "$usage" "$started" "$ended" "$mode" "$dir" "$epochs" <<'EOF'
import re
import sys

log, usage, started, ended, mode, tree, epochs = sys.argv[1:]
# The run's own data preparation and training: the report written after the model re-reads the test photos.
text = re.split(r"(?m)^model: ", open(log).read())[0]


def rate(pattern):
    """Photos and seconds summed over the matching lines, and their rate."""
    n = s = 0.0
    for m in re.finditer(pattern, text):
        n += float(m.group(1).replace(",", ""))
        s += float(m.group(2))
    return n, s


def line(name, n, s, what="photos"):
    shown = f"{n / s:,.0f} {what}/s" if s > 0 else "n/a"
    print(f"  {name:<26} {shown:>16}   ({n:,.0f} {what} in {s:,.1f} s)")


cache = re.search(r"decoded cache: .*", text)
screen = rate(r"screened ([\d,]+) \w+ photos in ([\d.]+) s")
decode_memory = rate(r"decoded and resized ([\d,]+) (?:training|validation|test) photos to \S+ in ([\d.]+) s")
decode_disk = rate(r"decoded ([\d,]+) training photos from disk as batches asked for them in ([\d.]+) s")
epochs_seen = re.findall(r"epoch (\d+)/\d+ .*?\s(\d+) img/s\s+(\d+) s", text)
first = re.search(r"first training batch done ([\d.]+) s", text)
peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(usage).read())

print(f"photo tree benchmark: catsdogs, {epochs} epoch(s), --photo-cache {mode}, tree {tree}:")
for held in open(f"{tree}/photo-tree.txt").read().splitlines():
    print(f"  {held.strip()}")
print(f"  {'mode that ran':<26} {'memory' if 'caching in memory' in (cache.group(0) if cache else '') else 'disk':>16}")
if cache:
    print(f"    {cache.group(0)}")
line("screening", *screen)
if decode_memory[0]:
    line("decoding (into memory)", *decode_memory)
if decode_disk[0]:
    line("decoding (from disk, 1st)", *decode_disk)
for number, images, seconds in epochs_seen:
    print(f"  {'training, epoch ' + number:<26} {int(images):>11,} img/s   ({seconds} s)")
print(f"  {'first training batch':<26} {float(first.group(1)) if first else float('nan'):>14.1f} s   (after the JVM started)")
print(f"  {'peak resident memory':<26} {int(peak.group(1)) / 1024 if peak else float('nan'):>13,.0f} MB")
print(f"  {'wall time':<26} {float(ended) - float(started):>14.1f} s")
EOF
echo "bench-photo-tree: log $log, run directory $out/run" >&2
