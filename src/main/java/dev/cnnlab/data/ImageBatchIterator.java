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

    private final transient INDArray features;
    private final transient INDArray labels;
    private final int[] shape;
    private final List<String> classNames;
    private final int batchSize;
    private final PassOrder passes;
    private DataSetPreProcessor preProcessor;

    /**
     * @param images    the images
     * @param batchSize images per batch (the last batch may be smaller)
     * @param shuffle   whether to visit the images in a new random order each epoch
     * @param seed      the random seed for the order
     */
    public ImageBatchIterator(LabelledImages images, int batchSize, boolean shuffle, long seed) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        int n = images.count();
        int size = images.imageSize();
        // Kept as unsigned bytes, a quarter of the memory of floats: an augmented MNIST holds 360,000 images. Copied
        // straight into a UBYTE array: createFromArray(byte[]) makes an INT8 one, and casting it doubled the native
        // memory of a start-up for as long as the INT8 copy waited for the garbage collector.
        this.features = Nd4j.create(DataType.UBYTE, n, size);
        features.data().asNio().put(images.pixels());
        float[] oneHot = new float[n * images.numClasses()];
        for (int i = 0; i < n; i++) {
            oneHot[i * images.numClasses() + images.labels()[i]] = 1f;
        }
        this.labels = Nd4j.create(oneHot, new long[] {n, images.numClasses()}, DataType.FLOAT);
        this.shape = new int[] {images.channels(), images.height(), images.width()};
        this.classNames = images.classNames();
        this.batchSize = batchSize;
        this.passes = new PassOrder(n, shuffle, seed);
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
        int n = rows.length;
        INDArray f = Nd4j.pullRows(features, 1, rows).castTo(DataType.FLOAT).reshape('c', n, shape[0], shape[1], shape[2]);
        INDArray l = Nd4j.pullRows(labels, 1, rows);
        DataSet ds = new DataSet(f, l);
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
        return shape[0] * shape[1] * shape[2];
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
