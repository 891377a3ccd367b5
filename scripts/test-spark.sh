#!/usr/bin/env bash
# Scale-out check (issue 10), a few minutes on 2 cores:
#  1. the spark profile's tests (whole build on DL4J 1.0.0-M2, Spark local[2]) export an MNIST subset as DataSet
#     shards, train LeNet with gradient sharing (leaving target/spark/spark-lenet.zip) and parameter averaging;
#  2. the main build (DL4J 1.0.0-M2.1) evaluates that zip through the CLI, as a user would, and must reach 90% on
#     the first 1,000 MNIST test images.
set -euo pipefail
cd "$(dirname "$0")/.."

zip=target/spark/spark-lenet.zip
report=target/spark/spark-lenet-main-build.json
rm -f "$zip" "$report"

echo "test-spark: Spark local[2] training (profile spark, DL4J 1.0.0-M2)"
mvn -B -Pspark test

echo "test-spark: the Spark model in the main build (DL4J 1.0.0-M2.1)"
mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -cp "target/classes:$(cat target/classpath.txt)" dev.cnnlab.cli.Main evaluate --model "$zip" --limit 1000 \
  --json "$report" --no-progress
accuracy="$(grep -m1 '"accuracy"' "$report" | tr -dc '0-9.')"
if ! awk -v a="$accuracy" 'BEGIN { exit !(a >= 0.90) }'; then
  echo "test-spark: the main build measured $accuracy on $zip, expected at least 0.90" >&2
  exit 1
fi
echo "test-spark: main build loads $zip: accuracy $accuracy on 1,000 test images"
