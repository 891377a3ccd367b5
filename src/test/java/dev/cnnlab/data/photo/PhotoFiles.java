package dev.cnnlab.data.photo;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * Writes the kinds of photo files found in the real 25,000-photo set, good and bad, for tests.
 */
final class PhotoFiles {
    private PhotoFiles() {
    }

    /** A random colourful RGB picture. */
    static BufferedImage picture(int width, int height, long seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
        g.fillRect(0, 0, width, height);
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)));
            g.fillOval(r.nextInt(Math.max(1, width)), r.nextInt(Math.max(1, height)), width / 3 + 1, height / 3 + 1);
        }
        g.dispose();
        return img;
    }

    static Path jpeg(Path file, BufferedImage img) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "jpg", file.toFile());
        return file;
    }

    static Path png(Path file, BufferedImage img) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    static Path empty(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, new byte[0]);
    }

    static Path text(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "<html>404 Not Found</html>\n");
    }

    /** A JPEG cut to half its length, as an interrupted download leaves it. */
    static Path truncatedJpeg(Path file, long seed) throws IOException {
        jpeg(file, picture(120, 90, seed));
        byte[] all = Files.readAllBytes(file);
        return Files.write(file, Arrays.copyOf(all, all.length / 2));
    }

    static Path greyJpeg(Path file, long seed) throws IOException {
        BufferedImage grey = new BufferedImage(80, 60, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.drawImage(picture(80, 60, seed), 0, 0, null);
        g.dispose();
        return jpeg(file, grey);
    }

    static Path alphaPng(Path file, long seed) throws IOException {
        BufferedImage argb = new BufferedImage(70, 50, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = argb.createGraphics();
        g.drawImage(picture(70, 50, seed), 0, 0, null);
        g.setComposite(java.awt.AlphaComposite.Clear);
        g.fillRect(0, 0, 20, 20);
        g.dispose();
        return png(file, argb);
    }

    /** A four-component (CMYK) JPEG, written from a raw four-band raster, as some cameras and editors save. */
    static Path cmykJpeg(Path file, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage rgb = picture(64, 48, seed);
        WritableRaster raster = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 64, 48, 4, null);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                int p = rgb.getRGB(x, y);
                int r = (p >> 16) & 0xff;
                int gr = (p >> 8) & 0xff;
                int b = p & 0xff;
                int k = 255 - Math.max(r, Math.max(gr, b));
                raster.setPixel(x, y, new int[] {255 - r - k, 255 - gr - k, 255 - b - k, k});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), null);
        } finally {
            writer.dispose();
        }
        return file;
    }
}
