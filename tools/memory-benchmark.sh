#!/usr/bin/env bash
# The memory benchmark: the peak resident memory of each epoch of a cats-vs-dogs photo run (recipe catsdogs:
# augmentation, batch norm and its recalibration, test-time flips, checkpoints) and of an MNIST run, printed
# as two tables and drawn as two curves in OUT_DIR/memory-per-epoch.png.
#
#   tools/memory-benchmark.sh OUT_DIR PHOTO_TREE [PHOTO_EPOCHS] [MNIST_EPOCHS]
#
# PHOTO_TREE: a class-per-folder photo tree, e.g. the shared cats-vs-dogs photos. PHOTO_EPOCHS defaults to 12,
# MNIST_EPOCHS to 6 (on 12,000 training digits). Both runs go one after the other, at nice 10.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
out="$1"
photos="$2"
photo_epochs="${3:-12}"
mnist_epochs="${4:-6}"
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$script_dir/.." && pwd)"
if [[ ! -d "$photos" ]]; then
  echo "memory-benchmark: $photos is not a folder (expected a class-per-folder photo tree)" >&2
  exit 2
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"

echo "catsdogs, $photo_epochs epochs:"
nice -n 10 "$script_dir/memory-per-epoch.sh" "$out/catsdogs.csv" -- train --recipe catsdogs \
  --dataset "folder:$photos" --epochs "$photo_epochs" --out "$out/catsdogs-run" --no-report --verbose
echo
echo "mnist (lenet, 12,000 digits), $mnist_epochs epochs:"
nice -n 10 "$script_dir/memory-per-epoch.sh" "$out/mnist.csv" -- train --dataset mnist --limit 12000 \
  --epochs "$mnist_epochs" --out "$out/mnist-run" --no-report --verbose
echo
java -Djava.awt.headless=true -cp "$repo/target/cnnlab.jar" "$script_dir/MemoryCurves.java" \
  "$out/memory-per-epoch.png" "catsdogs=$out/catsdogs.csv" "mnist=$out/mnist.csv"
