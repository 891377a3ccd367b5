package dev.cnnlab.kernels;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The patch-matrix form of a 2-D convolution over NCHW float arrays, in plain Java: {@link #im2col} lays the input
 * patches out as a matrix (in a Java array or in native memory) so a convolution is matrix products.
 *
 * <p>The matrix has one row per weight of a filter ({@code k = (c * kH + i) * kW + j}) and one column per output
 * position of the whole batch ({@code n = (b * oH + y) * oW + x}), so it multiplies the output gradient laid out as
 * {@code [oC, N]} directly. Written in Java because libnd4j 1.0.0-M2.1's {@code im2col} op takes several times what
 * this loop needs (see {@link FirstLayerConvolutionHelper} and docs/performance.md).
 *
 * @param batch     images in the batch
 * @param channels  input channels
 * @param height    input height
 * @param width     input width
 * @param kernelH   kernel height
 * @param kernelW   kernel width
 * @param strideH   vertical stride
 * @param strideW   horizontal stride
 * @param padTop    rows of zeros above the input (negative for a part of the output, see {@link #outputRows})
 * @param padLeft   columns of zeros left of the input
 * @param dilationH vertical dilation (1 = none)
 * @param dilationW horizontal dilation (1 = none)
 * @param outH      output height
 * @param outW      output width
 */
public record Im2col(int batch, int channels, int height, int width, int kernelH, int kernelW, int strideH,
                     int strideW, int padTop, int padLeft, int dilationH, int dilationW, int outH, int outW) {

    /**
     * The patch geometry of a DL4J convolution layer's NCHW input.
     *
     * @param in              the NCHW input {@code [batch, channels, height, width]}
     * @param outH            output height
     * @param outW            output width
     * @param kernel          kernel height and width
     * @param strides         vertical and horizontal stride
     * @param pad             padding as configured (ignored in {@link ConvolutionMode#Same}, which computes its own)
     * @param convolutionMode the layer's mode
     * @param dilation        vertical and horizontal dilation
     * @return the geometry
     */
    public static Im2col of(INDArray in, int outH, int outW, int[] kernel, int[] strides, int[] pad,
            ConvolutionMode convolutionMode, int[] dilation) {
        int height = (int) in.size(2);
        int width = (int) in.size(3);
        int[] topLeft = convolutionMode == ConvolutionMode.Same
                ? ConvolutionUtils.getSameModeTopLeftPadding(new int[] {outH, outW}, new int[] {height, width},
                        kernel, strides, dilation)
                : pad;
        return new Im2col((int) in.size(0), (int) in.size(1), height, width, kernel[0], kernel[1], strides[0],
                strides[1], topLeft[0], topLeft[1], dilation[0], dilation[1], outH, outW);
    }

    /**
     * The geometry of output rows {@code [from, to)} alone, as if the input's rows above them were padding: its
     * patch matrix is the columns of those rows in this one's, so parts of one image's convolution can be laid out
     * and multiplied apart.
     *
     * @param from the first output row
     * @param to   one past the last
     * @return the part's geometry, {@code to - from} output rows high
     * @throws IllegalArgumentException when the range is empty or outside the output
     */
    public Im2col outputRows(int from, int to) {
        if (from < 0 || to > outH || from >= to) {
            throw new IllegalArgumentException("output rows [" + from + ", " + to + ") outside [0, " + outH + ")");
        }
        return new Im2col(batch, channels, height, width, kernelH, kernelW, strideH, strideW, padTop - from * strideH,
                padLeft, dilationH, dilationW, to - from, outW);
    }

    /**
     * @return the patch matrix's rows: weights per filter
     */
    public int rows() {
        return channels * kernelH * kernelW;
    }

    /**
     * @return the patch matrix's columns: output positions in the batch
     */
    public int columns() {
        return batch * outH * outW;
    }

    /**
     * Fills {@code col} ({@link #rows()} x {@link #columns()}, row-major) with the input's patches; positions in the
     * padding get zero.
     *
     * @param input the NCHW input, row-major
     * @param col   the patch matrix to fill
     */
    public void im2col(float[] input, float[] col) {
        ArrayRows target = new ArrayRows(col);
        for (int k = 0; k < rows(); k++) {
            fillRow(input, k, target, k * columns());
        }
    }

    /**
     * Fills the patch matrix's rows, one array each: a matrix product whose rows all start at index 0 is one HotSpot
     * compiles to SIMD code, where offsets into one shared array could overlap as far as it can tell.
     *
     * @param input the NCHW input, row-major
     * @param rows  {@link #rows()} arrays of at least {@link #columns()} floats
     */
    public void im2col(float[] input, float[][] rows) {
        for (int k = 0; k < rows(); k++) {
            fillRow(input, k, new ArrayRows(rows[k]), 0);
        }
    }

    /**
     * Fills a row-major patch matrix in native memory, from the buffer's index 0, straight from the input's rows. A
     * Java copy of the matrix first would write its megabytes twice.
     *
     * @param input the NCHW input, row-major
     * @param col   at least {@link #rows()} x {@link #columns()} floats, e.g. {@link FloatTransfer#floats}
     */
    public void im2col(float[] input, FloatBuffer col) {
        BufferRows target = new BufferRows(col, new float[outW]);
        for (int k = 0; k < rows(); k++) {
            fillRow(input, k, target, k * columns());
        }
    }

    /** Row {@code k = (c * kH + i) * kW + j} of the patch matrix, from {@code target[at]} on. */
    private void fillRow(float[] input, int k, PatchRows target, int at) {
        int j = k % kernelW;
        int i = k / kernelW % kernelH;
        int c = k / (kernelW * kernelH);
        int x0 = j * dilationW - padLeft;
        int first = Math.min(outW, Math.max(0, ceilDiv(-x0, strideW)));
        int end = Math.max(first, Math.min(outW, ceilDiv(width - x0, strideW)));
        for (int b = 0; b < batch; b++) {
            int plane = (b * channels + c) * height * width;
            for (int y = 0; y < outH; y++, at += outW) {
                int row = y * strideH - padTop + i * dilationH;
                if (row < 0 || row >= height) {
                    target.zero(at, outW);
                    continue;
                }
                int from = plane + row * width + x0;
                target.zero(at, first);
                if (strideW == 1) {
                    target.copy(input, from + first, at + first, end - first);
                } else {
                    for (int x = first; x < end; x++) {
                        target.set(at + x, input[from + x * strideW]);
                    }
                }
                target.zero(at + end, outW - end);
            }
        }
    }

    /** Where {@link #fillRow} writes: a Java array or native memory. */
    private interface PatchRows {
        void zero(int at, int count);

        void copy(float[] source, int from, int at, int count);

        void set(int at, float value);
    }

    private record ArrayRows(float[] target) implements PatchRows {
        @Override
        public void zero(int at, int count) {
            Arrays.fill(target, at, at + count, 0f);
        }

        @Override
        public void copy(float[] source, int from, int at, int count) {
            System.arraycopy(source, from, target, at, count);
        }

        @Override
        public void set(int at, float value) {
            target[at] = value;
        }
    }

    /** Absolute bulk puts, one per run of an input row; {@code zeros} is one output row long. */
    private record BufferRows(FloatBuffer target, float[] zeros) implements PatchRows {
        @Override
        public void zero(int at, int count) {
            if (count > 0) {
                target.put(at, zeros, 0, count);
            }
        }

        @Override
        public void copy(float[] source, int from, int at, int count) {
            if (count > 0) {
                target.put(at, source, from, count);
            }
        }

        @Override
        public void set(int at, float value) {
            target.put(at, value);
        }
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }
}
