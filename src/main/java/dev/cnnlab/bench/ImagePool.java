package dev.cnnlab.bench;

import dev.cnnlab.data.LabelledImages;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

/**
 * The first {@value #SIZE} real training images, scaled to [0, 1] and cut into ready-made batches that the benchmark
 * cycles through.
 *
 * <p>Why ready-made: the benchmark measures the network, not data loading, and {@code bench-pytorch.py} prepares its
 * tensors the same way. Why not all 60,000 images: a pool this size already varies the input, and a small one keeps
 * the data out of the peak-memory figure (6,400 images are 20 MB as floats).
 */
public final class ImagePool {
    /** Images in the pool. */
    public static final int SIZE = 6400;

    private final float[] pixels;
    private final float[] oneHot;
    private final long[] imageShape;
    private final int classes;

    /**
     * @param images the training images; at least {@value #SIZE}
     */
    public ImagePool(LabelledImages images) {
        if (images.count() < SIZE) {
            throw new IllegalArgumentException("the pool needs " + SIZE + " images, got " + images.count());
        }
        int size = images.imageSize();
        pixels = new float[SIZE * size];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (images.pixels()[i] & 0xff) / 255f;
        }
        classes = images.numClasses();
        oneHot = new float[SIZE * classes];
        for (int i = 0; i < SIZE; i++) {
            oneHot[i * classes + images.labels()[i]] = 1f;
        }
        imageShape = new long[] {images.channels(), images.height(), images.width()};
    }

    /**
     * @param batchSize images per batch
     * @return {@code SIZE / batchSize} training batches, features {@code [b, c, h, w]} and one-hot labels
     */
    public List<DataSet> trainingBatches(int batchSize) {
        List<DataSet> batches = new ArrayList<>();
        for (int start = 0; start + batchSize <= SIZE; start += batchSize) {
            batches.add(new DataSet(features(start, batchSize), labels(start, batchSize)));
        }
        return batches;
    }

    /**
     * @param batchSize images per batch
     * @return {@code SIZE / batchSize} input batches {@code [b, c, h, w]}
     */
    public List<INDArray> inputBatches(int batchSize) {
        List<INDArray> batches = new ArrayList<>();
        for (int start = 0; start + batchSize <= SIZE; start += batchSize) {
            batches.add(features(start, batchSize));
        }
        return batches;
    }

    private INDArray features(int start, int count) {
        int size = (int) (imageShape[0] * imageShape[1] * imageShape[2]);
        float[] values = new float[count * size];
        System.arraycopy(pixels, start * size, values, 0, values.length);
        return Nd4j.create(values, new long[] {count, imageShape[0], imageShape[1], imageShape[2]}, DataType.FLOAT);
    }

    private INDArray labels(int start, int count) {
        float[] values = new float[count * classes];
        System.arraycopy(oneHot, start * classes, values, 0, values.length);
        return Nd4j.create(values, new long[] {count, classes}, DataType.FLOAT);
    }
}
