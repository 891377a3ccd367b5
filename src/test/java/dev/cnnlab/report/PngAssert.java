package dev.cnnlab.report;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks on written pictures: readable PNG, expected size, not blank. */
final class PngAssert {
    private PngAssert() {
    }

    /** Reads a PNG and checks it has pixels that differ (variance of the grey level above zero). */
    static BufferedImage readNotBlank(Path file) throws IOException {
        assertThat(file).isNotEmptyFile();
        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).as(file + " is a readable PNG").isNotNull();
        assertThat(variance(image)).as(file + " pixel variance").isGreaterThan(0);
        return image;
    }

    /** Reads a PNG, checks its size and that it is not blank. */
    static BufferedImage readNotBlank(Path file, int width, int height) throws IOException {
        BufferedImage image = readNotBlank(file);
        assertThat(image.getWidth()).as(file + " width").isEqualTo(width);
        assertThat(image.getHeight()).as(file + " height").isEqualTo(height);
        return image;
    }

    static double variance(BufferedImage image) {
        double sum = 0;
        double sumSq = 0;
        long n = (long) image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                double grey = ((rgb >> 16) & 0xff) * 0.299 + ((rgb >> 8) & 0xff) * 0.587 + (rgb & 0xff) * 0.114;
                sum += grey;
                sumSq += grey * grey;
            }
        }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }
}
