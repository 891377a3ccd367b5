package dev.cnnlab.explain;

import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.LeNet;
import dev.cnnlab.zoo.NetworkSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.Adam;

import static org.assertj.core.api.Assertions.assertThat;

class ModelSummaryTest {
    @Test
    void leNetShapesAndParametersFollowTheConvolutionArithmetic() {
        MultiLayerNetwork net = new MultiLayerNetwork(new LeNet().configure(
                new NetworkSpec(InputShape.MNIST, 10, 0, new Adam())));
        net.init();
        ModelSummary summary = ModelSummary.of(net, InputShape.MNIST);
        // (28 - 5 + 0) / 1 + 1 = 24; pooling halves; (12 - 5) / 1 + 1 = 8; pooling halves.
        assertThat(summary.layers()).extracting(ModelSummary.LayerRow::outputShape)
                .containsExactly("24x24x20", "12x12x20", "8x8x50", "4x4x50", "500", "10");
        assertThat(summary.layers()).extracting(ModelSummary.LayerRow::params)
                .containsExactly(520L, 0L, 25_050L, 0L, 400_500L, 5_010L);
        assertThat(summary.totalParams()).isEqualTo(431_080L);
        assertThat(summary.format()).contains("total parameters: 431,080");
    }
}
