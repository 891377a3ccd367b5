package dev.cnnlab.djlbench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** MNIST's IDX files (plain or {@code .gz}) in {@code <data dir>/mnist}, where {@code cnnlab fetch mnist} puts them. */
public final class MnistImages {
    private static final int CLASSES = 10;

    private MnistImages() {
    }

    /**
     * @param dataDir the data directory
     * @param part    {@code train} or {@code t10k}
     * @param limit   at most this many images, the first ones
     * @return the images scaled to [0, 1] and their labels
     * @throws BenchInputException naming a missing or malformed file
     */
    public static ImagePool read(Path dataDir, String part, int limit) {
        Path images = dataDir.resolve("mnist").resolve(part + "-images-idx3-ubyte");
        Path labels = dataDir.resolve("mnist").resolve(part + "-labels-idx1-ubyte");
        ByteBuffer x = idx(images, 3);
        ByteBuffer y = idx(labels, 1);
        int count = Math.min(limit, Math.min(x.getInt(4), y.getInt(4)));
        int rows = x.getInt(8);
        int cols = x.getInt(12);
        float[] pixels = new float[count * rows * cols];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (x.get(16 + i) & 0xff) / 255f;
        }
        int[] classes = new int[count];
        for (int i = 0; i < count; i++) {
            classes[i] = y.get(8 + i) & 0xff;
        }
        return new ImagePool(pixels, classes, 1, rows, cols, CLASSES);
    }

    /** The file's bytes after checking its magic number: unsigned bytes with {@code dims} dimensions. */
    private static ByteBuffer idx(Path file, int dims) {
        Path found = Files.exists(file) ? file : Path.of(file + ".gz");
        if (!Files.exists(found)) {
            throw new BenchInputException(file + " is missing; run 'scripts/cnnlab fetch mnist' first");
        }
        try (InputStream raw = Files.newInputStream(found);
             InputStream in = found.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
            if (buffer.limit() < 4 + 4 * dims || buffer.getInt(0) != (0x0800 | dims)) {
                throw new BenchInputException(found + ": expected an unsigned-byte IDX file with " + dims
                        + " dimension(s)");
            }
            return buffer;
        } catch (IOException e) {
            throw new BenchInputException(found + ": cannot read (" + e.getMessage() + ")");
        }
    }
}
