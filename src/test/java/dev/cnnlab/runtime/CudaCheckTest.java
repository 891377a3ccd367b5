package dev.cnnlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4jBackend;

class CudaCheckTest {

    @Test
    void noDriverLibraryIsOneLine(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("usr/local/cuda/lib64/stubs"));
        Files.createFile(root.resolve("usr/local/cuda/lib64/stubs/libcuda.so.1")); // a stub is no driver

        assertThat(CudaCheck.problem(root, Map.of("LD_LIBRARY_PATH", "/usr/local/cuda/lib64/stubs")))
                .hasValue("cnnlab: no CUDA device or driver found (libcuda.so.1, the NVIDIA driver library, is not"
                        + " installed); run without -Pcuda to train on the CPU");
    }

    @Test
    void driverWithoutDeviceIsReported(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("usr/lib/x86_64-linux-gnu"));
        Files.createFile(root.resolve("usr/lib/x86_64-linux-gnu/libcuda.so.1"));
        Files.createDirectories(root.resolve("proc/driver/nvidia/gpus"));

        assertThat(CudaCheck.problem(root, Map.of())).hasValueSatisfying(
                line -> assertThat(line).contains("no GPU is visible").doesNotContain("\n"));
    }

    @Test
    void driverFoundThroughLdSoConfAndAGpuIsFine(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("etc/ld.so.conf.d"));
        Files.writeString(root.resolve("etc/ld.so.conf.d/nvidia.conf"), "# driver\n/opt/nvidia/lib\n");
        Files.createDirectories(root.resolve("opt/nvidia/lib"));
        Files.createFile(root.resolve("opt/nvidia/lib/libcuda.so.1"));
        Files.createDirectories(root.resolve("proc/driver/nvidia/gpus/0000:01:00.0"));

        assertThat(CudaCheck.problem(root, Map.of())).isEmpty();
    }

    @Test
    void translatesTheExceptionsNd4jThrowsWithoutADriver() {
        // the chain measured with -Pcuda on a machine without a GPU
        Throwable startup = new ExceptionInInitializerError(new RuntimeException(
                new Nd4jBackend.NoAvailableBackendException("Please ensure that you have an nd4j backend")));
        Throwable link = new UnsatisfiedLinkError("/home/user/.javacpp/cache/cuda/libjnicudart.so: libcuda.so.1:"
                + " cannot open shared object file: No such file or directory");

        assertThat(CudaCheck.explainCudaFailure(startup)).hasValue(CudaCheck.message("ND4J's CUDA backend could"
                + " not start"));
        assertThat(CudaCheck.explainCudaFailure(link)).hasValue(CudaCheck.message("libcuda.so.1 cannot be loaded"));
        assertThat(CudaCheck.explainCudaFailure(new IllegalStateException("disk full"))).isEmpty();
    }

    /** Runs in both builds: the CPU one never complains; the CUDA one ({@code -Pcuda-compile} in CI) finds its backend. */
    @Test
    void cpuBuildHasNoCudaBackendAndNeverComplains() {
        boolean cpuBuild = getClass().getClassLoader()
                .getResource("org/nd4j/linalg/cpu/nativecpu/CpuBackend.class") != null;
        assertThat(CudaCheck.cudaBackendPresent()).isEqualTo(!cpuBuild);
        if (cpuBuild) {
            assertThat(CudaCheck.problem()).isEmpty();
            assertThat(CudaCheck.explain(new ExceptionInInitializerError("x"))).isEmpty();
        } else {
            // A CUDA build goes on to look for the driver (on this machine's real file system).
            assertThat(CudaCheck.problem()).isEqualTo(CudaCheck.problem(Path.of("/"), System.getenv()));
        }
    }
}
