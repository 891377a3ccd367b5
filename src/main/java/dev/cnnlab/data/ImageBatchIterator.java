package dev.cnnlab.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

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
    private final List<String> classNames;
    private final int batchSize;
    private final PassOrder passes;
    private DataSetPreProcessor preProcessor;

    /**
     * @param images    the images, read as batches are cut (the iterator keeps no copy of them)
     * @param batchSize images per batch (the last batch may be smaller)
     * @param shuffle   whether to visit the images in a new random order each epoch
     * @param seed      the random seed for the order
     */
    public ImageBatchIterator(ImageSet images, int batchSize, boolean shuffle, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        this.images = images;
        this.classNames = images.classNames();
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
        byte[] pixels = new byte[rows.length * size];
        for (int r = 0; r < rows.length; r++) {
            images.readPixels(rows[r], pixels, r * size);
        }
        DataSet ds = dataSet(images, rows, pixels);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    /**
     * A batch as DL4J takes it. Batches are cut in Java: they are small, and the images stay in one copy, on the Java
     * heap, however many copies an augmentation adds.
     *
     * @param images the images the batch was cut from
     * @param rows   the batch's images, by index in {@code images}
     * @param pixels their pixels, {@link ImageSet#imageSize()} unsigned bytes per image in the order of {@code rows}
     * @return features {@code [n, channels, height, width]} with 0-255 values, and one-hot labels
     */
    public static DataSet dataSet(ImageSet images, int[] rows, byte[] pixels) {
        int n = rows.length;
        int classes = images.numClasses();
        float[] values = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = pixels[i] & 0xff;
        }
        float[] oneHot = new float[n * classes];
        for (int r = 0; r < n; r++) {
            oneHot[r * classes + images.label(rows[r])] = 1f;
        }
        INDArray f = Nd4j.create(values, new long[] {n, images.channels(), images.height(), images.width()},
                DataType.FLOAT);
        return new DataSet(f, Nd4j.create(oneHot, new long[] {n, classes}, DataType.FLOAT));
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
        return classNames.size();
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
        return classNames;
    }
}
