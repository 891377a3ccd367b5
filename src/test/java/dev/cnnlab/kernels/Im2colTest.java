package dev.cnnlab.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cnnlab.TestData;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The Java patch matrix, in a Java array and in native memory, against libnd4j's own {@code im2col}, on real MNIST
 * digits.
 */
class Im2colTest {

    @ParameterizedTest(name = "{0} channels, kernel {1}, stride {2}, padding {3}, dilation {4}")
    @CsvSource({
            "1, 5, 1, 0, 1",   // LeNet's first layer
            "1, 3, 1, 1, 1",   // 3x3 with a border of zeros, as SAME pads it
            "2, 3, 2, 1, 1",   // strided, two channels
            "2, 3, 1, 2, 2",   // dilated
            "1, 4, 3, 0, 1",   // stride that leaves the last columns unread
    })
    void matchesLibnd4jIm2col(int channels, int kernel, int stride, int pad, int dilation) {
        int batch = 3;
        INDArray input = mnistBatch(batch * channels).reshape('c', batch, channels, 28, 28);
        int span = dilation * (kernel - 1) + 1;
        int out = (28 + 2 * pad - span) / stride + 1;
        Im2col shape = new Im2col(batch, channels, 28, 28, kernel, kernel, stride, stride, pad, pad, dilation,
                dilation, out, out);

        float[] col = new float[shape.rows() * shape.columns()];
        Arrays.fill(col, Float.NaN); // every element must be written, padding included
        shape.im2col(input.data().asFloat(), col);

        // libnd4j: [b, c, kH, kW, oH, oW]; the patch matrix: [(c, kH, kW), (b, oH, oW)]
        INDArray reference = Convolution.im2col(input, kernel, kernel, stride, stride, pad, pad, dilation, dilation,
                false);
        assertThat(reference.shape()).containsExactly(batch, channels, kernel, kernel, out, out);
        INDArray expected = reference.permute(1, 2, 3, 0, 4, 5).dup('c').reshape('c', shape.rows(), shape.columns());
        assertThat(col).containsExactly(expected.data().asFloat());

        INDArray nativeMatrix = Nd4j.create(DataType.FLOAT, shape.rows(), shape.columns()).assign(Float.NaN);
        shape.im2col(input.data().asFloat(), FloatTransfer.floats(nativeMatrix));
        assertThat(nativeMatrix.data().asFloat()).as("written into native memory").containsExactly(col);

        float[][] rows = new float[shape.rows()][shape.columns()];
        for (float[] row : rows) {
            Arrays.fill(row, Float.NaN);
        }
        shape.im2col(input.data().asFloat(), rows);
        for (int k = 0; k < shape.rows(); k++) {
            assertThat(rows[k]).as("row %d", k)
                    .containsExactly(Arrays.copyOfRange(col, k * shape.columns(), (k + 1) * shape.columns()));
        }
    }

    @ParameterizedTest(name = "batch {0}")
    @CsvSource({"1", "4"})
    void sizesTheMatrixByWeightsAndOutputPositions(int batch) {
        Im2col shape = new Im2col(batch, 3, 28, 28, 5, 5, 1, 1, 0, 0, 1, 1, 24, 24);
        assertThat(shape.rows()).isEqualTo(75);
        assertThat(shape.columns()).isEqualTo(batch * 576);
    }

    @ParameterizedTest(name = "kernel {0}, stride {1}, padding {2}, rows [{3}, {4})")
    @CsvSource({
            "3, 1, 1, 0, 9",    // the top band: its upper padding stays
            "3, 1, 1, 9, 28",   // the bottom band: rows above it are read, not padded
            "5, 2, 0, 5, 7",    // strided, a band in the middle
    })
    void aBandOfOutputRowsIsThoseColumnsOfTheWholeMatrix(int kernel, int stride, int pad, int from, int to) {
        INDArray input = mnistBatch(2).reshape('c', 1, 2, 28, 28);
        int out = (28 + 2 * pad - kernel) / stride + 1;
        Im2col whole = new Im2col(1, 2, 28, 28, kernel, kernel, stride, stride, pad, pad, 1, 1, out, out);
        float[] all = new float[whole.rows() * whole.columns()];
        whole.im2col(input.data().asFloat(), all);

        Im2col band = whole.outputRows(from, to);
        float[] part = new float[band.rows() * band.columns()];
        Arrays.fill(part, Float.NaN);
        band.im2col(input.data().asFloat(), part);

        assertThat(band.columns()).isEqualTo((to - from) * out);
        for (int k = 0; k < whole.rows(); k++) {
            int start = k * whole.columns() + from * out;
            assertThat(Arrays.copyOfRange(part, k * band.columns(), (k + 1) * band.columns())).as("row %d", k)
                    .containsExactly(Arrays.copyOfRange(all, start, start + band.columns()));
        }
    }

    @Test
    void aBandOutsideTheOutputIsRefused() {
        Im2col shape = new Im2col(1, 1, 28, 28, 5, 5, 1, 1, 0, 0, 1, 1, 24, 24);
        assertThatThrownBy(() -> shape.outputRows(20, 25)).hasMessage("output rows [20, 25) outside [0, 24)");
        assertThatThrownBy(() -> shape.outputRows(3, 3)).hasMessage("output rows [3, 3) outside [0, 24)");
    }

    /** The first {@code n} MNIST training images scaled to [0, 1], as a flat float array of n x 784. */
    static INDArray mnistBatch(int n) {
        var images = TestData.mnistTrain();
        float[] pixels = new float[n * images.imageSize()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (images.pixels()[i] & 0xff) / 255f;
        }
        return Nd4j.create(pixels, new long[] {n, images.imageSize()}, DataType.FLOAT);
    }
}
