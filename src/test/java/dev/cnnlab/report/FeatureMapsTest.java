package dev.cnnlab.report;

import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.ModelZoo;
import dev.cnnlab.zoo.NetworkSpec;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Feature maps and filter tiles of untrained zoo networks: the layout does not depend on training. */
class FeatureMapsTest {
    @TempDir
    Path dir;

    @Test
    void oneGridPerConvolutionAndPoolingLayerWithATilePerChannel() throws IOException {
        for (String architecture : List.of("lenet", "keras-mnist")) {
            MultiLayerNetwork network = network(architecture);
            List<FeatureMaps.LayerMaps> maps = FeatureMaps.of(network,
                    Nd4j.rand(DataType.FLOAT, 1, 1, 28, 28));
            List<Integer> expectedLayers = new ArrayList<>();
            for (int i = 0; i < network.getnLayers(); i++) {
                Layer conf = network.getLayerWiseConfigurations().getConf(i).getLayer();
                if (conf instanceof ConvolutionLayer || conf instanceof SubsamplingLayer) {
                    expectedLayers.add(i);
                }
            }
            assertThat(maps.stream().map(FeatureMaps.LayerMaps::layer).toList()).as(architecture)
                    .isEqualTo(expectedLayers).isNotEmpty();
            List<Path> files = FeatureMaps.write(maps, dir.resolve(architecture));
            assertThat(files).hasSize(maps.size());
            for (int i = 0; i < maps.size(); i++) {
                FeatureMaps.LayerMaps m = maps.get(i);
                assertThat(m.grid().tiles()).hasSize(m.channels());
                assertThat(m.channels()).isEqualTo(channelsOf(network, m.layer()));
                PngAssert.readNotBlank(files.get(i), m.grid().width(), m.grid().height());
                assertThat(files.get(i).getFileName().toString()).isEqualTo(m.fileName());
            }
        }
    }

    @Test
    void lenetLayersHaveTheKnownShapes() {
        List<FeatureMaps.LayerMaps> maps = FeatureMaps.of(network("lenet"), Nd4j.rand(DataType.FLOAT, 1, 1, 28, 28));
        assertThat(maps).extracting(FeatureMaps.LayerMaps::kind)
                .containsExactly("convolution", "pooling", "convolution", "pooling");
        assertThat(maps).extracting(FeatureMaps.LayerMaps::channels).containsExactly(20, 20, 50, 50);
        assertThat(maps).extracting(FeatureMaps.LayerMaps::height).containsExactly(24, 12, 8, 4);
    }

    @Test
    void filterTilesShowEveryFirstLayerFilter() {
        TileGrid grid = FilterTiles.firstLayer(network("lenet")).orElseThrow();
        assertThat(grid.tiles()).hasSize(20);
        assertThat(grid.render().getWidth()).isEqualTo(grid.width());
        assertThat(PngAssert.variance(grid.render())).isPositive();
    }

    /** A pooling layer keeps the channels of the last layer before it that has a channel count. */
    private static int channelsOf(MultiLayerNetwork network, int layer) {
        for (int i = layer; i >= 0; i--) {
            if (network.getLayerWiseConfigurations().getConf(i).getLayer() instanceof FeedForwardLayer f) {
                return (int) f.getNOut();
            }
        }
        return 1;
    }

    private static MultiLayerNetwork network(String architecture) {
        MultiLayerNetwork network = new MultiLayerNetwork(ModelZoo.require(architecture).configure(
                new NetworkSpec(InputShape.MNIST, 10, 7, new Adam(1e-3))));
        network.init();
        return network;
    }
}
