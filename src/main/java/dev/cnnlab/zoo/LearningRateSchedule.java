package dev.cnnlab.zoo;

import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the learning rate changes from epoch to epoch. Every schedule steps at epoch boundaries, counting DL4J's
 * epochs (the configuration's epoch count, which a resumed run restores), so data-parallel workers, the batch split
 * and a resumed run all see the rate an uninterrupted plain run would.
 */
public enum LearningRateSchedule {
    /** The rate times {@code lrDecay^e} in epoch {@code e} (from 0); constant when the decay is 1. */
    EXPONENTIAL("exponential"),
    /** Cosine decay from the rate towards 0 over the epochs left after the warm-up ({@link CosineDecaySchedule}). */
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
     * @param learningRate the peak rate: the first epoch's without warm-up
     * @param lrDecay      the per-epoch factor of {@link #EXPONENTIAL}; ignored by {@link #COSINE}
     * @param epochs       the run's epochs, warm-up included
     * @param warmupEpochs epochs of linear warm-up first ({@link WarmupSchedule}); 0 for none
     * @return DL4J's schedule, or null for a constant rate (exponential at decay 1 without warm-up, the schedule
     *         every run had before schedules could be chosen)
     */
    public ISchedule schedule(double learningRate, double lrDecay, int epochs, int warmupEpochs) {
        ISchedule afterWarmup = switch (this) {
            case EXPONENTIAL -> lrDecay == 1.0 ? null : new ExponentialSchedule(ScheduleType.EPOCH, learningRate, lrDecay);
            case COSINE -> new CosineDecaySchedule(learningRate, Math.max(1, epochs - warmupEpochs));
        };
        return warmupEpochs > 0 ? new WarmupSchedule(warmupEpochs, learningRate, afterWarmup) : afterWarmup;
    }

    /**
     * @param key a schedule's name, in any case
     * @return the schedule
     * @throws IllegalArgumentException listing the names when there is none of that name
     */
    public static LearningRateSchedule byKey(String key) {
        for (LearningRateSchedule s : values()) {
            if (s.key.equals(key.strip().toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("expected one of "
                + Arrays.stream(values()).map(LearningRateSchedule::key).collect(Collectors.joining(", ")) + ", got '"
                + key + "'");
    }
}
