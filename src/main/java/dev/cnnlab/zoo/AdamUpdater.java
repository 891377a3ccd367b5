package dev.cnnlab.zoo;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The Adam updater every cnnlab network trains with, optionally with a learning rate that decays per epoch.
 */
public final class AdamUpdater {
    private AdamUpdater() {
    }

    /**
     * The schedule counts DL4J's epochs (the configuration's epoch count, which {@code fit(iterator)} advances and
     * a resumed run restores), so epoch {@code e} (from 0) trains at {@code learningRate * lrDecay^e}.
     *
     * @param learningRate the learning rate of the first epoch
     * @param lrDecay      the factor applied after each epoch; 1.0 keeps the rate constant
     * @param beta1        Adam's first-moment decay
     * @param beta2        Adam's second-moment decay
     * @return the updater
     */
    public static Adam of(double learningRate, double lrDecay, double beta1, double beta2) {
        Adam adam = new Adam(learningRate, beta1, beta2, Adam.DEFAULT_ADAM_EPSILON);
        if (lrDecay != 1.0) {
            adam.setLearningRateSchedule(new ExponentialSchedule(ScheduleType.EPOCH, learningRate, lrDecay));
        }
        return adam;
    }
}
