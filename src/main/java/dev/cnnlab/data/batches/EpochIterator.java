package dev.cnnlab.data.batches;

import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A training iterator whose batches in each pass are a pure function of its seed and the pass number, so
 * that an interrupted run can replay the pass it stopped in and skip the batches it already trained on.
 * Every source of training batches (in-memory IDX images, photo folders) implements it.
 */
public interface EpochIterator extends DataSetIterator {

    /** @return the number of images in one pass */
    int size();

    /**
     * Arranges the given pass exactly as it was drawn the first time (order and any random augmentation)
     * and positions the iterator at its first batch.
     *
     * @param epoch the pass, 0 for the first
     */
    void seekEpoch(int epoch);

    /**
     * Skips batches of the current pass without building them when possible.
     *
     * @param batches how many batches to skip
     */
    default void skipBatches(int batches) {
        for (int i = 0; i < batches && hasNext(); i++) {
            next();
        }
    }
}
