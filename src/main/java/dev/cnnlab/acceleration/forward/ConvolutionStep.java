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
import java.util.Optional;

/**
 * A 2-D convolution with its activation: the image's patch matrix ({@link Im2col}) times the filters, then bias and
 * activation. Cut into parts, each part lays out and multiplies the patches of its own band of output rows.
 *
 * <p>The product runs in Java for small layers and as one native matrix product ({@code cblas_sgemm}) from
 * {@link #NATIVE_MIN_MACS} multiply-adds on: on OpenBLAS's threads for a step run whole, on each part's own thread
 * when cut ({@link JavaForwardPass} gives OpenBLAS one thread while parts run). A single call into ND4J costs tens
 * of microseconds (the price DL4J pays a dozen times per image at batch 1), which only pays off when the product is
 * big; on keras-mnist's second and third layers the native product, copies included, took well under the Java
 * loops' time.
 *
 * <p>A batch normalisation and an activation that follow the convolution fold into it ({@link #followedBy},
 * {@link #activatedBy}): the scale multiplies the filters and the shift joins the bias, so the maps are not passed
 * over again.
 */
final class ConvolutionStep implements PartedStep {
    /** Multiply-adds from which a part's product runs natively. */
    static final long NATIVE_MIN_MACS = 1_000_000;

    private final Im2col patches;
    private final float[] weights;
    private final float[] bias;
    private final ActivationFunction activation;
    /** Per part, the product over its band of output rows; null for a part left without rows. */
    private final PatchProduct[] products;
    /** The filters in native memory, made once for all bands that multiply natively; null until one does. */
    private INDArray nativeWeights;

    /**
     * @param patches    the convolution's geometry, batch 1
     * @param weights    {@code [filters, patches.rows()]}, row-major (DL4J's {@code [oC, iC, kH, kW]})
     * @param bias       one per filter, or zeros
     * @param activation an elementwise activation
     * @param parts      how many parts the step is cut into (1: whole)
     */
    ConvolutionStep(Im2col patches, float[] weights, float[] bias, ActivationFunction activation, int parts) {
        this.patches = patches;
        this.weights = weights;
        this.bias = bias;
        this.activation = activation;
        this.products = new PatchProduct[parts];
        for (int p = 0; p < parts; p++) {
            int from = PartedStep.share(patches.outH(), p, parts);
            int to = PartedStep.share(patches.outH(), p + 1, parts);
            if (from < to) {
                products[p] = product(patches.outputRows(from, to), from * patches.outW());
            }
        }
    }

    private PatchProduct product(Im2col band, int offset) {
        long macs = (long) weights.length * band.columns();
        return macs >= NATIVE_MIN_MACS ? new NativeProduct(band, offset, nativeWeights())
                : new JavaProduct(band, offset, weights);
    }

