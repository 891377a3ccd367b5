package dev.cnnlab.acceleration.layers;

import dev.cnnlab.acceleration.AppliedSpeedUp;
import dev.cnnlab.acceleration.BackpropShortcuts;
import dev.cnnlab.acceleration.NetworkGradients;
import dev.cnnlab.runtime.NativeSetup;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;

import static dev.cnnlab.acceleration.NetworkGradients.network;
import static org.assertj.core.api.Assertions.assertThat;

class InPlaceBackpropReLUTest {

    @BeforeAll
    static void natives() {
        NativeSetup.configure();
    }

    @Test
    void givesDl4jsReluGradientIncludingAtZero() {
        Nd4j.getRandom().setSeed(3);
        INDArray z = Nd4j.rand(DataType.FLOAT, 8, 5, 6, 6).subi(0.5);
        z.putScalar(new long[] {0, 0, 0, 0}, 0f);
        z.putScalar(new long[] {7, 4, 5, 5}, -0f);
        INDArray epsilon = Nd4j.randn(DataType.FLOAT, 8, 5, 6, 6);

        float[] expected = new ActivationReLU().backprop(z.dup(), epsilon.dup()).getFirst().reshape(-1).toFloatVector();
        INDArray in = z.dup();
        INDArray actual = new InPlaceBackpropReLU().backprop(in, epsilon).getFirst();

        assertThat(actual).as("computed in the pre-activations' array").isSameAs(in);
        float[] values = actual.reshape(-1).toFloatVector();
        for (int i = 0; i < expected.length; i++) {
            assertThat(values[i] == expected[i]).as("value %d: %s against %s", i, values[i], expected[i]).isTrue();
        }
        assertThat(new InPlaceBackpropReLU().getActivation(z.dup(), true))
                .isEqualTo(new ActivationReLU().getActivation(z.dup(), true));
    }

    @Test
    void replacesOnlyTheDefaultRelu() {
        assertThat(InPlaceBackpropReLU.replaces(new ActivationReLU())).isTrue();
        assertThat(InPlaceBackpropReLU.replaces(new ActivationReLU(6.0, null, null))).as("ReLU6").isFalse();
        assertThat(InPlaceBackpropReLU.replaces(new ActivationReLU(null, 0.5, null))).as("threshold").isFalse();
        assertThat(InPlaceBackpropReLU.replaces(new ActivationLReLU())).isFalse();
        assertThat(InPlaceBackpropReLU.replaces(new InPlaceBackpropReLU())).as("already replaced").isFalse();
        assertThat(InPlaceBackpropReLU.replaces(null)).isFalse();
    }

    @Test
    void aTrainedNetworkIsSavedWithDl4jsRelu(@TempDir Path dir) throws IOException {
        MultiLayerNetwork plain = network("lenet");
        MultiLayerNetwork fast = network("lenet");
        assertThat(BackpropShortcuts.applyTo(fast)).extracting(AppliedSpeedUp::detail).contains("in-place ReLU backprop in 3 layers");
        assertThat(activation(fast, 0)).isInstanceOf(InPlaceBackpropReLU.class);
        assertThat(activation(plain, 0)).isExactlyInstanceOf(ActivationReLU.class);
        assertThat(BackpropShortcuts.inPlaceReLULayers(fast)).isEqualTo(3);
        assertThat(BackpropShortcuts.inPlaceReLULayers(plain)).isZero();

        assertThat(fast.getLayer(0).conf().toJson()).doesNotContain("InPlaceBackpropReLU")
                .contains(ActivationReLU.class.getName());
        String json = fast.getLayerWiseConfigurations().toJson();
        assertThat(json).doesNotContain("InPlaceBackpropReLU").contains(ActivationReLU.class.getName());
        assertThat(fast.getLayerWiseConfigurations().toYaml()).doesNotContain("InPlaceBackpropReLU");
        plain.getLayerWiseConfigurations().setCacheMode(fast.getLayerWiseConfigurations().getCacheMode());
        assertThat(json).isEqualTo(plain.getLayerWiseConfigurations().toJson());

        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(fast, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file);
        assertThat(activation(restored, 0)).isExactlyInstanceOf(ActivationReLU.class);
        assertThat(MultiLayerConfiguration.fromJson(json).getConf(4).getLayer())
                .isInstanceOfSatisfying(BaseLayer.class,
                        dense -> assertThat(dense.getActivationFn()).isExactlyInstanceOf(ActivationReLU.class));
    }

    private static IActivation activation(MultiLayerNetwork network, int layer) {
        return ((BaseLayer) network.getLayer(layer).conf().getLayer()).getActivationFn();
    }
}
