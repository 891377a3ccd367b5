package dev.cnnlab.report;

import dev.cnnlab.inference.Prediction;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One input image as the network receives it (resized, greyscale or colour, polarity flipped if need be)
 * beside its top predictions: the first thing to check when a prediction looks wrong.
 */
public final class InputPicture {
    private static final int SIDE = 224;
    private static final int MARGIN = 16;
    private static final int WIDTH = 640;

    private InputPicture() {
    }

    /**
     * @param raw        the preprocessed image, {@code [1, c, h, w]}, raw 0-255 values
     * @param prediction its top classes
     * @param classNames all class names, for the caption
     * @return the picture
     */
    public static BufferedImage render(INDArray raw, Prediction prediction, List<String> classNames) {
        Pictures.init();
        int c = (int) raw.size(1);
        int h = (int) raw.size(2);
        int w = (int) raw.size(3);
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = clamp(raw.getDouble(0, 0, y, x));
                int g = c == 3 ? clamp(raw.getDouble(0, 1, y, x)) : r;
                int b = c == 3 ? clamp(raw.getDouble(0, 2, y, x)) : r;
                small.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        int height = SIDE + 2 * MARGIN + 40;
        BufferedImage out = Pictures.canvas(WIDTH, height);
        Graphics2D g = Pictures.graphics(out);
        g.setColor(Palette.INK);
        g.setFont(Pictures.TITLE);
        g.drawString(String.format(Locale.ROOT, "Input as the model sees it: %dx%dx%d", h, w, c), MARGIN, 24);
        int top = 40;
        g.drawImage(Pictures.scaleNearest(small, SIDE, SIDE), MARGIN, top, null);
        g.setColor(Palette.MUTED);
        g.drawRect(MARGIN - 1, top - 1, SIDE + 1, SIDE + 1);
        int x = MARGIN + SIDE + 24;
        g.setFont(Pictures.LABEL.deriveFont(14f));
        g.setColor(Palette.INK);
        g.drawString("top predictions of " + classNames.size() + " classes:", x, top + 16);
        int barWidth = WIDTH - x - MARGIN - 70;
        for (int i = 0; i < prediction.top().size(); i++) {
            Prediction.ClassScore s = prediction.top().get(i);
            int y = top + 44 + i * 34;
            g.setColor(Palette.INK);
            g.drawString(s.name(), x, y);
            g.setColor(i == 0 ? Palette.EVAL : Palette.TRAIN_LIGHT);
            g.fillRect(x, y + 5, (int) Math.round(barWidth * s.probability()), 10);
            g.setColor(Palette.INK);
            g.drawString(String.format(Locale.ROOT, "%.2f%%", 100 * s.probability()), x + barWidth + 8, y + 15);
        }
        g.dispose();
        return out;
    }

    /**
     * Draws the picture and writes it.
     *
     * @param raw        the preprocessed image, {@code [1, c, h, w]}, raw 0-255 values
     * @param prediction its top classes
     * @param classNames all class names
     * @param file       where to write the PNG
     * @return {@code file}
     */
    public static Path write(INDArray raw, Prediction prediction, List<String> classNames, Path file) {
        return Pictures.writePng(render(raw, prediction, classNames), file);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
