package dev.cnnlab.acceleration.layers;

import dev.cnnlab.acceleration.AppliedSpeedUp;
import dev.cnnlab.acceleration.BackpropShortcuts;
import dev.cnnlab.acceleration.NetworkGradients;
import dev.cnnlab.runtime.HelperReport;
import dev.cnnlab.runtime.NativeSetup;
import static dev.cnnlab.acceleration.NetworkGradients.gradients;
import static dev.cnnlab.acceleration.NetworkGradients.maxRelativeDifference;
import static dev.cnnlab.acceleration.NetworkGradients.mnist;
import static dev.cnnlab.acceleration.NetworkGradients.network;
import static dev.cnnlab.acceleration.NetworkGradients.trainSideBySide;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The first-layer shortcut against DL4J's own oneDNN backward pass: the same gradients on real MNIST batches, the
 * same training, and installed where {@link BackpropShortcuts} says.
 */
class FirstLayerConvolutionHelperTest {

    @BeforeAll
    static void requireOneDnn() {
        NativeSetup.configure();
        Nd4j.getExecutioner();
        // The shortcut replaces the oneDNN helper; natives without oneDNN have none to replace (OneDnnHelpersTest
        // fails in that case, so CI cannot pass with the shortcut silently off).
        assumeThat(NativeSetup.loadedNativesVariant()).hasValueSatisfying(v -> assertThat(v).contains("onednn"));
    }

    /** lenet: 5x5 valid; tf-lenet: 3x3 SAME; keras-mnist: 3x3 valid, 32 filters. */
    @ParameterizedTest
    @ValueSource(strings = {"lenet", "tf-lenet", "keras-mnist"})
    void givesOneDnnsWeightAndBiasGradientsOnRealDigits(String name) {
        MultiLayerNetwork oneDnn = network(name);
        MultiLayerNetwork shortcut = network(name);
        assertThat(FirstLayerConvolutionHelper.installOn(shortcut)).isTrue();
        assertThat(oneDnn.getLayer(0).getHelper()).isInstanceOf(MKLDNNConvHelper.class);
        assertThat(shortcut.getLayer(0).getHelper()).isInstanceOf(FirstLayerConvolutionHelper.class);

        for (int batch = 0; batch < 2; batch++) {
            DataSet digits = mnist(batch * 32, 32);
            Gradient expected = gradients(oneDnn, digits);
            Gradient actual = gradients(shortcut, digits);
            for (String param : new String[] {"0_W", "0_b"}) {
                assertThat(maxRelativeDifference(actual.getGradientFor(param), expected.getGradientFor(param)))
                        .as(param + ", batch " + batch).isLessThan(1e-4);
            }
            assertThat(maxRelativeDifference(actual.gradient(), expected.gradient())).isLessThan(1e-4);
        }
        // a helper that threw would have been dropped by its layer, and DL4J's code used silently
        assertThat(shortcut.getLayer(0).getHelper()).isInstanceOf(FirstLayerConvolutionHelper.class);
    }

    /** The forward pass as products per image, against oneDNN's, through the whole network. */
    @ParameterizedTest
    @ValueSource(strings = {"lenet", "tf-lenet", "keras-mnist"})
    void givesOneDnnsForwardPass(String name) {
        MultiLayerNetwork oneDnn = network(name);
        MultiLayerNetwork shortcut = network(name);
        assertThat(FirstLayerConvolutionHelper.installOn(shortcut)).isTrue();
        for (int batch : new int[] {16, 1}) {
            INDArray digits = mnist(100, batch).getFeatures();
            var expected = oneDnn.feedForward(digits, false);
            var actual = shortcut.feedForward(digits, false);
            assertThat(maxRelativeDifference(actual.get(1), expected.get(1))).as("first layer, batch " + batch)
                    .isLessThan(1e-5);
            assertThat(maxRelativeDifference(actual.get(actual.size() - 1), expected.get(expected.size() - 1)))
                    .as("output, batch " + batch).isLessThan(1e-4);
        }
    }

    /** A patch matrix above the limit (the 300x300 photo network's would be 3.4 GB) goes to oneDNN whole. */
    @Test
    void leavesAPatchMatrixAboveItsLimitToOneDnn() {
        MultiLayerNetwork oneDnn = network("lenet");
        MultiLayerNetwork limited = network("lenet");
        var oneDnnHelper = (MKLDNNConvHelper) limited.getLayer(0).getHelper();
        // LeNet's first layer at batch 32: 26 rows x 18,432 positions, above a limit of 100,000 floats
        LayerHelperField.set(limited.getLayer(0), org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class,
                new FirstLayerConvolutionHelper(oneDnnHelper, 100_000));

        DataSet digits = mnist(0, 32);
        Gradient expected = gradients(oneDnn, digits);
        Gradient actual = gradients(limited, digits);
        assertThat(maxRelativeDifference(actual.gradient(), expected.gradient())).isLessThan(1e-6);
        // oneDNN's backward pass computes the input gradient, which this helper's own path leaves out
        assertThat(inputGradient(limited, digits)).isNotNull();
        MultiLayerNetwork unlimited = network("lenet");
        assertThat(FirstLayerConvolutionHelper.installOn(unlimited)).isTrue();
        assertThat(inputGradient(unlimited, digits)).isNull();
        assertThat(limited.getLayer(0).getHelper()).isInstanceOf(FirstLayerConvolutionHelper.class);
        assertThat(FirstLayerConvolutionHelper.MAX_PATCH_FLOATS).isGreaterThan(26L * 64 * 24 * 24);
    }

