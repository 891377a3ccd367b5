package dev.cnnlab.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The process environment ND4J's native code should start with, and which of it is missing.
 *
 * <p>These variables are read by libgomp and OpenBLAS once, when they load, so they can only be set by whoever starts
 * the JVM ({@code scripts/cnnlab}, or {@link Relauncher}); {@link System#getenv()} cannot be changed from Java.
 * Without them OpenMP's default busy-waiting, OpenBLAS's Prescott fallback and OpenBLAS's workers spinning after each
 * of cnnlab's own matrix products (see {@link #OPENBLAS_THREAD_TIMEOUT}) each cost a large share of the training
 * and inference speed (docs/backends.md, docs/performance.md).
 */
public final class RecommendedEnvironment {

    /** OpenMP thread count; set to the usable cores so libgomp does not oversubscribe shared machines. */
    public static final String OMP_NUM_THREADS = "OMP_NUM_THREADS";
    /** OpenMP idle policy; PASSIVE makes idle threads sleep instead of spinning against the working ones. */
    public static final String OMP_WAIT_POLICY = "OMP_WAIT_POLICY";

    /**
     * How long OpenBLAS's idle pthreads workers spin before they sleep, as a power of two of CPU cycles: OpenBLAS's
     * default, 28 (about 0.1 s), keeps them spinning in {@code sched_yield} for good, because cnnlab's direct
     * {@code cblas_sgemm} calls (dense layers, the first convolution) wake them every few milliseconds; they then
     * take a core from the OpenMP threads oneDNN's convolutions run on (the oneDNN primitives of LeNet's second
     * convolution took far longer in training than PyTorch's). 18 (about 0.1 ms) still covers back-to-back
     * products.
     */
    public static final String OPENBLAS_THREAD_TIMEOUT = "OPENBLAS_THREAD_TIMEOUT";
    /** The recommended {@link #OPENBLAS_THREAD_TIMEOUT}. */
    public static final String OPENBLAS_THREAD_TIMEOUT_VALUE = "18";

    private RecommendedEnvironment() {
    }

    /**
     * The recommended values for a CPU, whatever the current environment holds.
     *
     * @param cpu the CPU
     * @return variable name to value, in a stable order
     */
    public static Map<String, String> forCpu(CpuInfo cpu) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(OMP_NUM_THREADS, Integer.toString(cpu.cores()));
        env.put(OMP_WAIT_POLICY, "PASSIVE");
        OpenBlasCore.recommended(cpu).ifPresent(core -> env.put(OpenBlasCore.ENV, core));
        env.put(OPENBLAS_THREAD_TIMEOUT, OPENBLAS_THREAD_TIMEOUT_VALUE);
        return Collections.unmodifiableMap(env);
    }

    /**
     * The recommended variables that the given environment does not set; a value the user set, even a different one,
     * always wins and is never reported.
     *
     * @param cpu the CPU
     * @param environment the current environment, e.g. {@link System#getenv()}
     * @return the variables to add, possibly empty
     */
    public static Map<String, String> missing(CpuInfo cpu, Map<String, String> environment) {
        Map<String, String> missing = new LinkedHashMap<>();
        forCpu(cpu).forEach((name, value) -> {
            String current = environment.get(name);
            if (current == null || current.isBlank()) {
                missing.put(name, value);
            }
        });
        return Collections.unmodifiableMap(missing);
    }

    /**
     * The recommended variables missing from this process's environment.
     *
     * @return the variables to add, possibly empty
     */
    public static Map<String, String> missingHere() {
        return missing(CpuInfo.current(), System.getenv());
    }
}
