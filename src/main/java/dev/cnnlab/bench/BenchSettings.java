package dev.cnnlab.bench;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.InvalidValueException;
import dev.cnnlab.acceleration.AccelerationSettings;

/**
 * How {@code cnnlab bench} measures: the same settings {@code scripts/bench-pytorch.py} takes.
 *
 * @param seconds the timed part of each measurement, in seconds (a warm-up of half as long comes first)
 * @param windows how many equal windows the timed part is split into; the result is their median
 * @param batchSize training batch size
 * @param seed seed for the networks' initial weights
 * @param acceleration what the acceleration layer may apply, as cnnlab's training does (parts of it off, or plain DL4J,
 *                     only to measure what they save)
 */
public record BenchSettings(double seconds, int windows, int batchSize, long seed, AccelerationSettings acceleration) {
    /** Default timed seconds per measurement: enough for a stable median on 2 cores, short enough to run often. */
    public static final double DEFAULT_SECONDS = 10;
    /** Default number of windows. */
    public static final int DEFAULT_WINDOWS = 5;
    /** Default training batch size, as in the recipes. */
    public static final int DEFAULT_BATCH_SIZE = 64;

    /**
     * Checks every value, naming the one that is wrong.
     *
     * @param seconds the timed seconds per measurement
     * @param windows the number of windows
     * @param batchSize the training batch size
     * @param seed the weight seed
     * @param acceleration what the acceleration layer may apply
     * @throws CnnlabException for a value out of range
     */
    public BenchSettings {
        if (!(seconds > 0) || seconds > 3600) {
            throw new InvalidValueException("bench seconds",
                    "expected a number of seconds above 0 and at most 3600, got " + seconds);
        }
        if (windows < 1 || windows > 1000) {
            throw new InvalidValueException("bench windows", "expected 1 to 1000 windows, got " + windows);
        }
        if (batchSize < 1 || batchSize > ImagePool.MNIST_SIZE) {
            throw new InvalidValueException("bench batch_size", "expected 1 to " + ImagePool.MNIST_SIZE
                    + " images, got " + batchSize);
        }
    }
}
