package dev.cnnlab.cli;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Measures a screenshot: how many distinct colours, and how many strongly coloured pixels (chart lines and
 * graph nodes; the UI's frame is black, white and grey). An empty or blank page has few of either.
 *
 * @param width    pixels across
 * @param height   pixels down
 * @param colours  distinct RGB values
 * @param coloured pixels whose largest and smallest channels differ by more than 80
 */
record ScreenshotCheck(int width, int height, int colours, int coloured) {
    static ScreenshotCheck of(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        if (image == null) {
            throw new AssertionError(png + " is not a readable image");
        }
        Set<Integer> colours = new HashSet<>();
        int coloured = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                int r = rgb >> 16 & 0xFF;
                int g = rgb >> 8 & 0xFF;
                int b = rgb & 0xFF;
                if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
                    coloured++;
                }
            }
        }
        return new ScreenshotCheck(image.getWidth(), image.getHeight(), colours.size(), coloured);
    }
}
