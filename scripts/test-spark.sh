#!/usr/bin/env bash
# Scale-out check (docs/scale-out.md), on 2 cores about 12-15 minutes:
#  1. mvn -Pspark verify: the spark profile's tests (whole build on DL4J 1.0.0-M2): in Spark local[2], LeNet from
#     exported MNIST shards with gradient sharing (leaving target/spark/spark-lenet.zip) and parameter averaging;
#     then the jar target/cnnlab-spark.jar, and SparkClusterTest: a standalone cluster on 127.0.0.1 (master, two
#     workers, spark-submit of the jar, the commands of docs/scale-out.md), a worker killed in the second epoch and
#     the run resumed (leaving target/spark/spark-cluster-lenet.zip and ten MNIST test digits as PNGs);
#  2. the main build (DL4J 1.0.0-M2.1) evaluates both zips through the CLI, as a user would (at least 90% and 95% on
#     the first 1,000 MNIST test images), and predicts the ten digits with the cluster's model.
set -euo pipefail
cd "$(dirname "$0")/.."

local_zip=target/spark/spark-lenet.zip
cluster_zip=target/spark/spark-cluster-lenet.zip
digits=target/spark/digits
rm -rf "$local_zip" "$cluster_zip" "$digits" target/spark/*-main-build.json

echo "test-spark: Spark local[2] and standalone-cluster training (profile spark, DL4J 1.0.0-M2)"
mvn -B -Pspark verify

echo "test-spark: the Spark models in the main build (DL4J 1.0.0-M2.1)"
mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
cnnlab() {
  java -cp "target/classes:$(cat target/classpath.txt)" dev.cnnlab.cli.Main "$@"
}

evaluate() { # zip, minimum accuracy
  local report="${1%.zip}-main-build.json"
  cnnlab evaluate --model "$1" --limit 1000 --json "$report" --no-progress
  local accuracy
  accuracy="$(grep -m1 '"accuracy"' "$report" | tr -dc '0-9.')"
  if ! awk -v a="$accuracy" -v min="$2" 'BEGIN { exit !(a >= min) }'; then
    echo "test-spark: the main build measured $accuracy on $1, expected at least $2" >&2
    exit 1
  fi
  echo "test-spark: main build loads $1: accuracy $accuracy on 1,000 test images"
}
evaluate "$local_zip" 0.90
evaluate "$cluster_zip" 0.95

predictions="$(cnnlab predict --model "$cluster_zip" "$digits"/digit-*.png)"
echo "$predictions"
right="$(echo "$predictions" | sed -E 's|.*digit-([0-9])\.png: ([0-9]) .*|\1 \2|' | awk '$1 == $2' | wc -l)"
if [ "$right" -lt 9 ]; then
  echo "test-spark: the cluster's model named $right of the 10 digits in $digits, expected at least 9" >&2
  exit 1
fi
echo "test-spark: main build predicts $right of 10 digits with $cluster_zip"
