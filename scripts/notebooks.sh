#!/usr/bin/env bash
# Executes the notebooks in notebooks/ headless with a Java kernel on cnnlab's classpath, failing on any error.
#
#   scripts/notebooks.sh                  run every notebook into target/notebooks/ (what CI does; the committed
#                                         files are left alone)
#   scripts/notebooks.sh --update         run them in place, refreshing the outputs that are committed
#   scripts/notebooks.sh notebooks/02-mnist-lenet.ipynb ...   only these
#   scripts/notebooks.sh --kernelspec     only write the kernel spec (to open the notebooks interactively)
#
# Needs Debian's Jupyter packages (see JUPYTER_PACKAGES; .ci/run installs them) and Maven. The kernel is
# rapaio-jupyter-kernel from Maven Central, copied into target/ with mvn. The kernel spec lives in
# target/jupyter/kernels/cnnlab-java and is found through JUPYTER_PATH: nothing is installed in the home folder.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$script_dir/.." && pwd)"
cd "$repo"

KERNEL_ARTIFACT="io.github.padreati:rapaio-jupyter-kernel:3.0.1"
KERNEL_JAR="$repo/target/kernel/rapaio-jupyter-kernel-3.0.1.jar"
KERNEL_LAUNCHER_SRC="$script_dir/notebook-kernel/KernelLauncher.java"
KERNEL_LAUNCHER_DIR="$repo/target/kernel/launcher"
KERNEL_NAME="cnnlab-java"
KERNEL_DIR="$repo/target/jupyter/kernels/$KERNEL_NAME"
OUT_DIR="$repo/target/notebooks"
JUPYTER_PACKAGES="jupyter-nbconvert python3-nbconvert python3-nbclient jupyter-client python3-ipykernel jupyter-core python3-nbformat"
# Debian's jupyter: a python3 earlier on PATH (pyenv, a venv) does not see Debian's modules.
JUPYTER=/usr/bin/jupyter
MAX_BYTES=$((1024 * 1024))
# KernelLauncher avoids the kernel's start-up race; should a start still fail, only these two messages are retried.
# Five attempts: a CI run has needed three for one notebook (the kernel bound its channels but never answered
# nbclient's kernel_info_request; the next start answered at once), so three leave too little margin.
STARTUP_FAILURES="Kernel didn't respond|Kernel died before replying to kernel_info"
ATTEMPTS=5

usage() {
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
}

update=false
spec_only=false
notebooks=()
for arg in "$@"; do
  case "$arg" in
    --update) update=true ;;
    --kernelspec) spec_only=true ;;
    -h|--help) usage; exit 0 ;;
    -*) echo "notebooks: unknown option $arg (expected --update, --kernelspec or notebook files)" >&2; exit 2 ;;
    *)
      [[ "$arg" == *.ipynb && -f "$arg" ]] || { echo "notebooks: $arg: expected an existing .ipynb file" >&2; exit 2; }
      notebooks+=("$(cd "$(dirname "$arg")" && pwd)/$(basename "$arg")")
      ;;
  esac
