package dev.cnnlab.djlbench;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Cats-vs-dogs training photos for the photo networks, as cnnlab's bench and {@code bench-pytorch.py} take them: as
 * many as {@link ImagePool#capacity} allows, alternating the classes, decoded to RGB and resized bilinearly.
 */
public final class PhotoImages {
    private PhotoImages() {
    }

    /**
     * @param dataDir the data directory; {@code $CNNLAB_CATS_DOGS} wins, else {@code <data dir>/cats-dogs}
     * @param height  rows to resize to
     * @param width   columns to resize to
     * @return the photos as an RGB pool
     * @throws BenchInputException when the folder is missing
     */
    public static ImagePool read(Path dataDir, int height, int width) {
        String env = System.getenv("CNNLAB_CATS_DOGS");
        Path root = env != null && !env.isBlank() ? Path.of(env) : dataDir.resolve("cats-dogs");
        if (!Files.isDirectory(root)) {
            throw new BenchInputException("no cats-vs-dogs photos in " + root + "; run 'scripts/cnnlab fetch cats-dogs'"
                    + " or set CNNLAB_CATS_DOGS to a folder of <class>/ photos");
        }
        Path tree = Files.isDirectory(root.resolve("train")) ? root.resolve("train") : root;
        List<List<Path>> files = new ArrayList<>();
        for (Path dir : sorted(tree).stream().filter(Files::isDirectory).toList()) {
            files.add(sorted(dir).stream().filter(Files::isRegularFile).toList());
        }
        int capacity = ImagePool.capacity(3, height, width);
        int imageSize = 3 * height * width;
        List<float[]> pixels = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int longest = files.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest && pixels.size() < capacity; i++) {
            for (int label = 0; label < files.size() && pixels.size() < capacity; label++) {
                if (i < files.get(label).size()) {
                    float[] image = decode(files.get(label).get(i), height, width);
                    if (image != null) {
                        pixels.add(image);
                        labels.add(label);
                    }
                }
            }
        }
        float[] all = new float[pixels.size() * imageSize];
        for (int i = 0; i < pixels.size(); i++) {
            System.arraycopy(pixels.get(i), 0, all, i * imageSize, imageSize);
        }
        return new ImagePool(all, labels.stream().mapToInt(Integer::intValue).toArray(), 3, height, width,
                files.size());
    }

    private static List<Path> sorted(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            throw new BenchInputException(dir + ": cannot list (" + e.getMessage() + ")");
        }
    }

    /** Channel-first RGB in [0, 1], or null for a file that is not a readable image (skipped, as cnnlab does). */
    private static float[] decode(Path file, int height, int width) {
        BufferedImage source;
        try {
            source = ImageIO.read(file.toFile());
        } catch (IOException e) {
            return null;
        }
        if (source == null) {
            return null;
        }
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, 0, 0, width, height, null);
        g.dispose();
        float[] out = new float[3 * height * width];
        int plane = height * width;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int rgb = scaled.getRGB(x, y);
                int at = y * width + x;
                out[at] = ((rgb >> 16) & 0xff) / 255f;
                out[plane + at] = ((rgb >> 8) & 0xff) / 255f;
                out[2 * plane + at] = (rgb & 0xff) / 255f;
            }
        }
        return out;
    }
}
