#!/usr/bin/env bash
# Reproduces every MNIST / Fashion-MNIST recipe and appends the results to scripts/recipe-results.csv, the
# source of the recipes tables (scripts/recipes-table.py writes them into README.md and docs/recipes.md).
#
# Usage: scripts/reproduce-recipes.sh [full]
#   without 'full', long recipes run fewer epochs than their tutorials (the table says how many) so the whole
#   script fits in about 40 minutes on 2 cores; 'full' runs every recipe's own epoch count.
set -euo pipefail
cd "$(dirname "$0")/.."
cnnlab=scripts/cnnlab

# recipe, the epochs of the short run (empty: the recipe's own) and other augmentation (a variant's own row)
runs=(
  "lenet "
  "scratch-2conv "
  "tf-lenet 5"
  "tf-lenet-plus 5"
  "tf-lenet-bn 5"
  "tf-lenet-bn 5 shift"
  "keras-mnist 3"
  "keras-mnist-plus 3"
  "fashion-basic "
  "fashion 3"
)
for run in "${runs[@]}"; do
  read -r recipe epochs augment <<<"$run"
  args=("$recipe" --no-progress)
  if [[ "${1:-}" != full && -n "${epochs:-}" ]]; then
    args+=(--epochs "$epochs")
  fi
  if [[ -n "${augment:-}" ]]; then
    args+=(--augment "$augment")
  fi
  "$cnnlab" reproduce "${args[@]}"
done
"$cnnlab" recipes --markdown
