package dev.cnnlab.acceleration.layers;

import dev.cnnlab.kernels.RowMajorSgemm;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's dense layer as trained by cnnlab: the same arithmetic, without two costs of DL4J 1.0.0-M2.1.
 *
 * <ul>
 *   <li>Backprop computes the forward pass again: {@code BaseLayer.backpropGradient} calls
 *       {@code preOutputWithPreNorm} for the pre-activations the forward pass just computed ({@code CacheMode}
 *       covers only convolution layers). This layer keeps a copy of them from the training forward pass and hands
 *       that to the activation's backward pass.</li>
 *   <li>Its three matrix products go through ND4J's {@code mmul} op rather than OpenBLAS's {@code cblas_sgemm}
 *       ({@link RowMajorSgemm}), which is slower for the same product on LeNet's 800x500 layer
 *       ({@code KernelTimes.java}; docs/performance.md).</li>
 * </ul>
 *
 * <p>{@code ShortcutTimes.java lenet dense} measures training steps with and without this layer, side by side in
 * one JVM; networks with small dense layers gain little.
 *
 * <p>Anything this layer does not handle the same way (masks, another data type, arrays laid out otherwise) goes to
 * DL4J's code. Only the layer object changes: the configuration, parameters and saved models are DL4J's, and a
 * network built from the configuration (a loaded model, {@code clone()}) has DL4J's dense layers again.
 */
public final class BlasDenseLayer extends DenseLayer {
    private static final long serialVersionUID = 1L;

    /** The pre-activations of the last training forward pass, a copy the activation's backprop may overwrite. */
    private transient INDArray keptPreOutput;
    /** The input they were computed from: backprop uses them only for that same input. */
    private transient INDArray keptInput;

    private BlasDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * Replaces the network's plain dense layers (float, no layer norm or weight noise) by this class, sharing their
     * configuration, parameters and gradient arrays. Does nothing on backends other than ND4J's CPU one.
     *
     * @param network an initialised network
     * @return how many layers were replaced
     */
    public static int installOn(MultiLayerNetwork network) {
        if (!RowMajorSgemm.available()) {
            return 0;
        }
        return LayerReplacement.replaceAll(network, DenseLayer.class, BlasDenseLayer::takesOver,
                BlasDenseLayer::new);
    }

    /**
     * @param network a network
     * @return how many of its layers are this class
     */
    public static long count(MultiLayerNetwork network) {
        return LayerReplacement.count(network, BlasDenseLayer.class);
    }

    private static boolean takesOver(DenseLayer layer) {
        var conf = (org.deeplearning4j.nn.conf.layers.DenseLayer) layer.conf().getLayer();
        return conf.getClass() == org.deeplearning4j.nn.conf.layers.DenseLayer.class && !conf.hasLayerNorm()
                && conf.getWeightNoise() == null
                && layer.getParam(DefaultParamInitializer.WEIGHT_KEY).dataType() == DataType.FLOAT;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
            LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(forBackprop);
        applyDropOutIfNecessary(training, workspaceMgr);
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (!RowMajorSgemm.supports(input) || !RowMajorSgemm.supports(weights) || maskArray != null) {
            return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
        }
        INDArray z = affine(input, weights, hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null,
                workspaceMgr);
        if (training && !forBackprop) {
            // The activation usually works in place on z; backprop needs the values before it.
            keptPreOutput = workspaceMgr.dup(ArrayType.ACTIVATIONS, z);
            keptInput = input;
        }
        return new Pair<>(z, z);
    }

    /**
     * {@code input x weights + bias} through {@code cblas_sgemm}, into a new activations array.
     *
     * @param input {@code [batch, in]}, {@link RowMajorSgemm#supports supported}
     * @param weights {@code [in, out]}, supported
     * @param bias {@code [1, out]}, or null for none
     * @param workspaceMgr the layer's workspaces
     * @return {@code [batch, out]}, c-ordered
     */
    static INDArray affine(INDArray input, INDArray weights, INDArray bias, LayerWorkspaceMgr workspaceMgr) {
        INDArray z = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                new long[] {input.rows(), weights.columns()}, 'c');
        RowMajorSgemm.multiply(input, weights, z);
        if (bias != null) {
            z.addiRowVector(bias);
        }
        return z;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray z = keptInput == input ? keptPreOutput : null;
        keptPreOutput = null;
        keptInput = null;
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        if (z == null || maskArray != null || !RowMajorSgemm.supports(weightGradient)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray delta = layerConf().getActivationFn().backprop(z, epsilon).getFirst();
        if (!RowMajorSgemm.supports(delta)) {
            delta = workspaceMgr.dup(ArrayType.BP_WORKING_MEM, delta, 'c');
        }
        Gradient gradient = new DefaultGradient();
        if (hasBias()) {
            INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(biasGradient, 0);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        }
        RowMajorSgemm.multiply(input.transpose(), delta, weightGradient);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);

        INDArray epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT,
                new long[] {input.rows(), input.columns()}, 'c');
        RowMajorSgemm.multiply(delta, weights.transpose(), epsilonNext);
        weightNoiseParams.clear();
        return new Pair<>(gradient, backpropDropOutIfPresent(epsilonNext));
    }
}
