package dev.cnnlab.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JVM options cnnlab starts with, declared once in the resource {@value #RESOURCE} beside this class, which
 * {@code scripts/jvm-options.sh} reads too.
 *
 * <p>Why: with ND4J's CPU backend an array's native buffer is freed only when the collector finds its small Java
 * object dead (see {@link NativeMemoryGuard}). A young generation of a fixed, modest size is collected after every
 * few tens of megabytes of Java allocation, so dead arrays' buffers go back at an even pace; G1's default sizing grows
 * and shrinks the heap and its young generation from one moment to the next, so a long run's resident memory rose and
 * fell widely from epoch to epoch. The serial collector keeps the young generation at the size given; the heap may
 * still grow past its initial size when a job needs it. docs/backends.md#memory has the measurements.
 */
public final class RecommendedJvmOptions {
    /** The resource, in this class's package, that holds the options. */
    public static final String RESOURCE = "jvm-options";
    /** The environment variables the JVM and its launcher read options from, besides the command line. */
    public static final String ENVIRONMENT_VARIABLES = "JDK_JAVA_OPTIONS JAVA_TOOL_OPTIONS";

    private RecommendedJvmOptions() {
    }

    /**
     * @return the options, in the resource's order
     */
    public static List<String> all() {
        try (InputStream in = RecommendedJvmOptions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing beside "
                        + RecommendedJvmOptions.class.getName());
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param text the resource's text
     * @return its options: the lines that are neither blank nor comments, stripped
     */
    static List<String> parse(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /**
     * The recommended options that the given options leave room for: a collector, an initial heap size or a
     * young-generation size the user chose always wins, and a maximum heap size the user chose drops the recommended
     * initial and young-generation sizes, which could exceed it.
     *
     * @param current a JVM's options, e.g. the user's {@code JAVA_OPTS}
     * @return the recommended options to add, possibly none
     */
    public static List<String> missing(List<String> current) {
        return all().stream()
                .filter(option -> current.stream().noneMatch(given -> overrides(given, option)))
                .toList();
    }

    private static boolean overrides(String given, String recommended) {
        String kind = kind(recommended);
        return kind(given).equals(kind)
                || (kind.equals("initial-heap") || kind.equals("young")) && kind(given).equals("maximum-heap");
    }

    /**
     * The options the JVM also takes from the environment ({@value #ENVIRONMENT_VARIABLES}), which a child JVM
     * inherits with it; the user's choices there count as much as on the command line.
     *
     * @param environment the environment, e.g. {@code System.getenv()}
     * @return the options those variables hold, in order
     */
    public static List<String> fromEnvironment(Map<String, String> environment) {
        return Stream.of(ENVIRONMENT_VARIABLES.split(" "))
                .map(name -> environment.getOrDefault(name, ""))
                .flatMap(value -> Stream.of(value.strip().split("\\s+")))
                .filter(option -> !option.isEmpty())
                .toList();
    }

    /**
     * @param option a JVM option
     * @return what it sets: {@code collector}, {@code initial-heap}, {@code maximum-heap}, {@code young} or, for any
     *     other option, itself
     */
    static String kind(String option) {
        String o = option.strip();
        if (o.startsWith("-XX:+Use") && o.endsWith("GC")) {
            return "collector";
        }
        if (o.startsWith("-Xms") || o.startsWith("-XX:InitialHeapSize=")) {
            return "initial-heap";
        }
        if (o.startsWith("-Xmx") || o.startsWith("-XX:MaxHeapSize=")) {
            return "maximum-heap";
        }
        if (o.startsWith("-Xmn") || o.startsWith("-XX:NewSize=") || o.startsWith("-XX:MaxNewSize=")) {
            return "young";
        }
        return o.toLowerCase(Locale.ROOT);
    }
}
