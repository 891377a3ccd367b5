package dev.cnnlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartupChecksTest {

    private static final CpuInfo EMERALD_RAPIDS = CpuInfo.parse("vendor_id : GenuineIntel\ncpu family : 6\n"
            + "model : 207\nflags : avx avx2 fma avx512f avx512bw avx512dq avx512vl\n", 2);
    private static final Map<String, String> GOOD_ENV = Map.of("OMP_NUM_THREADS", "2", "OMP_WAIT_POLICY", "PASSIVE",
            "OPENBLAS_CORETYPE", "SkylakeX", "OPENBLAS_THREAD_TIMEOUT", "18");

    private static StartupChecks.Facts facts(Map<String, String> env, boolean disabled, boolean helpersWork,
            String variant) {
        return new StartupChecks.Facts(EMERALD_RAPIDS, env, true, disabled, helpersWork, variant);
    }

    @Test
    void wellSetUpRuntimeHasNoWarnings() {
        assertThat(StartupChecks.warnings(facts(GOOD_ENV, false, true, "linux-x86_64-onednn-avx512"))).isEmpty();
    }

    @Test
    void bareEnvironmentWarnsAboutSpinningPrescottAndSpinningBlasWorkers() {
        assertThat(StartupChecks.warnings(facts(Map.of(), false, true, "linux-x86_64-onednn-avx512")))
                .containsExactly(
                        "OpenMP threads busy-wait on this 2-core machine, up to 2x slower training: start Java with"
                                + " OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS=2 (scripts/cnnlab does)",
                        "OpenBLAS 0.3.19 does not know this CPU (family 6 model 207) and runs generic Prescott"
                                + " kernels: start Java with OPENBLAS_CORETYPE=SkylakeX (scripts/cnnlab does)",
                        "OpenBLAS's idle workers spin for about 0.1 s after each matrix product, against the OpenMP"
                                + " threads (about 20% slower training): start Java with OPENBLAS_THREAD_TIMEOUT=18"
                                + " (scripts/cnnlab does)");
    }

    @Test
    void anyBlasThreadTimeoutTheUserChoseStopsItsWarning() {
        Map<String, String> env = new HashMap<>(GOOD_ENV);
        env.put("OPENBLAS_THREAD_TIMEOUT", "4");
        assertThat(StartupChecks.warnings(facts(env, false, true, "x-onednn"))).isEmpty();
        env.remove("OPENBLAS_THREAD_TIMEOUT");
        assertThat(StartupChecks.warnings(facts(env, false, true, "x-onednn")))
                .singleElement().asString().startsWith("OpenBLAS's idle workers spin");
    }

    @Test
    void eitherOpenMpSettingStopsTheSpinningWarning() {
        assertThat(StartupChecks.warnings(facts(Map.of("OMP_NUM_THREADS", "2", "OPENBLAS_CORETYPE", "SkylakeX",
                "OPENBLAS_THREAD_TIMEOUT", "18"), false, true, "x-onednn"))).isEmpty();
        assertThat(StartupChecks.warnings(facts(Map.of("OMP_WAIT_POLICY", "passive", "OPENBLAS_CORETYPE", "SkylakeX",
                "OPENBLAS_THREAD_TIMEOUT", "18"), false, true, "x-onednn"))).isEmpty();
    }

    @Test
    void helpersOffOrDeadAreReportedWithTheirCause() {
        assertThat(StartupChecks.warnings(facts(GOOD_ENV, true, false, "linux-x86_64-onednn")))
                .singleElement().asString().startsWith("oneDNN layer helpers are off");
        assertThat(StartupChecks.warnings(facts(GOOD_ENV, false, false, "linux-x86_64-onednn")))
                .singleElement().asString().contains("shim missing");
        assertThat(StartupChecks.warnings(facts(GOOD_ENV, false, false, "linux-x86_64")))
                .singleElement().asString().contains("built without oneDNN");
    }

    @Test
    void cudaBackendGetsNoCpuWarnings() {
        assertThat(StartupChecks.warnings(new StartupChecks.Facts(EMERALD_RAPIDS, Map.of(), false, true, false, "")))
                .isEmpty();
    }
}
