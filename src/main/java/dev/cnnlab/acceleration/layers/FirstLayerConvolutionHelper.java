package dev.cnnlab.acceleration.layers;

import dev.cnnlab.acceleration.Backends;
import dev.cnnlab.kernels.FloatTransfer;
import dev.cnnlab.kernels.Im2col;
import dev.cnnlab.kernels.RowMajorSgemm;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Map;

/**
 * A network's first convolution layer as matrix products over one patch matrix per batch ({@link Im2col}, written
 * by Java straight into native memory), and its backward pass without the gradient with respect to the images, which
 * nothing reads: the weight and bias gradients are products of the output gradient with the patch matrix the forward
 * pass built.
 *
 * <p>The forward pass is the filters (with the bias as a last column) times each image's columns of the patch matrix,
 * straight into the NCHW output ({@link RowMajorSgemm#multiplyColumnBlocks}), where oneDNN's helper pads LeNet's 20
 * filters to 32 in its blocked layout and reorders the output back; {@code ShortcutTimes.java lenet first-forward}
 * measures the difference (docs/performance.md).
 *
 * <p>The gradients are one {@code cblas_sgemm} per image, summed ({@link RowMajorSgemm#sumOfBlockProducts}): the
 * image's NCHW output gradient {@code [filters, positions]} times its columns of the patch matrix, transposed. The
 * patch matrix's row of ones makes the bias gradient the last column. This avoids permuting the gradient to one row
 * per position before a single oneDNN matmul, which moves the whole gradient once more; {@code KernelTimes.java}
 * times both (docs/performance.md).
 *
 * <p>Why: DL4J 1.0.0-M2.1's {@code MKLDNNConvHelper} runs libnd4j's {@code conv2d_bp}, which always computes the
 * input gradient too (PyTorch skips it for inputs that need no gradient). On LeNet's first layer that unused oneDNN
 * {@code backward_data}, besides reorders of the output gradient, is a large share of a training step
 * ({@code tools/onednn-profile.sh --no-backprop-shortcuts}; docs/performance.md). For inner layers, whose input
 * gradient is needed, a Java im2col plus two products was measured no faster than oneDNN, so they keep it.
 *
 * <p>After {@link #installOn(MultiLayerNetwork)}, {@code network.backpropGradient(...)} returns no input gradient
 * (null) for a network whose first layer is a convolution; {@code fit} never uses it. Install it only on networks
 * that are trained, not on networks whose input gradients are wanted (saliency maps).
 */
public final class FirstLayerConvolutionHelper implements ConvolutionHelper {
    /**
     * The largest patch matrix this helper builds, in floats (256 MB): larger ones go to the oneDNN helper whole. The
     * 300x300 photo network at batch 128 would need 852 million (3.4 GB), more than one native buffer view holds.
     */
    static final long MAX_PATCH_FLOATS = 1L << 26;
    /**
     * The largest patch matrix the forward pass builds, in floats (32 MB): beyond it, as for the photo network's
     * inference at batch 256 (29 million floats), oneDNN's forward pass needs less memory for about the same time.
     */
    static final long MAX_FORWARD_PATCH_FLOATS = 1L << 23;

    private final ConvolutionHelper oneDnn;
    private final long maxPatchFloats;

    private float[] input = new float[0];
    private INDArray colMatrix;
    private INDArray gradients;
    private INDArray weightsAndBias;
    /** The input whose patches {@link #colMatrix} holds since the last forward pass, for its backward pass. */
    private INDArray patchesOf;

    /**
     * @param oneDnn the helper this one replaces (oneDNN's), for what it does not handle
     */
    public FirstLayerConvolutionHelper(ConvolutionHelper oneDnn) {
        this(oneDnn, MAX_PATCH_FLOATS);
    }

    /**
     * @param oneDnn         the helper this one replaces (oneDNN's), for what it does not handle
     * @param maxPatchFloats the largest patch matrix to build; larger ones go to {@code oneDnn} whole
     */
    FirstLayerConvolutionHelper(ConvolutionHelper oneDnn, long maxPatchFloats) {
        this.oneDnn = oneDnn;
        this.maxPatchFloats = maxPatchFloats;
    }

