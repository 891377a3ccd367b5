package dev.cnnlab.zoo;

import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * A linear warm-up by epoch before another schedule: epoch {@code e < warmupEpochs} (from 0) trains at
 * {@code peak * (e + 1) / (warmupEpochs + 1)}, rising from a small fraction of the peak; from epoch
 * {@code warmupEpochs} on, the value is {@code after}'s, whose epochs count from the end of the warm-up.
 *
 * <p>Public with JSON properties because DL4J writes the schedule into the model's JSON and reads it back by
 * class name.
 */
public final class WarmupSchedule implements ISchedule {
    private final int warmupEpochs;
    private final double peak;
    private final ISchedule after;

    /**
     * @param warmupEpochs the epochs of the warm-up; at least 1
     * @param peak         the value the warm-up rises towards (the value {@code after} starts from)
     * @param after        the schedule once warm; null keeps {@code peak}
     */
    public WarmupSchedule(@JsonProperty("warmupEpochs") int warmupEpochs, @JsonProperty("peak") double peak,
                          @JsonProperty("after") ISchedule after) {
        if (warmupEpochs < 1) {
            throw new IllegalArgumentException("a warm-up needs at least 1 epoch, got " + warmupEpochs);
        }
        this.warmupEpochs = warmupEpochs;
        this.peak = peak;
        this.after = after == null ? new FixedSchedule(peak) : after;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (epoch < warmupEpochs) {
            return peak * (Math.max(0, epoch) + 1) / (warmupEpochs + 1);
        }
        return after.valueAt(iteration, epoch - warmupEpochs);
    }

    @Override
    public ISchedule clone() {
        return new WarmupSchedule(warmupEpochs, peak, after.clone());
    }

    /** @return the epochs of the warm-up */
    public int getWarmupEpochs() {
        return warmupEpochs;
    }

    /** @return the value the warm-up rises towards */
    public double getPeak() {
        return peak;
    }

    /** @return the schedule once warm */
    public ISchedule getAfter() {
        return after;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WarmupSchedule w && w.warmupEpochs == warmupEpochs && w.peak == peak && w.after.equals(after);
    }

    @Override
    public int hashCode() {
        return Objects.hash(warmupEpochs, peak, after);
    }

    @Override
    public String toString() {
        return "WarmupSchedule(warmupEpochs=" + warmupEpochs + ", peak=" + peak + ", after=" + after + ")";
    }
}
