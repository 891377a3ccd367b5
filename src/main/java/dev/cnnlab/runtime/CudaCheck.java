package dev.cnnlab.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns "built with {@code -Pcuda} but no NVIDIA GPU here" into one line instead of ND4J's stack traces.
 *
 * <p>Without a driver, ND4J 1.0.0-M2.1 prints an {@code UnsatisfiedLinkError} trace ({@code libjnicudart.so:
 * libcuda.so.1: cannot open shared object file}) while probing the backend, then fails with
 * {@code ExceptionInInitializerError} / {@code NoAvailableBackendException}. {@link #problem()} looks for the driver
 * library and a device on the file system before ND4J loads, so the CLI can stop first; {@link #explain(Throwable)}
 * translates the exception for the cases the cheap check lets through. The check is deliberately lenient: any sign of
 * a driver lets ND4J try, since a false alarm would block a working GPU.
 */
public final class CudaCheck {

    /** The class that the nd4j-cuda backends ship; present only in the {@code -Pcuda} build. */
    static final String CUDA_BACKEND_CLASS = "org/nd4j/linalg/jcublas/JCublasBackend.class";

    /** The user-space driver library every CUDA program loads (the toolkit's stub has no {@code .1}). */
    static final String DRIVER_LIBRARY = "libcuda.so.1";

    private static final List<String> STANDARD_LIBRARY_DIRS = List.of("/lib", "/lib64", "/usr/lib", "/usr/lib64",
            "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu", "/usr/lib/wsl/lib", "/usr/local/nvidia/lib64");

    private CudaCheck() {
    }

    /**
     * Whether this build contains ND4J's CUDA backend (built with {@code -Pcuda}); loads nothing.
     *
     * @return true when the CUDA backend classes are on the classpath
     */
    public static boolean cudaBackendPresent() {
        return CudaCheck.class.getClassLoader().getResource(CUDA_BACKEND_CLASS) != null;
    }

    /**
     * Checks, without loading ND4J, whether a CUDA build can find a driver and a device. Call after
     * {@link NativeSetup#configure()} and before anything touches ND4J; print the line and exit when present.
     *
     * @return the one-line message, or empty when this is no CUDA build, not Linux, or a driver appears present
     */
    public static Optional<String> problem() {
        if (!cudaBackendPresent() || !System.getProperty("os.name", "").startsWith("Linux")) {
            return Optional.empty();
        }
        return problem(Path.of("/"), System.getenv());
    }

    /**
     * The file-system check, against a root directory so tests can fake one.
     *
     * @param root the file-system root, normally {@code /}
     * @param environment the process environment (for {@code LD_LIBRARY_PATH})
     * @return the one-line message, or empty when the driver library and a device are visible
     */
    static Optional<String> problem(Path root, Map<String, String> environment) {
        if (!driverLibraryFound(root, environment)) {
            return Optional.of(message(DRIVER_LIBRARY + ", the NVIDIA driver library, is not installed"));
        }
        if (!deviceVisible(root)) {
            return Optional.of(message("the NVIDIA driver library is installed but no GPU is visible:"
                    + " no /dev/nvidia0 or /proc/driver/nvidia/gpus entry"));
        }
        return Optional.empty();
    }

    /**
     * Translates an exception from ND4J's start-up into the one line, when it is a CUDA start-up failure in a CUDA
     * build.
     *
     * @param failure what ND4J threw (any wrapper: the whole cause chain is examined)
     * @return the one-line message, or empty when the failure is something else
     */
    public static Optional<String> explain(Throwable failure) {
        return cudaBackendPresent() ? explainCudaFailure(failure) : Optional.empty();
    }

    /** {@link #explain(Throwable)} once it is known that this is a CUDA build. */
    static Optional<String> explainCudaFailure(Throwable failure) {
        Set<Throwable> seen = new LinkedHashSet<>();
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            String text = String.valueOf(t.getMessage());
            if (t instanceof UnsatisfiedLinkError && text.contains("libcuda")) {
                return Optional.of(message(DRIVER_LIBRARY + " cannot be loaded"));
            }
            if (t.getClass().getSimpleName().equals("NoAvailableBackendException")) {
                return Optional.of(message("ND4J's CUDA backend could not start"));
            }
            if (t instanceof NoClassDefFoundError && text.contains("org.nd4j.linalg.factory.Nd4j")) {
                return Optional.of(message("ND4J failed to start earlier in this run"));
            }
            if (text.contains("no CUDA-capable device") || text.contains("cudaErrorNoDevice")
                    || text.contains("CUDA driver version is insufficient")) {
                return Optional.of(message(text.strip()));
            }
        }
        return Optional.empty();
    }

    /**
     * The one line, e.g. {@code cnnlab: no CUDA device or driver found (libcuda.so.1, the NVIDIA driver library, is
     * not installed); run without -Pcuda to train on the CPU}.
     *
     * @param detail what was found missing
     * @return the message
     */
    public static String message(String detail) {
        return "cnnlab: no CUDA device or driver found (" + detail + "); run without -Pcuda to train on the CPU";
    }

    private static boolean driverLibraryFound(Path root, Map<String, String> environment) {
        for (String dir : libraryDirs(root, environment)) {
            String relative = dir.startsWith("/") ? dir.substring(1) : dir;
            if (!dir.contains("/stubs") && Files.exists(root.resolve(relative).resolve(DRIVER_LIBRARY))) {
                return true;
            }
        }
        return false;
    }

    /** LD_LIBRARY_PATH, the directories listed in /etc/ld.so.conf.d/*.conf, then the usual system directories. */
    private static List<String> libraryDirs(Path root, Map<String, String> environment) {
        List<String> dirs = new ArrayList<>();
        String ldPath = environment.get("LD_LIBRARY_PATH");
        if (ldPath != null) {
            for (String dir : ldPath.split(":")) {
                if (!dir.isBlank()) {
                    dirs.add(dir);
                }
            }
        }
        try (Stream<Path> confs = Files.list(root.resolve("etc/ld.so.conf.d"))) {
            confs.filter(p -> p.toString().endsWith(".conf")).forEach(conf -> {
                try {
                    for (String line : Files.readAllLines(conf)) {
                        String dir = line.strip();
                        if (dir.startsWith("/")) {
                            dirs.add(dir);
                        }
                    }
                } catch (IOException | RuntimeException unreadable) {
                    // a file we cannot read cannot tell us about the driver either
                }
            });
        } catch (IOException | RuntimeException noConfDir) {
            // fine: the standard directories below still apply
        }
        dirs.addAll(STANDARD_LIBRARY_DIRS);
        return dirs;
    }

    private static boolean deviceVisible(Path root) {
        if (Files.exists(root.resolve("dev/nvidia0")) || Files.exists(root.resolve("dev/dxg"))) {
            return true; // dxg: WSL2 exposes the GPU through DirectX, with no /dev/nvidia* nodes
        }
        try (Stream<Path> gpus = Files.list(root.resolve("proc/driver/nvidia/gpus"))) {
            return gpus.findAny().isPresent();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
