package dev.cnnlab.djlbench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Images scaled to [0, 1] with their labels, cut into ready-made batches that the measurement cycles through, as
 * cnnlab's {@code dev.cnnlab.bench.ImagePool} and {@code bench-pytorch.py} do: the first 6,400 MNIST training images,
 * or as many photos as fit in the same number of floats.
 *
 * @param pixels   {@code count * channels * height * width} values in [0, 1], channel-first per image
 * @param labels   the class of each image
 * @param channels channels per image
 * @param height   rows per image
 * @param width    columns per image
 * @param classes  number of classes
 */
public record ImagePool(float[] pixels, int[] labels, int channels, int height, int width, int classes) {
    /** Images in a pool of MNIST-sized images, as in cnnlab. */
    public static final int MNIST_SIZE = 6400;
    /** The larger inference batch, the one evaluation uses. */
    public static final int LARGE_BATCH = 256;
    private static final long FLOAT_BUDGET = (long) MNIST_SIZE * 28 * 28;

    /**
     * @param channels channels per image
     * @param height   rows
     * @param width    columns
     * @return how many such images a pool holds, as cnnlab's ImagePool.capacity
     */
    public static int capacity(int channels, int height, int width) {
        long perImage = (long) channels * height * width;
        return (int) Math.max(LARGE_BATCH, Math.min(MNIST_SIZE, FLOAT_BUDGET / perImage));
    }

    /** @return the number of images */
    public int size() {
        return labels.length;
    }

    /** @return the shape of a batch of {@code n} images */
    public Shape batchShape(int n) {
        return new Shape(n, channels, height, width);
    }

    /**
     * @param manager where the arrays live
     * @param batchSize images per batch
     * @return as many whole batches of images as the pool holds
     */
    public List<NDArray> inputBatches(NDManager manager, int batchSize) {
        List<NDArray> batches = new ArrayList<>();
        for (int start = 0; start + batchSize <= size(); start += batchSize) {
            batches.add(images(manager, start, batchSize));
        }
        return batches;
    }

    /**
     * @param manager where the arrays live
     * @param batchSize images per batch
     * @return as many whole batches of class indices (int64) as the pool holds, matching {@link #inputBatches}
     */
    public List<NDArray> labelBatches(NDManager manager, int batchSize) {
        List<NDArray> batches = new ArrayList<>();
        for (int start = 0; start + batchSize <= size(); start += batchSize) {
            long[] values = new long[batchSize];
            for (int i = 0; i < batchSize; i++) {
                values[i] = labels[start + i];
            }
            batches.add(manager.create(values));
        }
        return batches;
    }

    /**
     * @param manager where the array lives
     * @param start the first image
     * @param count how many
     * @return images {@code [start, start + count)} as a float {@code [count, c, h, w]} array
     */
    public NDArray images(NDManager manager, int start, int count) {
        int imageSize = channels * height * width;
        FloatBuffer values = FloatBuffer.wrap(pixels, start * imageSize, count * imageSize).slice();
        return manager.create(values, batchShape(count), DataType.FLOAT32);
    }
}
