package dev.cnnlab.zoo;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link PerBatchAdam} and {@link Optimizer}: the NumPy tutorial's step, no memory between batches, the schedule. */
class PerBatchAdamTest {
    private static INDArray step(IUpdater updater, double... gradient) {
        GradientUpdater<?> u = updater.instantiate(Nd4j.zeros(1, Math.max(1, updater.stateSize(gradient.length))), true);
        INDArray g = Nd4j.createFromArray(gradient).reshape(1, gradient.length);
        u.applyUpdater(g, 0, 0);
        return g;
    }

    @Test
    void oneStepIsTheTutorialsFormula() {
        // lr * (1 - beta1) * g / sqrt((1 - beta2) * g^2 + 1e-7), worked by hand for lr 0.01, betas 0.95 and 0.99:
        // g = 0.5: 0.0005 * 0.5 / sqrt(0.0025001) = 0.00499990; g = -0.001: -5e-7 / sqrt(1.1e-7) = -0.00150756.
        INDArray u = step(new PerBatchAdam(0.01, 0.95, 0.99), 0.5, -0.001, 0);
        assertThat(u.getDouble(0)).isCloseTo(0.00499990, within(1e-7));
        assertThat(u.getDouble(1)).isCloseTo(-0.00150756, within(1e-7));
        assertThat(u.getDouble(2)).isZero();
    }

    @Test
    void remembersNothingBetweenBatchesUnlikeAdam() {
        // The step on a second gradient is the step that gradient gets on its own: no moments carried over.
        PerBatchAdam perBatch = new PerBatchAdam(0.01, 0.95, 0.99);
        assertThat(afterAnother(perBatch)).isEqualTo(step(perBatch, 0.1, -0.2).toDoubleVector());
        assertThat(perBatch.stateSize(1_000)).isZero();

        // DL4J's Adam remembers the first gradient, so its second step differs from a fresh one.
        Adam adam = new Adam(0.01, 0.95, 0.99, 1e-8);
        assertThat(afterAnother(adam)[0]).isNotCloseTo(step(adam, 0.1, -0.2).getDouble(0), within(1e-4));
    }

    /** The step on (0.1, -0.2) after a step on (0.5, 0.4) with the same updater instance. */
    private static double[] afterAnother(IUpdater updater) {
        GradientUpdater<?> u = updater.instantiate(Nd4j.zeros(1, Math.max(1, updater.stateSize(2))), true);
        u.applyUpdater(Nd4j.createFromArray(0.5, 0.4).reshape(1, 2), 0, 0);
        INDArray second = Nd4j.createFromArray(0.1, -0.2).reshape(1, 2);
        u.applyUpdater(second, 1, 0);
        return second.toDoubleVector();
    }

    @Test
    void theScheduleDecaysItsRatePerEpoch() {
        IUpdater decayed = Optimizer.ADAM_PER_BATCH.updater(0.01, 0.5, 0.95, 0.99);
        assertThat(decayed.getLearningRate(0, 0)).isCloseTo(0.01, within(1e-12));
        assertThat(decayed.getLearningRate(500, 2)).isCloseTo(0.0025, within(1e-12));
        assertThat(Optimizer.ADAM.updater(0.01, 1.0, 0.9, 0.999).getLearningRate(500, 2)).isEqualTo(0.01);
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThat(Optimizer.byKey(" Adam-Per-Batch ")).isEqualTo(Optimizer.ADAM_PER_BATCH);
        assertThatThrownBy(() -> Optimizer.byKey("sgd")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected one of adam, adam-per-batch, adam-keras, got 'sgd'");
    }
}
