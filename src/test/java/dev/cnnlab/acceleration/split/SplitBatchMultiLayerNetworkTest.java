package dev.cnnlab.acceleration.split;

import dev.cnnlab.acceleration.Acceleration;
import dev.cnnlab.acceleration.BackpropShortcuts;
import dev.cnnlab.acceleration.NetworkGradients;
import dev.cnnlab.kernels.OpenBlasThreads;
import dev.cnnlab.runtime.NativeSetup;
import static dev.cnnlab.acceleration.NetworkGradients.maxRelativeDifference;
import static dev.cnnlab.acceleration.NetworkGradients.mnist;
import static dev.cnnlab.acceleration.NetworkGradients.network;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/** {@link SplitBatchMultiLayerNetwork}: a whole batch's update from parts computed at once, on real MNIST digits. */
class SplitBatchMultiLayerNetworkTest {

    @BeforeAll
    static void natives() {
        NativeSetup.configure();
    }

    @Test
    void trainsAsTheWholeBatchDoes() {
        MultiLayerNetwork whole = network("lenet");
        MultiLayerNetwork split = SplitBatchMultiLayerNetwork.of(network("lenet"), 2);
        assertThat(split).isInstanceOf(SplitBatchMultiLayerNetwork.class);
        assertThat(((SplitBatchMultiLayerNetwork) split).parts()).isEqualTo(2);
        BackpropShortcuts.applyTo(whole);
        BackpropShortcuts.applyTo(split);
        // 64 splits into 32 + 32, 17 into 8 + 9, 15 not at all (parts of at least 8).
        for (int batch : new int[] {64, 64, 17, 64, 15, 64}) {
            DataSet digits = mnist(batch * 3, batch);
            whole.fit(digits);
            split.fit(digits);
            assertThat(split.score()).as("the whole batch's loss, batch of " + batch)
                    .isCloseTo(whole.score(), withPercentage(1e-3));
        }
        assertThat(maxRelativeDifference(split.params(), whole.params())).isLessThan(1e-4);
        assertThat(maxRelativeDifference(split.getUpdater().getStateViewArray(), whole.getUpdater().getStateViewArray()))
                .isLessThan(1e-3);
        assertThat(split.params()).as("it trained").isNotEqualTo(network("lenet").params());
    }

    @Test
    void theCopyComputesTheSecondHalfWithTheSameParameters() {
        SplitBatchMultiLayerNetwork split = (SplitBatchMultiLayerNetwork) SplitBatchMultiLayerNetwork.of(network("lenet"), 2);
        MultiLayerNetwork copy = split.replicas().get(0);
        assertThat(copy.params()).as("one parameter array").isSameAs(split.params());
        assertThat(copy.getLayerWiseConfigurations()).as("a configuration of its own, for dropout's masks")
                .isNotSameAs(split.getLayerWiseConfigurations());

        DataSet digits = mnist(0, 64);
        split.fit(digits);
        assertThat(copy.getInput().equalsWithEps(digits.getFeatures().get(NDArrayIndex.interval(32, 64)), 0))
                .as("the copy's input is the batch's second half").isTrue();
        assertThat(split.getInput()).as("the network's input is the whole batch").isSameAs(digits.getFeatures());
        assertThat(copy.getFlattenedGradients().amaxNumber().doubleValue()).isGreaterThan(0);
    }

    @Test
    void putsBothThreadCountsBack() {
        MultiLayerNetwork split = SplitBatchMultiLayerNetwork.of(network("lenet"), 2);
        int openMp = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
        int openBlas = OpenBlasThreads.get();
        split.fit(mnist(0, 64));
        assertThat(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()).isEqualTo(openMp);
        assertThat(OpenBlasThreads.get()).isEqualTo(openBlas);
    }

    @Test
    void aFailingPartFailsTheStepAndLeavesTheNetworkUsable() {
        MultiLayerNetwork split = SplitBatchMultiLayerNetwork.of(network("lenet"), 2);
        int openMp = NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
        DataSet digits = mnist(0, 64);
        DataSet wrongLabels = new DataSet(digits.getFeatures(), Nd4j.zeros(DataType.FLOAT, 64, 3));
        assertThatThrownBy(() -> split.fit(wrongLabels)).isInstanceOf(RuntimeException.class);
        assertThat(NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads()).isEqualTo(openMp);

        split.fit(digits);
        assertThat(split.score()).isFinite().isPositive();
    }

    @Test
    void dropoutRunsRepeatInOneProcess() {
        // keras-mnist has dropout; each part thread's generator is seeded when it starts serving a new copy.
        MultiLayerNetwork first = trainedKerasMnist();
        MultiLayerNetwork second = trainedKerasMnist();
        assertThat(second.params()).isEqualTo(first.params());
    }

    @Test
    void batchNormalisationIsNeverSplit() {
        MultiLayerNetwork withBatchNorm = network("tf-lenet-bn");
        assertThat(SplitBatchMultiLayerNetwork.of(withBatchNorm, 2)).isSameAs(withBatchNorm);
        assertThat(SplitBatchMultiLayerNetwork.unsupported(withBatchNorm.getLayerWiseConfigurations()))
                .hasValueSatisfying(reason -> assertThat(reason).contains("batch normalisation"));
        assertThat(Acceleration.describe(withBatchNorm))
                .contains("batches: trained whole, not split: layer 1 is batch normalisation");
        assertThat(SplitBatchMultiLayerNetwork.unsupported(network("lenet").getLayerWiseConfigurations())).isEmpty();
    }

    @Test
    void onePartOrTooFewExamplesTrainWhole() {
        MultiLayerNetwork lenet = network("lenet");
        assertThat(SplitBatchMultiLayerNetwork.of(lenet, 1)).isSameAs(lenet);

        SplitBatchMultiLayerNetwork split = (SplitBatchMultiLayerNetwork) SplitBatchMultiLayerNetwork.of(network("lenet"), 2);
        split.fit(mnist(0, 2 * SplitBatchMultiLayerNetwork.MIN_PART_EXAMPLES - 1));
        assertThat(split.replicas().get(0).getInput()).as("the copy had nothing to do").isNull();
        split.fit(mnist(0, 1));
        assertThat(split.score()).isFinite().isPositive();
        assertThat(Acceleration.describe(split)).contains("batches: split in 2 parts trained at once, one per core");
    }

    @Test
    void startsFromTheNetworksUpdaterStateAndSavesAsAPlainNetwork(@TempDir Path dir) throws IOException {
        MultiLayerNetwork trained = network("lenet");
        trained.fit(mnist(0, 64));
        MultiLayerNetwork split = SplitBatchMultiLayerNetwork.of(trained, 2);
        assertThat(split.getUpdater().getStateViewArray()).isEqualTo(trained.getUpdater().getStateViewArray());
        split.fit(mnist(64, 64));

        File saved = dir.resolve("split.zip").toFile();
        ModelSerializer.writeModel(split, saved, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(saved, true);
        assertThat(restored.getClass()).isEqualTo(MultiLayerNetwork.class);
        assertThat(restored.params()).isEqualTo(split.params());
        assertThat(restored.getUpdater().getStateViewArray()).isEqualTo(split.getUpdater().getStateViewArray());
    }

    private static MultiLayerNetwork trainedKerasMnist() {
        MultiLayerNetwork split = SplitBatchMultiLayerNetwork.of(network("keras-mnist"), 2);
        BackpropShortcuts.applyTo(split);
        Nd4j.getRandom().setSeed(3);
        for (int step = 0; step < 3; step++) {
            split.fit(mnist(step * 64, 64));
        }
        return split;
    }
}
