package dev.cnnlab.acceleration.forward;

import dev.cnnlab.TestData;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.Scaling;
import dev.cnnlab.data.batches.ImageBatchIterator;
import dev.cnnlab.zoo.Architecture;
import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.ModelZoo;
import dev.cnnlab.zoo.NetworkSpec;
import dev.cnnlab.zoo.Optimizer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LocalResponseNormalization;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link JavaForwardPass}: the same outputs as DL4J's {@code output(x, false)}, and a clear refusal otherwise. */
class JavaForwardPassTest {
    private static final LabelledImages DIGITS = TestData.mnistTrain().limit(96);
    private static final InputType MNIST = InputShape.MNIST.toInputType();

    private static final Map<String, MultiLayerNetwork> TRAINED = new ConcurrentHashMap<>();

    /** Every zoo network, whole and with its large layers cut into 2 and 4 parts. */
    static Stream<Arguments> architecturesAndParts() {
        return ModelZoo.all().stream().map(Architecture::name)
                .flatMap(name -> Stream.of(1, 2, 4).map(parts -> Arguments.of(name, parts)));
    }

    /** Digits scaled to [0, 1], in batches of 32. */
    private static ImageBatchIterator digits() {
        ImageBatchIterator it = new ImageBatchIterator(DIGITS, 32, false, 0);
        it.setPreProcessor(Scaling.UNIT.fit(new ImageBatchIterator(DIGITS, 96, false, 0)));
        return it;
    }

    /** A zoo network trained on 64 digits, so its weights and batch-norm statistics are no longer their start values. */
    private static MultiLayerNetwork trained(String architecture) {
        NetworkSpec spec = new NetworkSpec(InputShape.MNIST, 10, 7, Optimizer.ADAM.updater(1e-3, 1, 0.9, 0.999));
        MultiLayerNetwork net = new MultiLayerNetwork(ModelZoo.require(architecture).configure(spec));
        net.init();
        ImageBatchIterator it = digits();
        net.fit(it.next());
        net.fit(it.next());
        return net;
    }

    @ParameterizedTest(name = "{0} in {1} part(s)")
    @MethodSource("architecturesAndParts")
    void everyZooNetworkGivesWhatDl4jGives(String architecture, int parts) {
        MultiLayerNetwork net = TRAINED.computeIfAbsent(architecture, JavaForwardPassTest::trained);
        ImageBatchIterator it = digits();
        it.next();
        it.next();
        INDArray unseen = it.next().getFeatures();

        INDArray expected = net.output(unseen, false);
        JavaForwardPass pass = JavaForwardPass.compile(net, MNIST, parts);
        INDArray actual = pass.output(unseen);

        assertThat(pass.parts()).isEqualTo(parts);

        assertThat(actual.shape()).containsExactly(expected.shape());
        double[] e = flat(expected);
        double[] a = flat(actual);
        for (int i = 0; i < e.length; i++) {
            assertThat(a[i]).as("%s output %d", architecture, i).isCloseTo(e[i], within(2e-5));
        }
        assertThat(actual.argMax(1).toLongVector()).containsExactly(expected.argMax(1).toLongVector());
    }

    @Test
    void oneImageAtATimeGivesTheRowsOfTheBatch() {
        MultiLayerNetwork net = trained("lenet");
        JavaForwardPass pass = JavaForwardPass.compile(net, MNIST);
        DataSet batch = digits().next();
        INDArray all = pass.output(batch.getFeatures());
        for (int b = 0; b < 3; b++) {
            float[] image = batch.getFeatures().slice(b).dup().data().asFloat();
            float[] probabilities = pass.output(image);
            assertThat(probabilities).containsExactly(all.getRow(b).toFloatVector());
            assertThat(probabilities).hasSize(10);
        }
    }

    @Test
    void onlyLayersWithAMillionMultiplyAddsOrMoreAreCut() {
        // keras-mnist: conv 3x3x32 (0.2M), conv 3x3x64 (10.6M), pool, dense 9216x128 (1.2M), output 128x10
        MultiLayerNetwork net = TRAINED.computeIfAbsent("keras-mnist", JavaForwardPassTest::trained);
        assertThat(JavaForwardPass.compile(net, MNIST, 2).partedSteps()).isEqualTo(2);
        assertThat(JavaForwardPass.compile(net, MNIST, 1).partedSteps()).isZero();
    }

