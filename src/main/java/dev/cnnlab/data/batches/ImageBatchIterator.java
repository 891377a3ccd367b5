package dev.cnnlab.data.batches;

import dev.cnnlab.data.ImageSet;
import dev.cnnlab.data.OffHeapImages;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Mini-batches of in-memory images for DL4J, as {@code [batch, channels, height, width]} features with
 * raw 0-255 values (a {@link DataSetPreProcessor} scales them) and one-hot labels.
 *
 * <p>When shuffling, every pass (epoch) visits the images in a new order drawn from the seed and the
 * epoch number, so a run is reproducible and a resumed epoch can be replayed.
 */
public final class ImageBatchIterator implements EpochIterator {
    private static final long serialVersionUID = 1L;

    private final transient ImageSet images;
    private final transient BatchAssembler assembler = new BatchAssembler();
    private final int batchSize;
    private final PassOrder passes;
    private DataSetPreProcessor preProcessor;

    /**
     * @param images    the images, read as batches are cut (kept as {@link OffHeapImages#keep} says)
     * @param batchSize images per batch (the last batch may be smaller)
     * @param shuffle   whether to visit the images in a new random order each epoch
     * @param seed      the random seed for the order
     */
    public ImageBatchIterator(ImageSet images, int batchSize, boolean shuffle, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.images = OffHeapImages.keep(images);
        this.batchSize = batchSize;
        this.passes = new PassOrder(images.count(), shuffle, seed);
    }

    /** @return number of images in one pass */
    @Override
    public int size() {
        return passes.size();
    }

    /** @return how many passes have started since creation (0 for the first) */
    public int epoch() {
        return passes.epoch();
    }

    @Override
    public void seekEpoch(int epoch) {
        passes.seek(epoch);
    }

    /** Moves the cursor only: batches are cut on demand, so skipped ones cost nothing. */
    @Override
    public void skipBatches(int batches) {
        passes.skip((long) batches * batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch finished; call reset()");
        }
        int[] rows = passes.take(num);
        int size = images.imageSize();
        // Cut in Java: batches are small, and the images stay in one copy however many an augmentation adds.
        byte[] pixels = assembler.pixels(images, rows.length);
        for (int r = 0; r < rows.length; r++) {
            images.readPixels(rows[r], pixels, r * size);
        }
        DataSet ds = assembler.dataSet(images, rows);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return passes.hasNext();
    }

    @Override
    public int inputColumns() {
        return images.imageSize();
    }

    @Override
    public int totalOutcomes() {
        return images.numClasses();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    /** Batches are cut from memory in microseconds: a prefetch thread would only add risk. */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Starts the next pass, in a new order when shuffling. */
    @Override
    public void reset() {
        passes.nextPass();
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return images.classNames();
    }
}
