package dev.cnnlab.acceleration.layers;

import dev.cnnlab.acceleration.NetworkGradients;
import dev.cnnlab.runtime.NativeSetup;
import static dev.cnnlab.acceleration.NetworkGradients.assertSameGradientsScoresAndOutputs;
import static dev.cnnlab.acceleration.NetworkGradients.denseInDoubles;
import static dev.cnnlab.acceleration.NetworkGradients.gradients;
import static dev.cnnlab.acceleration.NetworkGradients.maxRelativeDifference;
import static dev.cnnlab.acceleration.NetworkGradients.mnist;
import static dev.cnnlab.acceleration.NetworkGradients.network;
import static dev.cnnlab.acceleration.NetworkGradients.trainSideBySide;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/** {@link BlasDenseLayer} against DL4J's dense layer: the same gradients, training and saved models. */
class BlasDenseLayerTest {

    @BeforeAll
    static void natives() {
        NativeSetup.configure();
    }

    /** lenet: one dense layer after convolutions; keras-mnist: two, with dropout on their inputs. */
    @ParameterizedTest
    @ValueSource(strings = {"lenet", "keras-mnist"})
    void givesDl4jsGradientsOnRealDigits(String name) {
        MultiLayerNetwork plain = network(name);
        MultiLayerNetwork fast = network(name);
        assertThat(BlasDenseLayer.installOn(fast)).isEqualTo(name.equals("lenet") ? 1 : 2);
        assertThat(BlasDenseLayer.count(fast)).isEqualTo(name.equals("lenet") ? 1 : 2);
        assertThat(BlasDenseLayer.count(plain)).isZero();

        // every layer below a dense one gets its gradient through the dense layer's input gradient
        assertSameGradientsScoresAndOutputs(plain, fast);
    }

    @Test
    void givesDl4jsGradientsForASingleImage() {
        MultiLayerNetwork plain = network("keras-mnist");
        MultiLayerNetwork fast = network("keras-mnist");
        BlasDenseLayer.installOn(fast);
        DataSet one = mnist(5, 1);
        assertThat(maxRelativeDifference(gradients(fast, one).gradient(), gradients(plain, one).gradient()))
                .isLessThan(1e-5);
    }

    /** On lenet: DL4J's dropout in {@code fit} draws other masks on each run, whatever the seed. */
    @Test
    void trainsAsDl4jDoes() {
        MultiLayerNetwork plain = network("lenet");
        MultiLayerNetwork fast = network("lenet");
        BlasDenseLayer.installOn(fast);
        trainSideBySide(plain, fast, 20, 0.01);
        assertThat(maxRelativeDifference(fast.params(), plain.params())).isLessThan(1e-4);
        assertThat(fast.score()).isLessThan(1.2); // it learned: ln 10 = 2.3 at the start
        INDArray digits = mnist(1000, 16).getFeatures();
        assertThat(maxRelativeDifference(fast.output(digits), plain.output(digits))).isLessThan(1e-4);
    }

    @Test
    void sharesTheNetworksParametersAndIsSavedAsDl4jsLayer(@TempDir Path dir) throws IOException {
        MultiLayerNetwork fast = network("lenet");
        Layer plainLayer = fast.getLayer(4);
        BlasDenseLayer.installOn(fast);
        Layer layer = fast.getLayer(4);
        assertThat(layer).isInstanceOf(BlasDenseLayer.class);
        assertThat(fast.getLayer(layer.conf().getLayer().getLayerName())).isSameAs(layer);
        assertThat(layer.conf()).isSameAs(plainLayer.conf());
        assertThat(layer.getParam("W")).isEqualTo(plainLayer.getParam("W"));
        layer.getParam("b").assign(0.25);
        assertThat(fast.params().getDouble(fast.params().length() - 11)).as("a view of the network's parameters")
                .isNotEqualTo(0.25);
        assertThat(plainLayer.getParam("b").getDouble(0)).as("the same memory as before").isEqualTo(0.25);

        fast.fit(mnist(0, 32));
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(fast, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file);
        assertThat(restored.getLayer(4)).isExactlyInstanceOf(org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class);
        assertThat(restored.params()).isEqualTo(fast.params());
        assertThat(restored.output(mnist(100, 8).getFeatures())).isEqualTo(fast.output(mnist(100, 8).getFeatures()));
    }

    @Test
    void leavesLayersItDoesNotComputeAsDl4jDoes() {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nOut(8).hasLayerNorm(true).build())
                .layer(new DenseLayer.Builder().nOut(8).weightNoise(new DropConnect(0.5)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(12)).build());
        network.init();
        assertThat(BlasDenseLayer.installOn(network)).isZero();

        assertThat(BlasDenseLayer.installOn(denseInDoubles())).isZero();
        MultiLayerNetwork lenet = network("lenet");
        assertThat(BlasDenseLayer.installOn(lenet)).isOne();
        assertThat(BlasDenseLayer.installOn(lenet)).as("a second time").isZero();
    }
}
