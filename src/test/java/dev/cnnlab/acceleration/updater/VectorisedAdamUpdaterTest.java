package dev.cnnlab.acceleration.updater;

import dev.cnnlab.acceleration.NetworkGradients;
import dev.cnnlab.kernels.FloatTransfer;
import dev.cnnlab.runtime.NativeSetup;
import static dev.cnnlab.acceleration.NetworkGradients.maxRelativeDifference;
import static dev.cnnlab.acceleration.NetworkGradients.mnist;
import static dev.cnnlab.acceleration.NetworkGradients.network;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/** {@link VectorisedAdamUpdater}: DL4J's Adam update and moments, its own loop, installed on trained networks. */
class VectorisedAdamUpdaterTest {

    @BeforeAll
    static void natives() {
        NativeSetup.configure();
    }

    @Test
    void givesDl4jsUpdateAndMoments() {
        // Lengths below, at and across the chunk size, and a learning rate that decays per epoch.
        Adam config = new Adam.Builder().learningRateSchedule(new ExponentialSchedule(ScheduleType.EPOCH, 0.01, 0.5))
                .beta1(0.8).beta2(0.99).build();
        for (int length : new int[] {1, 7, VectorisedAdamUpdater.CHUNK, 3 * VectorisedAdamUpdater.CHUNK + 5}) {
            INDArray plainState = Nd4j.zeros(DataType.FLOAT, 1, 2 * length);
            INDArray fastState = Nd4j.zeros(DataType.FLOAT, 1, 2 * length);
            GradientUpdater<?> plain = config.instantiate(plainState, true);
            var fast = new VectorisedAdamUpdater((AdamUpdater) config.instantiate(fastState, true));
            assertThat(FloatTransfer.isRowMajor(fast.getM()) && FloatTransfer.isRowMajor(fast.getV()))
                    .as("moments the Java loop takes").isTrue();
            for (int iteration = 0; iteration < 6; iteration++) {
                INDArray gradient = Nd4j.randn(DataType.FLOAT, 1, length);
                INDArray expected = gradient.dup();
                INDArray actual = gradient.dup();
                plain.applyUpdater(expected, iteration, iteration / 2);
                fast.applyUpdater(actual, iteration, iteration / 2);
                assertThat(maxRelativeDifference(actual, expected)).as("update, length " + length + ", iteration "
                        + iteration).isLessThan(1e-5);
                assertThat(maxRelativeDifference(fastState, plainState)).as("moments").isLessThan(1e-5);
            }
            assertThat(fastState.amaxNumber().doubleValue()).as("moments moved").isGreaterThan(0);
        }
    }

    @Test
    void leavesStridedGradientsToDl4jsOp() {
        Adam config = new Adam(1e-3);
        INDArray plainState = Nd4j.zeros(DataType.FLOAT, 1, 2 * 12);
        INDArray fastState = Nd4j.zeros(DataType.FLOAT, 1, 2 * 12);
        GradientUpdater<?> plain = config.instantiate(plainState, true);
        var fast = new VectorisedAdamUpdater((AdamUpdater) config.instantiate(fastState, true));
        INDArray columnView = Nd4j.randn(DataType.FLOAT, 12, 3).getColumn(1).reshape(1, 12);
        assertThat(FloatTransfer.isRowMajor(columnView)).as("a strided view").isFalse();
        INDArray columnCopy = columnView.dup();

        plain.applyUpdater(columnCopy, 0, 0);
        fast.applyUpdater(columnView, 0, 0);
        assertThat(maxRelativeDifference(columnView, columnCopy)).isLessThan(1e-6);
        assertThat(maxRelativeDifference(fastState, plainState)).isLessThan(1e-6);
    }

    @Test
    void stepSizeFallsBackToEpsilonAsLibnd4jDoes() {
        // In float, as libnd4j: 1 - 0.999f is off by some 1e-6 of its value.
        assertThat(VectorisedAdamUpdater.stepSize(1e-3f, 0.9f, 0.999f, 1e-8f, 0))
                .isCloseTo((float) (1e-3 * Math.sqrt(1 - 0.999) / (1 - 0.9)), withPercentage(1e-3));
        assertThat(VectorisedAdamUpdater.stepSize(0f, 0.9f, 0.999f, 1e-8f, 3)).isEqualTo(1e-8f);
        assertThat(VectorisedAdamUpdater.stepSize(1e-3f, 1f, 0.999f, 1e-8f, 3)).as("beta1 of 1: division by 0")
                .isEqualTo(1e-8f);
    }

    @Test
    void trainsAsDl4jsAdamAndSavesDl4jsUpdater(@TempDir Path dir) throws IOException {
        MultiLayerNetwork plain = network("lenet");
        MultiLayerNetwork fast = network("lenet");
        assertThat(VectorisedAdamUpdater.count(fast)).as("no updater yet").isZero();
        assertThat(VectorisedAdamUpdater.installOn(fast)).isEqualTo(1);
        assertThat(VectorisedAdamUpdater.installOn(fast)).as("a second time").isZero();
        assertThat(VectorisedAdamUpdater.count(fast)).isEqualTo(1);
        assertThat(dev.cnnlab.acceleration.Acceleration.describe(fast)).contains(", Adam's loop vectorised in 1 updater block");

        for (int step = 0; step < 5; step++) {
            var digits = mnist(step * 64, 64);
            plain.fit(digits);
            fast.fit(digits);
        }
        assertThat(VectorisedAdamUpdater.count(fast)).as("still installed after fit()").isEqualTo(1);
        assertThat(maxRelativeDifference(fast.params(), plain.params())).isLessThan(1e-4);
        INDArray fastMoments = fast.getUpdater().getStateViewArray();
        assertThat(maxRelativeDifference(fastMoments, plain.getUpdater().getStateViewArray())).isLessThan(1e-3);
        assertThat(fast.params()).isNotEqualTo(network("lenet").params());

        File saved = dir.resolve("fast.zip").toFile();
        ModelSerializer.writeModel(fast, saved, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(saved, true);
        var block = ((BaseMultiLayerUpdater<?>) restored.getUpdater()).getUpdaterBlocks().get(0);
        assertThat(block.getGradientUpdater().getClass()).as("a saved model holds DL4J's updater")
                .isEqualTo(AdamUpdater.class);
        assertThat(restored.getUpdater().getStateViewArray()).isEqualTo(fastMoments);
    }
}
