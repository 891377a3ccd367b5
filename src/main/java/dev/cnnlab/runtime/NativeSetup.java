package dev.cnnlab.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;
import org.bytedeco.javacpp.Loader;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares ND4J's native runtime: picks the natives build for this CPU, turns DL4J's layer helpers on and starts the
 * {@link NativeMemoryGuard} in place of JavaCPP's per-allocation memory check.
 *
 * <p>{@link #configure()} must run before any ND4J or DL4J class is loaded (first thing in {@code main}, and in the
 * JUnit launcher session listener), because JavaCPP reads the platform extension once, when the natives load. The
 * other methods are for after ND4J loaded.
 */
public final class NativeSetup {

    /** The JavaCPP 1.5.7 system property ({@code Loader.loadProperties}) that selects a natives build. */
    public static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

    /**
     * DL4J 1.0.0-M2.1's switch ({@code HelperUtils.createHelper}), read each time a layer is created; helpers are
     * disabled unless it is {@code false}.
     */
    public static final String HELPERS_DISABLE_PROPERTY = "org.eclipse.deeplearning4j.helpers.disable";

    /**
     * JavaCPP's limit on the process's resident memory, checked on every native allocation; 0 turns the check off.
     */
    public static final String MAX_PHYSICAL_BYTES_PROPERTY = "org.bytedeco.javacpp.maxPhysicalBytes";

    /** Where nd4j-native's classifier jars keep their libraries: {@code <this>/<platform><extension>/}. */
    private static final String CPU_NATIVES_DIR = "org/nd4j/linalg/cpu/nativecpu/bindings/";

    /** nd4j-native's backend class, as a resource. */
    private static final String CPU_BACKEND_CLASS = "org/nd4j/linalg/cpu/nativecpu/CpuBackend.class";

    private static final Logger log = LoggerFactory.getLogger(NativeSetup.class);

    private static NativeChoice choice;
    private static boolean plainDl4j;
    private static final Set<String> propertiesWeSet = new LinkedHashSet<>();

    private NativeSetup() {
    }

    /**
     * Chooses the natives build and enables layer helpers, unless the user set either property, and starts the
     * {@link NativeMemoryGuard}, turning JavaCPP's own memory check off while it runs; idempotent and cheap after the
     * first call. Loads no ND4J class.
     *
     * @return the natives choice, whose {@link NativeChoice#summary()} the caller may log once
     */
    public static NativeChoice configure() {
        return configure(false);
    }

    /**
     * As {@link #configure()}, and says whether DL4J runs as it ships: then its layer helpers stay as DL4J leaves
     * them (off), so the {@code org.nd4j.nativeblas.Nd4jCpu} shim is never consulted. Only the first call decides.
     *
     * @param plainDl4j whether {@code --plain-dl4j} was given
     * @return the natives choice
     */
    public static synchronized NativeChoice configure(boolean plainDl4j) {
        if (choice != null) {
            return choice;
        }
        NativeSetup.plainDl4j = plainDl4j;
        ClassLoader loader = NativeSetup.class.getClassLoader();
        String platform = javacppPlatform();
        choice = chooseNatives(CpuInfo.current(), System.getProperty(EXTENSION_PROPERTY),
                extension -> loader.getResource(CPU_NATIVES_DIR + platform + extension + "/"
                        + System.mapLibraryName("jnind4jcpu")) != null);
        if (!choice.userSet() && !choice.extension().isEmpty()) {
            setProperty(EXTENSION_PROPERTY, choice.extension());
        }
        // The helpers are oneDNN's, the CPU backend's: a build without it (the CUDA one) runs DL4J's defaults.
        if (!plainDl4j && cpuBackendPresent(loader) && System.getProperty(HELPERS_DISABLE_PROPERTY) == null) {
            setProperty(HELPERS_DISABLE_PROPERTY, "false");
        }
        if (guardReplacesJavaCppCheck(System.getProperty(MAX_PHYSICAL_BYTES_PROPERTY),
                System.getProperty(NativeMemoryGuard.BUDGET_PROPERTY))) {
            setProperty(MAX_PHYSICAL_BYTES_PROPERTY, "0");
        }
        log.debug("Native setup: {}", choice.summary());
        // Started after the properties above: its thread loads JavaCPP, which reads them once.
        NativeMemoryGuard.startForThisProcess();
        return choice;
    }

