package dev.cnnlab.acceleration;

import dev.cnnlab.acceleration.layers.FirstLayerConvolutionHelper;
import dev.cnnlab.acceleration.split.SplitBatchMultiLayerNetwork;
import dev.cnnlab.acceleration.updater.VectorisedAdamUpdater;
import dev.cnnlab.runtime.NativeSetup;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import static dev.cnnlab.acceleration.NetworkGradients.mnist;
import static dev.cnnlab.acceleration.NetworkGradients.network;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Acceleration}: everything on ND4J's CPU backend, nothing on another backend or for plain DL4J, and the same
 * class probabilities either way.
 */
class AccelerationTest {
    private static final String CUDA_BACKEND = "org.nd4j.linalg.jcublas.JCublasBackend";
    private static final InputType MNIST = InputType.convolutional(28, 28, 1);

    @BeforeAll
    static void natives() {
        NativeSetup.configure();
    }

    @Test
    void thisBuildComputesOnTheNativeCpuBackend() {
        assertThat(Backends.isNativeCpu(Nd4j.getBackend())).isTrue();
        assertThat(Backends.isHostArray(Nd4j.rand(2, 3))).isTrue();
    }

    @Test
    void onTheCpuBackendEverySpeedUpThatFitsIsApplied() {
        Acceleration.PreparedTraining prepared = Acceleration.prepareForTraining(network("lenet"),
                AccelerationSettings.full(), Backends.NATIVE_CPU_BACKEND);
        assertThat(Acceleration.names(prepared.applied())).startsWith(Acceleration.BATCH_SPLIT).contains(
                "cached-forward-pass", "first-layer-backprop", "in-place-relu-backprop", "blas-dense-layers",
                "blas-output-layer", "vectorised-adam", Acceleration.ONEDNN_HELPERS);
        assertThat(prepared.network()).isInstanceOf(SplitBatchMultiLayerNetwork.class);
        assertThat(prepared.network().getLayer(0).getHelper()).isInstanceOf(FirstLayerConvolutionHelper.class);
        assertThat(VectorisedAdamUpdater.count(prepared.network())).isEqualTo(1);
    }

    @Test
    void onAnotherBackendNothingIsApplied() {
        MultiLayerNetwork network = network("lenet");
        Acceleration.PreparedTraining prepared = Acceleration.prepareForTraining(network, AccelerationSettings.full(),
                CUDA_BACKEND);
        assertThat(prepared.applied()).isEmpty();
        assertUntouched(network, prepared.network());

        Acceleration.PreparedInference inference = Acceleration.prepareForInference(network, MNIST, CUDA_BACKEND);
        assertThat(inference.applied()).isEmpty();
        assertThat(inference.javaForwardPass()).isFalse();
    }

    @Test
    void plainDl4jAppliesNothing() {
        MultiLayerNetwork network = network("lenet");
        Acceleration.PreparedTraining prepared = Acceleration.prepareForTraining(network, AccelerationSettings.of(true));
        assertThat(prepared.applied()).isEmpty();
        assertUntouched(network, prepared.network());
        assertThat(Acceleration.prepareForInference(network, MNIST, true).applied()).isEmpty();
    }

    /** The batch-1 Java forward pass and DL4J's output() give the same class probabilities. */
    @Test
    void predictionGivesDl4jsProbabilitiesWithAndWithoutTheLayer() {
        MultiLayerNetwork network = network("lenet");
        DataSet train = mnist(0, 256);
        for (int i = 0; i < 3; i++) {
            network.fit(train);
        }
        Acceleration.PreparedInference fast = Acceleration.prepareForInference(network, MNIST, false);
        Acceleration.PreparedInference plain = Acceleration.prepareForInference(network, MNIST, true);
        assertThat(fast.javaForwardPass()).isTrue();
        assertThat(plain.javaForwardPass()).isFalse();
        DataSet unseen = mnist(1000, 20);
        for (int i = 0; i < 20; i++) {
            INDArray image = unseen.getFeatures().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1));
            INDArray expected = plain.batchOne().apply(image);
            INDArray actual = fast.batchOne().apply(image);
            assertThat(expected.sumNumber().doubleValue()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            for (int c = 0; c < 10; c++) {
                assertThat(actual.getDouble(0, c)).as("image %d class %d", i, c)
                        .isCloseTo(expected.getDouble(0, c), org.assertj.core.data.Offset.offset(1e-4));
            }
        }
    }

    private static void assertUntouched(MultiLayerNetwork given, MultiLayerNetwork prepared) {
        assertThat(prepared).isSameAs(given);
        assertThat(prepared.getLayer(0).getHelper()).isInstanceOf(MKLDNNConvHelper.class);
        assertThat(prepared.getLayerWiseConfigurations().getCacheMode()).isNotEqualTo(CacheMode.DEVICE);
        assertThat(VectorisedAdamUpdater.count(prepared)).isZero();
        assertThat(BackpropShortcuts.inPlaceReLULayers(prepared)).isZero();
    }
}
