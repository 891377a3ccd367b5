package dev.cnnlab.spark;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.runtime.NativeSetup;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The entry point {@code spark-submit} runs: {@code spark-submit --class dev.cnnlab.spark.SparkTrainMain
 * cnnlab-spark.jar --recipe lenet --shards hdfs:///cnnlab/mnist-lenet --out lenet.zip}. A thin shell over
 * {@link SparkTraining#run}.
 */
@Command(name = "cnnlab-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a cnnlab recipe with DL4J's Spark training; writes a cnnlab model zip on the driver.")
public final class SparkTrainMain implements Callable<Integer> {
    /** Exit code for a failed run. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code for bad usage. */
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2] (default: the one spark-submit passes).")
    String master;

    @Option(names = "--recipe", paramLabel = "NAME", description = "Zoo recipe to train (default: ${DEFAULT-VALUE}).")
    String recipe = "lenet";

    @Option(names = "--shards", paramLabel = "DIR", required = true,
            description = "Directory every executor can read (hdfs://, s3a://, file:// on a shared mount) for the exported training shards; written on first use.")
    String shards;

    @Option(names = "--out", paramLabel = "ZIP", required = true, description = "Model zip to write on the driver.")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set (default: the recipe's).")
    int epochs;

    @Option(names = "--mode", paramLabel = "MODE", description = "shared (gradient sharing) or averaging (parameter averaging) (default: shared).")
    String mode = "shared";

    @Option(names = "--workers-per-executor", paramLabel = "N",
            description = "Training threads per executor, gradient sharing only (default: ${DEFAULT-VALUE}).")
    int workersPerExecutor = 1;

    @Option(names = "--port", paramLabel = "PORT", description = "UDP port for gradient sharing on every node (default: ${DEFAULT-VALUE}).")
    int port = 40123;

    @Option(names = "--network-mask", paramLabel = "CIDR",
            description = "Cluster network for gradient sharing, e.g. 10.0.0.0/16 (default: Spark's addresses).")
    String networkMask;

    @Option(names = "--limit", paramLabel = "N", description = "Export the first N training images only (default: all).")
    int limit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Evaluate on the first N test images only (default: all).")
    int testLimit;

    @Option(names = "--seed", paramLabel = "S", description = "Seed for weights and shuffling (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The driver's cnnlab data directory (default: CNNLAB_DATA or ~/.cnnlab/data).")
    Path dataDir;

    @Option(names = "--stats", paramLabel = "JSON",
            description = "Write each epoch's figures (time, img/s, accuracy, minibatches per executor) to this file.")
    Path stats;

    @Option(names = "--resume",
            description = "Continue from the checkpoint the run wrote beside --out (NAME.checkpoint.zip) after its last finished epoch.")
    boolean resume;

    @Option(names = "--reexport", description = "Export the shards again even if the directory holds an export.")
    boolean reexport;

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        NativeSetup.configure();
        System.exit(run(args));
    }

    /**
     * Parses, trains and reports, without exiting.
     *
     * @param args the command line
     * @return the exit code: 0, {@link #EXIT_FAILURE} or {@link #EXIT_USAGE}
     */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new SparkTrainMain());
        cli.setParameterExceptionHandler((e, ignored) -> {
            e.getCommandLine().getErr().println("cnnlab-spark: " + e.getMessage() + " (see 'cnnlab-spark --help')");
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, parsed) -> {
            PrintWriter err = c.getErr();
            err.println("cnnlab-spark: " + (e instanceof CnnlabException ? e.getMessage()
                    : "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage()));
            err.flush();
            return EXIT_FAILURE;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        SparkTrainingOptions options = toOptions();
        try (JavaSparkContext sc = new JavaSparkContext(SparkSetup.conf(master))) {
            SparkTrainingResult result = SparkTraining.run(sc, options);
            System.out.printf(Locale.ROOT, "test accuracy %.4f on %d images%nmodel: %s%n", result.test().accuracy(),
                    result.test().count(), result.modelFile());
        }
        return 0;
    }

    SparkTrainingOptions toOptions() {
        SparkTrainingOptions o = new SparkTrainingOptions();
        o.recipe = recipe;
        o.shards = shards;
        o.out = out;
        o.epochs = epochs;
        o.mode = switch (mode.toLowerCase(Locale.ROOT)) {
            case "shared" -> SparkMode.SHARED;
            case "averaging" -> SparkMode.AVERAGING;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--mode: expected shared or averaging, got " + mode);
        };
        o.workersPerExecutor = workersPerExecutor;
        o.port = port;
        o.networkMask = networkMask;
        o.limit = limit;
        o.testLimit = testLimit;
        o.seed = seed;
        o.dataDir = dataDir;
        o.reexport = reexport;
        o.stats = stats;
        o.resume = resume;
        try {
            return o.validate();
        } catch (CnnlabException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