    /**
     * Whether to turn JavaCPP's own memory check off: JavaCPP 1.5.7 reads {@code /proc/self/statm} (a system call)
     * on every native allocation to compare the resident size with {@value #MAX_PHYSICAL_BYTES_PROPERTY}, about 300
     * times per LeNet training step, while the {@link NativeMemoryGuard} reads the same figure twice a second. Only
     * when the guard runs and the user left JavaCPP's limit alone.
     *
     * @param userMaxPhysicalBytes the user's {@value #MAX_PHYSICAL_BYTES_PROPERTY}, or null
     * @param guardBudget          the user's {@value NativeMemoryGuard#BUDGET_PROPERTY}, or null
     * @return whether to set JavaCPP's limit to 0 (off)
     */
    static boolean guardReplacesJavaCppCheck(String userMaxPhysicalBytes, String guardBudget) {
        if (userMaxPhysicalBytes != null) {
            return false;
        }
        try {
            return NativeMemoryGuard.budgetMb(guardBudget) > 0;
        } catch (IllegalArgumentException e) {
            return false; // the guard will not start, and says why
        }
    }

    /** Whether nd4j-native's backend class is on the classpath; loads nothing. */
    private static boolean cpuBackendPresent(ClassLoader loader) {
        return loader.getResource(CPU_BACKEND_CLASS) != null;
    }

    /**
     * @return whether start-up left DL4J as it ships ({@code --plain-dl4j})
     */
    public static synchronized boolean plainDl4j() {
        return plainDl4j;
    }

    private static void setProperty(String key, String value) {
        System.setProperty(key, value);
        propertiesWeSet.add(key);
    }

    /**
     * Picks the natives build: the most specific oneDNN build this CPU can run and the classpath holds.
     *
     * @param cpu the CPU
     * @param userExtension the user's {@value #EXTENSION_PROPERTY}, or null
     * @param onClasspath whether the natives for an extension (e.g. {@code -onednn}) are on the classpath
     * @return the choice
     */
    static NativeChoice chooseNatives(CpuInfo cpu, String userExtension, Predicate<String> onClasspath) {
        if (userExtension != null) {
            return new NativeChoice(userExtension, "set with -D" + EXTENSION_PROPERTY, true);
        }
        if (cpu.hasAvx512() && onClasspath.test("-onednn-avx512")) {
            return new NativeChoice("-onednn-avx512", "this CPU has AVX-512", false);
        }
        if (cpu.hasAvx2() && onClasspath.test("-onednn-avx2")) {
            return new NativeChoice("-onednn-avx2", "this CPU has AVX2 but no AVX-512", false);
        }
        if (onClasspath.test("-onednn")) {
            String why = cpu.hasAvx512() ? "the AVX-512 build is not on the classpath"
                    : cpu.flags().isEmpty() ? "CPU features unknown" : "this CPU has no AVX-512";
            return new NativeChoice("-onednn", why, false);
        }
        return new NativeChoice("", onClasspath.test("") ? "no oneDNN build of nd4j-native on the classpath"
                : "nd4j-native's CPU natives are not on the classpath", false);
    }

