package dev.cnnlab.data.batches;

import dev.cnnlab.data.ImageSet;
import dev.cnnlab.data.OffHeapImages;
import dev.cnnlab.progress.RepeatedLine;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Mini-batches of in-memory images for DL4J, as {@code [batch, channels, height, width]} features with
 * raw 0-255 values (a {@link DataSetPreProcessor} scales them) and one-hot labels.
 *
 * <p>When shuffling, every pass (epoch) visits the images in a new order drawn from the seed and the
 * epoch number, so a run is reproducible and a resumed epoch can be replayed. An {@link ImageAugmentation}, when
 * given, changes each image of a batch after it is read, the images of a batch in parallel; it too draws only on
 * the pass and the image, so a replayed pass is the same. Nothing runs in the background, so an error surfaces in
 * the training thread's {@code next()} instead of in a prefetch thread.
 */
public final class ImageBatchIterator implements EpochIterator {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ImageBatchIterator.class);

    private final transient ImageSet images;
    private final transient ImageAugmentation augmentation;
    private final transient BatchAssembler assembler = new BatchAssembler();
    private final int batchSize;
    private final PassOrder passes;
    private DataSetPreProcessor preProcessor;
    private long passNanos;
    private int passImages;
    private final RepeatedLine rateLine = new RepeatedLine(LOG);

    /**
     * @param images    the images, read as batches are cut (kept as {@link OffHeapImages#keep} says)
     * @param batchSize images per batch (the last batch may be smaller)
     * @param shuffle   whether to visit the images in a new random order each epoch
     * @param seed      the random seed for the order
     */
    public ImageBatchIterator(ImageSet images, int batchSize, boolean shuffle, long seed) {
        this(images, null, batchSize, shuffle, seed);
    }

    /**
     * Shuffled batches, each image changed by {@code augmentation} anew every pass.
     *
     * @param images       the images, read as batches are cut (kept as {@link OffHeapImages#keep} says)
     * @param augmentation what to do to each image each pass
     * @param batchSize    images per batch (the last batch may be smaller)
     * @param seed         the random seed for the order
     */
    public ImageBatchIterator(ImageSet images, ImageAugmentation augmentation, int batchSize, long seed) {
        this(images, augmentation, batchSize, true, seed);
    }

    private ImageBatchIterator(ImageSet images, ImageAugmentation augmentation, int batchSize, boolean shuffle,
                               long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.images = OffHeapImages.keep(images);
        this.augmentation = augmentation;
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
        long t0 = System.nanoTime();
        int pass = passes.epoch();
        int[] rows = passes.take(num);
        int size = images.imageSize();
        // Cut in Java: batches are small, and the images stay in one copy however many an augmentation adds.
        byte[] pixels = assembler.pixels(images, rows.length);
        images.readPixels(rows, pixels);
        if (augmentation != null) {
            IntStream.range(0, rows.length).parallel()
                    .forEach(r -> augmentation.apply(pixels, r * size, images, pass, rows[r]));
        }
        DataSet ds = assembler.dataSet(images, rows);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        if (augmentation != null) {
            passNanos += System.nanoTime() - t0;
            passImages += rows.length;
            if (!hasNext()) {
                logRate();
            }
        }
        return ds;
    }

    /** Logs how fast augmented batches were built in the pass just finished (the first at info level, later ones at debug). */
    private void logRate() {
        String line = String.format(Locale.ROOT,
                "input pipeline: %d images augmented (%s) and batched in %.1f s, %.0f img/s on %d threads",
                passImages, augmentation, passNanos / 1e9, passImages / (passNanos / 1e9),
                ForkJoinPool.getCommonPoolParallelism() + 1);
        rateLine.log(line);
        passNanos = 0;
        passImages = 0;
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

    /** Starts the next pass, in a new order when shuffling, with new augmentation. */
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
