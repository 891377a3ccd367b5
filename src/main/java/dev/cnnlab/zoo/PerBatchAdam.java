package dev.cnnlab.zoo;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * Adam as the from-scratch NumPy tutorial's {@code adamGD} runs it: its moment estimates are local to the
 * update, so they restart from zero on every batch. Each step is therefore
 * {@code lr * (1 - beta1) * g / sqrt((1 - beta2) * g^2 + 1e-7)}, about {@code lr * (1 - beta1) / sqrt(1 - beta2)}
 * times the gradient's sign, with no bias correction and no memory between batches.
 *
 * <p>Stateless, so it saves and resumes like plain SGD. Public with a no-argument constructor and bean
 * properties because DL4J writes the updater into the model's JSON and reads it back by class name.
 */
public final class PerBatchAdam implements IUpdater {
    private static final double EPSILON = 1e-7;

    private double learningRate;
    private double beta1;
    private double beta2;
    private ISchedule learningRateSchedule;

    /** For DL4J's JSON reader. */
    public PerBatchAdam() {
        this(1e-3, Recipe.BETA1, Recipe.BETA2);
    }

    /**
     * @param learningRate the step size
     * @param beta1        the first-moment weight (the step scales with {@code 1 - beta1})
     * @param beta2        the second-moment weight
     */
    public PerBatchAdam(double learningRate, double beta1, double beta2) {
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
    }

    @Override
    public long stateSize(long numParams) {
        return 0;
    }

    @Override
    public GradientUpdater<PerBatchAdam> instantiate(INDArray viewArray, boolean initializeViewArray) {
        return new Step(this);
    }

    @Override
    public GradientUpdater<PerBatchAdam> instantiate(Map<String, INDArray> state, boolean initialize) {
        return new Step(this);
    }

    @Override
    public PerBatchAdam clone() {
        PerBatchAdam copy = new PerBatchAdam(learningRate, beta1, beta2);
        copy.learningRateSchedule = learningRateSchedule == null ? null : learningRateSchedule.clone();
        return copy;
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRateSchedule == null ? learningRate : learningRateSchedule.valueAt(iteration, epoch);
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule schedule) {
        this.learningRate = lr;
        this.learningRateSchedule = schedule;
    }

    /** @return the step size */
    public double getLearningRate() {
        return learningRate;
    }

    /** @param learningRate the step size */
    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    /** @return the learning-rate schedule, or null for a constant rate */
    public ISchedule getLearningRateSchedule() {
        return learningRateSchedule;
    }

    /** @param learningRateSchedule the learning-rate schedule, or null for a constant rate */
    public void setLearningRateSchedule(ISchedule learningRateSchedule) {
        this.learningRateSchedule = learningRateSchedule;
    }

    /** @return the first-moment weight */
    public double getBeta1() {
        return beta1;
    }

    /** @param beta1 the first-moment weight */
    public void setBeta1(double beta1) {
        this.beta1 = beta1;
    }

    /** @return the second-moment weight */
    public double getBeta2() {
        return beta2;
    }

    /** @param beta2 the second-moment weight */
    public void setBeta2(double beta2) {
        this.beta2 = beta2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PerBatchAdam other && other.learningRate == learningRate && other.beta1 == beta1
                && other.beta2 == beta2 && Objects.equals(other.learningRateSchedule, learningRateSchedule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, beta1, beta2, learningRateSchedule);
    }

    @Override
    public String toString() {
        return "PerBatchAdam(lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ")";
    }

    private record Step(PerBatchAdam config) implements GradientUpdater<PerBatchAdam> {
        @Override
        public PerBatchAdam getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
        }

        @Override
        public Map<String, INDArray> getState() {
            return Collections.emptyMap();
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char order, boolean initialize) {
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            double lr = config.getLearningRate(iteration, epoch);
            INDArray denominator = Transforms.sqrt(gradient.mul(gradient).muli(1 - config.beta2).addi(EPSILON), false);
            gradient.muli(lr * (1 - config.beta1)).divi(denominator);
        }
    }
}
