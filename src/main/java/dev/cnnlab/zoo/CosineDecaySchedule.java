package dev.cnnlab.zoo;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * Cosine decay by epoch: epoch {@code e} (from 0) of {@code epochs} trains at
 * {@code initialValue * (1 + cos(pi * e / epochs)) / 2}, from the full value in the first epoch towards 0 in the
 * last; epochs past the end stay at 0. The rate changes at epoch boundaries, like DL4J's
 * {@code ScheduleType.EPOCH} schedules, so it counts the same epochs a resumed run restores.
 *
 * <p>DL4J 1.0.0-M2.1 has no cosine schedule. Public with JSON properties because DL4J writes the schedule into the
 * model's JSON and reads it back by class name.
 */
public final class CosineDecaySchedule implements ISchedule {
    private final double initialValue;
    private final int epochs;

    /**
     * @param initialValue the value of the first epoch
     * @param epochs       the epochs the value decays over; at least 1
     */
    public CosineDecaySchedule(@JsonProperty("initialValue") double initialValue, @JsonProperty("epochs") int epochs) {
        if (epochs < 1) {
            throw new IllegalArgumentException("a cosine schedule needs at least 1 epoch, got " + epochs);
        }
        this.initialValue = initialValue;
        this.epochs = epochs;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        if (epoch >= epochs) {
            return 0;
        }
        return initialValue * 0.5 * (1 + Math.cos(Math.PI * Math.max(0, epoch) / epochs));
    }

    @Override
    public ISchedule clone() {
        return new CosineDecaySchedule(initialValue, epochs);
    }

    /** @return the value of the first epoch */
    public double getInitialValue() {
        return initialValue;
    }

    /** @return the epochs the value decays over */
    public int getEpochs() {
        return epochs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CosineDecaySchedule c && c.initialValue == initialValue && c.epochs == epochs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(initialValue, epochs);
    }

    @Override
    public String toString() {
        return "CosineDecaySchedule(initialValue=" + initialValue + ", epochs=" + epochs + ")";
    }
}
