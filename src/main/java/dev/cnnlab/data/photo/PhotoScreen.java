package dev.cnnlab.data.photo;

import dev.cnnlab.CnnlabException;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Finds the photos that cannot be read, once, before any reader or training thread meets them: empty
 * files, files that are not images, JPEGs cut short, and anything OpenCV cannot decode. Readable oddities
 * (greyscale, CMYK, alpha, tiny or huge) pass: the loader converts them.
 */
public final class PhotoScreen {
    private static final Logger LOG = LoggerFactory.getLogger(PhotoScreen.class);
    /** How far from the end a JPEG's end-of-image marker may sit (some cameras pad files). */
    private static final int JPEG_TAIL = 4096;
    private static final int NAMED_IN_LOG = 20;

    private PhotoScreen() {
    }

    /**
     * A photo that was left out, and why.
     *
     * @param path   the file
     * @param reason what is wrong with it, in a few words
     */
    public record BadPhoto(Path path, String reason) {
        @Override
        public String toString() {
            return path + ": " + reason;
        }
    }

    /**
     * The outcome of screening.
     *
     * @param good the readable photos, in the given order
     * @param bad  the unreadable ones, in the given order
     */
    public record Result(List<LabelledFile> good, List<BadPhoto> bad) {
    }

    /**
     * Screens the photos (in parallel) and logs the unreadable ones: their count and names.
     *
     * @param files  the photos
     * @param strict whether an unreadable photo stops the run
     * @param what   what the photos are, for the log ({@code training}, {@code test})
     * @return the readable and the unreadable photos
     * @throws CnnlabException naming the first unreadable photo when {@code strict}
     */
    public static Result screen(List<LabelledFile> files, boolean strict, String what) {
        String[] problems = new String[files.size()];
        long t0 = System.nanoTime();
        IntStream.range(0, files.size()).parallel().forEach(i -> problems[i] = problem(files.get(i).path()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        LOG.info(String.format(java.util.Locale.ROOT, "screened %,d %s photos in %.1f s (%.0f photos/s, %d threads)",
                files.size(), what, seconds, files.size() / seconds,
                java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1));
        List<LabelledFile> good = new ArrayList<>();
        List<BadPhoto> bad = new ArrayList<>();
        for (int i = 0; i < problems.length; i++) {
            if (problems[i] == null) {
                good.add(files.get(i));
            } else if (strict) {
                throw new CnnlabException(files.get(i).path() + ": " + problems[i]
                        + " (--strict stops at the first unreadable photo; leave it off to skip such files)");
            } else {
                bad.add(new BadPhoto(files.get(i).path(), problems[i]));
            }
        }
        if (!bad.isEmpty()) {
            LOG.warn("skipped {} unreadable {} photo(s) of {}:", bad.size(), what, files.size());
            bad.stream().limit(NAMED_IN_LOG).forEach(b -> LOG.warn("  skipped {}", b));
            if (bad.size() > NAMED_IN_LOG) {
                LOG.warn("  ... and {} more (--verbose names them all)", bad.size() - NAMED_IN_LOG);
                bad.stream().skip(NAMED_IN_LOG).forEach(b -> LOG.debug("  skipped {}", b));
            }
        }
        return new Result(good, bad);
    }

    /**
     * @param file a photo
     * @return what makes it unreadable, or null when it can be read
     */
    public static String problem(Path file) {
        try {
            long size = Files.size(file);
            if (size == 0) {
                return "empty file (0 bytes)";
            }
            byte[] head = new byte[8];
            int n;
            try (var in = Files.newInputStream(file)) {
                n = in.readNBytes(head, 0, head.length);
            }
            String format = format(head, n);
            if (format == null) {
                return "not an image (expected a JPEG, PNG or BMP file)";
            }
            if (format.equals("jpeg") && !hasJpegEnd(file, size)) {
                return "truncated JPEG (no end-of-image marker)";
            }
            // Decoding at 1/4 size is enough to prove the file decodes, and is several times faster for JPEGs.
            Mat probe = opencv_imgcodecs.imread(file.toString(), opencv_imgcodecs.IMREAD_REDUCED_COLOR_4);
            try {
                if (probe == null || probe.empty()) {
                    return "cannot be decoded as " + format.toUpperCase(java.util.Locale.ROOT);
                }
            } finally {
                if (probe != null) {
                    probe.close();
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "cannot be read (" + e.getMessage() + ")";
        }
    }

    private static String format(byte[] h, int n) {
        if (n >= 3 && (h[0] & 0xff) == 0xFF && (h[1] & 0xff) == 0xD8 && (h[2] & 0xff) == 0xFF) {
            return "jpeg";
        }
        if (n >= 8 && (h[0] & 0xff) == 0x89 && h[1] == 'P' && h[2] == 'N' && h[3] == 'G') {
            return "png";
        }
        if (n >= 2 && h[0] == 'B' && h[1] == 'M') {
            return "bmp";
        }
        return null;
    }

    /** libjpeg decodes a JPEG cut short with only a warning, filling the rest grey: find the marker instead. */
    private static boolean hasJpegEnd(Path file, long size) throws IOException {
        int tail = (int) Math.min(size, JPEG_TAIL);
        byte[] bytes = new byte[tail];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(size - tail);
            raf.readFully(bytes);
        }
        for (int i = tail - 2; i >= 0; i--) {
            if ((bytes[i] & 0xff) == 0xFF && (bytes[i + 1] & 0xff) == 0xD9) {
                return true;
            }
        }
        return false;
    }
}
