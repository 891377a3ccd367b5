package dev.cnnlab.bench;

import dev.cnnlab.CnnlabException;

/**
 * How {@code cnnlab bench} measures: the same settings {@code scripts/bench-pytorch.py} takes.
 *
 * @param seconds the timed part of each measurement, in seconds (a warm-up of half as long comes first)
 * @param windows how many equal windows the timed part is split into; the result is their median
 * @param batchSize training batch size
 * @param seed seed for the networks' initial weights
 * @param backpropShortcuts whether training applies {@link dev.cnnlab.acceleration.BackpropShortcuts}, as cnnlab's
 *                          training does (off only to measure what they save)
 * @param splitBatch whether training computes each batch in parts at once, one per core
 *                   ({@link dev.cnnlab.acceleration.split.SplitBatchMultiLayerNetwork}), as cnnlab's training does (off only
 *                   to measure what that saves)
 */
public record BenchSettings(double seconds, int windows, int batchSize, long seed, boolean backpropShortcuts,
                            boolean splitBatch) {
    /** Default timed seconds per measurement: enough for a stable median on 2 cores, short enough to run often. */
    public static final double DEFAULT_SECONDS = 10;
    /** Default number of windows. */
    public static final int DEFAULT_WINDOWS = 5;
    /** Default training batch size, as in the recipes. */
    public static final int DEFAULT_BATCH_SIZE = 64;

    /**
     * Checks every value, naming the flag that sets it.
     *
     * @param seconds the timed seconds per measurement
     * @param windows the number of windows
     * @param batchSize the training batch size
     * @param seed the weight seed
     * @param backpropShortcuts whether training applies the backprop shortcuts
     * @param splitBatch whether training splits each batch over the cores
     * @throws CnnlabException for a value out of range
     */
    public BenchSettings {
        if (!(seconds > 0) || seconds > 3600) {
            throw new CnnlabException("--seconds: expected a number of seconds above 0 and at most 3600, got " + seconds);
        }
        if (windows < 1 || windows > 1000) {
            throw new CnnlabException("--windows: expected 1 to 1000 windows, got " + windows);
        }
        if (batchSize < 1 || batchSize > ImagePool.MNIST_SIZE) {
            throw new CnnlabException("--batch-size: expected 1 to " + ImagePool.MNIST_SIZE + " images, got " + batchSize);
        }
    }
}