    private INDArray nativeWeights() {
        if (nativeWeights == null) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                nativeWeights = Nd4j.create(weights, new long[] {bias.length, patches.rows()}, DataType.FLOAT);
            }
        }
        return nativeWeights;
    }

    /**
     * @param next a per-channel scale and shift over this step's maps
     * @return this convolution with the scale and shift folded in, or empty when they do not fit it (another shape,
     *         or an activation in between)
     */
    Optional<ConvolutionStep> followedBy(ChannelAffineStep next) {
        if (activation != ActivationFunction.IDENTITY || next.scale().length != bias.length
                || next.plane() != patches.columns()) {
            return Optional.empty();
        }
        int k = patches.rows();
        float[] scaled = new float[weights.length];
        float[] shifted = new float[bias.length];
        for (int f = 0; f < bias.length; f++) {
            float s = next.scale()[f];
            for (int i = f * k; i < (f + 1) * k; i++) {
                scaled[i] = weights[i] * s;
            }
            shifted[f] = bias[f] * s + next.shift()[f];
        }
        return Optional.of(new ConvolutionStep(patches, scaled, shifted, activation, products.length));
    }

    /**
     * @param next an activation over this step's maps
     * @return this convolution ending in that activation, or empty when it has one of its own already
     */
    Optional<ConvolutionStep> activatedBy(ActivationStep next) {
        if (activation != ActivationFunction.IDENTITY || !next.activation().elementwise()
                || next.size() != outputSize()) {
            return Optional.empty();
        }
        return Optional.of(new ConvolutionStep(patches, weights, bias, next.activation(), products.length));
    }

    @Override
    public int outputSize() {
        return bias.length * patches.columns();
    }

    @Override
    public int parts() {
        return products.length;
    }

    @Override
    public void apply(float[] in, float[] out, int part) {
        applyPart(products[part], in, out);
    }

    private void applyPart(PatchProduct product, float[] in, float[] out) {
        if (product == null) {
            return;
        }
        int positions = patches.columns();
        product.multiply(in, out, positions);
        for (int f = 0; f < bias.length; f++) {
            int from = f * positions + product.offset();
            int to = from + product.columns();
            float b = bias[f];
            for (int p = from; p < to; p++) {
                out[p] += b;
            }
            activation.apply(out, from, to);
        }
    }

    /** The filters times the patch matrix of one band of output rows. */
    private abstract static class PatchProduct {
        final Im2col band;
        /** Where the band starts in a filter's row of the output. */
        final int offset;

        PatchProduct(Im2col band, int offset) {
            this.band = band;
            this.offset = offset;
        }

        /**
         * @param in     the input maps
         * @param out    {@code [filters, positions]}, row-major; the band's columns are overwritten
         * @param stride {@code positions}, the length of a filter's row in {@code out}
         */
        abstract void multiply(float[] in, float[] out, int stride);

        int offset() {
            return offset;
        }

        /** @return the band's positions */
        int columns() {
            return band.columns();
        }
    }

    /** {@link RowProducts}, one filter at a time over a patch matrix of one array per row. */
    private static final class JavaProduct extends PatchProduct {
        private final float[] weights;
        private final float[][] col;
        private final float[] row;

        JavaProduct(Im2col band, int offset, float[] weights) {
            super(band, offset);
            this.weights = weights;
            this.col = new float[band.rows()][band.columns()];
            this.row = new float[band.columns()];
        }

        @Override
        void multiply(float[] in, float[] out, int stride) {
            band.im2col(in, col);
            int k = band.rows();
            int n = band.columns();
            for (int f = 0, filters = weights.length / k; f < filters; f++) {
                Arrays.fill(row, 0f);
                RowProducts.accumulate(weights, f * k, k, col, n, row);
                System.arraycopy(row, 0, out, f * stride + offset, n);
            }
        }
    }

    /**
     * One {@code cblas_sgemm} ({@link RowMajorSgemm}) on arrays allocated once, outside DL4J's workspaces, the patch
     * matrix written straight into native memory rather than copied there from a Java array. {@code Nd4j.gemm} would
     * go through libnd4j's {@code mmul} op, for which {@link RowMajorSgemm} says why it is avoided.
     */
    private static final class NativeProduct extends PatchProduct {
        private final INDArray weights;
        private final INDArray colMatrix;
        private final FloatBuffer colFloats;
        private final INDArray result;
        private final FloatBuffer resultFloats;

        /** @param weights {@code [filters, band.rows()]}, shared with the other bands (only read) */
        NativeProduct(Im2col band, int offset, INDArray weights) {
            super(band, offset);
            this.weights = weights;
            long filters = weights.rows();
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                this.colMatrix = Nd4j.create(DataType.FLOAT, new long[] {band.rows(), band.columns()}, 'c');
                this.result = Nd4j.create(DataType.FLOAT, new long[] {filters, band.columns()}, 'c');
            }
            this.colFloats = FloatTransfer.floats(colMatrix);
            this.resultFloats = FloatTransfer.floats(result);
        }

        @Override
        void multiply(float[] in, float[] out, int stride) {
            band.im2col(in, colFloats);
            RowMajorSgemm.multiply(weights, colMatrix, result);
            int n = band.columns();
            for (int f = 0, filters = (int) result.rows(); f < filters; f++) {
                resultFloats.get(f * n, out, f * stride + offset, n);
            }
        }
    }
}
