#!/usr/bin/env bash
# What a change to cnnlab gains, measured side by side: builds two git revisions, each in a worktree of its own
# (mvn -q package -DskipTests), then runs `scripts/cnnlab bench` of one and then the other, RUNS times, and prints per
# model and metric the median over the runs of each build and the ratio NEW / OLD (above 1: the new build is faster;
# for peak memory, above 1: it needs more), and every run's training figure. Alternating spreads other processes' load
# over both builds, as bench-compare.sh does for cnnlab against PyTorch.
#
# Usage: tools/bench-builds.sh [--runs N] [--out DIR] [bench options...] OLD [NEW]
#   OLD, NEW    git revisions to compare (NEW defaults to HEAD); uncommitted changes are not measured
#   --runs N    alternations (default 3)
#   --out DIR   keep every run's JSON there (default: a temporary directory, removed at the end)
#   the other options go to `cnnlab bench` unchanged, e.g. --models lenet --seconds 4 (its defaults: lenet and
#   keras-mnist, 10 s per measurement)
#
# Example: tools/bench-builds.sh --runs 5 --models lenet,keras-mnist --seconds 4 HEAD~1
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3 out="" bench_args=() revisions=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="${2:?--runs needs a value}"; shift 2 ;;
    --out) out="${2:?--out needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    --no-backprop-shortcuts|--in-process|--no-table) bench_args+=("$1"); shift ;;
    --json) echo "bench-builds: --json: each run's JSON goes to --out DIR" >&2; exit 2 ;;
    --*) bench_args+=("$1" "${2:?$1 needs a value}"); shift 2 ;;
    *) revisions+=("$1"); shift ;;
  esac
done
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "bench-builds: --runs: expected a positive whole number, got '$runs'" >&2
  exit 2
fi
if [[ ${#revisions[@]} -lt 1 || ${#revisions[@]} -gt 2 ]]; then
  echo "bench-builds: expected OLD [NEW] git revisions, got ${#revisions[@]} (see --help)" >&2
  exit 2
fi
old="${revisions[0]}" new="${revisions[1]:-HEAD}"
for rev in "$old" "$new"; do
  if ! git rev-parse --verify --quiet "$rev^{commit}" > /dev/null; then
    echo "bench-builds: '$rev' is not a git revision of this repository" >&2
    exit 2
  fi
done

trees="$(mktemp -d -t bench-builds-XXXXXX)"
cleanup() {
  git worktree remove --force "$trees/old" 2>/dev/null || true
  git worktree remove --force "$trees/new" 2>/dev/null || true
  rm -rf "$trees"
}
trap cleanup EXIT
if [[ -z "$out" ]]; then
  out="$trees/json"
fi
mkdir -p "$out"

for side in old new; do
  rev="${!side}"
  echo "bench-builds: building $side ($rev, $(git rev-parse --short "$rev")) in a worktree" >&2
  git worktree add --detach --quiet "$trees/$side" "$rev"
  (cd "$trees/$side" && mvn -q package -DskipTests) >&2
done

for ((i = 1; i <= runs; i++)); do
  for side in old new; do
    echo "bench-builds: run $i of $runs: $side" >&2
    "$trees/$side/scripts/cnnlab" bench --no-progress "${bench_args[@]}" --json "$out/$side-$i.json" >&2
  done
done

/usr/bin/env python3 scripts/bench-table.py builds "$out" "$runs" "$old" "$new"
