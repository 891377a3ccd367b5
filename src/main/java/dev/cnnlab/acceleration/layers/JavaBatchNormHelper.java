package dev.cnnlab.acceleration.layers;

import dev.cnnlab.acceleration.Backends;
import dev.cnnlab.kernels.FloatTransfer;
import dev.cnnlab.kernels.NchwBatchNorm;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Map;

/**
 * A batch-normalisation layer's training passes on NCHW float maps in Java ({@link NchwBatchNorm}): the batch's
 * per-channel mean and variance in one pass, the normalisation, and the backward pass. Everything else, inference
 * with the running averages included, stays with DL4J's oneDNN helper, which this one wraps.
 *
 * <p>Why: DL4J 1.0.0-M2.1's {@link MKLDNNBatchNormHelper} computes each training batch's mean with ND4J's
 * {@code mean} and its variance with the generic {@code Variance} reduction over axes 0, 2 and 3, which together
 * take more time than oneDNN's normalisation kernels (docs/performance.md). The layer reads the batch statistics
 * back through {@link #getMeanCache} and {@link #getVarCache} to update its running averages, as it does from
 * DL4J's helper.
 */
public final class JavaBatchNormHelper implements BatchNormalizationHelper {
    private final BatchNormalizationHelper oneDnn;
    private INDArray meanCache;
    private INDArray varCache;
    private double[] mean;
    private double[] variance;
    /**
     * Whether the last training forward pass went to {@link #oneDnn}, whose statistics its backward pass and the
     * layer's running averages need.
     */
    private boolean delegated;

    private JavaBatchNormHelper(BatchNormalizationHelper oneDnn) {
        this.oneDnn = oneDnn;
    }

    /**
     * Puts this helper on the network's batch-normalisation layers that run on DL4J's oneDNN helper (so never under
     * CUDA, nor twice) with learned scales and shifts, in NCHW order, their parameters in host memory.
     *
     * @param network an initialised network
     * @return on how many layers it was installed
     */
    public static int installOn(MultiLayerNetwork network) {
        int installed = 0;
        for (Layer layer : network.getLayers()) {
            if (layer instanceof BatchNormalization bn && bn.getHelper() instanceof MKLDNNBatchNormHelper oneDnn
                    && layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization conf
                    && !conf.isLockGammaBeta() && conf.getCnn2DFormat() == CNN2DFormat.NCHW
                    && Backends.isHostArray(layer.getParam(BatchNormalizationParamInitializer.GAMMA))) {
                LayerHelperField.set(layer, BatchNormalization.class, new JavaBatchNormHelper(oneDnn));
                installed++;
            }
        }
        return installed;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
            INDArray globalMean, INDArray globalVar, double decay, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        if (training) {
            delegated = !handles(x, gamma, beta, format);
        }
        if (!training || delegated) {
            return oneDnn.preOutput(x, training, shape, gamma, beta, globalMean, globalVar, decay, eps, format,
                    workspaceMgr);
        }
        NchwBatchNorm norm = geometry(x);
        if (mean == null || mean.length != norm.channels()) {
            mean = new double[norm.channels()];
            variance = new double[norm.channels()];
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                meanCache = Nd4j.createUninitialized(DataType.FLOAT, norm.channels());
                varCache = Nd4j.createUninitialized(DataType.FLOAT, norm.channels());
            }
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        norm.forward(FloatTransfer.floats(x), FloatTransfer.floats(out), gamma.toFloatVector(), beta.toFloatVector(),
                eps, mean, variance);
        FloatTransfer.write(toFloats(mean), meanCache);
        FloatTransfer.write(toFloats(variance), varCache);
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
            INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        if (delegated) {
            return oneDnn.backpropGradient(input, epsilon, shape, gamma, beta, dGammaView, dBetaView, eps, format,
                    workspaceMgr);
        }
        INDArray dy = FloatTransfer.isRowMajor(epsilon) ? epsilon : epsilon.castTo(DataType.FLOAT).dup('c');
        NchwBatchNorm norm = geometry(input);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        float[] dGamma = new float[norm.channels()];
        float[] dBeta = new float[norm.channels()];
        norm.backward(FloatTransfer.floats(input), FloatTransfer.floats(dy), FloatTransfer.floats(dx), mean, variance,
                gamma.toFloatVector(), eps, dGamma, dBeta);
        dGammaView.assign(Nd4j.createFromArray(dGamma).reshape(dGammaView.shape()));
        dBetaView.assign(Nd4j.createFromArray(dBeta).reshape(dBetaView.shape()));
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(gradient, dx);
    }

    private static boolean handles(INDArray x, INDArray gamma, INDArray beta, CNN2DFormat format) {
        return x.rank() == 4 && format == CNN2DFormat.NCHW && FloatTransfer.isRowMajor(x) && gamma != null
                && beta != null && x.length() <= Integer.MAX_VALUE;
    }

    private static NchwBatchNorm geometry(INDArray x) {
        return new NchwBatchNorm((int) x.size(0), (int) x.size(1), (int) (x.size(2) * x.size(3)));
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return delegated ? oneDnn.getMeanCache(dataType) : meanCache;
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return delegated ? oneDnn.getVarCache(dataType) : varCache;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of();
    }
}
