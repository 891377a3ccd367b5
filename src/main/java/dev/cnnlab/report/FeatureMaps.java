package dev.cnnlab.report;

import dev.cnnlab.CnnlabException;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What every convolution and pooling layer makes of one input: one picture per layer, one tile per
 * channel, showing where in the image each channel responds.
 */
public final class FeatureMaps {
    private static final int TARGET_TILE = 72;
    private static final int MAX_TILE = 128;
    private static final int MAX_COLUMNS = 10;

    private FeatureMaps() {
    }

    /**
     * One layer's activations as a picture.
     *
     * @param layer       the layer's index in the network
     * @param kind        {@code convolution} or {@code pooling}
     * @param description the layer in words, such as {@code convolution 5x5, relu}
     * @param channels    channels of its output: the number of tiles
     * @param height      height of each channel's map
     * @param width       width of each channel's map
     * @param grid        the tiles
     */
    public record LayerMaps(int layer, String kind, String description, int channels, int height, int width,
                            TileGrid grid) {
        /** @return the picture's file name: layer index first, so files sort in network order */
        public String fileName() {
            return String.format(Locale.ROOT, "layer-%02d-%s.png", layer, kind);
        }
    }

    /**
     * Runs the input through the network and draws the output of every convolution and pooling layer.
     *
     * <p>Each tile is stretched to its own channel's range (dark purple lowest, yellow highest): channels
     * differ in scale by orders of magnitude, and a shared scale would leave most of them black. A channel
     * that is constant (often all zero after ReLU: a "dead" channel for this input) is captioned
     * {@code flat}.
     *
     * @param network a network
     * @param input   one image, already normalised as in training: {@code [1, c, h, w]}
     * @return one entry per convolution or pooling layer, in network order
     */
    public static List<LayerMaps> of(MultiLayerNetwork network, INDArray input) {
        List<INDArray> activations = network.feedForward(input, false);
        List<LayerMaps> maps = new ArrayList<>();
        for (int i = 0; i < network.getnLayers(); i++) {
            Layer conf = network.getLayerWiseConfigurations().getConf(i).getLayer();
            INDArray a = activations.get(i + 1);
            if (!(conf instanceof ConvolutionLayer || conf instanceof SubsamplingLayer) || a.rank() != 4) {
                continue;
            }
            CNN2DFormat format = conf instanceof ConvolutionLayer c ? c.getCnn2dDataFormat()
                    : ((SubsamplingLayer) conf).getCnn2dDataFormat();
            // Channels-last layers hand out [1, h, w, c]; draw everything channels first.
            INDArray nchw = format == CNN2DFormat.NHWC ? a.permute(0, 3, 1, 2) : a;
            maps.add(layer(i, conf, nchw));
        }
        return maps;
    }

    /**
     * @param maps from {@link #of}
     * @param dir  the folder to write to; created if missing
     * @return the files written, in network order
     * @throws CnnlabException naming the folder when it cannot be written
     */
    public static List<Path> write(List<LayerMaps> maps, Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CnnlabException(dir + ": cannot create the output folder: " + e.getMessage(), e);
        }
        List<Path> files = new ArrayList<>();
        for (LayerMaps m : maps) {
            files.add(Pictures.writePng(m.grid().render(), dir.resolve(m.fileName())));
        }
        return files;
    }

    private static LayerMaps layer(int index, Layer conf, INDArray a) {
        int channels = (int) a.size(1);
        int h = (int) a.size(2);
        int w = (int) a.size(3);
        String kind;
        String description;
        if (conf instanceof ConvolutionLayer c) {
            kind = "convolution";
            description = String.format(Locale.ROOT, "convolution %dx%d, %s", c.getKernelSize()[0], c.getKernelSize()[1],
                    c.getActivationFn());
        } else {
            SubsamplingLayer s = (SubsamplingLayer) conf;
            kind = "pooling";
            description = String.format(Locale.ROOT, "%s pooling %dx%d", s.getPoolingType().name().toLowerCase(Locale.ROOT),
                    s.getKernelSize()[0], s.getKernelSize()[1]);
        }
        List<TileGrid.Tile> tiles = new ArrayList<>();
        for (int ch = 0; ch < channels; ch++) {
            tiles.add(tile(a, ch, h, w));
        }
        int side = Math.max(h, w);
        int tile = side >= TARGET_TILE ? Math.min(side, MAX_TILE) : side * Math.max(1, Math.round((float) TARGET_TILE / side));
        String title = String.format(Locale.ROOT, "Layer %d: %s: %d channels of %dx%d", index, description, channels, h, w);
        String subtitle = "one tile per channel, each stretched to its own range: dark purple lowest, yellow highest;"
                + " caption: channel and its largest value";
        return new LayerMaps(index, kind, description, channels, h, w,
                new TileGrid(title, subtitle, tiles, tile, TileGrid.columnsFor(channels, MAX_COLUMNS), 1));
    }

    private static TileGrid.Tile tile(INDArray a, int ch, int h, int w) {
        double[][] v = new double[h][w];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                v[y][x] = a.getDouble(0, ch, y, x);
                min = Math.min(min, v[y][x]);
                max = Math.max(max, v[y][x]);
            }
        }
        boolean flat = !(max > min);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, Palette.viridis(flat ? 0 : (v[y][x] - min) / (max - min)).getRGB());
            }
        }
        String caption = flat ? String.format(Locale.ROOT, "#%d flat", ch)
                : String.format(Locale.ROOT, "#%d: %.2g", ch, max);
        return new TileGrid.Tile(img, List.of(caption), null);
    }
}
