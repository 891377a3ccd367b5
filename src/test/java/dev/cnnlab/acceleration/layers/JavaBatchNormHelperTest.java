package dev.cnnlab.acceleration.layers;

import dev.cnnlab.runtime.NativeSetup;
import static dev.cnnlab.acceleration.NetworkGradients.assertSameGradientsScoresAndOutputs;
import static dev.cnnlab.acceleration.NetworkGradients.gradients;
import static dev.cnnlab.acceleration.NetworkGradients.maxRelativeDifference;
import static dev.cnnlab.acceleration.NetworkGradients.mnist;
import static dev.cnnlab.acceleration.NetworkGradients.network;
import static dev.cnnlab.acceleration.NetworkGradients.trainSideBySide;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link JavaBatchNormHelper} against DL4J's oneDNN helper on real digits: gradients at least as close to DL4J's
 * double-precision ones, the same losses while training, the same running averages and inference after it.
 */
class JavaBatchNormHelperTest {

    @BeforeAll
    static void natives() {
        NativeSetup.configure();
    }

    @Test
    void givesGradientsAtLeastAsCloseToDoublePrecisionAsOneDnns() {
        MultiLayerNetwork plain = network("tf-lenet-bn");
        MultiLayerNetwork fast = network("tf-lenet-bn");
        MultiLayerNetwork exact = plain.convertDataType(DataType.DOUBLE);
        assertThat(plain.getLayer(1).getHelper()).as("DL4J's own helper to compare with")
                .isInstanceOf(MKLDNNBatchNormHelper.class);
        assertThat(JavaBatchNormHelper.installOn(fast)).isEqualTo(2);
        assertThat(JavaBatchNormHelper.installOn(fast)).as("a second time").isZero();
        for (int batch = 0; batch < 2; batch++) {
            DataSet digits = mnist(batch * 64, 64);
            Gradient oneDnn = gradients(plain, digits);
            Gradient java = gradients(fast, digits);
            Gradient reference = gradients(exact, new DataSet(digits.getFeatures().castTo(DataType.DOUBLE),
                    digits.getLabels().castTo(DataType.DOUBLE)));
            for (String param : reference.gradientForVariable().keySet()) {
                // The convolutions' biases feed batch norm, which removes them: their exact gradient is zero, and
                // what float arithmetic gives is rounding noise on both sides.
                if (param.equals("0_b") || param.equals("3_b")) {
                    continue;
                }
                INDArray expected = reference.getGradientFor(param).castTo(DataType.FLOAT);
                double oneDnnError = maxRelativeDifference(oneDnn.getGradientFor(param), expected);
                assertThat(maxRelativeDifference(java.getGradientFor(param), expected))
                        .as(param + ", batch " + batch + " (oneDNN's error: " + oneDnnError + ")")
                        .isLessThanOrEqualTo(2 * oneDnnError + 1e-6).isLessThan(1e-4);
            }
            assertThat(fast.score()).isCloseTo(plain.score(), withPercentage(1e-3));
        }
    }

    @Test
    void trainsAsOneDnnDoesAndKeepsTheSameRunningAverages() {
        // Without dropout: DL4J's dropout masks in fit() do not follow Nd4j's seed.
        MultiLayerNetwork plain = convolutions();
        MultiLayerNetwork fast = convolutions();
        assertThat(JavaBatchNormHelper.installOn(fast)).isEqualTo(2);
        trainSideBySide(plain, fast, 20, 0.1);
        for (int i = 0; i < plain.getnLayers(); i++) {
            Layer layer = plain.getLayer(i);
            if (layer.conf().getLayer() instanceof BatchNormalization) {
                for (String key : new String[] {BatchNormalizationParamInitializer.GLOBAL_MEAN,
                        BatchNormalizationParamInitializer.GLOBAL_LOG_STD}) {
                    assertThat(maxRelativeDifference(fast.getLayer(i).getParam(key), layer.getParam(key)))
                            .as(key + " of layer " + i).isLessThan(1e-3);
                }
            }
        }
        var digits = mnist(5000, 64).getFeatures();
        assertThat(maxRelativeDifference(fast.output(digits), plain.output(digits))).as("inference")
                .isLessThan(1e-3);
    }

    @Test
    void leavesBatchNormOnDenseLayersToOneDnn() {
        MultiLayerNetwork plain = dense();
        MultiLayerNetwork fast = dense();
        assertThat(JavaBatchNormHelper.installOn(fast)).isEqualTo(2);
        assertSameGradientsScoresAndOutputs(plain, fast);
    }

    /**
     * Two convolutions, each with batch norm then ReLU, and max pooling. Without biases: a bias before batch norm
     * gets a gradient of zero, so Adam moves it by the sign of rounding noise, and the running means with it.
     */
    private static MultiLayerNetwork convolutions() {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3)
                .updater(new Adam(1e-3)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).hasBias(false).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(new SubsamplingLayer.Builder(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).hasBias(false).activation(Activation.IDENTITY)
                        .build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build());
        network.init();
        return network;
    }

    /** Batch norm on a convolution's maps and on a flattened vector (rank 2), which the Java passes leave alone. */
    private static MultiLayerNetwork dense() {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(16).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1)).build());
        network.init();
        return network;
    }
}
