package dev.cnnlab.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up checks for the three settings that each cost several times the training time on the CPU (OpenMP
 * spinning, OpenBLAS's core misdetection and dead oneDNN layer helpers) and a fourth that costs less (OpenBLAS's
 * workers spinning); docs/backends.md says why, docs/performance.md how much.
 * Pure logic over the facts gathered by {@link NativeSetup#warnings()}, so every rule can be tested without the
 * natives.
 */
public final class StartupChecks {

    /** At or below this many cores, spinning OpenMP threads starve the JVM's own threads (measured on 2). */
    static final int FEW_CORES = 4;

    private StartupChecks() {
    }

    /**
     * What the checks need to know; gathered after ND4J loaded.
     *
     * @param cpu this machine's CPU
     * @param environment the process environment
     * @param cpuBackend whether ND4J runs on the CPU backend (the other checks do not apply to CUDA)
     * @param helpersDisabledByProperty whether {@code org.eclipse.deeplearning4j.helpers.disable} is not {@code false}
     * @param oneDnnHelpersWork whether DL4J's oneDNN helper check answers yes
     * @param nativesVariant the loaded natives' directory, e.g. {@code linux-x86_64-onednn}, or empty when unknown
     */
    public record Facts(CpuInfo cpu, Map<String, String> environment, boolean cpuBackend,
            boolean helpersDisabledByProperty, boolean oneDnnHelpersWork, String nativesVariant) {
    }

    /**
     * Evaluates the checks.
     *
     * @param facts the gathered facts
     * @return one line per problem, each saying what to do; empty when all is well
     */
    public static List<String> warnings(Facts facts) {
        List<String> warnings = new ArrayList<>();
        if (!facts.cpuBackend()) {
            return warnings;
        }
        Map<String, String> env = facts.environment();
        CpuInfo cpu = facts.cpu();
        String waitPolicy = env.getOrDefault(RecommendedEnvironment.OMP_WAIT_POLICY, "");
        if (!"PASSIVE".equals(waitPolicy.toUpperCase(Locale.ROOT))
                && env.get(RecommendedEnvironment.OMP_NUM_THREADS) == null
                && cpu.cores() <= FEW_CORES) {
            warnings.add("OpenMP threads busy-wait on this " + cpu.cores() + "-core machine, up to 2x slower training:"
                    + " start Java with OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=" + cpu.cores()
                    + " (scripts/cnnlab does)");
        }
        if (env.get(OpenBlasCore.ENV) == null && OpenBlasCore.detectsAsPrescott(cpu)) {
            warnings.add("OpenBLAS 0.3.19 does not know this CPU (family " + cpu.family() + " model " + cpu.model()
                    + ") and runs generic Prescott kernels: start Java with " + OpenBlasCore.ENV + "="
                    + OpenBlasCore.recommended(cpu).orElseThrow() + " (scripts/cnnlab does)");
        }
        if (env.get(RecommendedEnvironment.OPENBLAS_THREAD_TIMEOUT) == null) {
            warnings.add("OpenBLAS's idle workers spin for about 0.1 s after each matrix product, against the OpenMP"
                    + " threads (about 20% slower training): start Java with "
                    + RecommendedEnvironment.OPENBLAS_THREAD_TIMEOUT + "="
                    + RecommendedEnvironment.OPENBLAS_THREAD_TIMEOUT_VALUE + " (scripts/cnnlab does)");
        }
        if (facts.helpersDisabledByProperty()) {
            warnings.add("oneDNN layer helpers are off (" + NativeSetup.HELPERS_DISABLE_PROPERTY
                    + " is not false; NativeSetup.configure() sets it unless the user did): training runs 4-5x"
                    + " slower");
        } else if (!facts.oneDnnHelpersWork()) {
            String variant = facts.nativesVariant().isEmpty() ? "unknown" : facts.nativesVariant();
            warnings.add(variant.contains("onednn")
                    ? "oneDNN layer helpers are inactive although the natives (" + variant + ") have oneDNN:"
                            + " is the org.nd4j.nativeblas.Nd4jCpu shim missing from the classpath?"
                    : "oneDNN layer helpers are inactive: the loaded natives (" + variant + ") are built without"
                            + " oneDNN; call NativeSetup.configure() before ND4J loads");
        }
        return warnings;
    }
}