    /**
     * Puts this helper on the network's first layer when it is a plain NCHW float convolution on DL4J's oneDNN helper
     * (so never under CUDA, nor twice), its arrays in host memory, fed by the network's input directly (no
     * preprocessor, no input dropout).
     *
     * @param network an initialised network
     * @return whether the helper was installed
     */
    public static boolean installOn(MultiLayerNetwork network) {
        if (network.getnLayers() == 0) {
            return false;
        }
        Layer layer = network.getLayer(0);
        // Only over oneDNN's helper on host arrays: the cuDNN helper is a ConvolutionHelper too, and this one reads
        // and writes the arrays' host memory.
        if (layer.getClass() != ConvolutionLayer.class || !(layer.getHelper() instanceof MKLDNNConvHelper oneDnn)
                || !Backends.isHostArray(layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY))) {
            return false;
        }
        var conf = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) layer.conf().getLayer();
        if (conf.getCnn2dDataFormat() != CNN2DFormat.NCHW || conf.getIDropout() != null
                || network.getLayerWiseConfigurations().getInputPreProcess(0) != null
                || layer.getParam(ConvolutionParamInitializer.WEIGHT_KEY).dataType() != DataType.FLOAT) {
            return false;
        }
        LayerHelperField.set(layer, ConvolutionLayer.class, new FirstLayerConvolutionHelper(oneDnn));
        return true;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray in, INDArray weights, INDArray bias, INDArray dz,
            int[] kernel, int[] strides, int[] pad, INDArray biasGradView, INDArray weightGradView, IActivation afn,
            AlgoMode mode, BwdFilterAlgo bwdFilterAlgo, BwdDataAlgo bwdDataAlgo, ConvolutionMode convolutionMode,
            int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        Im2col shape = format == CNN2DFormat.NCHW
                ? Im2col.of(in, (int) dz.size(2), (int) dz.size(3), kernel, strides, pad, convolutionMode, dilation)
                : null;
        if (!handles(shape, in, maxPatchFloats) || dz.dataType() != DataType.FLOAT) {
            return oneDnn.backpropGradient(in, weights, bias, dz, kernel, strides, pad, biasGradView, weightGradView,
                    afn, mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format, workspaceMgr);
        }
        int filters = (int) weights.size(0);
        boolean kept = ensureCapacity(shape, filters);
        if (!kept || patchesOf != in) {
            fillPatches(in, shape);
        }
        patchesOf = null;
        INDArray delta = FloatTransfer.isRowMajor(dz) && dz.offset() == dz.data().offset() ? dz : dz.dup('c');
        RowMajorSgemm.sumOfBlockProducts(delta.reshape('c', (long) shape.batch() * filters,
                (long) shape.outH() * shape.outW()), colMatrix, gradients, shape.batch());
        weightGradView.reshape('c', filters, shape.rows())
                .assign(gradients.get(NDArrayIndex.all(), NDArrayIndex.interval(0, shape.rows())));

        Gradient gradient = new DefaultGradient();
        if (biasGradView != null) {
            biasGradView.assign(gradients.getColumn(shape.rows()).reshape(biasGradView.shape()));
            gradient.gradientForVariable().put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradient.gradientForVariable().put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return new Pair<>(gradient, null);
    }

    /** Whether this helper computes a pass over {@code in}: float NCHW, its patch matrix at most {@code limit}. */
    private static boolean handles(Im2col shape, INDArray in, long limit) {
        return shape != null && in.dataType() == DataType.FLOAT
                && (long) (shape.rows() + 1) * shape.columns() <= limit;
    }

    /** Writes the input's patches into {@link #colMatrix}, whose last row stays ones, and remembers the input. */
    private void fillPatches(INDArray in, Im2col shape) {
        FloatTransfer.read(in, input);
        shape.im2col(input, FloatTransfer.floats(colMatrix));
        patchesOf = in;
    }

    /**
     * Sizes the arrays for this batch. The patch matrix gets a last row of ones, so the products that give the
     * weight gradient ({@code [filters, patch weights]}) also give the bias gradient as its last column, and the
     * forward pass's products add the bias.
     *
     * @return whether the arrays were kept from the last batch (and with them the patches they hold)
     */
    private boolean ensureCapacity(Im2col shape, int filters) {
        int inputSize = shape.batch() * shape.channels() * shape.height() * shape.width();
        input = input.length < inputSize ? new float[inputSize] : input;
        if (colMatrix == null || colMatrix.size(0) != shape.rows() + 1 || colMatrix.size(1) != shape.columns()
                || gradients.size(0) != filters) {
            // Kept between batches, so outside DL4J's per-iteration workspaces.
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                colMatrix = Nd4j.create(DataType.FLOAT, new long[] {shape.rows() + 1, shape.columns()}, 'c');
                colMatrix.getRow(shape.rows()).assign(1);
                gradients = Nd4j.create(DataType.FLOAT, new long[] {filters, shape.rows() + 1}, 'c');
                weightsAndBias = Nd4j.create(DataType.FLOAT, new long[] {filters, shape.rows() + 1}, 'c');
            }
            patchesOf = null;
            return false;
        }
        return true;
    }

    /**
     * The forward pass as products of the filters (with the bias as a last column) and each image's columns of the
     * patch matrix, written in NCHW order; the patch matrix stays for this input's backward pass.
     */
    @Override
    public INDArray preOutput(INDArray in, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
            AlgoMode mode, FwdAlgo fwdAlgo, ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        Im2col shape = null;
        if (format == CNN2DFormat.NCHW && in.rank() == 4 && weights.dataType() == DataType.FLOAT
                && RowMajorSgemm.available()) {
            int[] out = ConvolutionUtils.getOutputSize(in, kernel, strides, pad, convolutionMode, dilation, format);
            shape = Im2col.of(in, out[0], out[1], kernel, strides, pad, convolutionMode, dilation);
        }
        if (!handles(shape, in, Math.min(maxPatchFloats, MAX_FORWARD_PATCH_FLOATS))) {
            return oneDnn.preOutput(in, weights, bias, kernel, strides, pad, mode, fwdAlgo, convolutionMode,
                    dilation, format, workspaceMgr);
        }
        int filters = (int) weights.size(0);
        ensureCapacity(shape, filters);
        fillPatches(in, shape);
        weightsAndBias.get(NDArrayIndex.all(), NDArrayIndex.interval(0, shape.rows()))
                .assign(weights.reshape('c', filters, shape.rows()));
        INDArray biasColumn = weightsAndBias.getColumn(shape.rows());
        if (bias != null) {
            biasColumn.assign(bias.reshape(filters));
        } else {
            biasColumn.assign(0);
        }
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {shape.batch(), filters, shape.outH(), shape.outW()}, 'c');
        RowMajorSgemm.multiplyColumnBlocks(weightsAndBias, colMatrix, z, shape.batch());
        return z;
    }

    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
        return oneDnn.activate(z, afn, training);
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        long nativeFloats = colMatrix == null ? 0 : colMatrix.length() + gradients.length() + weightsAndBias.length();
        return Map.of("im2col", 4L * ((long) input.length + nativeFloats));
    }
}