    /**
     * The JavaCPP platform name of this JVM, e.g. {@code linux-x86_64}, as JavaCPP derives it, without loading
     * JavaCPP.
     */
    private static String javacppPlatform() {
        String user = System.getProperty("org.bytedeco.javacpp.platform");
        if (user != null) {
            return user;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        os = os.startsWith("mac") ? "macosx" : os.startsWith("windows") ? "windows" : os.replaceAll("\\s", "");
        arch = switch (arch) {
            case "amd64", "x86-64", "x86_64" -> "x86_64";
            case "aarch64", "armv8" -> "arm64";
            case "i386", "i486", "i586", "i686" -> "x86";
            default -> arch;
        };
        return os + "-" + arch;
    }

    /**
     * The system properties {@link #configure()} set itself (not the user), so a relaunch does not pass them on as if
     * they were the user's.
     *
     * @return property names, unmodifiable
     */
    static synchronized Set<String> propertiesSetByConfigure() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(propertiesWeSet));
    }

    /**
     * Start-up warnings, one line each, that say what to change; call after ND4J loaded (this method loads it).
     *
     * @return the warnings, empty when the runtime is set up well
     */
    public static List<String> warnings() {
        Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
        boolean cpuBackend = "CPU".equalsIgnoreCase(value(info, "backend"));
        // The same test as DL4J's HelperUtils: helpers are off unless the property parses as false.
        boolean disabled = Boolean.parseBoolean(System.getProperty(HELPERS_DISABLE_PROPERTY, "true"));
        boolean helpersWork = cpuBackend && BaseMKLDNNHelper.mklDnnEnabled();
        // Plain DL4J leaves the helpers off on purpose: no warning about that.
        boolean plain = plainDl4j();
        return StartupChecks.warnings(new StartupChecks.Facts(CpuInfo.current(), System.getenv(), cpuBackend,
                disabled && !plain, helpersWork || plain, loadedNativesVariant().orElse("")));
    }

    /**
     * A short human summary of the native runtime for {@code bench}: natives build, BLAS core, threads and which
     * layers of the model run on oneDNN helpers (the acceleration layer describes the rest). Loads ND4J.
     *
     * @param model an initialised network, or null to leave out the per-layer line
     * @return several lines, each starting with a label such as {@code natives:}
     */
    public static String describe(Model model) {
        Properties info = Nd4j.getExecutioner().getEnvironmentInformation();
        Map<String, String> env = System.getenv();
        CpuInfo cpu = CpuInfo.current();
        NativeChoice chosen = configure();
        Optional<String> loaded = loadedNativesVariant();
        List<String> lines = new ArrayList<>();
        String why = loaded.isPresent() && !chosen.extension().isEmpty() && !loaded.get().endsWith(chosen.extension())
                ? "not the chosen " + chosen.extension() + ": ND4J was loaded before NativeSetup.configure()"
                : chosen.reason();
        lines.add("natives: " + value(info, "backend") + " backend, " + loaded.orElse("unknown build") + ": " + why);
        lines.add("BLAS: " + value(info, "blas.vendor") + ", " + OpenBlasCore.ENV + "="
                + env.getOrDefault(OpenBlasCore.ENV,
                        "unset" + (OpenBlasCore.detectsAsPrescott(cpu) ? " (generic Prescott kernels)" : ""))
                + ", " + RecommendedEnvironment.OPENBLAS_THREAD_TIMEOUT + "="
                + env.getOrDefault(RecommendedEnvironment.OPENBLAS_THREAD_TIMEOUT, "unset (idle workers spin)"));
        lines.add("threads: " + value(info, "omp.threads") + " OpenMP, " + RecommendedEnvironment.OMP_WAIT_POLICY + "="
                + env.getOrDefault(RecommendedEnvironment.OMP_WAIT_POLICY, "unset") + ", on " + cpu);
        if (model != null) {
            lines.add("layer helpers: " + HelperReport.of(model));
        }
        return String.join(System.lineSeparator(), lines);
    }

    /**
     * @return the OpenMP threads ND4J's native operations use (OMP_NUM_THREADS when set), or the processors
     *         available to the JVM when ND4J does not say
     */
    public static int openMpThreads() {
        Object value = Nd4j.getExecutioner().getEnvironmentInformation().get("omp.threads");
        try {
            return value == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(value.toString().strip());
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** ND4J stores some environment facts as numbers, which {@link Properties#getProperty} does not return. */
    private static String value(Properties info, String key) {
        Object value = info.get(key);
        return value == null ? "?" : value.toString();
    }

    /**
     * The natives build JavaCPP actually loaded, from the directory of {@code jnind4jcpu} (or {@code jnind4jcuda}),
     * e.g. {@code linux-x86_64-onednn-avx512}.
     *
     * @return the build's directory name, or empty when ND4J's natives are not loaded
     */
    public static Optional<String> loadedNativesVariant() {
        Map<String, String> loaded = Loader.getLoadedLibraries();
        for (String name : List.of("jnind4jcpu", "jnind4jcuda")) {
            String path = loaded.get(name);
            if (path != null && Path.of(path).getParent() != null) {
                return Optional.of(Path.of(path).getParent().getFileName().toString());
            }
        }
        return Optional.empty();
    }
}