    @Test
    void trainsAsDl4jDoesWithTheShortcuts() {
        MultiLayerNetwork plain = network("lenet");
        MultiLayerNetwork fast = network("lenet");
        assertThat(BackpropShortcuts.applyTo(fast)).extracting(AppliedSpeedUp::detail)
                .containsExactly("cached forward pass", "first-layer backprop without input gradient",
                        "in-place ReLU backprop in 3 layers", "dense forward pass kept, products on OpenBLAS in 1 layer",
                        "output forward product on OpenBLAS in 1 layer", "Adam's loop vectorised in 1 updater block");
        assertThat(fast.getLayerWiseConfigurations().getCacheMode()).isEqualTo(CacheMode.DEVICE);

        trainSideBySide(plain, fast, 20, 1);
        assertThat(maxRelativeDifference(fast.params(), plain.params())).isLessThan(0.05);
        assertThat(fast.score()).isLessThan(1.2); // it learned: ln 10 = 2.3 at the start
    }

    @Test
    void installsOnlyOnAFirstConvolutionThatHasTheOneDnnHelper() {
        MultiLayerNetwork dense = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(28, 28, 1)).build());
        dense.init();
        assertThat(FirstLayerConvolutionHelper.installOn(dense)).isFalse();
        assertThat(BackpropShortcuts.applyTo(dense)).extracting(AppliedSpeedUp::detail).containsExactly("cached forward pass",
                "in-place ReLU backprop in 1 layer", "dense forward pass kept, products on OpenBLAS in 1 layer",
                "output forward product on OpenBLAS in 1 layer");

        MultiLayerNetwork lenet = network("lenet");
        assertThat(FirstLayerConvolutionHelper.installOn(lenet)).isTrue();
        assertThat(FirstLayerConvolutionHelper.installOn(lenet)).as("a second time").isFalse();
        assertThat(lenet.getLayer(2).getHelper()).as("inner convolution").isInstanceOf(MKLDNNConvHelper.class);
        assertThat(HelperReport.of(lenet).withHelper()).contains("0 ConvolutionLayer (FirstLayerConvolutionHelper)");
    }

    /** An output gradient that is not row-major NCHW (a copy in another order) gives oneDNN's gradients too. */
    @Test
    void takesAnOutputGradientInAnyOrder() {
        MultiLayerNetwork lenet = network("lenet");
        var oneDnnHelper = (MKLDNNConvHelper) lenet.getLayer(0).getHelper();
        var conf = (ConvolutionLayer) lenet.getLayer(0).conf().getLayer();
        INDArray images = mnist(0, 8).getFeatures().reshape('c', 8, 1, 28, 28);
        Nd4j.getRandom().setSeed(11);
        INDArray dz = Nd4j.randn(DataType.FLOAT, 8, 20, 24, 24);

        INDArray[] expected = weightAndBiasGradients(oneDnnHelper, lenet, conf, images, dz);
        INDArray[] actual = weightAndBiasGradients(new FirstLayerConvolutionHelper(oneDnnHelper), lenet, conf, images,
                dz.dup('f'));
        assertThat(maxRelativeDifference(actual[0], expected[0])).as("weights").isLessThan(1e-4);
        assertThat(maxRelativeDifference(actual[1], expected[1])).as("bias").isLessThan(1e-4);
    }

    private static INDArray[] weightAndBiasGradients(ConvolutionHelper helper, MultiLayerNetwork network,
            ConvolutionLayer conf, INDArray images, INDArray dz) {
        var noWorkspaces = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        INDArray weights = network.getLayer(0).getParam("W");
        INDArray bias = network.getLayer(0).getParam("b");
        INDArray weightGradient = weights.ulike();
        INDArray biasGradient = bias.ulike();
        helper.backpropGradient(images, weights, bias, dz, conf.getKernelSize(), conf.getStride(), conf.getPadding(),
                biasGradient, weightGradient, new ActivationIdentity(), ConvolutionLayer.AlgoMode.PREFER_FASTEST, null,
                null, conf.getConvolutionMode(), conf.getDilation(), CNN2DFormat.NCHW, noWorkspaces);
        return new INDArray[] {weightGradient, biasGradient};
    }

    /** The first layer's gradient with respect to the images, for an output gradient of all ones (LeNet's shape). */
    private static INDArray inputGradient(MultiLayerNetwork network, DataSet batch) {
        var noWorkspaces = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        network.initGradientsView();
        network.getLayer(0).setInput(batch.getFeatures(), noWorkspaces);
        INDArray ones = Nd4j.ones(DataType.FLOAT, batch.numExamples(), 20, 24, 24);
        return network.getLayer(0).backpropGradient(ones, noWorkspaces).getSecond();
    }

    /** A convolution helper that is not oneDNN's (as cuDNN's would be under CUDA) is left alone. */
    @Test
    void leavesAnotherBackendsConvolutionHelperAlone() {
        MultiLayerNetwork lenet = network("lenet");
        ConvolutionHelper other = (ConvolutionHelper) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ConvolutionHelper.class}, (proxy, method, args) -> {
                    throw new AssertionError("called " + method.getName());
                });
        LayerHelperField.set(lenet.getLayer(0), org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class, other);
        assertThat(FirstLayerConvolutionHelper.installOn(lenet)).isFalse();
        assertThat(lenet.getLayer(0).getHelper()).isSameAs(other);
    }
}