done
if [[ ${#notebooks[@]} -eq 0 ]]; then
  notebooks=("$repo"/notebooks/*.ipynb)
fi

if [[ ! -x "$JUPYTER" ]] || ! "$JUPYTER" nbconvert --version >/dev/null 2>&1; then
  echo "notebooks: $JUPYTER with nbconvert is missing; install Debian's packages: apt-get install -y --no-install-recommends $JUPYTER_PACKAGES" >&2
  exit 1
fi

# Build the jar and its runtime libraries when missing or older than the sources.
jar="$repo/target/cnnlab.jar"
if [[ ! -f "$jar" || ! -d "$repo/target/lib" || -n "$(find "$repo/src/main" "$repo/pom.xml" -newer "$jar" -print -quit)" ]]; then
  echo "notebooks: building target/cnnlab.jar and target/lib (mvn package -DskipTests)"
  mvn -B -q package -DskipTests
fi
if [[ ! -f "$KERNEL_JAR" ]]; then
  echo "notebooks: fetching the Java kernel $KERNEL_ARTIFACT"
  mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy -Dartifact="$KERNEL_ARTIFACT" \
    -DoutputDirectory="$(dirname "$KERNEL_JAR")"
fi

if [[ ! -f "$KERNEL_LAUNCHER_DIR/KernelLauncher.class" || "$KERNEL_LAUNCHER_SRC" -nt "$KERNEL_LAUNCHER_DIR/KernelLauncher.class" ]]; then
  javac -d "$KERNEL_LAUNCHER_DIR" -cp "$KERNEL_JAR" "$KERNEL_LAUNCHER_SRC"
fi

# Notebook 04 finds the photos with cnnlab's own lookup (CatsDogsLocation: $CNNLAB_CATS_DOGS, else the data
# directory); when the variable is unset, point it at the shared photos next to the repository (as CI has them).
if [[ -z "${CNNLAB_CATS_DOGS:-}" ]]; then
  for photos in "$repo/../shared/datasets/cats-vs-dogs"; do
    if [[ -d "$photos/train" ]]; then
      CNNLAB_CATS_DOGS="$(cd "$photos" && pwd)"
      export CNNLAB_CATS_DOGS
      break
    fi
  done
fi

# The kernel JVM loads ND4J's natives itself, so it needs the same environment as scripts/cnnlab.
# shellcheck source=native-env.sh
source "$script_dir/native-env.sh"

# rapaio's RJK_CLASSPATH separates jars with ';' even on Linux (with ':' nothing is added). cnnlab.jar comes
# first, then every runtime library the build copied into target/lib.
classpath="$jar"
while IFS= read -r lib; do
  classpath+=";$lib"
done < <(find "$repo/target/lib" -name '*.jar' | sort)

mkdir -p "$KERNEL_DIR"
# -ea: the notebooks check their numbers with assert. OMP/OpenBLAS values: from native-env.sh above.
KERNEL_CP="$KERNEL_LAUNCHER_DIR:$KERNEL_JAR" CLASSPATH_LIST="$classpath" KERNEL_JAVA_OPTS="${NOTEBOOK_JAVA_OPTS:--Xmx2g}" \
  /usr/bin/python3 - "$KERNEL_DIR/kernel.json" <<'PY'
import json, os, sys
env = {"RJK_CLASSPATH": os.environ["CLASSPATH_LIST"], "RJK_TIMEOUT_MILLIS": "-1"}
for name in ("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_CORETYPE", "OPENBLAS_THREAD_TIMEOUT", "CNNLAB_DATA",
             "CNNLAB_CATS_DOGS"):
    if os.environ.get(name):
        env[name] = os.environ[name]
spec = {
    "argv": ["java", "-ea", *os.environ["KERNEL_JAVA_OPTS"].split(), "-Djava.awt.headless=true",
             "-cp", os.environ["KERNEL_CP"], "KernelLauncher", "{connection_file}"],
    "display_name": "Java (cnnlab)",
    "language": "java",
    "interrupt_mode": "message",
    "env": env,
}
with open(sys.argv[1], "w") as f:
    json.dump(spec, f, indent=1)
PY
export JUPYTER_PATH="$repo/target/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
if $spec_only; then
  echo "notebooks: kernel spec written to $KERNEL_DIR; open the notebooks with JUPYTER_PATH=$repo/target/jupyter"
  exit 0
fi

mkdir -p "$OUT_DIR"
failed=0
for nb in "${notebooks[@]}"; do
  name="$(basename "$nb" .ipynb)"
  log="$OUT_DIR/$name.log"
  if $update; then
    target=(--inplace)
  else
    target=(--output-dir "$OUT_DIR" --output "$name")
  fi
  started=$SECONDS
  ok=false
  for ((attempt = 1; attempt <= ATTEMPTS; attempt++)); do
    # The kernel's own chatter (classpath, message log) goes to the log; stdout too, since the kernel inherits it.
    if "$JUPYTER" nbconvert --to notebook --execute "${target[@]}" \
        --ExecutePreprocessor.kernel_name="$KERNEL_NAME" \
        --ExecutePreprocessor.startup_timeout=45 --ExecutePreprocessor.timeout=900 \
        --ExecutePreprocessor.record_timing=False "$nb" >"$log" 2>&1; then
      ok=true
      break
    fi
    if ! grep -qE "$STARTUP_FAILURES" "$log" || grep -q 'CellExecutionError' "$log"; then
      break
    fi
    mv "$log" "$log.start-$attempt"
    echo "notebooks: $name: the kernel did not start (attempt $attempt of $ATTEMPTS; log: $log.start-$attempt)"
  done
  seconds=$((SECONDS - started))
  if ! $ok; then
    echo "notebooks: $name FAILED after $seconds s; log: $log" >&2
    # The failing cell and its error, without the kernel's classpath and message chatter.
    grep -vE '^(Parsing classpath|Add .* to classpath|\[[0-9-]+ [0-9:]+\] \[)' "$log" | grep -A40 -m1 -E 'CellExecutionError|Error|Exception' >&2 || tail -20 "$log" >&2
    failed=$((failed + 1))
    continue
  fi
  written="$nb"
  $update || written="$OUT_DIR/$name.ipynb"
  # Committed outputs name no folder of this machine: the photo folder reads as $CNNLAB_CATS_DOGS, the checkout as
  # the current directory.
  if $update; then
    PHOTOS="${CNNLAB_CATS_DOGS:-}" REPO="$repo" /usr/bin/python3 - "$nb" <<'PY'
import os, pathlib, sys
notebook = pathlib.Path(sys.argv[1])
text = notebook.read_text()
if os.environ["PHOTOS"]:
    text = text.replace(os.environ["PHOTOS"], "$CNNLAB_CATS_DOGS")
text = text.replace(os.environ["REPO"] + "/", "")
notebook.write_text(text)
PY
  fi
  bytes=$(stat -c %s "$written")
  echo "notebooks: $name ok, $seconds s, $((bytes / 1024)) KB"
  if $update && ((bytes > MAX_BYTES)); then
    echo "notebooks: $name is $bytes bytes with its outputs, over the 1 MB limit for committed notebooks" >&2
    failed=$((failed + 1))
  fi
done
if ((failed > 0)); then
  echo "notebooks: $failed of ${#notebooks[@]} failed" >&2
  exit 1
fi
