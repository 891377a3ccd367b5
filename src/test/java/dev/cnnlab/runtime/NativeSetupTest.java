package dev.cnnlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class NativeSetupTest {

    private static final CpuInfo AVX512 = CpuInfoTest.cpu("avx avx2 fma avx512f avx512bw avx512dq avx512vl");
    private static final CpuInfo AVX2 = CpuInfoTest.cpu("avx avx2 fma");
    private static final Set<String> SHIPPED = Set.of("", "-onednn", "-onednn-avx512");

    @Test
    void theMemoryGuardReplacesJavaCppsPerAllocationCheckUnlessTheUserChoseEither() {
        assertThat(NativeSetup.guardReplacesJavaCppCheck(null, null)).isTrue();
        assertThat(NativeSetup.guardReplacesJavaCppCheck(null, "256")).isTrue();
        assertThat(NativeSetup.guardReplacesJavaCppCheck(null, "0")).as("guard off").isFalse();
        assertThat(NativeSetup.guardReplacesJavaCppCheck(null, "lots")).as("guard cannot start").isFalse();
        assertThat(NativeSetup.guardReplacesJavaCppCheck("8g", null)).as("the user's limit").isFalse();
    }

    @Test
    void javaCppSkipsItsPerAllocationCheckWhileTheGuardRuns() {
        // NativeSetupSession configured this JVM before any test class loaded, as Main does.
        assertThat(NativeMemoryGuard.ofThisProcess()).isPresent();
        assertThat(Pointer.maxPhysicalBytes()).isZero();
        assertThat(NativeSetup.propertiesSetByConfigure()).contains(NativeSetup.MAX_PHYSICAL_BYTES_PROPERTY);
    }

    @Test
    void avx512CpuGetsTheAvx512OneDnnBuild() {
        NativeChoice choice = NativeSetup.chooseNatives(AVX512, null, SHIPPED::contains);

        assertThat(choice.extension()).isEqualTo("-onednn-avx512");
        assertThat(choice.userSet()).isFalse();
        assertThat(choice.summary()).isEqualTo("AVX-512 natives (-onednn-avx512): this CPU has AVX-512");
    }

    @Test
    void cpuWithoutAvx512GetsThePortableBuildAndSaysWhy() {
        NativeChoice choice = NativeSetup.chooseNatives(AVX2, null, SHIPPED::contains);

        assertThat(choice.summary()).isEqualTo("portable natives (-onednn): this CPU has no AVX-512");
    }

    @Test
    void avx2BuildIsUsedWhenItIsShipped() {
        NativeChoice choice = NativeSetup.chooseNatives(AVX2, null, ext -> true);

        assertThat(choice.extension()).isEqualTo("-onednn-avx2");
    }

    @Test
    void avx512CpuFallsBackWhenTheAvx512BuildIsMissing() {
        NativeChoice choice = NativeSetup.chooseNatives(AVX512, null, Set.of("", "-onednn")::contains);

        assertThat(choice.extension()).isEqualTo("-onednn");
        assertThat(choice.reason()).isEqualTo("the AVX-512 build is not on the classpath");
    }

    @Test
    void userPropertyAlwaysWins() {
        NativeChoice choice = NativeSetup.chooseNatives(AVX512, "-avx2", SHIPPED::contains);

        assertThat(choice.extension()).isEqualTo("-avx2");
        assertThat(choice.userSet()).isTrue();
    }

    @Test
    void noOneDnnBuildLeavesTheExtensionAlone() {
        assertThat(NativeSetup.chooseNatives(AVX512, null, Set.of("")::contains).summary())
                .isEqualTo("default natives: no oneDNN build of nd4j-native on the classpath");
        assertThat(NativeSetup.chooseNatives(AVX512, null, ext -> false).summary())
                .isEqualTo("default natives: nd4j-native's CPU natives are not on the classpath");
    }

    @Test
    void configureIsIdempotentSetsBothPropertiesAndJavaCppLoadsTheChosenBuild() {
        NativeChoice first = NativeSetup.configure();

        assertThat(NativeSetup.configure()).isSameAs(first);
        assertThat(System.getProperty(NativeSetup.EXTENSION_PROPERTY)).isEqualTo(first.extension());
        assertThat(System.getProperty(NativeSetup.HELPERS_DISABLE_PROPERTY)).isEqualTo("false");
        // on the CPU build this classpath ships -onednn and -onednn-avx512; one of them must have been picked
        assertThat(first.extension()).startsWith("-onednn");
        Nd4j.getExecutioner();
        assertThat(NativeSetup.loadedNativesVariant()).hasValueSatisfying(
                variant -> assertThat(variant).endsWith(first.extension()));
    }
}
