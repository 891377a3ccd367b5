package dev.cnnlab.training;

import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.TestData;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.Scaling;
import dev.cnnlab.data.batches.ImageBatchIterator;
import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.ModelZoo;
import dev.cnnlab.zoo.NetworkSpec;
import dev.cnnlab.zoo.Optimizer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@link BatchNormRecalibration}: after it, each batch-norm layer normalises the images it was given. */
class BatchNormRecalibrationTest {
    private static final LabelledImages DIGITS = TestData.mnistTrain().limit(300);

    private static ImageBatchIterator digits(int batchSize) {
        ImageBatchIterator it = new ImageBatchIterator(DIGITS, batchSize, false, 0);
        DataNormalization unit = Scaling.UNIT.fit(new ImageBatchIterator(DIGITS, 100, false, 0));
        it.setPreProcessor(unit);
        return it;
    }

    /** conv 3x3x6 -> batch norm -> softmax, Xavier weights from a seed: the running averages start at 0 and 1. */
    private static MultiLayerNetwork convThenBatchNorm(boolean useLogStd) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().useLogStd(useLogStd).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build());
        net.init();
        return net;
    }

    /** The batch-norm layer's inference output, per channel: its mean and variance over the given images. */
    private static double[][] normalisedMoments(MultiLayerNetwork net) {
        INDArray all = Nd4j.concat(0, java.util.stream.StreamSupport.stream(
                java.util.Spliterators.spliteratorUnknownSize(digits(100), 0), false).map(d -> d.getFeatures()).toArray(INDArray[]::new));
        INDArray out = net.feedForwardToLayer(1, all, false).get(2);
        return new double[][] {out.mean(0, 2, 3).toDoubleVector(), out.var(false, 0, 2, 3).toDoubleVector()};
    }

    @Test
    void afterwardsEachChannelComesOutWithMeanZeroAndVarianceOne() {
        for (boolean useLogStd : new boolean[] {true, false}) {
            MultiLayerNetwork net = convThenBatchNorm(useLogStd);
            double[][] before = normalisedMoments(net);
            assertThat(before[1][0]).as("fresh averages do not normalise").isNotCloseTo(1.0, within(0.1));

            assertThat(BatchNormRecalibration.recalibrate(net, digits(64))).isEqualTo(1);

            double[][] after = normalisedMoments(net);
            for (int c = 0; c < 6; c++) {
                assertThat(after[0][c]).as("useLogStd %s, channel %d mean", useLogStd, c).isCloseTo(0.0, within(1e-3));
                assertThat(after[1][c]).as("useLogStd %s, channel %d variance", useLogStd, c).isCloseTo(1.0, within(0.01));
            }
        }
    }

    @Test
    void theBatchSizeDoesNotChangeTheStatistics() {
        MultiLayerNetwork small = convThenBatchNorm(true);
        MultiLayerNetwork whole = convThenBatchNorm(true);
        BatchNormRecalibration.recalibrate(small, digits(7));
        BatchNormRecalibration.recalibrate(whole, digits(300));
        for (String key : new String[] {"mean", "log10stdev"}) {
            double[] a = small.getLayer(1).getParam(key).toDoubleVector();
            double[] b = whole.getLayer(1).getParam(key).toDoubleVector();
            for (int c = 0; c < a.length; c++) {
                assertThat(a[c]).as(key + " " + c).isCloseTo(b[c], within(1e-4));
            }
        }
    }

    /** cnnlab's cats-vs-dogs network (eight conv/batch-norm/ReLU layers in four pooled blocks) built for the digits. */
    private static MultiLayerNetwork catsDogsNetwork() {
        NetworkSpec spec = new NetworkSpec(InputShape.MNIST, 10, 5, Optimizer.ADAM.updater(1e-3, 1, 0.9, 0.999));
        MultiLayerNetwork net = new MultiLayerNetwork(ModelZoo.require("catsdogs").configure(spec));
        net.init();
        return net;
    }

    @Test
    void inADeepNetworkEveryLayerNormalisesWhatTheRecalibratedLayersBelowItProduce() {
        MultiLayerNetwork net = catsDogsNetwork();

        assertThat(BatchNormRecalibration.recalibrate(net, digits(64))).isEqualTo(8);

        INDArray all = digits(300).next().getFeatures();
        for (int i = 0; i < net.getnLayers(); i++) {
            if (net.getLayer(i).conf().getLayer() instanceof BatchNormalization conf) {
                // Up to this layer only: the ReLU layer after it applies itself in place at inference.
                java.util.List<INDArray> activations = net.feedForwardToLayer(i, all, false);
                double[] inputVariance = activations.get(i).var(false, 0, 2, 3).toDoubleVector();
                INDArray out = activations.get(i + 1);
                double[] mean = out.mean(0, 2, 3).toDoubleVector();
                double[] variance = out.var(false, 0, 2, 3).toDoubleVector();
                for (int c = 0; c < mean.length; c++) {
                    // Batch norm divides by sqrt(variance + eps), which shrinks a quiet channel's variance below 1;
                    // DL4J's oneDNN path adds eps once more to the variance it recovers from the stored log10 std.
                    double v = inputVariance[c];
                    double eps = conf.getEps();
                    assertThat(mean[c]).as("layer %d channel %d mean", i, c).isCloseTo(0.0, within(1e-3));
                    assertThat(variance[c]).as("layer %d channel %d variance", i, c)
                            .isBetween(v / (v + 2 * eps) - 1e-4, v / (v + eps) + 1e-4);
                }
            }
        }
    }

    @Test
    void startingAPassFromTheInputsTheLastOneKeptChangesNoStatistic() {
        long firstLayerInputs = 300L * 16 * 28 * 28 * Float.BYTES;
        INDArray[] results = new INDArray[3];
        long[] budgets = {0, firstLayerInputs / 2, BatchNormRecalibration.CACHE_BYTES};
        for (int k = 0; k < budgets.length; k++) {
            MultiLayerNetwork net = catsDogsNetwork();
            BatchNormRecalibration.recalibrate(net, digits(64), budgets[k]);
            results[k] = net.params();
        }
        assertThat(results[1]).as("only later layers' inputs kept").isEqualTo(results[0]);
        assertThat(results[2]).as("every layer's inputs kept").isEqualTo(results[0]);
    }

    @Test
    void aNetworkWithoutBatchNormIsLeftAlone() {
        NetworkSpec spec = new NetworkSpec(InputShape.MNIST, 10, 1, Optimizer.ADAM.updater(1e-3, 1, 0.9, 0.999));
        MultiLayerNetwork lenet = new MultiLayerNetwork(ModelZoo.require("lenet").configure(spec));
        lenet.init();
        INDArray before = lenet.params().dup();
        assertThat(BatchNormRecalibration.recalibrate(lenet, digits(100))).isZero();
        assertThat(lenet.params()).isEqualTo(before);
    }

    @Test
    void runsSavedBeforeTheOptionExistedKeptDl4jsAverages() {
        TrainingConfig o = TrainingConfig.defaults();
        assertThat(o.toMap()).containsEntry("bn_recalibration", true);
        assertThat(TrainingConfig.fromMap(o.toMap()).get(Settings.BN_RECALIBRATION)).isTrue();
        java.util.Map<String, Object> older = new java.util.LinkedHashMap<>(o.toMap());
        older.remove("bn_recalibration");
        assertThat(TrainingConfig.fromMap(older).get(Settings.BN_RECALIBRATION)).isFalse();
    }
}
