package dev.cnnlab.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What this machine's CPU can do, read from {@code /proc/cpuinfo} without loading any native code.
 *
 * <p>Native-variant and OpenBLAS decisions must be taken before ND4J loads, so they cannot ask libnd4j; the kernel's
 * view of the first processor is enough (all cores of a machine share one model). On systems without
 * {@code /proc/cpuinfo} (macOS, Windows) every flag reads as absent, which selects the portable choices.
 */
public final class CpuInfo {

    private static final Path PROC_CPUINFO = Path.of("/proc/cpuinfo");

    /** The AVX-512 subsets that the {@code -avx512} builds of libnd4j / oneDNN and OpenBLAS's SkylakeX kernels use. */
    private static final Set<String> AVX512_FOR_NATIVES = Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl");

    private static volatile CpuInfo current;

    private final String vendor;
    private final int family;
    private final int model;
    private final Set<String> flags;
    private final int cores;

    CpuInfo(String vendor, int family, int model, Set<String> flags, int cores) {
        this.vendor = vendor;
        this.family = family;
        this.model = model;
        this.flags = Collections.unmodifiableSet(new LinkedHashSet<>(flags));
        this.cores = cores;
    }

    /**
     * This machine's CPU, read once and cached.
     *
     * @return the CPU description; flags are empty when {@code /proc/cpuinfo} is unreadable
     */
    public static CpuInfo current() {
        CpuInfo info = current;
        if (info == null) {
            String text;
            try {
                text = Files.readString(PROC_CPUINFO, StandardCharsets.US_ASCII);
            } catch (IOException | RuntimeException e) {
                text = "";
            }
            info = parse(text, Runtime.getRuntime().availableProcessors());
            current = info;
        }
        return info;
    }

    /**
     * Parses the text of a Linux {@code /proc/cpuinfo}; only the first processor block is read.
     *
     * @param cpuinfo the file's text (may be empty)
     * @param cores the number of processors this JVM may use, which is what thread counts should follow (it respects
     *     cgroup limits and CPU affinity, unlike a count of cpuinfo blocks)
     * @return the parsed description
     */
    public static CpuInfo parse(String cpuinfo, int cores) {
        String vendor = "";
        int family = -1;
        int model = -1;
        Set<String> flags = new LinkedHashSet<>();
        for (String line : cpuinfo.split("\n")) {
            if (line.isBlank()) {
                if (!flags.isEmpty() || family >= 0) {
                    break; // end of the first processor block
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "vendor_id" -> vendor = value;
                case "cpu family" -> family = parseIntOr(value, -1);
                case "model" -> model = parseIntOr(value, -1);
                case "flags" -> flags.addAll(Arrays.asList(value.toLowerCase(Locale.ROOT).split("\\s+")));
                default -> {
                    // other fields are not needed
                }
            }
        }
        return new CpuInfo(vendor, family, model, flags, Math.max(1, cores));
    }

    private static int parseIntOr(String value, int fallback) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /**
     * Whether the kernel reports the given feature flag.
     *
     * @param flag a {@code /proc/cpuinfo} flag such as {@code avx2}
     * @return true when present
     */
    public boolean has(String flag) {
        return flags.contains(flag.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the CPU has every AVX-512 subset the {@code -avx512} natives and OpenBLAS's SkylakeX kernels need.
     *
     * @return true for AVX-512 F + BW + DQ + VL
     */
    public boolean hasAvx512() {
        return flags.containsAll(AVX512_FOR_NATIVES);
    }

    /**
     * Whether the CPU has AVX2 with FMA, what OpenBLAS's Haswell kernels need.
     *
     * @return true for AVX2 + FMA
     */
    public boolean hasAvx2() {
        return has("avx2") && has("fma");
    }

    /** @return the {@code vendor_id}, e.g. {@code GenuineIntel}; empty when unknown */
    public String vendor() {
        return vendor;
    }

    /** @return the {@code cpu family} number; -1 when unknown */
    public int family() {
        return family;
    }

    /** @return the {@code model} number (extended model included, as the kernel prints it); -1 when unknown */
    public int model() {
        return model;
    }

    /** @return the number of processors this JVM may use (at least 1) */
    public int cores() {
        return cores;
    }

    /** @return the feature flags, lower case, unmodifiable */
    public Set<String> flags() {
        return flags;
    }

    /**
     * @return the processor model and its widest vector instructions, such as {@code AuthenticAMD family 26 model 2
     *     AVX-512}, without commas: what decides which native kernels run, and so the last digits of a result
     */
    public String kind() {
        return identity() + " " + simd();
    }

    /** @return a short description such as {@code GenuineIntel family 6 model 207, 2 cores, AVX-512} */
    @Override
    public String toString() {
        return identity() + ", " + cores + (cores == 1 ? " core, " : " cores, ") + simd();
    }

    private String identity() {
        return vendor.isEmpty() ? "unknown CPU" : vendor + " family " + family + " model " + model;
    }

    private String simd() {
        return hasAvx512() ? "AVX-512" : hasAvx2() ? "AVX2" : has("avx") ? "AVX" : "no AVX";
    }
}
