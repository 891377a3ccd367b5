package dev.cnnlab.data;

import dev.cnnlab.CnnlabException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The digit tutorial's augmentation: the training set plus copies of every image shifted by one pixel up,
 * down, left and right, and optionally mirrored left to right. Copies are made once, before training, as
 * the tutorial did; pixels shifted in from outside the image are black.
 */
public final class IdxAugmentation {
    /** A kind of copy. */
    public enum Copy {
        /** Four copies, each shifted by one pixel: up, down, left, right. */
        SHIFT,
        /** One copy mirrored left to right (a questionable augmentation for digits: a mirrored 2 is no 2). */
        FLIP
    }

    private IdxAugmentation() {
    }

    /**
     * @param spec a comma-separated list such as {@code shift,flip}; empty or {@code none} for none
     * @return the copies asked for
     * @throws CnnlabException naming {@code --augment} for an unknown kind
     */
    public static Set<Copy> parse(String spec) {
        Set<Copy> copies = EnumSet.noneOf(Copy.class);
        if (spec == null || spec.isBlank() || spec.equalsIgnoreCase("none")) {
            return copies;
        }
        for (String part : spec.split(",")) {
            try {
                copies.add(Copy.valueOf(part.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CnnlabException("--augment: unknown augmentation '" + part.strip()
                        + "', expected a comma-separated list of shift, flip (or none)");
            }
        }
        return copies;
    }

    /**
     * @param images the training images
     * @param copies which copies to add
     * @return the originals followed by the copies, labels kept
     */
    public static LabelledImages expand(LabelledImages images, Set<Copy> copies) {
        if (copies.isEmpty()) {
            return images;
        }
        List<int[]> offsets = new ArrayList<>();
        offsets.add(new int[] {0, 0, 0});
        if (copies.contains(Copy.SHIFT)) {
            offsets.add(new int[] {-1, 0, 0});
            offsets.add(new int[] {1, 0, 0});
            offsets.add(new int[] {0, -1, 0});
            offsets.add(new int[] {0, 1, 0});
        }
        if (copies.contains(Copy.FLIP)) {
            offsets.add(new int[] {0, 0, 1});
        }
        int n = images.count();
        int size = images.imageSize();
        byte[] pixels = new byte[offsets.size() * n * size];
        int[] labels = new int[offsets.size() * n];
        for (int k = 0; k < offsets.size(); k++) {
            int[] o = offsets.get(k);
            for (int i = 0; i < n; i++) {
                transform(images, i, o[0], o[1], o[2] == 1, pixels, (k * n + i) * size);
                labels[k * n + i] = images.labels()[i];
            }
        }
        return new LabelledImages(pixels, labels, images.height(), images.width(), images.channels(),
                images.classNames());
    }

    /** Writes image {@code i} moved by (dy, dx), optionally mirrored, into {@code out} at {@code offset}. */
    private static void transform(LabelledImages images, int i, int dy, int dx, boolean mirror, byte[] out, int offset) {
        int h = images.height();
        int w = images.width();
        int plane = h * w;
        byte[] src = images.pixels();
        int base = i * images.imageSize();
        for (int c = 0; c < images.channels(); c++) {
            for (int y = 0; y < h; y++) {
                int sy = y - dy;
                for (int x = 0; x < w; x++) {
                    int sx = mirror ? w - 1 - x : x - dx;
                    if (sy >= 0 && sy < h && sx >= 0 && sx < w) {
                        out[offset + c * plane + y * w + x] = src[base + c * plane + sy * w + sx];
                    }
                }
            }
        }
    }
}
