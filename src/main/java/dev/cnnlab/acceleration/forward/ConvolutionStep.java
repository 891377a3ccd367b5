package dev.cnnlab.acceleration.forward;

import dev.cnnlab.kernels.FloatTransfer;
import dev.cnnlab.kernels.Im2col;
import dev.cnnlab.kernels.RowMajorSgemm;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A 2-D convolution with its activation: the image's patch matrix ({@link Im2col}) times the filters, then bias and
 * activation.
 *
 * <p>The product runs in Java for small layers and as one native matrix product ({@code cblas_sgemm}, on the threads
 * ND4J is given) from {@link #NATIVE_MIN_MACS} multiply-adds on. A single call into ND4J costs tens of microseconds
 * (the price DL4J pays a dozen times per image at batch 1), which only pays off when the product is big; on
 * keras-mnist's second and third layers the native product, copies included, took well under the Java loops' time.
 */
final class ConvolutionStep implements ForwardStep {
    /** Multiply-adds from which the product runs natively. */
    static final long NATIVE_MIN_MACS = 1_000_000;

    private final Im2col patches;
    private final float[] bias;
    private final ActivationFunction activation;
    private final PatchProduct product;

    /**
     * @param patches    the convolution's geometry, batch 1
     * @param weights    {@code [filters, patches.rows()]}, row-major (DL4J's {@code [oC, iC, kH, kW]})
     * @param bias       one per filter, or zeros
     * @param activation an elementwise activation
     */
    ConvolutionStep(Im2col patches, float[] weights, float[] bias, ActivationFunction activation) {
        this.patches = patches;
        this.bias = bias;
        this.activation = activation;
        long macs = (long) weights.length * patches.columns();
        this.product = macs >= NATIVE_MIN_MACS ? new NativeProduct(patches, weights, bias.length)
                : new JavaProduct(patches, weights);
    }

    @Override
    public int outputSize() {
        return bias.length * patches.columns();
    }

    @Override
    public void apply(float[] in, float[] out) {
        product.multiply(in, out);
        int positions = patches.columns();
        for (int f = 0; f < bias.length; f++) {
            int from = f * positions;
            float b = bias[f];
            for (int p = from, end = from + positions; p < end; p++) {
                out[p] += b;
            }
            activation.apply(out, from, from + positions);
        }
    }

    /** The filters times the patch matrix of one input. */
    private interface PatchProduct {
        /**
         * @param in  the input maps
         * @param out {@code [filters, positions]}, row-major, overwritten
         */
        void multiply(float[] in, float[] out);
    }

    /** {@link RowProducts}, one filter at a time over a patch matrix of one array per row. */
    private static final class JavaProduct implements PatchProduct {
        private final Im2col patches;
        private final float[] weights;
        private final float[][] col;
        private final float[] row;

        JavaProduct(Im2col patches, float[] weights) {
            this.patches = patches;
            this.weights = weights;
            this.col = new float[patches.rows()][patches.columns()];
            this.row = new float[patches.columns()];
        }

        @Override
        public void multiply(float[] in, float[] out) {
            patches.im2col(in, col);
            int k = patches.rows();
            int n = patches.columns();
            for (int f = 0, filters = weights.length / k; f < filters; f++) {
                Arrays.fill(row, 0f);
                RowProducts.accumulate(weights, f * k, k, col, n, row);
                System.arraycopy(row, 0, out, f * n, n);
            }
        }
    }

    /**
     * One {@code cblas_sgemm} ({@link RowMajorSgemm}) on arrays allocated once, outside DL4J's workspaces, the patch
     * matrix written straight into native memory rather than copied there from a Java array. {@code Nd4j.gemm} would
     * go through libnd4j's {@code mmul} op, for which {@link RowMajorSgemm} says why it is avoided.
     */
    private static final class NativeProduct implements PatchProduct {
        private final Im2col patches;
        private final INDArray weights;
        private final INDArray colMatrix;
        private final FloatBuffer colFloats;
        private final INDArray result;

        NativeProduct(Im2col patches, float[] weights, int filters) {
            this.patches = patches;
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                this.weights = Nd4j.create(weights, new long[] {filters, patches.rows()}, DataType.FLOAT);
                this.colMatrix = Nd4j.create(DataType.FLOAT, new long[] {patches.rows(), patches.columns()}, 'c');
                this.result = Nd4j.create(DataType.FLOAT, new long[] {filters, patches.columns()}, 'c');
            }
            this.colFloats = FloatTransfer.floats(colMatrix);
        }

        @Override
        public void multiply(float[] in, float[] out) {
            patches.im2col(in, colFloats);
            RowMajorSgemm.multiply(weights, colMatrix, result);
            FloatTransfer.read(result, out);
        }
    }
}
