package dev.cnnlab.report;

import dev.cnnlab.CnnlabException;

import javax.imageio.ImageIO;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * Small Java2D helpers shared by the pictures: fonts, a ready canvas, upscaling and PNG output.
 */
public final class Pictures {
    static {
        // Pictures are drawn off screen: without this, a DISPLAY set to an unreachable X server (ssh -X,
        // CI) makes the first font lookup fail.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Titles of Java2D pictures, matching the size of the charts' titles. */
    public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    /** Captions and axis labels. */
    public static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Captions under small tiles. */
    public static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Pictures() {
    }

    /** Makes sure the headless setting above is applied before any AWT class is used. */
    static void init() {
        // Loading this class runs the static block; nothing else to do.
    }

    /**
     * @param width  pixels
     * @param height pixels
     * @return a white RGB image
     */
    public static BufferedImage canvas(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Palette.PAPER);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    /**
     * @param image an image from {@link #canvas}
     * @return a graphics context with anti-aliased text and shapes; dispose it when done
     */
    public static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        return g;
    }

    /**
     * @param font a font
     * @param text a line of text
     * @return its width in pixels when drawn with {@link #graphics}
     */
    public static int textWidth(Font font, String text) {
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = graphics(probe);
        int width = g.getFontMetrics(font).stringWidth(text);
        g.dispose();
        return width;
    }

    /**
     * Upscales with nearest-neighbour sampling: a 28x28 digit or a 5x5 filter must show its pixels as
     * squares, not as a blur that suggests detail the network never saw.
     *
     * @param image  a small image
     * @param width  target width
     * @param height target height
     * @return the scaled image
     */
    public static BufferedImage scaleNearest(BufferedImage image, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(image, 0, 0, width, height, null);
        g.dispose();
        return out;
    }

    /**
     * @param image a picture
     * @param file  where to write it as PNG; its folder must exist
     * @return {@code file}
     * @throws CnnlabException naming the file when it cannot be written
     */
    public static Path writePng(BufferedImage image, Path file) {
        try {
            Files.write(file, png(image));
            return file;
        } catch (IOException | UncheckedIOException e) {
            throw new CnnlabException(file + ": cannot write the picture: " + e.getMessage(), e);
        }
    }

    /**
     * @param image a picture
     * @return its PNG encoding
     */
    public static byte[] png(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @param pngBytes a PNG file's bytes
     * @return a {@code data:} URI that an HTML page can use as an image source without a separate file
     */
    public static String dataUri(byte[] pngBytes) {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(pngBytes);
    }
}
