package dev.cnnlab.data;

import java.util.Random;

/**
 * The order in which one pass (epoch) visits a training set: a permutation drawn from the run's seed and the
 * pass number alone, so that every {@link EpochIterator} can replay a pass exactly when a run resumes.
 */
public final class PassOrder {

    private PassOrder() {
    }

    /**
     * Fills {@code order} with the indices {@code 0..order.length-1} as the given pass visits them.
     *
     * @param order   the array to fill
     * @param shuffle false for the natural order
     * @param seed    the run's seed
     * @param epoch   the pass, 0 for the first
     */
    public static void arrange(int[] order, boolean shuffle, long seed, int epoch) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (!shuffle) {
            return;
        }
        Random rng = new Random(seed * 1_000_003L + epoch);
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
