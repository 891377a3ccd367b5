package dev.cnnlab.djlbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line, with the flags and defaults of {@code cnnlab bench} and {@code bench-pytorch.py}.
 *
 * @param models     the networks to measure
 * @param seconds    timed seconds per measurement (after a warm-up of half as long)
 * @param windows    windows the timed seconds are split into; the median counts
 * @param batchSize  training batch size
 * @param seed       seed of the initial weights
 * @param dataDir    the data directory (MNIST in {@code mnist/}, cats vs dogs as cnnlab finds it)
 * @param json       where to write the results, or null
 * @param describe   print the runtime configuration and exit
 * @param check      train one epoch on 6,000 MNIST images and test on the 10,000 test images instead of measuring
 * @param worker     measure here instead of in one child JVM per network (set on the children)
 * @param verbose    DJL's informational log lines too
 */
public record BenchOptions(List<String> models, double seconds, int windows, int batchSize, long seed, Path dataDir,
                           Path json, boolean describe, boolean check, boolean worker, boolean verbose) {
    /** The networks this peer builds. */
    public static final List<String> MODELS = List.of("lenet", "keras-mnist", "catsdogs");

    /** Usage text. */
    public static final String USAGE = """
            Usage: djl-bench [--models lenet,keras-mnist,catsdogs] [--seconds 10] [--windows 5] [--batch-size 64]
                             [--seed 42] [--data-dir DIR] [--json FILE] [--describe] [--check] [--verbose]
              Measures training img/s, inference img/s at batch 1 and 256 and peak RSS of cnnlab's zoo networks with
              DJL's PyTorch engine, as `cnnlab bench` measures them (default models: lenet,keras-mnist).
              --check trains LeNet (or the first of --models) for one epoch on the first 6,000 MNIST training images
              and prints the loss and the accuracy on the 10,000 test images; it fails when the loss does not fall.
            """;

    /**
     * @param args the command line
     * @return the options
     * @throws BenchInputException naming the flag whose value is wrong
     */
    public static BenchOptions parse(String[] args) {
        List<String> models = List.of("lenet", "keras-mnist");
        double seconds = 10;
        int windows = 5;
        int batchSize = 64;
        long seed = 42;
        Path dataDir = defaultDataDir();
        Path json = null;
        boolean describe = false;
        boolean check = false;
        boolean worker = false;
        boolean verbose = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--models" -> models = models(value(args, ++i, flag));
                case "--seconds" -> seconds = number(value(args, ++i, flag), flag);
                case "--windows" -> windows = (int) whole(value(args, ++i, flag), flag);
                case "--batch-size" -> batchSize = (int) whole(value(args, ++i, flag), flag);
                case "--seed" -> seed = whole(value(args, ++i, flag), flag);
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, flag));
                case "--json" -> json = Path.of(value(args, ++i, flag));
                case "--describe" -> describe = true;
                case "--check" -> check = true;
                case "--worker" -> worker = true;
                case "--verbose" -> verbose = true;
                default -> throw new BenchInputException("unknown option '" + flag + "' (see --help)");
            }
        }
        if (!(seconds > 0) || seconds > 3600) {
            throw new BenchInputException("--seconds: expected a number of seconds above 0 and at most 3600, got "
                    + seconds);
        }
        if (windows < 1 || windows > 1000) {
            throw new BenchInputException("--windows: expected 1 to 1000 windows, got " + windows);
        }
        if (batchSize < 1 || batchSize > ImagePool.MNIST_SIZE) {
            throw new BenchInputException("--batch-size: expected 1 to " + ImagePool.MNIST_SIZE + " images, got "
                    + batchSize);
        }
        return new BenchOptions(models, seconds, windows, batchSize, seed, dataDir, json, describe, check, worker,
                verbose);
    }

    /** @return the arguments that make a child JVM measure one network as these options say */
    List<String> workerArgs(String model, Path out) {
        return new ArrayList<>(List.of("--worker", "--models", model, "--seconds", Double.toString(seconds),
                "--windows", Integer.toString(windows), "--batch-size", Integer.toString(batchSize),
                "--seed", Long.toString(seed), "--data-dir", dataDir.toString(), "--json", out.toString()));
    }

    private static Path defaultDataDir() {
        String env = System.getenv("CNNLAB_DATA");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".cnnlab", "data");
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new BenchInputException(flag + ": expected a value");
        }
        return args[i];
    }

    private static List<String> models(String list) {
        List<String> names = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String name : names) {
            if (!MODELS.contains(name)) {
                throw new BenchInputException("--models: unknown network '" + name + "', expected one of "
                        + String.join(", ", MODELS));
            }
        }
        if (names.isEmpty()) {
            throw new BenchInputException("--models: expected at least one of " + String.join(", ", MODELS));
        }
        return names;
    }

    private static double number(String text, String flag) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new BenchInputException(flag + ": expected a number, got '" + text + "'");
        }
    }

    private static long whole(String text, String flag) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new BenchInputException(flag + ": expected a whole number, got '" + text + "'");
        }
    }
}
