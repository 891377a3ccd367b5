package dev.cnnlab.data.batches;

import dev.cnnlab.data.ImageSet;

/**
 * What {@link ImageBatchIterator} does to each image of a training batch after reading it: the hook through which a
 * random augmentation enters the one batch loop. Called from several threads at once, one image each, so it must
 * keep no state between calls; everything random must come from its arguments, so that a pass replays.
 */
@FunctionalInterface
public interface ImageAugmentation {
    /**
     * Changes one image in place.
     *
     * @param pixels the batch's raw 8-bit pixels
     * @param offset where the image starts in {@code pixels}
     * @param images the image set, for its height, width and channels
     * @param pass   the pass (epoch) being cut, 0 for the first
     * @param image  the image's index in {@code images}
     */
    void apply(byte[] pixels, int offset, ImageSet images, int pass, int image);
}
