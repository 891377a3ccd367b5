package dev.cnnlab.data.batches;

import java.util.Random;

/**
 * Where a training iterator stands: which pass (epoch) it is in, the order that pass visits the images in, and
 * how far it has got. The order is a permutation drawn from the run's seed and the pass number alone, so that
 * every {@link EpochIterator} can replay a pass exactly when a run resumes.
 */
public final class PassOrder {
    private final int[] order;
    private final boolean shuffle;
    private final long seed;
    private int epoch;
    private int cursor;

    /**
     * Starts at the first pass.
     *
     * @param size    the number of images
     * @param shuffle false to visit them in their natural order every pass
     * @param seed    the run's seed
     */
    public PassOrder(int size, boolean shuffle, long seed) {
        this.order = new int[size];
        this.shuffle = shuffle;
        this.seed = seed;
        seek(0);
    }

    /** @return the number of images in one pass */
    public int size() {
        return order.length;
    }

    /** @return the current pass, 0 for the first */
    public int epoch() {
        return epoch;
    }

    /**
     * Arranges the given pass as it was first drawn and goes to its start.
     *
     * @param epoch the pass, 0 for the first
     */
    public void seek(int epoch) {
        this.epoch = epoch;
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            Random rng = new Random(seed * 1_000_003L + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        cursor = 0;
    }

    /** Goes to the start of the next pass. */
    public void nextPass() {
        seek(epoch + 1);
    }

    /**
     * Skips images of the current pass without visiting them.
     *
     * @param images how many to skip
     */
    public void skip(long images) {
        cursor = (int) Math.min(order.length, cursor + images);
    }

    /** @return whether the current pass has images left */
    public boolean hasNext() {
        return cursor < order.length;
    }

    /**
     * @param max the most images to take
     * @return the indices of the next (up to) {@code max} images of this pass, now visited
     */
    public int[] take(int max) {
        int n = Math.min(max, order.length - cursor);
        int[] rows = new int[n];
        System.arraycopy(order, cursor, rows, 0, n);
        cursor += n;
        return rows;
    }
}
