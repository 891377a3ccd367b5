package dev.cnnlab.data.idx;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.ImageSet;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.OffHeapImages;

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
     * @throws CnnlabException for an unknown kind
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
                throw new CnnlabException("unknown augmentation '" + part.strip()
                        + "', expected a comma-separated list of shift, flip (or none)");
            }
        }
        return copies;
    }

    /**
     * @param images the training images
     * @param copies which copies to add
     * @return the originals followed by the copies, labels kept: image {@code k * n + i} is copy {@code k} of image
     *         {@code i} (copy 0 the original); the copies are made each time they are read, never stored
     */
    public static ImageSet expand(LabelledImages images, Set<Copy> copies) {
        if (copies.isEmpty()) {
            return images;
        }
        List<Move> moves = new ArrayList<>();
        moves.add(new Move(0, 0, false));
        if (copies.contains(Copy.SHIFT)) {
            moves.add(new Move(-1, 0, false));
            moves.add(new Move(1, 0, false));
            moves.add(new Move(0, -1, false));
            moves.add(new Move(0, 1, false));
        }
        if (copies.contains(Copy.FLIP)) {
            moves.add(new Move(0, 0, true));
        }
        return new Copies(OffHeapImages.of(images), List.copyOf(moves));
    }

    /** One copy: every image moved by (dy, dx) pixels, or mirrored left to right. */
    private record Move(int dy, int dx, boolean mirror) {
    }

    /** The originals and their copies, each copy written when it is read. */
    private record Copies(OffHeapImages originals, List<Move> moves) implements ImageSet {
        @Override
        public int count() {
            return moves.size() * originals.count();
        }

        @Override
        public int height() {
            return originals.height();
        }

        @Override
        public int width() {
            return originals.width();
        }

        @Override
        public int channels() {
            return originals.channels();
        }

        @Override
        public List<String> classNames() {
            return originals.classNames();
        }

        @Override
        public int label(int index) {
            return originals.label(index % originals.count());
        }

        @Override
        public void readPixels(int index, byte[] target, int at) {
            Move move = moves.get(index / originals.count());
            int image = index % originals.count();
            int h = height();
            int w = width();
            for (int c = 0; c < channels(); c++) {
                for (int y = 0; y < h; y++) {
                    int sy = y - move.dy();
                    for (int x = 0; x < w; x++) {
                        int sx = move.mirror() ? w - 1 - x : x - move.dx();
                        boolean inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
                        // Pixels shifted in from outside the image are black.
                        target[at++] = inside ? originals.pixel(image, (c * h + sy) * w + sx) : 0;
                    }
                }
            }
        }
    }
}
