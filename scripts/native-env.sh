# shellcheck shell=bash
# Sourced by scripts/cnnlab and scripts/notebooks.sh: exports the native environment ND4J needs to be fast.
#
# libgomp and OpenBLAS read these variables once, when ND4J's natives load, so they must be set before Java starts.
# Values the user already exported always win. With the bare defaults training is several times slower (figures in
# docs/performance.md): OpenMP threads busy-wait, and OpenBLAS 0.3.19 runs generic "Prescott" kernels on CPUs newer
# than its model table. dev.cnnlab.runtime.RecommendedEnvironment is the Java side of the same rules.

cnnlab_cpu_flags=""
if [[ -r /proc/cpuinfo ]]; then
  cnnlab_cpu_flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
fi
cnnlab_has_flags() {
  local flag
  for flag in "$@"; do
    [[ "$cnnlab_cpu_flags" == *" $flag "* ]] || return 1
  done
}

cnnlab_cores="$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-$cnnlab_cores}"
# PASSIVE: idle OpenMP threads sleep instead of spinning against the working ones and the JVM's own threads.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

if [[ -z "${OPENBLAS_CORETYPE:-}" ]]; then
  case "$(uname -m)" in
    x86_64|amd64)
      # SkylakeX is the best core OpenBLAS 0.3.19 lets you force; Haswell needs AVX2 + FMA. Older CPUs: autodetect.
      if cnnlab_has_flags avx512f avx512bw avx512dq avx512vl; then
        export OPENBLAS_CORETYPE=SkylakeX
      elif cnnlab_has_flags avx2 fma; then
        export OPENBLAS_CORETYPE=Haswell
      fi
      ;;
  esac
fi
# OpenBLAS's idle workers spin in sched_yield for 2^28 cycles (about 0.1 s) after each product by default; cnnlab's
# own cblas_sgemm calls wake them every few milliseconds, so they never stop, and take a core from the OpenMP threads
# of oneDNN's convolutions. 2^18 cycles (about 0.1 ms) covers back-to-back products (RecommendedEnvironment).
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-18}"

unset -f cnnlab_has_flags
unset cnnlab_cpu_flags cnnlab_cores
