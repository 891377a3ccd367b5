package dev.cnnlab.runtime;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-executes the program in a child JVM whose environment holds {@link RecommendedEnvironment}'s variables.
 *
 * <p>Why: libgomp and OpenBLAS read {@code OMP_WAIT_POLICY}, {@code OMP_NUM_THREADS}, {@code OPENBLAS_CORETYPE} and
 * {@code OPENBLAS_THREAD_TIMEOUT} once, when the natives load, and Java cannot change its own environment.
 * {@code scripts/cnnlab} sets them, but {@code mvn exec:java} runs the program inside Maven's JVM; there the only way
 * to get them is a new process.
 * The child gets the same main class, arguments, classpath (from the main class's loader under exec:java) and the
 * relevant {@code -D} / memory options, plus {@link RecommendedJvmOptions} of any kind those do not set; it inherits
 * stdin/stdout/stderr, and is killed if the parent is interrupted.
 * Setting {@value #NO_RELAUNCH_ENV}{@code =1} turns this off (the launcher script and the child itself set it).
 */
public final class Relauncher {

    /** Environment variable that, set to {@code 1} or {@code true}, keeps the program in the current JVM. */
    public static final String NO_RELAUNCH_ENV = "CNNLAB_NO_RELAUNCH";

    /** System properties a child inherits: those that configure JavaCPP, ND4J, DL4J, logging and cnnlab itself. */
    private static final List<String> FORWARDED_PROPERTY_PREFIXES = List.of("org.bytedeco.", "org.nd4j.",
            "org.deeplearning4j.", "org.eclipse.deeplearning4j.", "logback.", "slf4j.", "cnnlab.", "javacpp.",
            "java.awt.headless", "file.encoding");

    /** JVM options a child inherits: memory, module access and assertions, not agents (a debugger would clash). */
    private static final List<String> FORWARDED_JVM_OPTION_PREFIXES = List.of("-Xmx", "-Xms", "-Xmn", "-Xss", "-XX:",
            "--add-opens", "--add-exports", "--enable-native-access", "--sun-misc-unsafe-memory-access", "-ea",
            "-enableassertions", "-esa");

    /**
     * How long a stopped parent waits for the child to exit before killing it: a training child finishes its
     * iteration and writes a checkpoint first (it waits at most 45 s for that, see the training package).
     */
    static final long CHILD_STOP_SECONDS = 60;

    private static final Logger log = LoggerFactory.getLogger(Relauncher.class);

    private Relauncher() {
    }

    /**
     * Runs the program in a child JVM if this process lacks the recommended native environment. Call at the very start
     * of {@code main}, before ND4J loads; when it returns an exit code, exit with it and do nothing else:
     * <pre>{@code
     * OptionalInt child = Relauncher.relaunchIfNeeded(Main.class, args);
     * if (child.isPresent()) System.exit(child.getAsInt());
     * }</pre>
     *
     * @param mainClass the class whose {@code main} the child runs
     * @param args the program arguments, passed on unchanged
     * @return the child's exit code, or empty when the program should go on in this JVM (nothing missing, relaunch
     *     switched off, running under a debugger, or the child could not be started: then a warning was logged)
     */
    public static OptionalInt relaunchIfNeeded(Class<?> mainClass, String[] args) {
        Map<String, String> missing = RecommendedEnvironment.missingHere();
        if (missing.isEmpty() || isSwitchedOff(System.getenv(NO_RELAUNCH_ENV))) {
            return OptionalInt.empty();
        }
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (jvmArgs.stream().anyMatch(a -> a.startsWith("-agentlib:jdwp") || a.startsWith("-Xrunjdwp"))) {
            log.warn("Not restarting under a debugger; for full speed set {} before starting Java", describe(missing));
            return OptionalInt.empty();
        }
        try {
            List<String> childJvmArgs = new ArrayList<>(jvmArgs);
            List<String> chosen = new ArrayList<>(jvmArgs);
            chosen.addAll(RecommendedJvmOptions.fromEnvironment(System.getenv()));
            childJvmArgs.addAll(RecommendedJvmOptions.missing(chosen));
            List<String> command = command(javaExecutable(), classpath(mainClass), childJvmArgs, forwardedProperties(),
                    mainClass.getName(), args);
            log.debug("Restarting in a child JVM with {} ({}=1 to skip)", describe(missing), NO_RELAUNCH_ENV);
            return OptionalInt.of(runChild(command, missing));
        } catch (IOException | RuntimeException e) {
            log.warn("Could not restart with {} ({}); continuing in this JVM, training may be 2-5x slower",
                    describe(missing), e.toString());
            return OptionalInt.empty();
        }
    }

    static boolean isSwitchedOff(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
    }

    /**
     * Builds the child's command line.
     *
     * @param java the java executable
     * @param classpath the classpath entries
     * @param jvmArgs this JVM's options; only {@link #FORWARDED_JVM_OPTION_PREFIXES} are kept
     * @param properties the system properties to pass as {@code -D}
     * @param mainClass the main class name
     * @param args the program arguments
     * @return the command
     */
    static List<String> command(String java, List<String> classpath, List<String> jvmArgs, Properties properties,
            String mainClass, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(java);
        for (String arg : jvmArgs) {
            if (FORWARDED_JVM_OPTION_PREFIXES.stream().anyMatch(arg::startsWith)) {
                command.add(arg);
            }
        }
        for (String key : new TreeSet<>(properties.stringPropertyNames())) {
            command.add("-D" + key + "=" + properties.getProperty(key));
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        return command;
    }

    /**
     * The system properties worth passing on: the user's, in the forwarded namespaces, minus those
     * {@link NativeSetup#configure()} set (the child decides those itself).
     */
    static Properties forwardedProperties() {
        Set<String> ours = NativeSetup.propertiesSetByConfigure();
        Properties all = System.getProperties();
        Properties forwarded = new Properties();
        for (String key : all.stringPropertyNames()) {
            if (!ours.contains(key) && FORWARDED_PROPERTY_PREFIXES.stream().anyMatch(key::startsWith)) {
                forwarded.setProperty(key, all.getProperty(key));
            }
        }
        return forwarded;
    }

    /**
     * The classpath that loaded the main class: its class loader's URLs when that is a separate URL class loader (as
     * under {@code mvn exec:java}, where {@code java.class.path} is only Maven's launcher), else
     * {@code java.class.path}.
     *
     * @param mainClass the class whose loader to read
     * @return the classpath entries, as local paths
     * @throws IllegalStateException when an entry is not a local file
     */
    public static List<String> classpath(Class<?> mainClass) {
        ClassLoader loader = mainClass.getClassLoader();
        if (loader instanceof URLClassLoader urls && loader != ClassLoader.getSystemClassLoader()) {
            List<String> entries = new ArrayList<>();
            for (URL url : urls.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalStateException("classpath entry is not a local file: " + url, e);
                }
            }
            return entries;
        }
        return Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
    }

    static String javaExecutable() throws IOException {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        Path java = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
        if (!Files.isExecutable(java)) {
            throw new IOException("no java executable at " + java);
        }
        return java.toString();
    }

    /**
     * Starts the child with extra environment variables, waits, and kills it if this JVM is shut down (Ctrl-C,
     * SIGTERM) first.
     *
     * @return the child's exit code
     */
    static int runChild(List<String> command, Map<String, String> extraEnvironment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(extraEnvironment);
        builder.environment().put(NO_RELAUNCH_ENV, "1");
        Process child = builder.start();
        Thread killer = new Thread(() -> stop(child), "cnnlab-stop-child");
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(child);
            return 130; // the shell's code for "interrupted"
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or will run; it stops the child
            }
        }
    }

    private static void stop(Process child) {
        if (!child.isAlive()) {
            return;
        }
        child.destroy(); // SIGTERM: lets the child's own shutdown hooks run
        try {
            if (!child.waitFor(CHILD_STOP_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String describe(Map<String, String> env) {
        return env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
