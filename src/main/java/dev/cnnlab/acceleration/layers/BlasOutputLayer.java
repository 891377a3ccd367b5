package dev.cnnlab.acceleration.layers;

import dev.cnnlab.kernels.RowMajorSgemm;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's output layer as trained by cnnlab: its forward product through OpenBLAS's {@code cblas_sgemm}
 * ({@link RowMajorSgemm}) instead of ND4J's {@code mmul} op.
 *
 * <p>Why: DL4J 1.0.0-M2.1 computes an output layer's forward product three times per training step (for the
 * network's output, again in {@code computeScore} and again in {@code backpropGradient}), and on a product as small
 * as LeNet's ({@code [64, 500] x [500, 10]}) ND4J's per-op overhead, not the arithmetic, is what those calls cost
 * (a JFR recording of {@code bench}; the figures are in docs/performance.md). The backward products and the loss stay
 * DL4J's.
 *
 * <p>As with {@link BlasDenseLayer}, only the layer object changes: masks, other data types and weight noise go to
 * DL4J's code, and configurations and saved models are DL4J's.
 */
public final class BlasOutputLayer extends OutputLayer {
    private static final long serialVersionUID = 1L;

    /** How many forward products this layer has computed through {@code cblas_sgemm}, for tests. */
    private transient long productsOnOpenBlas;

    private BlasOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * Replaces the network's plain output layers (float, no weight noise) by this class, sharing their
     * configuration, parameters and gradient arrays. Does nothing on backends other than ND4J's CPU one.
     *
     * @param network an initialised network
     * @return how many layers were replaced
     */
    public static int installOn(MultiLayerNetwork network) {
        if (!RowMajorSgemm.available()) {
            return 0;
        }
        return LayerReplacement.replaceAll(network, OutputLayer.class, BlasOutputLayer::takesOver,
                BlasOutputLayer::new);
    }

    /**
     * @param network a network
     * @return how many of its layers are this class
     */
    public static long count(MultiLayerNetwork network) {
        return LayerReplacement.count(network, BlasOutputLayer.class);
    }

    private static boolean takesOver(OutputLayer layer) {
        var conf = layer.layerConf();
        return conf.getClass() == org.deeplearning4j.nn.conf.layers.OutputLayer.class && conf.getWeightNoise() == null
                && layer.getParam(DefaultParamInitializer.WEIGHT_KEY).dataType() == DataType.FLOAT;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
            LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(forBackprop);
        applyDropOutIfNecessary(training, workspaceMgr); // once per input: DL4J's method below skips it then
        INDArray weights = getParam(DefaultParamInitializer.WEIGHT_KEY);
        if (!RowMajorSgemm.supports(input) || !RowMajorSgemm.supports(weights) || maskArray != null) {
            return super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
        }
        INDArray z = BlasDenseLayer.affine(input, weights,
                hasBias() ? getParam(DefaultParamInitializer.BIAS_KEY) : null, workspaceMgr);
        productsOnOpenBlas++;
        return new Pair<>(z, z);
    }

    /** @return how many forward products this layer has computed through {@code cblas_sgemm} */
    long productsOnOpenBlas() {
        return productsOnOpenBlas;
    }
}
