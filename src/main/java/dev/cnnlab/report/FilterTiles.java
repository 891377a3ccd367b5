package dev.cnnlab.report;

import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The first convolution layer's filters as small pictures: the only layer whose weights can be read as
 * images, because it is the only one that looks at pixels directly.
 */
public final class FilterTiles {
    private static final int TARGET_TILE = 64;
    private static final int MAX_COLUMNS = 10;

    private FilterTiles() {
    }

    /**
     * Greyscale input: each filter's weights in a blue-white-red scale, symmetric about zero and scaled to
     * the filter's largest weight, so the sign of every weight reads directly (red adds the pixel, blue
     * subtracts it). Colour input: each filter as an RGB picture stretched to its own range.
     *
     * @param network a network
     * @return the tiles of its first convolution layer, or empty if it has none with plain 2-D weights
     */
    public static Optional<TileGrid> firstLayer(MultiLayerNetwork network) {
        for (int i = 0; i < network.getnLayers(); i++) {
            if (network.getLayerWiseConfigurations().getConf(i).getLayer() instanceof ConvolutionLayer conv) {
                INDArray w = network.getLayer(i).getParam("W");
                if (w == null || w.rank() != 4 || w.size(0) != conv.getNOut() || w.size(1) != conv.getNIn()) {
                    // Separable, depthwise and transposed convolutions keep their weights in other shapes.
                    return Optional.empty();
                }
                return Optional.of(tiles(i, w));
            }
        }
        return Optional.empty();
    }

    private static TileGrid tiles(int layer, INDArray weights) {
        int filters = (int) weights.size(0);
        int inputs = (int) weights.size(1);
        int kh = (int) weights.size(2);
        int kw = (int) weights.size(3);
        List<TileGrid.Tile> tiles = new ArrayList<>();
        for (int f = 0; f < filters; f++) {
            BufferedImage img = inputs == 3 ? rgb(weights, f, kh, kw) : signed(weights, f, inputs, kh, kw);
            tiles.add(new TileGrid.Tile(img, List.of("#" + f), null));
        }
        int side = Math.max(kh, kw);
        int tile = side >= TARGET_TILE ? side : side * Math.max(1, Math.round((float) TARGET_TILE / side));
        String subtitle = inputs == 3
                ? "each filter as an RGB picture, stretched to its own weight range"
                : "red: positive weight, blue: negative, white: zero; each filter scaled to its largest |weight|"
                        + (inputs > 1 ? "; mean over its " + inputs + " input channels" : "");
        String title = String.format(Locale.ROOT, "First-layer filters: layer %d, %d filters of %dx%d over %d input channel%s",
                layer, filters, kh, kw, inputs, inputs == 1 ? "" : "s");
        return new TileGrid(title, subtitle, tiles, tile, TileGrid.columnsFor(filters, MAX_COLUMNS), 1);
    }

    private static BufferedImage signed(INDArray w, int f, int inputs, int kh, int kw) {
        double[][] v = new double[kh][kw];
        double maxAbs = 0;
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                double sum = 0;
                for (int c = 0; c < inputs; c++) {
                    sum += w.getDouble(f, c, y, x);
                }
                v[y][x] = sum / inputs;
                maxAbs = Math.max(maxAbs, Math.abs(v[y][x]));
            }
        }
        BufferedImage img = new BufferedImage(kw, kh, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                img.setRGB(x, y, Palette.diverging(maxAbs == 0 ? 0 : v[y][x] / maxAbs).getRGB());
            }
        }
        return img;
    }

    private static BufferedImage rgb(INDArray w, int f, int kh, int kw) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    double v = w.getDouble(f, c, y, x);
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        double range = max > min ? max - min : 1;
        BufferedImage img = new BufferedImage(kw, kh, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                int r = (int) Math.round(255 * (w.getDouble(f, 0, y, x) - min) / range);
                int g = (int) Math.round(255 * (w.getDouble(f, 1, y, x) - min) / range);
                int b = (int) Math.round(255 * (w.getDouble(f, 2, y, x) - min) / range);
                img.setRGB(x, y, new Color(r, g, b).getRGB());
            }
        }
        return img;
    }
}
