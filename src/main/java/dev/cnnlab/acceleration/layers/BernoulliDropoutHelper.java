package dev.cnnlab.acceleration.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.DropoutHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Map;

/**
 * DL4J's inverted dropout with its mask drawn by libnd4j's Bernoulli op: each input is kept with probability
 * {@code p} and scaled by {@code 1 / p}, as {@link Dropout} does.
 *
 * <p>Why: DL4J 1.0.0-M2.1's {@code Dropout} fills a mask with ones and runs libnd4j's {@code DropOutInverted} op on
 * it, several times slower than drawing the mask here ({@code KernelTimes.java} for the op,
 * {@code ShortcutTimes.java keras-mnist dropout} for training steps; figures in docs/performance.md).
 * {@code Dropout} takes a helper for exactly this (its cuDNN one on GPUs) and leaves it out of the saved
 * configuration.
 */
public final class BernoulliDropoutHelper implements DropoutHelper {
    private INDArray mask;

    /**
     * Gives this helper to the network's plain {@link Dropout}s with a fixed probability (a schedule's value is not
     * passed to helpers in DL4J 1.0.0-M2.1).
     *
     * @param network an initialised network
     * @return how many layers' dropouts got it
     */
    public static int installOn(MultiLayerNetwork network) {
        int installed = 0;
        for (Layer layer : network.getLayers()) {
            if (layer.conf().getLayer().getIDropout() instanceof Dropout dropout && dropout.getClass() == Dropout.class
                    && dropout.getPSchedule() == null && !(dropout.getHelper() instanceof BernoulliDropoutHelper)) {
                dropout.setHelper(new BernoulliDropoutHelper());
                dropout.setInitializedHelper(true); // so that DL4J does not look for its cuDNN helper instead
                installed++;
            }
        }
        return installed;
    }

    /**
     * @param network a network
     * @return how many of its layers' dropouts use this helper
     */
    public static long count(MultiLayerNetwork network) {
        return Arrays.stream(network.getLayers())
                .filter(layer -> layer.conf().getLayer().getIDropout() instanceof Dropout dropout
                        && dropout.getHelper() instanceof BernoulliDropoutHelper)
                .count();
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public void applyDropout(INDArray inputActivations, INDArray resultArray, double dropoutInputRetainProb) {
        if (mask == null || !Arrays.equals(mask.shape(), resultArray.shape())
                || mask.dataType() != resultArray.dataType()) {
            // Kept until the backward pass, so outside DL4J's per-layer workspaces.
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                mask = Nd4j.createUninitialized(resultArray.dataType(), resultArray.shape(), 'c');
            }
        }
        Nd4j.getExecutioner().exec(new BernoulliDistribution(mask, dropoutInputRetainProb));
        mask.muli(1.0 / dropoutInputRetainProb);
        inputActivations.mul(mask, resultArray);
    }

    @Override
    public void backprop(INDArray gradAtOutput, INDArray gradAtInput) {
        if (mask == null) {
            throw new IllegalStateException("dropout backprop before its forward pass");
        }
        gradAtOutput.mul(mask, gradAtInput);
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Map.of("dropoutMask", mask == null ? 0L : mask.length() * mask.dataType().width());
    }
}
