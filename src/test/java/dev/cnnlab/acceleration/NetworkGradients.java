package dev.cnnlab.acceleration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import dev.cnnlab.TestData;
import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.ModelZoo;
import dev.cnnlab.zoo.NetworkSpec;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Zoo networks, real MNIST batches and their gradients, for comparing the backprop shortcuts with DL4J's code. */
public final class NetworkGradients {
    private NetworkGradients() {
    }

    /** An initialised zoo network for 28x28 digits, seed 7, Adam 1e-3. */
    public static MultiLayerNetwork network(String name) {
        MultiLayerNetwork network = new MultiLayerNetwork(ModelZoo.find(name).orElseThrow()
                .configure(new NetworkSpec(InputShape.MNIST, 10, 7, new Adam(1e-3))));
        network.init();
        return network;
    }

    /** A dense layer and a softmax output layer in doubles, which the float-only shortcuts leave to DL4J. */
    public static MultiLayerNetwork denseInDoubles() {
        MultiLayerNetwork doubles = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nOut(8).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(12)).build());
        doubles.init();
        return doubles;
    }

    /** Real MNIST training digits {@code from} to {@code from + n}, in [0, 1], with one-hot labels. */
    public static DataSet mnist(int from, int n) {
        var images = TestData.mnistTrain();
        int size = images.imageSize();
        float[] pixels = new float[n * size];
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 10);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < size; p++) {
                pixels[i * size + p] = (images.pixels()[(from + i) * size + p] & 0xff) / 255f;
            }
            labels.putScalar(i, images.labels()[from + i], 1f);
        }
        return new DataSet(Nd4j.create(pixels, new long[] {n, 1, 28, 28}, DataType.FLOAT), labels);
    }

    /** The gradients of one batch, with the same dropout masks for every network. */
    public static Gradient gradients(MultiLayerNetwork network, DataSet batch) {
        Nd4j.getRandom().setSeed(11);
        network.setInput(batch.getFeatures());
        network.setLabels(batch.getLabels());
        network.computeGradientAndScore();
        Gradient copy = new DefaultGradient(network.getGradientsViewArray().dup());
        network.gradient().gradientForVariable().forEach((k, v) -> copy.setGradientFor(k, v.dup()));
        return copy;
    }

    /**
     * Checks that {@code fast} gives {@code plain}'s gradients (every parameter to 1e-5 of its largest magnitude),
     * score and output on two real batches of 32 digits.
     */
    public static void assertSameGradientsScoresAndOutputs(MultiLayerNetwork plain, MultiLayerNetwork fast) {
        for (int batch = 0; batch < 2; batch++) {
            DataSet digits = mnist(batch * 32, 32);
            Gradient expected = gradients(plain, digits);
            Gradient actual = gradients(fast, digits);
            for (String param : expected.gradientForVariable().keySet()) {
                assertThat(maxRelativeDifference(actual.getGradientFor(param), expected.getGradientFor(param)))
                        .as(param + ", batch " + batch).isLessThan(1e-5);
            }
            assertThat(fast.score()).isCloseTo(plain.score(), withPercentage(1e-4));
            assertThat(maxRelativeDifference(fast.output(digits.getFeatures()), plain.output(digits.getFeatures())))
                    .isLessThan(1e-5);
        }
    }

    /**
     * Trains both networks on the same real batches of 64, with the same seed before each step, and checks after
     * every step that {@code fast}'s loss is within {@code percent} of {@code plain}'s.
     */
    public static void trainSideBySide(MultiLayerNetwork plain, MultiLayerNetwork fast, int steps, double percent) {
        for (int step = 0; step < steps; step++) {
            DataSet digits = mnist(step * 64, 64);
            Nd4j.getRandom().setSeed(step);
            plain.fit(digits);
            Nd4j.getRandom().setSeed(step);
            fast.fit(digits);
            assertThat(fast.score()).as("loss at step " + step).isCloseTo(plain.score(), withPercentage(percent));
        }
    }

    /** The largest difference, relative to the largest magnitude in {@code expected}. */
    public static double maxRelativeDifference(INDArray actual, INDArray expected) {
        double scale = expected.amaxNumber().doubleValue();
        return actual.sub(expected).amaxNumber().doubleValue() / scale;
    }
}
