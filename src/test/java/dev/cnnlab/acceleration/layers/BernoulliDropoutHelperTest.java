package dev.cnnlab.acceleration.layers;

import dev.cnnlab.acceleration.NetworkGradients;
import dev.cnnlab.runtime.NativeSetup;
import static dev.cnnlab.acceleration.NetworkGradients.mnist;
import static dev.cnnlab.acceleration.NetworkGradients.network;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

/** {@link BernoulliDropoutHelper}: DL4J's inverted dropout, the same mask forward and backward, not saved. */
class BernoulliDropoutHelperTest {

    @BeforeAll
    static void natives() {
        NativeSetup.configure();
    }

    @Test
    void keepsInputsWithProbabilityPAndScalesThemByItsInverse() {
        BernoulliDropoutHelper helper = new BernoulliDropoutHelper();
        INDArray input = Nd4j.rand(DataType.FLOAT, 64, 64, 12, 12).addi(0.5);
        INDArray output = input.ulike();
        helper.applyDropout(input, output, 0.75);

        INDArray kept = output.neq(0).castTo(DataType.FLOAT);
        assertThat(kept.meanNumber().doubleValue()).isCloseTo(0.75, within(0.01));
        assertThat(output.div(input).mul(kept).maxNumber().doubleValue()).isCloseTo(1 / 0.75, within(1e-5));
        assertThat(output.div(input).add(kept.rsub(1).mul(10)).minNumber().doubleValue()).as("kept inputs all scaled")
                .isCloseTo(1 / 0.75, within(1e-5));

        INDArray gradient = Nd4j.rand(DataType.FLOAT, 64, 64, 12, 12).addi(0.5);
        INDArray inputGradient = gradient.ulike();
        helper.backprop(gradient, inputGradient);
        assertThat(inputGradient.neq(0).castTo(DataType.FLOAT)).as("the forward pass's mask").isEqualTo(kept);
        assertThat(inputGradient.sub(gradient.mul(output).div(input)).amaxNumber().doubleValue()).isLessThan(1e-5);

        helper.applyDropout(input, output, 0.75);
        assertThat(output.neq(0).castTo(DataType.FLOAT)).as("a new mask each forward pass").isNotEqualTo(kept);
        assertThatThrownBy(() -> new BernoulliDropoutHelper().backprop(gradient, inputGradient))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void trainsKerasMnistAndIsNotSaved(@TempDir Path dir) throws IOException {
        // The Xavier-normal variant: the tutorial's Glorot-uniform start learns more slowly in 30 steps.
        MultiLayerNetwork plain = network("keras-mnist-plus");
        MultiLayerNetwork fast = network("keras-mnist-plus");
        assertThat(BernoulliDropoutHelper.installOn(fast)).isEqualTo(4);
        assertThat(BernoulliDropoutHelper.installOn(fast)).as("a second time").isZero();
        assertThat(BernoulliDropoutHelper.count(fast)).isEqualTo(4);
        assertThat(BernoulliDropoutHelper.count(plain)).isZero();
        assertThat(fast.getLayerWiseConfigurations().toJson()).isEqualTo(plain.getLayerWiseConfigurations().toJson());

        double first = 0;
        for (int step = 0; step < 30; step++) {
            DataSet digits = mnist(step * 64, 64);
            fast.fit(digits);
            first = step == 0 ? fast.score() : first;
        }
        assertThat(fast.score()).as("it learned").isLessThan(first * 0.8);
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(fast, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file);
        assertThat(BernoulliDropoutHelper.count(restored)).isZero();
        INDArray digits = mnist(2000, 8).getFeatures();
        assertThat(restored.output(digits)).as("inference has no dropout").isEqualTo(fast.output(digits));
    }

    @Test
    void leavesOtherDropoutsToDl4j() {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nOut(8).dropOut(new GaussianDropout(0.5)).build())
                .layer(new DenseLayer.Builder().nOut(8)
                        .dropOut(new Dropout(new ExponentialSchedule(ScheduleType.ITERATION, 0.9, 0.99))).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(12)).build());
        network.init();
        assertThat(BernoulliDropoutHelper.installOn(network)).isZero();
    }
}
