package dev.cnnlab.acceleration;

import dev.cnnlab.acceleration.layers.BernoulliDropoutHelper;
import dev.cnnlab.acceleration.layers.BlasDenseLayer;
import dev.cnnlab.acceleration.layers.BlasOutputLayer;
import dev.cnnlab.acceleration.layers.FirstLayerConvolutionHelper;
import dev.cnnlab.acceleration.layers.InPlaceBackpropReLU;
import dev.cnnlab.acceleration.layers.JavaBatchNormHelper;
import dev.cnnlab.acceleration.split.SplitBatchMultiLayerNetwork;
import dev.cnnlab.acceleration.updater.VectorisedAdamUpdater;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The work cnnlab spares DL4J 1.0.0-M2.1's backward pass on networks it trains. Applied by {@link Acceleration}, the
 * acceleration layer's entry point, which checks the backend first; call that, not this.
 *
 * <ul>
 *   <li>The forward pass again: by default ({@link CacheMode#NONE}) every convolution layer recomputes its
 *       pre-activation output during backpropagation; {@link CacheMode#DEVICE} keeps the one from the forward pass.
 *       Same numbers, without recomputing the convolutions ({@code tools/onednn-profile.sh
 *       --no-backprop-shortcuts} shows their cost; docs/performance.md).</li>
 *   <li>The first layer's input gradient, which nothing reads (DL4J computes it anyway, upstream issue
 *       deeplearning4j/deeplearning4j#1529, closed unimplemented): {@link FirstLayerConvolutionHelper}.</li>
 *   <li>A new array and libnd4j's slow {@code relu_bp} in every ReLU's backward pass: {@link InPlaceBackpropReLU}.</li>
 *   <li>The dense layers' forward pass again in backprop, and ND4J's slow path to OpenBLAS for their matrix
 *       products: {@link BlasDenseLayer}; the output layer's forward product, which DL4J computes three times a
 *       step: {@link BlasOutputLayer}.</li>
 *   <li>libnd4j's slow {@code DropOutInverted} op for dropout masks: {@link BernoulliDropoutHelper}.</li>
 *   <li>libnd4j's generic reductions for each training batch's batch-norm statistics: {@link JavaBatchNormHelper}
 *       computes them, the normalisation and its backward pass in Java.</li>
 *   <li>After the backward pass, libnd4j's scalar loop for Adam's update: {@link VectorisedAdamUpdater}.</li>
 * </ul>
 *
 * <p>What they save is measured side by side by {@code scripts/bench-compare.sh --without-shortcuts-too}
 * (docs/performance.md). Apply them to networks that are trained, not to networks whose input gradients are
 * wanted.
 */
public final class BackpropShortcuts {
    private BackpropShortcuts() {
    }

    /**
     * Applies the shortcuts where the network allows them.
     *
     * @param network an initialised network
     * @return what was applied, whose details read e.g. {@code [cached forward pass, first-layer backprop without input gradient,
     *         in-place ReLU backprop in 3 layers, dense forward pass kept, products on OpenBLAS in 1 layer,
     *         output forward product on OpenBLAS in 1 layer, Adam's loop vectorised in 1 updater block]}; networks
     *         with dropout also get {@code dropout masks by the Bernoulli op in N layers}. A
     *         {@link SplitBatchMultiLayerNetwork}'s copies get the same, except the updater's, which they do not use
     */
    public static List<AppliedSpeedUp> applyTo(MultiLayerNetwork network) {
        List<AppliedSpeedUp> applied = applyToLayers(network);
        if (network instanceof SplitBatchMultiLayerNetwork split) {
            // The copies compute the other parts of each batch with layers of their own; the updater is the
            // network's alone.
            split.replicas().forEach(BackpropShortcuts::applyToLayers);
        }
        int adam = VectorisedAdamUpdater.installOn(network);
        if (adam > 0) {
            applied.add(new AppliedSpeedUp("vectorised-adam",
                    "Adam's loop vectorised in " + adam + (adam == 1 ? " updater block" : " updater blocks")));
        }
        return applied;
    }

    private static List<AppliedSpeedUp> applyToLayers(MultiLayerNetwork network) {
        List<AppliedSpeedUp> applied = new ArrayList<>();
        // Both are needed: the configuration's mode opens the cache workspace, the layers' mode fills it.
        network.getLayerWiseConfigurations().setCacheMode(CacheMode.DEVICE);
        network.setCacheMode(CacheMode.DEVICE);
        applied.add(new AppliedSpeedUp("cached-forward-pass", "cached forward pass"));
        if (FirstLayerConvolutionHelper.installOn(network)) {
            applied.add(new AppliedSpeedUp("first-layer-backprop", "first-layer backprop without input gradient"));
        }
        int relus = replaceReLUs(network);
        if (relus > 0) {
            applied.add(new AppliedSpeedUp("in-place-relu-backprop",
                    "in-place ReLU backprop in " + relus + (relus == 1 ? " layer" : " layers")));
        }
        int dense = BlasDenseLayer.installOn(network);
        if (dense > 0) {
            applied.add(new AppliedSpeedUp("blas-dense-layers", "dense forward pass kept, products on OpenBLAS in " + dense
                    + (dense == 1 ? " layer" : " layers")));
        }
        int outputs = BlasOutputLayer.installOn(network);
        if (outputs > 0) {
            applied.add(new AppliedSpeedUp("blas-output-layer",
                    "output forward product on OpenBLAS in " + outputs + (outputs == 1 ? " layer" : " layers")));
        }
        int batchNorms = JavaBatchNormHelper.installOn(network);
        if (batchNorms > 0) {
            applied.add(new AppliedSpeedUp("java-batch-norm", "batch norm's training passes in Java in " + batchNorms
                    + (batchNorms == 1 ? " layer" : " layers")));
        }
        int dropouts = BernoulliDropoutHelper.installOn(network);
        if (dropouts > 0) {
            applied.add(new AppliedSpeedUp("bernoulli-dropout",
                    "dropout masks by the Bernoulli op in " + dropouts + (dropouts == 1 ? " layer" : " layers")));
        }
        return applied;
    }

    /**
     * @param network a network
     * @return how many of its layers run ReLU's backward pass in place ({@link InPlaceBackpropReLU})
     */
    public static long inPlaceReLULayers(MultiLayerNetwork network) {
        return Arrays.stream(network.getLayers()).map(layer -> activationOf(layer.conf().getLayer()))
                .filter(InPlaceBackpropReLU.class::isInstance).count();
    }

    /** Puts {@link InPlaceBackpropReLU} in place of the default ReLU in the configurations the layers read. */
    private static int replaceReLUs(MultiLayerNetwork network) {
        int replaced = 0;
        for (Layer layer : network.getLayers()) {
            var conf = layer.conf().getLayer();
            if (InPlaceBackpropReLU.replaces(activationOf(conf))) {
                if (conf instanceof BaseLayer base) {
                    base.setActivationFn(new InPlaceBackpropReLU());
                } else {
                    ((ActivationLayer) conf).setActivationFn(new InPlaceBackpropReLU());
                }
                replaced++;
            }
        }
        return replaced;
    }

    /** The activation of a layer that has one (a layer with weights, or an activation layer), else null. */
    private static IActivation activationOf(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof BaseLayer base) {
            return base.getActivationFn();
        }
        return conf instanceof ActivationLayer activation ? activation.getActivationFn() : null;
    }
}
