#!/usr/bin/env bash
# Resident memory per epoch of a cnnlab training run: samples the JVM's VmRSS twice a second and keeps each
# epoch's peak (an epoch ends at its "epoch N/M" log line; the sample after the last one is the final
# evaluation and saving, reported as epoch M+1 "end").
#
#   tools/memory-per-epoch.sh OUT.csv -- train --recipe catsdogs --dataset folder:PATH --epochs 12 ...
#
# Writes OUT.csv (epoch,peak_mb,last_mb) and prints it as a table; the run's own output goes to OUT.log.
# Run it under nice on a shared machine: nice -n 10 tools/memory-per-epoch.sh ...
set -euo pipefail

if [[ $# -lt 3 || "$2" != "--" ]]; then
  echo "usage: $0 OUT.csv -- CNNLAB-ARGUMENTS..." >&2
  exit 2
fi
out="$1"
shift 2
log="${out%.csv}.log"
samples="${out%.csv}.samples"
script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

repo="$(cd "$script_dir/.." && pwd)"
if [[ ! -f "$repo/target/cnnlab.jar" ]]; then
  (cd "$repo" && mvn -q package -DskipTests) >&2
fi
# A copy of the jar, so that rebuilding the project during a long run does not change the run's classes.
jar_dir="$(mktemp -d)"
cp "$repo/target/cnnlab.jar" "$jar_dir/"
ln -s "$repo/target/lib" "$jar_dir/lib"
# shellcheck source=../scripts/native-env.sh
source "$repo/scripts/native-env.sh"
# shellcheck source=../scripts/jvm-options.sh
source "$repo/scripts/jvm-options.sh"
export CNNLAB_NO_RELAUNCH=1
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options on purpose
java "${cnnlab_jvm_options[@]}" ${JAVA_OPTS:-} -jar "$jar_dir/cnnlab.jar" "$@" --no-progress >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' INT TERM

: >"$samples"
while kill -0 "$pid" 2>/dev/null; do
  rss_kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)"
  if [[ -n "$rss_kb" ]]; then
    # Epochs finished so far, from the run's log lines "epoch N/M  train loss ...".
    done_epochs="$(grep -cE '(^|[[:space:]])epoch [0-9]+/[0-9]+ +train loss' "$log" || true)"
    echo "$((done_epochs + 1)) $rss_kb" >>"$samples"
  fi
  sleep 0.5
done
status=0
wait "$pid" || status=$?

awk 'BEGIN { print "epoch,peak_mb,last_mb" }
     { e = $1; mb = $2 / 1024; if (!(e in peak) || mb > peak[e]) peak[e] = mb; last[e] = mb; if (e > max) max = e }
     END { for (e = 1; e <= max; e++) if (e in peak) printf "%d,%.0f,%.0f\n", e, peak[e], last[e] }' \
  "$samples" >"$out"
rm -rf "$jar_dir"
column -s, -t "$out"
if [[ $status -ne 0 ]]; then
  echo "$0: the run exited with $status; see $log" >&2
  exit "$status"
fi
