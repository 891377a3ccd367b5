package dev.cnnlab.acceleration.layers;

import dev.cnnlab.acceleration.NetworkGradients;
import dev.cnnlab.runtime.NativeSetup;
import static dev.cnnlab.acceleration.NetworkGradients.assertSameGradientsScoresAndOutputs;
import static dev.cnnlab.acceleration.NetworkGradients.denseInDoubles;
import static dev.cnnlab.acceleration.NetworkGradients.maxRelativeDifference;
import static dev.cnnlab.acceleration.NetworkGradients.mnist;
import static dev.cnnlab.acceleration.NetworkGradients.network;
import static dev.cnnlab.acceleration.NetworkGradients.trainSideBySide;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** {@link BlasOutputLayer} against DL4J's output layer: the same outputs, scores, gradients and saved models. */
class BlasOutputLayerTest {

    @BeforeAll
    static void natives() {
        NativeSetup.configure();
    }

    /** lenet: softmax output on a dense layer; keras-mnist: the same with dropout on the output layer's input. */
    @ParameterizedTest
    @ValueSource(strings = {"lenet", "keras-mnist"})
    void givesDl4jsOutputsScoresAndGradientsOnRealDigits(String name) {
        MultiLayerNetwork plain = network(name);
        MultiLayerNetwork fast = network(name);
        assertThat(BlasOutputLayer.installOn(fast)).isOne();
        assertThat(BlasOutputLayer.count(fast)).isOne();
        assertThat(BlasOutputLayer.count(plain)).isZero();

        assertSameGradientsScoresAndOutputs(plain, fast);
        // the score and backprop products of both batches, and both output() calls
        assertThat(((BlasOutputLayer) fast.getOutputLayer()).productsOnOpenBlas()).isEqualTo(6);
    }

    @Test
    void trainsAsDl4jDoes() {
        MultiLayerNetwork plain = network("lenet");
        MultiLayerNetwork fast = network("lenet");
        BlasOutputLayer.installOn(fast);
        trainSideBySide(plain, fast, 20, 0.01);
        assertThat(maxRelativeDifference(fast.params(), plain.params())).isLessThan(1e-4);
        assertThat(fast.score()).isLessThan(1.2); // it learned: ln 10 = 2.3 at the start
    }

    @Test
    void sharesTheNetworksParametersAndIsSavedAsDl4jsLayer(@TempDir Path dir) throws IOException {
        MultiLayerNetwork fast = network("lenet");
        Layer plainLayer = fast.getLayer(5);
        BlasOutputLayer.installOn(fast);
        Layer layer = fast.getLayer(5);
        assertThat(layer).isInstanceOf(BlasOutputLayer.class);
        assertThat(fast.getLayer(layer.conf().getLayer().getLayerName())).isSameAs(layer);
        assertThat(fast.getOutputLayer()).isSameAs(layer);
        assertThat(layer.conf()).isSameAs(plainLayer.conf());
        layer.getParam("b").assign(0.25);
        assertThat(plainLayer.getParam("b").getDouble(0)).as("the same memory as before").isEqualTo(0.25);
        assertThat(fast.params().getDouble(fast.params().length() - 1)).as("a view of the network's parameters")
                .isEqualTo(0.25);

        fast.fit(mnist(0, 32));
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(fast, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file);
        assertThat(restored.getLayer(5)).isExactlyInstanceOf(org.deeplearning4j.nn.layers.OutputLayer.class);
        assertThat(restored.params()).isEqualTo(fast.params());
        INDArray digits = mnist(100, 8).getFeatures();
        assertThat(restored.output(digits)).isEqualTo(fast.output(digits));
    }

    @Test
    void leavesLayersItDoesNotComputeAsDl4jDoes() {
        MultiLayerNetwork noisy = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nOut(8).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .weightNoise(new DropConnect(0.5)).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(12)).build());
        noisy.init();
        assertThat(BlasOutputLayer.installOn(noisy)).isZero();

        assertThat(BlasOutputLayer.installOn(denseInDoubles())).isZero();
        MultiLayerNetwork lenet = network("lenet");
        assertThat(BlasOutputLayer.installOn(lenet)).isOne();
        assertThat(BlasOutputLayer.installOn(lenet)).as("a second time").isZero();
    }
}
