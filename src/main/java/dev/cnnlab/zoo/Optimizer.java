package dev.cnnlab.zoo;

import dev.cnnlab.EnumKeys;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * The optimisers cnnlab trains with. Each takes a learning rate, Adam's two betas and a learning-rate schedule.
 */
public enum Optimizer {
    /** DL4J's Adam: bias-corrected moment estimates carried from batch to batch. */
    ADAM("adam"),
    /**
     * Adam as the from-scratch NumPy tutorial's code runs it, its moments restarting on every batch
     * ({@link PerBatchAdam}); the {@code scratch-2conv} recipe needs it to reach the tutorial's figure.
     */
    ADAM_PER_BATCH("adam-per-batch"),
    /**
     * DL4J's Adam with Keras's default epsilon ({@code K.epsilon()}, 1e-7, where TensorFlow's and DL4J's is
     * 1e-8), for the recipes of tutorials that train with Keras's {@code optimizer='adam'}.
     */
    ADAM_KERAS("adam-keras");

    /** Keras's {@code K.epsilon()}, the epsilon of its Adam when none is given. */
    private static final double KERAS_EPSILON = 1e-7;

    private final String key;

    Optimizer(String key) {
        this.key = key;
    }

    /** @return the name used with {@code --optimizer} and in a run's saved options */
    public String key() {
        return key;
    }

    /**
     * The schedule counts DL4J's epochs (the configuration's epoch count, which {@code fit(iterator)} advances and
     * a resumed run restores), so epoch {@code e} (from 0) trains at {@code learningRate * lrDecay^e}.
     *
     * @param learningRate the learning rate of the first epoch
     * @param lrDecay      the factor applied after each epoch; 1.0 keeps the rate constant
     * @param beta1        the first-moment decay
     * @param beta2        the second-moment decay
     * @return the DL4J updater
     */
    public IUpdater updater(double learningRate, double lrDecay, double beta1, double beta2) {
        return updater(learningRate, LearningRateSchedule.EXPONENTIAL.schedule(learningRate, lrDecay, 1, 0), beta1, beta2);
    }

    /**
     * @param learningRate the learning rate when {@code schedule} is null
     * @param schedule     the learning rate by iteration and epoch (see {@link LearningRateSchedule}), or null
     * @param beta1        the first-moment decay
     * @param beta2        the second-moment decay
     * @return the DL4J updater
     */
    public IUpdater updater(double learningRate, ISchedule schedule, double beta1, double beta2) {
        if (this == ADAM_PER_BATCH) {
            PerBatchAdam updater = new PerBatchAdam(learningRate, beta1, beta2);
            updater.setLearningRateSchedule(schedule);
            return updater;
        }
        Adam adam = new Adam(learningRate, beta1, beta2, this == ADAM_KERAS ? KERAS_EPSILON : Adam.DEFAULT_ADAM_EPSILON);
        adam.setLearningRateSchedule(schedule);
        return adam;
    }

    /**
     * @param key an optimiser's name, in any case
     * @return the optimiser
     * @throws IllegalArgumentException listing the names when there is none of that name
     */
    public static Optimizer byKey(String key) {
        return EnumKeys.require(values(), Optimizer::key, key);
    }
}
