package dev.cnnlab.kernels;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Bulk copies between float INDArrays in native memory and Java float arrays, without allocating: the
 * {@link FirstLayerConvolutionHelper} moves a few megabytes each way per batch, the Java forward pass
 * ({@code dev.cnnlab.acceleration.forward}) a large convolution's patch matrix and output per image.
 */
public final class FloatTransfer {
    private FloatTransfer() {
    }

    /**
     * Copies a float array's elements, in row-major order, into {@code target} (which must be large enough).
     *
     * @param array  any float array; views and other orders are copied to row-major first
     * @param target where the elements go, from index 0
     */
    public static void read(INDArray array, float[] target) {
        INDArray rowMajor = rowMajor(array);
        buffer(rowMajor).get((int) rowMajor.offset(), target, 0, (int) rowMajor.length());
    }

    /**
     * @param array any float array, at most {@code Integer.MAX_VALUE} elements
     * @return its elements in row-major order, in a new Java array
     */
    public static float[] toArray(INDArray array) {
        float[] values = new float[(int) array.length()];
        read(array, values);
        return values;
    }

    /**
     * Overwrites a row-major, contiguous float array with {@code source}'s first elements.
     *
     * @param source the values, row-major
     * @param target a row-major array with default strides, e.g. a fresh one
     * @throws IllegalArgumentException when the target is a strided view or not row-major
     */
    public static void write(float[] source, INDArray target) {
        if (!isRowMajor(target)) {
            throw new IllegalArgumentException("not a contiguous row-major float array: " + target.shapeInfoToString());
        }
        buffer(target).put((int) target.offset(), source, 0, (int) target.length());
    }

    /**
     * A float buffer over a row-major array's native memory, for writing it in place.
     *
     * @param array a contiguous row-major float array
     * @return its elements, from index 0 at its first one
     * @throws IllegalArgumentException when the array is a strided view or not row-major
     */
    public static FloatBuffer floats(INDArray array) {
        if (!isRowMajor(array)) {
            throw new IllegalArgumentException("not a contiguous row-major float array: " + array.shapeInfoToString());
        }
        int from = (int) array.offset();
        return buffer(array).limit(from + (int) array.length()).position(from).slice();
    }

    private static INDArray rowMajor(INDArray array) {
        return isRowMajor(array) ? array : array.castTo(DataType.FLOAT).dup('c');
    }

    /**
     * Whether the elements lie in row-major order without gaps. Not {@code Shape.hasDefaultStridesForShape}: in
     * ND4J 1.0.0-M2.1 it says no for a fresh {@code [8, 1, 28, 28]} array, whose strides {@code [784, 784, 28, 1]}
     * are not strictly descending. Strides of dimensions of size 1 do not matter.
     */
    public static boolean isRowMajor(INDArray array) {
        if (array.dataType() != DataType.FLOAT) {
            return false;
        }
        long[] shape = array.shape();
        long[] stride = array.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    private static FloatBuffer buffer(INDArray array) {
        // asNio() covers the whole underlying allocation; offset() counts from its start, views included.
        return array.data().asNio().order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
