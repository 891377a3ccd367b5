package dev.cnnlab.report;

import dev.cnnlab.data.LabelledImages;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Test images in a grid, each captioned with its true and predicted class; wrong predictions are framed
 * and captioned in red so they stand out at a glance.
 */
public final class PredictionGrid {
    private static final int TILE = 84;
    private static final int MAX_COLUMNS = 8;

    private PredictionGrid() {
    }

    /**
     * One captioned image.
     *
     * @param image       the image as drawn (greyscale or colour)
     * @param actual      its true class
     * @param predicted   the predicted class
     * @param probability the predicted class's probability
     */
    public record Sample(BufferedImage image, int actual, int predicted, double probability) {
        /** @return whether the prediction is wrong */
        public boolean wrong() {
            return actual != predicted;
        }
    }

    /**
     * @param title      the picture's title
     * @param samples    the images with their predictions
     * @param classNames class names, indexed by label
     * @return the grid's layout, ready to render
     */
    public static TileGrid layout(String title, List<Sample> samples, List<String> classNames) {
        List<TileGrid.Tile> tiles = new ArrayList<>();
        for (Sample s : samples) {
            tiles.add(new TileGrid.Tile(s.image(), List.of("true: " + classNames.get(s.actual()),
                    String.format(Locale.ROOT, "pred: %s %.0f%%", classNames.get(s.predicted()), 100 * s.probability())),
                    s.wrong() ? Palette.MISTAKE : null));
        }
        long wrong = samples.stream().filter(Sample::wrong).count();
        String subtitle = String.format(Locale.ROOT,
                "caption: true class, then predicted class and its probability; mistakes in red (%d of %d)",
                wrong, samples.size());
        // Long class names (Fashion-MNIST's "Ankle boot") widen the tiles rather than lose the probability.
        int caption = tiles.stream().flatMap(t -> t.captions().stream())
                .mapToInt(c -> Pictures.textWidth(Pictures.SMALL, c)).max().orElse(0);
        int tile = Math.max(TILE, caption);
        return new TileGrid(title, subtitle, tiles, tile, Math.max(1, Math.min(MAX_COLUMNS, samples.size())), 2);
    }

    /**
     * @param title      the picture's title
     * @param samples    the images with their predictions
     * @param classNames class names, indexed by label
     * @return the picture
     */
    public static BufferedImage render(String title, List<Sample> samples, List<String> classNames) {
        return layout(title, samples, classNames).render();
    }

    /**
     * @param images labelled images, raw bytes
     * @param index  which one
     * @return it as a greyscale or RGB image, pixel for pixel
     */
    public static BufferedImage imageOf(LabelledImages images, int index) {
        int h = images.height();
        int w = images.width();
        int c = images.channels();
        byte[] px = images.pixels();
        int base = index * images.imageSize();
        BufferedImage out = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (c == 1) {
                    out.getRaster().setSample(x, y, 0, px[base + i] & 0xff);
                } else {
                    int r = px[base + i] & 0xff;
                    int g = px[base + h * w + i] & 0xff;
                    int b = px[base + 2 * h * w + i] & 0xff;
                    out.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
        }
        return out;
    }
}
