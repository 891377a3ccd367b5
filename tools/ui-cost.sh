#!/usr/bin/env bash
# What the training UI's StatsListener costs: trains LeNet on the same MNIST subset with the same seed without the
# UI, with --ui at the default frequency (every 10 iterations) and with --ui-frequency 1, alternating the three
# setups round after round, and prints each run's training images/s and the medians.
# Usage: tools/ui-cost.sh [ROUNDS] [LIMIT]    (default 3 rounds of 6400 images; about 6 min on 2 cores)
set -euo pipefail
rounds="${1:-3}"
limit="${2:-6400}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
mvn -B -q compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cp="target/classes:$(cat target/classpath.txt)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

setups=("none" "--ui --ui-port 0" "--ui --ui-port 0 --ui-frequency 1")
declare -A rates
for ((r = 1; r <= rounds; r++)); do
  for i in "${!setups[@]}"; do
    extra="${setups[$i]}"
    [[ "$extra" == none ]] && extra=""
    # shellcheck disable=SC2086
    CNNLAB_PROGRESS=off java -cp "$cp" dev.cnnlab.cli.Main train --limit "$limit" --test-limit 500 --epochs 1 \
      --seed 42 --no-report --out "$out/run-$r-$i" $extra 2> "$out/log-$r-$i.txt" > /dev/null
    rate="$(grep -o '[0-9]* img/s' "$out/log-$r-$i.txt" | head -1 | cut -d' ' -f1)"
    echo "round $r  ${setups[$i]}: $rate img/s"
    rates[$i]="${rates[$i]:-} $rate"
  done
done
echo "medians over $rounds rounds ($limit images, LeNet, batch 64, seed 42):"
for i in "${!setups[@]}"; do
  median="$(tr ' ' '\n' <<< "${rates[$i]}" | grep . | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}')"
  echo "  ${setups[$i]}: $median img/s"
done
