package dev.cnnlab.djlbench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The facts that decide this peer's CPU speed, printed before each measurement as cnnlab's bench and
 * {@code bench-pytorch.py} print theirs: versions, threads, the OpenMP and BLAS environment, the native libraries
 * loaded.
 */
public final class RuntimeDescription {
    private static final List<String> ENVIRONMENT = List.of("OMP_NUM_THREADS", "OMP_WAIT_POLICY", "OPENBLAS_CORETYPE",
            "MKL_NUM_THREADS", "DNNL_MAX_CPU_ISA", "ATEN_CPU_CAPABILITY");
    private static final List<String> PROPERTIES = List.of("ai.djl.offline", "PYTORCH_VERSION", "PYTORCH_FLAVOR",
            "ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads");

    private RuntimeDescription() {
    }

    /** @return indented lines, the engine loaded */
    public static String describe() {
        Engine engine = Engine.getEngine("PyTorch");
        StringBuilder s = new StringBuilder();
        s.append("  DJL ").append(Engine.getDjlVersion()).append(", PyTorch ").append(engine.getVersion())
                .append(" (libtorch, CPU), threads ").append(JniUtils.getNumThreads())
                .append(", inter-op threads ").append(JniUtils.getNumInteropThreads())
                .append(", Java ").append(System.getProperty("java.version")).append('\n');
        s.append("  environment:");
        ENVIRONMENT.forEach(name -> s.append(' ').append(name).append('=').append(orUnset(System.getenv(name))));
        s.append('\n').append("  properties:");
        PROPERTIES.forEach(name -> s.append(' ').append(name).append('=').append(orUnset(System.getProperty(name))));
        s.append('\n').append("  native libraries: ").append(String.join(", ", nativeLibraries())).append('\n');
        return s.toString();
    }

    private static String orUnset(String value) {
        return value == null ? "unset" : value;
    }

    /** The file names of the loaded libraries that compute: libtorch's, OpenMP's, any BLAS. */
    private static TreeSet<String> nativeLibraries() {
        TreeSet<String> names = new TreeSet<>();
        try (Stream<String> maps = Files.lines(Path.of("/proc/self/maps"))) {
            maps.map(line -> line.substring(line.lastIndexOf(' ') + 1))
                    .filter(path -> path.matches(".*/lib[^/]*(torch|c10|gomp|iomp|blas|mkl|dnnl)[^/]*"))
                    .forEach(path -> names.add(Path.of(path).getFileName().toString()));
        } catch (IOException | RuntimeException e) {
            names.add("unknown (" + e.getMessage() + ")");
        }
        return names;
    }
}
