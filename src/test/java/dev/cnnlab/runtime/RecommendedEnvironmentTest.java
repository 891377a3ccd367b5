package dev.cnnlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecommendedEnvironmentTest {

    private static CpuInfo intel(int model, String flags) {
        return CpuInfo.parse("vendor_id : GenuineIntel\ncpu family : 6\nmodel : " + model + "\nflags : " + flags, 2);
    }

    @Test
    void avx512MachineGetsSkylakeXPassiveWaitingOneThreadPerCoreAndSleepingBlasWorkers() {
        CpuInfo cpu = intel(207, "avx avx2 fma avx512f avx512bw avx512dq avx512vl");

        assertThat(RecommendedEnvironment.forCpu(cpu)).containsExactly(
                entry("OMP_NUM_THREADS", "2"), entry("OMP_WAIT_POLICY", "PASSIVE"),
                entry("OPENBLAS_CORETYPE", "SkylakeX"), entry("OPENBLAS_THREAD_TIMEOUT", "18"));
    }

    @Test
    void avx2MachineGetsHaswellAndOldMachineNoCore() {
        assertThat(RecommendedEnvironment.forCpu(intel(60, "avx avx2 fma"))).containsEntry("OPENBLAS_CORETYPE", "Haswell");
        assertThat(RecommendedEnvironment.forCpu(intel(42, "sse4_2 avx"))).doesNotContainKey("OPENBLAS_CORETYPE");
    }

    @Test
    void valuesTheUserSetAreNeitherMissingNorOverridden() {
        CpuInfo cpu = intel(207, "avx avx2 fma avx512f avx512bw avx512dq avx512vl");
        Map<String, String> env = Map.of("OMP_NUM_THREADS", "1", "OPENBLAS_CORETYPE", "Haswell", "OMP_WAIT_POLICY", "",
                "OPENBLAS_THREAD_TIMEOUT", "4");

        assertThat(RecommendedEnvironment.missing(cpu, env)).containsExactly(entry("OMP_WAIT_POLICY", "PASSIVE"));
    }

    @Test
    void prescottFallbackIsPredictedOnlyForIntelModelsOpenBlas0319DoesNotKnow() {
        String avx512 = "avx avx2 fma avx512f avx512bw avx512dq avx512vl";
        assertThat(OpenBlasCore.detectsAsPrescott(intel(207, avx512))).isTrue(); // Emerald Rapids, extended model 12
        assertThat(OpenBlasCore.detectsAsPrescott(intel(143, avx512))).isFalse(); // Sapphire Rapids, in the table
        assertThat(OpenBlasCore.detectsAsPrescott(intel(85, avx512))).isFalse(); // Skylake-SP
        assertThat(OpenBlasCore.detectsAsPrescott(intel(190, "sse4_2"))).isFalse(); // nothing better to offer
        assertThat(OpenBlasCore.detectsAsPrescott(CpuInfo.parse(
                "vendor_id : AuthenticAMD\ncpu family : 25\nmodel : 17\nflags : avx2 fma", 2))).isFalse();
    }
}