    @Test
    void aConvolutionWithFewerOutputRowsThanPartsLeavesTheRestIdle() {
        // 24x24x4 -> 2x2x512 through 12x12 windows: 1.2M multiply-adds in 2 output rows, so 2 of 4 parts get none.
        MultiLayerNetwork net = network(new ConvolutionLayer.Builder(12, 12).stride(12, 12).nOut(512)
                .activation(Activation.RELU).build());
        INDArray x = digits().next().getFeatures();
        JavaForwardPass pass = JavaForwardPass.compile(net, MNIST, 4);
        assertThat(pass.partedSteps()).isEqualTo(1);
        double[] expected = flat(net.output(x, false));
        double[] actual = flat(pass.output(x));
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("output %d", i).isCloseTo(expected[i], within(2e-5));
        }
    }

    @Test
    void batchNormalisationAndActivationAfterAConvolutionFoldIntoIt() {
        // catsdogs: 4 x (2 x (conv, batch norm, ReLU), pool), dropout, dense, dropout, output: 32 layers
        MultiLayerNetwork net = TRAINED.computeIfAbsent("catsdogs", JavaForwardPassTest::trained);
        assertThat(net.getnLayers()).isEqualTo(32);
        assertThat(JavaForwardPass.compile(net, MNIST, 1).steps()).isEqualTo(8 + 4 + 2);
    }

    @Test
    void aBatchNormalisationAfterAnActivatedConvolutionStaysAStepOfItsOwn() {
        MultiLayerNetwork net = network(new BatchNormalization.Builder().build());
        assertThat(JavaForwardPass.compile(net, MNIST, 1).steps()).isEqualTo(3);
    }

    @Test
    void anImageOfTheWrongSizeIsRefusedNamingBothSizes() {
        JavaForwardPass pass = JavaForwardPass.compile(trained("lenet"), MNIST);
        assertThatThrownBy(() -> pass.output(new float[100]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected 784 input values, got 100");
    }

    @Test
    void aLayerItDoesNotComputeIsRefusedByIndexAndKind() {
        assertThatThrownBy(() -> JavaForwardPass.compile(network(new SubsamplingLayer.Builder(PoolingType.AVG)
                .kernelSize(2, 2).stride(2, 2).build()), MNIST))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 1: AVG pooling is not computed by the Java forward pass");
        assertThatThrownBy(() -> JavaForwardPass.compile(network(new LocalResponseNormalization.Builder().build()),
                MNIST))
                .hasMessage("layer 1: LocalResponseNormalization is not computed by the Java forward pass");
        assertThat(JavaForwardPass.tryCompile(network(new LocalResponseNormalization.Builder().build()), MNIST))
                .isEmpty();
    }

    @Test
    void batchNormalisationOnVectorsAndSamePaddingFollowDl4j() {
        // 28x28 -> 7x7 (stride 4, Same) -> 4x4: the pooling window pads the bottom row and the right column.
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(11).list()
                .layer(new ConvolutionLayer.Builder(4, 4).stride(4, 4).nOut(5).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Same).build())
                .layer(new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder().nOut(12)
                        .activation(Activation.SIGMOID).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(MNIST).build());
        net.init();
        ImageBatchIterator it = digits();
        net.fit(it.next());
        INDArray x = it.next().getFeatures();
        double[] expected = flat(net.output(x, false));
        double[] actual = flat(JavaForwardPass.compile(net, MNIST).output(x));
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("output %d", i).isCloseTo(expected[i], within(2e-5));
        }
    }

    private static double[] flat(INDArray array) {
        return array.dup('c').reshape(array.length()).toDoubleVector();
    }

    /** conv 5x5 -> the given layer -> softmax output. */
    private static MultiLayerNetwork network(org.deeplearning4j.nn.conf.layers.Layer second) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(4).activation(Activation.RELU).build())
                .layer(second)
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(MNIST).build());
        net.init();
        return net;
    }
}
