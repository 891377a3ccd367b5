package dev.cnnlab.data.batches;

import dev.cnnlab.data.ImageSet;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;

/**
 * Turns a batch of images, cut from an {@link ImageSet} as unsigned bytes, into what DL4J trains on: features
 * {@code [n, channels, height, width]} with 0-255 values and one-hot labels. Its Java arrays are kept from batch to
 * batch (ND4J copies them into native memory), so an epoch of 60,000 images leaves no garbage on the Java heap for the
 * collector to grow it with. One per iterator: not for concurrent use.
 */
public final class BatchAssembler {
    private byte[] pixels = new byte[0];
    private float[] values = new float[0];
    private float[] oneHot = new float[0];

    /**
     * @param images the images batches are cut from
     * @param batch  how many images the next batch has
     * @return an array for their pixels, {@link ImageSet#imageSize()} bytes per image, to fill before
     *         {@link #dataSet}; the same array as last time when the size is the same
     */
    public byte[] pixels(ImageSet images, int batch) {
        int length = batch * images.imageSize();
        if (pixels.length != length) {
            pixels = new byte[length];
        }
        return pixels;
    }

    /**
     * @param images the images the batch was cut from
     * @param rows   the batch's images, by index in {@code images}, in the order their pixels were written
     * @return the batch, its pixels read from the array {@link #pixels} returned
     */
    public DataSet dataSet(ImageSet images, int[] rows) {
        int n = rows.length;
        int classes = images.numClasses();
        int length = n * images.imageSize();
        if (pixels.length != length) {
            throw new IllegalStateException("pixels were sized for " + pixels.length + " bytes, the batch has " + length);
        }
        if (values.length != length) {
            values = new float[length];
        }
        if (oneHot.length != n * classes) {
            oneHot = new float[n * classes];
        }
        for (int i = 0; i < length; i++) {
            values[i] = pixels[i] & 0xff;
        }
        Arrays.fill(oneHot, 0f);
        for (int r = 0; r < n; r++) {
            oneHot[r * classes + images.label(rows[r])] = 1f;
        }
        INDArray features = Nd4j.create(values, new long[] {n, images.channels(), images.height(), images.width()},
                DataType.FLOAT);
        return new DataSet(features, Nd4j.create(oneHot, new long[] {n, classes}, DataType.FLOAT));
    }
}
