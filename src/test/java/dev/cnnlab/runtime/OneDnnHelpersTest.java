package dev.cnnlab.runtime;

import dev.cnnlab.acceleration.Acceleration;
import dev.cnnlab.acceleration.AccelerationSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Proves that the {@code org.nd4j.nativeblas.Nd4jCpu} shim brings DL4J's oneDNN helpers back, and that they compute
 * what DL4J's own code computes.
 */
class OneDnnHelpersTest {

    private static final int CLASSES = 3;

    @BeforeAll
    static void setUpNatives() {
        NativeSetup.configure();
        // The helpers need natives built with oneDNN; if ND4J was loaded before configure() (another test class, no
        // launcher listener), the plain build may be loaded and this test cannot say anything about the shim.
        Nd4j.getExecutioner(); // loads the natives
        assumeThat(NativeSetup.loadedNativesVariant()).hasValueSatisfying(v -> assertThat(v).contains("onednn"));
    }

    @Test
    void convolutionSubsamplingAndBatchNormRunOnOneDnnHelpers() {
        MultiLayerNetwork net = network("false");

        assertThat(net.getLayer(0).getHelper()).isInstanceOf(MKLDNNConvHelper.class);
        assertThat(net.getLayer(1).getHelper()).isInstanceOf(MKLDNNSubsamplingHelper.class);
        assertThat(net.getLayer(2).getHelper()).isInstanceOf(MKLDNNBatchNormHelper.class);
        assertThat(HelperReport.of(net).withHelper()).hasSize(3);
        assertThat(HelperReport.of(net).withoutHelper()).isEmpty();
        assertThat(NativeSetup.warnings()).noneMatch(w -> w.contains("helpers"));
    }

    @Test
    void helpersComputeWhatDl4jComputesWithoutThem() {
        MultiLayerNetwork withHelpers = network("false");
        MultiLayerNetwork plain = network("true");
        assertThat(plain.getLayer(0).getHelper()).isNull();
        plain.setParams(withHelpers.params().dup());

        INDArray input = Nd4j.rand(new int[] {8, 1, 12, 12}).subi(0.5);
        INDArray labels = Nd4j.zeros(8, CLASSES);
        for (int i = 0; i < 8; i++) {
            labels.putScalar(i, i % CLASSES, 1.0);
        }

        assertClose(withHelpers.output(input, false), plain.output(input, false));
        assertClose(withHelpers.output(input, true), plain.output(input, true));

        withHelpers.setInput(input);
        withHelpers.setLabels(labels);
        withHelpers.computeGradientAndScore();
        plain.setInput(input);
        plain.setLabels(labels);
        plain.computeGradientAndScore();
        assertClose(withHelpers.getGradientsViewArray(), plain.getGradientsViewArray());
        // a helper that failed at run time would have been dropped by its layer
        assertThat(withHelpers.getLayer(0).getHelper()).isNotNull();
    }

    @Test
    void describeNamesTheLoadedNativesAndTheHelperLayers() {
        String description = NativeSetup.describe(network("false"));

        assertThat(description).contains("natives: CPU backend, ", "-onednn", "BLAS: OPENBLAS",
                "layer helpers: on helpers: 0 ConvolutionLayer (MKLDNNConvHelper)");
        assertThat(description).containsPattern("threads: \\d+ OpenMP");
        assertThat(description).contains(", OPENBLAS_THREAD_TIMEOUT=" + System.getenv().getOrDefault(
                "OPENBLAS_THREAD_TIMEOUT", "unset (idle workers spin)"));
        assertThat(Acceleration.describe(network("false"))).contains("backprop: forward pass recomputed (CacheMode.NONE), ReLU backward DL4J's, "
                + "dense layers DL4J's");

        MultiLayerNetwork trained = network("false");
        Acceleration.prepareForTraining(trained, new AccelerationSettings(false, false, true));
        assertThat(Acceleration.describe(trained)).contains("backprop: forward pass cached (CacheMode.DEVICE), "
                + "ReLU backward in place in 2 of " + trained.getnLayers() + " layers, dense layers on OpenBLAS directly: 1, "
                + "output layer's forward product on OpenBLAS: 1");
    }

    /** conv + subsampling + batch norm + dense + output, built with the helpers switch set as given. */
    private static MultiLayerNetwork network(String helpersDisable) {
        String previous = System.getProperty(NativeSetup.HELPERS_DISABLE_PROPERTY);
        System.setProperty(NativeSetup.HELPERS_DISABLE_PROPERTY, helpersDisable);
        try {
            MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                    .seed(42)
                    .updater(new Sgd(0.1))
                    .list()
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                            .kernelSize(2, 2).stride(2, 2).build())
                    .layer(new BatchNormalization.Builder().build())
                    .layer(new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                            .nOut(CLASSES).activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.convolutional(12, 12, 1))
                    .build();
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            return net;
        } finally {
            if (previous == null) {
                System.clearProperty(NativeSetup.HELPERS_DISABLE_PROPERTY);
            } else {
                System.setProperty(NativeSetup.HELPERS_DISABLE_PROPERTY, previous);
            }
        }
    }

    private static void assertClose(INDArray actual, INDArray expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double scale = Math.max(1.0, expected.amaxNumber().doubleValue());
        double maxDifference = actual.sub(expected).amaxNumber().doubleValue();
        assertThat(maxDifference).isLessThan(1e-4 * scale);
    }
}
