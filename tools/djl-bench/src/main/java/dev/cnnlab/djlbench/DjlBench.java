package dev.cnnlab.djlbench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.google.gson.GsonBuilder;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command: measures cnnlab's zoo networks with DJL's PyTorch engine and writes the JSON {@code cnnlab bench
 * --json} writes, {@code {"<model>": {"train_img_s", "infer_b1_img_s", "infer_b256_img_s", "peak_rss_mb"}}}.
 *
 * <p>Each network runs in a JVM of its own, as in cnnlab's bench, so its peak memory is its own. DJL runs with its
 * own defaults (libtorch's intra-op threads: the physical cores) and only the settings its documentation gives for
 * working offline: {@code ai.djl.offline=true}, {@code PYTORCH_VERSION} and {@code PYTORCH_FLAVOR}, which make it use
 * the libtorch on the class path and never download one.
 */
public final class DjlBench {
    private static final String PYTORCH_VERSION = "2.7.1";

    private DjlBench() {
    }

    /**
     * @param args see {@link BenchOptions#USAGE}
     */
    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (BenchInputException e) {
            System.err.println("djl-bench: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    private static int run(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(BenchOptions.USAGE);
            return 0;
        }
        BenchOptions options = BenchOptions.parse(args);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(options.verbose() ? Level.INFO : Level.WARN);
        offline();
        if (options.describe()) {
            System.out.print(RuntimeDescription.describe());
            return 0;
        }
        if (options.check()) {
            return AccuracyCheck.run(options.models().get(0), options) ? 0 : 1;
        }
        Map<String, Object> results = new LinkedHashMap<>();
        if (options.worker() || options.models().size() == 1 && options.json() == null) {
            for (String name : options.models()) {
                ImagePool pool = Networks.onPhotos(name) ? PhotoImages.read(options.dataDir(), 64, 64)
                        : MnistImages.read(options.dataDir(), "train", ImagePool.MNIST_SIZE);
                System.out.println(name + " (DJL):");
                System.out.print(RuntimeDescription.describe());
                System.out.flush();
                results.put(name, Throughput.measure(name, pool, options));
            }
        } else {
            for (String name : options.models()) {
                results.putAll(inChild(name, options));
            }
        }
        if (!options.worker()) {
            System.out.print(table(results, options.batchSize()));
        }
        if (options.json() != null) {
            write(results, options.json());
        }
        return 0;
    }

    /** DJL's documented offline settings, unless given on the command line. */
    private static void offline() {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        System.setProperty("PYTORCH_VERSION", System.getProperty("PYTORCH_VERSION", PYTORCH_VERSION));
        System.setProperty("PYTORCH_FLAVOR", System.getProperty("PYTORCH_FLAVOR", "cpu"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inChild(String name, BenchOptions options) {
        Path out = null;
        try {
            out = Files.createTempFile("djl-bench-", ".json");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), DjlBench.class.getName()));
            command.addAll(options.workerArgs(name, out));
            int code = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (code != 0) {
                throw new BenchInputException("measuring " + name + " failed (exit code " + code + ")");
            }
            return new GsonBuilder().create().fromJson(Files.readString(out), Map.class);
        } catch (IOException e) {
            throw new BenchInputException("cannot run a child JVM for " + name + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchInputException("interrupted while measuring " + name);
        } finally {
            if (out != null) {
                new File(out.toString()).delete();
            }
        }
    }

    private static void write(Map<String, Object> results, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(results));
        } catch (IOException e) {
            throw new BenchInputException(file + ": cannot write the results (" + e.getMessage() + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static String table(Map<String, Object> results, int batchSize) {
        String format = "%-14s %14s %16s %18s %14s%n";
        StringBuilder s = new StringBuilder(String.format(format, "model", "train img/s", "infer b1 img/s",
                "infer b256 img/s", "peak RSS MB"));
        s.append(String.format(format, "", "(batch " + batchSize + ")", "", "", ""));
        results.forEach((name, value) -> {
            Map<String, Object> r = (Map<String, Object>) value;
            s.append(String.format(format, name, fmt(r.get("train_img_s")), fmt(r.get("infer_b1_img_s")),
                    fmt(r.get("infer_b256_img_s")), fmt(r.get("peak_rss_mb"))));
        });
        return s.toString();
    }

    private static String fmt(Object value) {
        return value instanceof Number n ? String.format("%,.0f", n.doubleValue()) : "n/a";
    }
}
