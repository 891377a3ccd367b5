package dev.cnnlab.bench;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.zoo.InputShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * Real images, scaled to [0, 1] and cut into ready-made batches that the benchmark cycles through: the first
 * 6,400 MNIST images, or for a photo network as many photos as fit in the same 20 MB of floats (never fewer than
 * one inference batch of {@value ThroughputBenchmark#LARGE_BATCH}).
 *
 * <p>Why ready-made: the benchmark measures the network, not data loading, and {@code bench-pytorch.py} prepares its
 * tensors the same way. Why not the whole training set: a pool this size already varies the input, and a small one
 * keeps the data out of the peak-memory figure.
 */
public final class ImagePool {
    /** Images in a pool of MNIST-sized images. */
    public static final int MNIST_SIZE = 6400;
    private static final long FLOAT_BUDGET = (long) MNIST_SIZE * 28 * 28;

    private final int size;
    private final float[] pixels;
    private final float[] oneHot;
    private final InputShape input;
    private final int classes;

    /**
     * @param images the images to take the pool from: the first {@link #capacity(InputShape)} of them, or all when
     *               there are fewer
     * @throws CnnlabException when there are fewer than one inference batch of {@value ThroughputBenchmark#LARGE_BATCH}
     */
    public ImagePool(LabelledImages images) {
        input = new InputShape(images.height(), images.width(), images.channels());
        size = Math.min(capacity(input), images.count());
        if (size < ThroughputBenchmark.LARGE_BATCH) {
            throw new CnnlabException("bench: needs at least " + ThroughputBenchmark.LARGE_BATCH + " readable "
                    + input + " images to measure on, found " + images.count());
        }
        int imageSize = images.imageSize();
        pixels = new float[size * imageSize];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (images.pixels()[i] & 0xff) / 255f;
        }
        classes = images.numClasses();
        oneHot = new float[size * classes];
        for (int i = 0; i < size; i++) {
            oneHot[i * classes + images.labels()[i]] = 1f;
        }
    }

    /**
     * @param input an image shape
     * @return how many images of that shape a pool holds at most: 6,400 MNIST images, fewer larger ones
     */
    public static int capacity(InputShape input) {
        long perImage = (long) input.height() * input.width() * input.channels();
        return (int) Math.max(ThroughputBenchmark.LARGE_BATCH, Math.min(MNIST_SIZE, FLOAT_BUDGET / perImage));
    }

    /** @return the number of images in the pool */
    public int size() {
        return size;
    }

    /** @return the shape of the pool's images */
    public InputShape input() {
        return input;
    }

    /** @return the number of classes the labels are one-hot over */
    public int classes() {
        return classes;
    }

    /**
     * @param batchSize images per batch
     * @return as many whole training batches as the pool holds, features {@code [b, c, h, w]} and one-hot labels
     */
    public List<DataSet> trainingBatches(int batchSize) {
        List<DataSet> batches = new ArrayList<>();
        for (int start = 0; start + batchSize <= size; start += batchSize) {
            batches.add(new DataSet(features(start, batchSize), labels(start, batchSize)));
        }
        return batches;
    }

    /**
     * @param batchSize images per batch
     * @return as many whole input batches as the pool holds, {@code [b, c, h, w]}
     */
    public List<INDArray> inputBatches(int batchSize) {
        List<INDArray> batches = new ArrayList<>();
        for (int start = 0; start + batchSize <= size; start += batchSize) {
            batches.add(features(start, batchSize));
        }
        return batches;
    }

    private INDArray features(int start, int count) {
        int imageSize = input.height() * input.width() * input.channels();
        float[] values = new float[count * imageSize];
        System.arraycopy(pixels, start * imageSize, values, 0, values.length);
        return Nd4j.create(values, new long[] {count, input.channels(), input.height(), input.width()}, DataType.FLOAT);
    }

    private INDArray labels(int start, int count) {
        float[] values = new float[count * classes];
        System.arraycopy(oneHot, start * classes, values, 0, values.length);
        return Nd4j.create(values, new long[] {count, classes}, DataType.FLOAT);
    }
}
