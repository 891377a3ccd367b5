package dev.cnnlab.data.photo;

import dev.cnnlab.data.ImageSet;
import dev.cnnlab.data.OffHeapImages;
import dev.cnnlab.data.batches.BatchAssembler;
import dev.cnnlab.data.batches.EpochIterator;
import dev.cnnlab.data.batches.PassOrder;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Training batches from cached 8-bit images, shuffled and randomly augmented anew every pass. The order of
 * pass {@code e} and the augmentation of image {@code i} in it come from generators seeded with (seed, e)
 * and (seed, e, i) only, so {@link #seekEpoch} replays any pass exactly, and skipped batches cost nothing.
 * Images of a batch are augmented in parallel; nothing runs in the background, so an error surfaces in
 * the training thread's {@code next()} instead of in a prefetch thread.
 */
public final class AugmentingBatchIterator implements EpochIterator {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AugmentingBatchIterator.class);

    private final transient ImageSet images;
    private final transient PhotoAugmentation augmentation;
    private final transient BatchAssembler assembler = new BatchAssembler();
    private final int batchSize;
    private final long seed;
    private final PassOrder passes;
    private DataSetPreProcessor preProcessor;
    private long passNanos;
    private int passImages;
    private boolean rateLogged;

    /**
     * @param images       the cached training images (kept as {@link OffHeapImages#keep} says)
     * @param augmentation what to do to each image each pass
     * @param batchSize    images per batch (the last batch may be smaller)
     * @param seed         the seed for order and augmentation
     */
    public AugmentingBatchIterator(ImageSet images, PhotoAugmentation augmentation, int batchSize, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.images = OffHeapImages.keep(images);
        this.augmentation = augmentation;
        this.batchSize = batchSize;
        this.seed = seed;
        this.passes = new PassOrder(images.count(), true, seed);
    }

    @Override
    public int size() {
        return passes.size();
    }

    /** @return the current pass, 0 for the first */
    public int epoch() {
        return passes.epoch();
    }

    @Override
    public void seekEpoch(int epoch) {
        passes.seek(epoch);
    }

    @Override
    public void skipBatches(int batches) {
        passes.skip((long) batches * batchSize);
    }

    /**
     * @param seed  the run's seed
     * @param epoch the pass
     * @param image the image's index in the training set
     * @return the generator for that image's augmentation in that pass
     */
    static Random imageRandom(long seed, int epoch, int image) {
        long h = seed * 0x9E3779B97F4A7C15L + epoch * 0xC2B2AE3D27D4EB4FL + image * 0x165667B19E3779F9L;
        h ^= h >>> 31;
        return new Random(h);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch finished; call reset()");
        }
        long t0 = System.nanoTime();
        int pass = passes.epoch();
        int[] rows = passes.take(num);
        int n = rows.length;
        int size = images.imageSize();
        byte[] batch = assembler.pixels(images, n);
        IntStream.range(0, n).parallel().forEach(k -> {
            int i = rows[k];
            images.readPixels(i, batch, k * size);
            augmentation.apply(batch, k * size, images.height(), images.width(), images.channels(),
                    imageRandom(seed, pass, i));
        });
        DataSet ds = assembler.dataSet(images, rows);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        passNanos += System.nanoTime() - t0;
        passImages += n;
        if (!hasNext()) {
            logRate();
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

    /** DL4J would otherwise wrap this in its prefetch thread, where an exception once left a caller waiting forever. */
    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Logs how fast batches were built in the pass just finished (the first at info level, later ones at debug). */
    private void logRate() {
        String line = String.format(java.util.Locale.ROOT,
                "input pipeline: %d images augmented (%s) and batched in %.1f s, %.0f img/s on %d threads",
                passImages, augmentation, passNanos / 1e9, passImages / (passNanos / 1e9),
                java.util.concurrent.ForkJoinPool.getCommonPoolParallelism() + 1);
        if (rateLogged) {
            LOG.debug(line);
        } else {
            LOG.info(line);
            rateLogged = true;
        }
        passNanos = 0;
        passImages = 0;
    }

    /** Starts the next pass: a new order and new augmentation. */
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
