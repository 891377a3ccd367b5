package dev.cnnlab.zoo;

import dev.cnnlab.EnumKeys;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the learning rate changes from epoch to epoch, after an optional linear warm-up. Every schedule steps at
 * epoch boundaries, counting DL4J's epochs (the configuration's epoch count, which a resumed run restores), so
 * data-parallel workers, the batch split and a resumed run all see the rate an uninterrupted plain run would.
 *
 * <p>DL4J 1.0.0-M2.1 has no cosine or warm-up schedule. Because the rate changes once per epoch, each is written as
 * DL4J's own {@link MapSchedule}, one value per epoch of the run: a saved model stays readable by any DL4J.
 */
public enum LearningRateSchedule {
    /** The rate times {@code lrDecay^e} in epoch {@code e} (from 0, after the warm-up); constant at decay 1. */
    EXPONENTIAL("exponential"),
    /**
     * Half a cosine from the rate towards 0 over the {@code E} epochs after the warm-up: epoch {@code e} at
     * {@code lr * (1 + cos(pi * e / E)) / 2}; 0 once past them.
     */
    COSINE("cosine");

    private final String key;

    LearningRateSchedule(String key) {
        this.key = key;
    }

    /** @return the name used with {@code --lr-schedule} and in a run's saved options */
    public String key() {
        return key;
    }

    /**
     * @param warmupEpochs epochs of warm-up
     * @return whether {@link #schedule} is written for a run's number of epochs, so that a resumed run which raises
     *         them must build it anew (the exponential decay without warm-up goes on for ever as it is)
     */
    public boolean spansTheRun(int warmupEpochs) {
        return this != EXPONENTIAL || warmupEpochs > 0;
    }

    /**
     * @param learningRate the peak rate: the first epoch's without warm-up
     * @param lrDecay      the per-epoch factor of {@link #EXPONENTIAL}; ignored by {@link #COSINE}
     * @param epochs       the run's epochs, warm-up included
     * @param warmupEpochs epochs of linear warm-up first, epoch {@code e} (from 0) at
     *                     {@code learningRate * (e + 1) / (warmupEpochs + 1)}; 0 for none
     * @return DL4J's schedule, or null for a constant rate. Exponential decay without warm-up is DL4J's
     *         {@link ExponentialSchedule}, exactly what runs trained with before schedules could be chosen; the rest
     *         are {@link MapSchedule}s holding {@link #rateAt} for epochs 0 to {@code epochs}
     */
    public ISchedule schedule(double learningRate, double lrDecay, int epochs, int warmupEpochs) {
        if (!spansTheRun(warmupEpochs)) {
            return lrDecay == 1.0 ? null : new ExponentialSchedule(ScheduleType.EPOCH, learningRate, lrDecay);
        }
        Map<Integer, Double> byEpoch = new LinkedHashMap<>();
        for (int epoch = 0; epoch <= epochs; epoch++) {
            byEpoch.put(epoch, rateAt(epoch, learningRate, lrDecay, epochs, warmupEpochs));
        }
        return new MapSchedule(ScheduleType.EPOCH, byEpoch);
    }

    /**
     * @param epoch        the epoch, from 0
     * @param learningRate the peak rate
     * @param lrDecay      the per-epoch factor of {@link #EXPONENTIAL}
     * @param epochs       the run's epochs, warm-up included
     * @param warmupEpochs epochs of linear warm-up first
     * @return the rate of that epoch
     */
    public double rateAt(int epoch, double learningRate, double lrDecay, int epochs, int warmupEpochs) {
        if (epoch < warmupEpochs) {
            return learningRate * (epoch + 1) / (warmupEpochs + 1);
        }
        int warm = epoch - warmupEpochs;
        int span = Math.max(1, epochs - warmupEpochs);
        return switch (this) {
            case EXPONENTIAL -> learningRate * Math.pow(lrDecay, warm);
            case COSINE -> warm >= span ? 0 : learningRate * 0.5 * (1 + Math.cos(Math.PI * warm / span));
        };
    }

    /**
     * @param key a schedule's name, in any case
     * @return the schedule
     * @throws IllegalArgumentException listing the names when there is none of that name
     */
    public static LearningRateSchedule byKey(String key) {
        return EnumKeys.require(values(), LearningRateSchedule::key, key);
    }
}
