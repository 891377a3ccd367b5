package dev.cnnlab.runtime;

import java.util.Optional;

/**
 * Which kernels ND4J's bundled OpenBLAS 0.3.19 will pick on a CPU, and which core to force instead.
 *
 * <p>Facts from OpenBLAS 0.3.19's {@code driver/others/dynamic.c} (tag v0.3.19): for Intel {@code cpu family 6}
 * the detection switches on the extended model (model &gt;&gt; 4) and handles 0-10 only; any newer extended model
 * (Sapphire Rapids' successors, Emerald Rapids = model 207 here, ...) falls through into the {@code family 0xf} case
 * and gets the generic <em>Prescott</em> kernels, slower for the dense layers and im2col GEMMs (docs/backends.md). Intel
 * {@code family 15} and above land there too. {@code OPENBLAS_CORETYPE} overrides detection, but its lookup loop
 * stops before "Cooperlake", so SkylakeX is the best core that can be forced.
 */
public final class OpenBlasCore {

    /** The environment variable OpenBLAS reads once, when the library loads. */
    public static final String ENV = "OPENBLAS_CORETYPE";

    private OpenBlasCore() {
    }

    /**
     * The core to force on this CPU.
     *
     * @param cpu the CPU
     * @return {@code SkylakeX} with AVX-512, {@code Haswell} with AVX2 + FMA, otherwise empty (let OpenBLAS detect:
     *     forcing a core whose instructions the CPU lacks would crash)
     */
    public static Optional<String> recommended(CpuInfo cpu) {
        if (cpu.hasAvx512()) {
            return Optional.of("SkylakeX");
        }
        if (cpu.hasAvx2()) {
            return Optional.of("Haswell");
        }
        return Optional.empty();
    }

    /**
     * Whether OpenBLAS 0.3.19's own detection falls back to the generic Prescott kernels on this CPU although the CPU
     * could run better ones.
     *
     * @param cpu the CPU
     * @return true for Intel CPUs that 0.3.19's model table does not know and that have AVX2 or better
     */
    public static boolean detectsAsPrescott(CpuInfo cpu) {
        if (!"GenuineIntel".equals(cpu.vendor()) || recommended(cpu).isEmpty()) {
            return false;
        }
        int extendedModel = cpu.model() >> 4;
        return (cpu.family() == 6 && extendedModel > 10) || cpu.family() >= 15;
    }
}
