package dev.cnnlab.acceleration;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4jBackend;

import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Backends}: the acceleration layer's gate. Loads no ND4J backend, so it runs in the CUDA build too
 * ({@code -Pcuda-compile}), where the backend on the classpath is ND4J's CUDA one.
 */
class BackendsTest {
    private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";

    @Test
    void onlyTheNativeCpuBackendCounts() {
        assertThat(Backends.isNativeCpu("org.nd4j.linalg.cpu.nativecpu.CpuBackend")).isTrue();
        assertThat(Backends.isNativeCpu(CUDA_BACKEND)).isFalse();
        assertThat(Backends.isNativeCpu("org.example.SomeOtherBackend")).isFalse();
        assertThat(Backends.isNativeCpu("")).isFalse();
        assertThat(Backends.isNativeCpu((String) null)).isFalse();
        assertThat(Backends.isNativeCpu((Nd4jBackend) null)).isFalse();
    }

    /**
     * The backend classes this build ships (without instantiating them, which would load their natives): the CPU
     * build's pass the gate, the CUDA build's do not.
     */
    @Test
    void theBackendOnTheClasspathIsClassifiedByWhatItIs() {
        List<Class<?>> backends = ServiceLoader.load(Nd4jBackend.class).stream()
                .<Class<?>>map(ServiceLoader.Provider::type).toList();
        boolean cpuBuild = getClass().getClassLoader()
                .getResource("org/nd4j/linalg/cpu/nativecpu/CpuBackend.class") != null;
        assertThat(backends).as("ND4J backends on the classpath").extracting(Class::getName)
                .contains(cpuBuild ? Backends.NATIVE_CPU_BACKEND : CUDA_BACKEND);
        for (Class<?> backend : backends) {
            boolean cuda = backend.getName().equals(CUDA_BACKEND);
            assertThat(Backends.isNativeCpu(backend.getName())).as(backend.getName()).isEqualTo(!cuda);
        }
    }
}
