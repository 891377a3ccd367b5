package dev.cnnlab.spark;

import dev.cnnlab.CnnlabException;

import java.nio.file.Path;

/**
 * Everything that defines a Spark training run; every field but {@link #shards} and {@link #out} has a default.
 */
public final class SparkTrainingOptions {
    /** The zoo recipe: network, dataset, batch size, learning rate and scaling. */
    public String recipe = "lenet";
    /** Directory (any Hadoop file system URI, e.g. {@code hdfs:///cnnlab/mnist}) holding the exported shards. */
    public String shards;
    /** Where to write the model zip (on the driver). */
    public Path out;
    /** Passes over the training shards (0: the recipe's). */
    public int epochs = 0;
    /** Export at most this many training images (0: all). */
    public int limit = 0;
    /** Evaluate on at most this many test images (0: all). */
    public int testLimit = 0;
    /** How the workers combine their updates. */
    public SparkMode mode = SparkMode.SHARED;
    /** Training threads per executor (gradient sharing only; 1 per executor core is usual on CPUs). */
    public int workersPerExecutor = 1;
    /** Seed for weights and shuffling. */
    public long seed = 42;
    /** The driver's cnnlab data directory, read by the export and the test evaluation; null: the default. */
    public Path dataDir;
    /** UDP port of the gradient-sharing parameter server on every node (gradient sharing only). */
    public int port = 40123;
    /** The cluster network to exchange updates on, such as {@code 10.0.0.0/16}; null: Spark's address. */
    public String networkMask;
    /** A JSON file rewritten after every epoch with the run's figures ({@link RunFigures}); null: none. */
    public Path stats;
    /** Continue from the checkpoint beside {@link #out} ({@link SparkCheckpoint}) instead of starting afresh. */
    public boolean resume;
    /** Write the shards again even when the directory holds a matching export. */
    public boolean reexport;

    /**
     * @return this
     * @throws CnnlabException naming the flag of the first bad value
     */
    public SparkTrainingOptions validate() {
        require(shards != null && !shards.isBlank(), "--shards", "a directory every executor can read", shards);
        require(out != null, "--out", "the model zip to write", out);
        require(epochs >= 0, "--epochs", "0 (the recipe's) or a positive number", epochs);
        require(limit >= 0, "--limit", "0 (all) or a positive number of images", limit);
        require(testLimit >= 0, "--test-limit", "0 (all) or a positive number of images", testLimit);
        require(port > 0 && port < 65536, "--port", "a UDP port number", port);
        require(workersPerExecutor >= 1, "--workers-per-executor", "a whole number of at least 1", workersPerExecutor);
        return this;
    }

    private static void require(boolean ok, String flag, String expected, Object got) {
        if (!ok) {
            throw new CnnlabException(flag + ": expected " + expected + ", got " + got);
        }
    }
}
