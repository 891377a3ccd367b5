package dev.cnnlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuInfoTest {

    /** Two processor blocks as Linux prints them; only the first counts. */
    private static final String EMERALD_RAPIDS = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            cpu family\t: 6
            model\t\t: 207
            model name\t: Intel(R) Xeon(R) Processor
            flags\t\t: fpu sse2 avx avx2 fma avx512f avx512dq avx512bw avx512vl avx512_bf16

            processor\t: 1
            vendor_id\t: GenuineIntel
            cpu family\t: 6
            model\t\t: 207
            flags\t\t: fpu sse2 something_else
            """;

    /** A CPU description with the given flags; Intel family 6 model 85 (Skylake-SP, known to OpenBLAS). */
    static CpuInfo cpu(String flags) {
        return CpuInfo.parse("vendor_id : GenuineIntel\ncpu family : 6\nmodel : 85\nflags : " + flags + "\n", 2);
    }

    @Test
    void parsesTheFirstProcessorBlock() {
        CpuInfo cpu = CpuInfo.parse(EMERALD_RAPIDS, 2);

        assertThat(cpu.vendor()).isEqualTo("GenuineIntel");
        assertThat(cpu.family()).isEqualTo(6);
        assertThat(cpu.model()).isEqualTo(207);
        assertThat(cpu.flags()).contains("avx512_bf16").doesNotContain("something_else");
        assertThat(cpu.hasAvx512()).isTrue();
        assertThat(cpu.hasAvx2()).isTrue();
        assertThat(cpu.cores()).isEqualTo(2);
        assertThat(cpu).hasToString("GenuineIntel family 6 model 207, 2 cores, AVX-512");
        assertThat(cpu.kind()).isEqualTo("GenuineIntel family 6 model 207 AVX-512");
    }

    @Test
    void avx512NeedsAllFourSubsets() {
        assertThat(cpu("avx2 fma avx512f avx512dq avx512vl").hasAvx512()).isFalse();
        assertThat(cpu("avx2 fma avx512f avx512dq avx512vl avx512bw").hasAvx512()).isTrue();
    }

    @Test
    void missingCpuinfoMeansNoFeaturesAndAtLeastOneCore() {
        CpuInfo cpu = CpuInfo.parse("", 0);

        assertThat(cpu.flags()).isEmpty();
        assertThat(cpu.hasAvx2()).isFalse();
        assertThat(cpu.cores()).isEqualTo(1);
        assertThat(cpu).hasToString("unknown CPU, 1 core, no AVX");
        assertThat(cpu.kind()).isEqualTo("unknown CPU no AVX");
    }

    @Test
    void readsThisMachine() {
        CpuInfo cpu = CpuInfo.current();

        assertThat(cpu.cores()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(CpuInfo.current()).isSameAs(cpu);
        assertThat(cpu.kind()).as("a field of the recipe results CSV").doesNotContain(",");
    }
}
