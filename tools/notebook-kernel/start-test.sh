#!/usr/bin/env bash
# How reliably the notebooks' Java kernel starts: starts it N times on a one-cell notebook while two busy loops load
# the cores (start-up races show most on a loaded machine), and counts the starts that failed and the channel loop
# threads KernelLauncher had to start again (see its class comment).
#
# Usage: tools/notebook-kernel/start-test.sh [N]   (default 10; run scripts/notebooks.sh --kernelspec first)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-10}"
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "start-test: expected a positive number of starts, got '$runs'" >&2
  exit 2
fi
if [ ! -f target/jupyter/kernels/cnnlab-java/kernel.json ]; then
  echo "start-test: no kernel spec in target/jupyter/kernels/cnnlab-java; run scripts/notebooks.sh --kernelspec" >&2
  exit 1
fi
export JUPYTER_PATH="$PWD/target/jupyter"
work="$(mktemp -d -t kernel-start-XXXXXX)"
yes > /dev/null & load1=$!
yes > /dev/null & load2=$!
trap 'kill $load1 $load2 2>/dev/null; rm -rf "$work"' EXIT
cat > "$work/one-cell.ipynb" <<'EOF'
{"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "outputs": [], "source": ["int x = 1 + 1;"]}],
 "metadata": {"kernelspec": {"display_name": "Java (cnnlab)", "language": "java", "name": "cnnlab-java"}},
 "nbformat": 4, "nbformat_minor": 5}
EOF
failed=0 revived=0
for ((i = 1; i <= runs; i++)); do
  if ! /usr/bin/jupyter nbconvert --to notebook --execute --output-dir "$work" --output out \
      --ExecutePreprocessor.kernel_name=cnnlab-java --ExecutePreprocessor.startup_timeout=30 \
      "$work/one-cell.ipynb" > "$work/log" 2>&1; then
    failed=$((failed + 1))
    echo "start-test: start $i failed: $(grep -m1 -E "Kernel didn't respond|Kernel died|Error" "$work/log" || true)"
  fi
  revived=$((revived + $(grep -c "KernelLauncher: the" "$work/log" || true)))
done
echo "start-test: $runs starts, $failed failed, $revived loop threads started again"
