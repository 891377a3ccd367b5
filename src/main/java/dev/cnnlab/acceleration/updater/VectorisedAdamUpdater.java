package dev.cnnlab.acceleration.updater;

import dev.cnnlab.acceleration.Backends;
import dev.cnnlab.kernels.FloatTransfer;
import java.nio.FloatBuffer;
import java.util.List;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * DL4J's Adam, the same arithmetic in float, with its element loop run by Java over chunks that fit the L1 cache,
 * which HotSpot compiles to AVX-512 instructions.
 *
 * <p>Why: DL4J 1.0.0-M2.1 runs Adam as libnd4j's {@code adam_updater} op (upstream
 * deeplearning4j/deeplearning4j#8114), whose loop is compiled to scalar instructions ({@code vsqrtss},
 * {@code vdivss}, one element at a time: {@code perf annotate} of a {@code tools/perf-profile.sh --keep} recording).
 * It was the largest single native function in LeNet's training profile, and slower on two threads than this loop on
 * one ({@code KernelTimes.java}; docs/performance.md).
 *
 * <p>Only the update's computation changes: the moment estimates stay in the updater's state view, so saved models
 * and their JSON are DL4J's. Gradients or states that are not contiguous row-major float arrays go to DL4J's op.
 */
public final class VectorisedAdamUpdater extends AdamUpdater {
    /** Elements per chunk: three arrays of 4 KB, in L1 together. */
    static final int CHUNK = 1024;

    private final float[] gradients = new float[CHUNK];
    private final float[] firstMoments = new float[CHUNK];
    private final float[] secondMoments = new float[CHUNK];

    /**
     * Takes over a DL4J Adam updater's configuration and state.
     *
     * @param plain DL4J's updater, its state view already set
     */
    public VectorisedAdamUpdater(AdamUpdater plain) {
        super(plain.getConfig());
        setM(plain.getM());
        setV(plain.getV());
        setGradientReshapeOrder(plain.getGradientReshapeOrder());
    }

    /**
     * Gives every Adam updater block of the network's updater this updater, creating the updater if the network has
     * none yet.
     *
     * @param network an initialised network
     * @return how many updater blocks got it
     */
    public static int installOn(MultiLayerNetwork network) {
        int installed = 0;
        if (!Backends.isHostArray(network.params())) {
            return installed; // its loop reads and writes host memory: a CUDA network keeps DL4J's op
        }
        for (UpdaterBlock block : blocks(network.getUpdater())) {
            if (block.getGradientUpdater() != null && block.getGradientUpdater().getClass() == AdamUpdater.class) {
                block.setGradientUpdater(new VectorisedAdamUpdater((AdamUpdater) block.getGradientUpdater()));
                installed++;
            }
        }
        return installed;
    }

    /**
     * @param network a network
     * @return how many of its updater blocks run this updater (0 when it has no updater yet)
     */
    public static long count(MultiLayerNetwork network) {
        return blocks(network.getUpdater(false)).stream()
                .filter(block -> block.getGradientUpdater() instanceof VectorisedAdamUpdater).count();
    }

    private static List<UpdaterBlock> blocks(Updater updater) {
        return updater instanceof BaseMultiLayerUpdater<?> multiLayer ? multiLayer.getUpdaterBlocks() : List.of();
    }

    /**
     * Computes the update into {@code gradient} and advances the moment estimates, as DL4J's Adam does.
     *
     * @param gradient the gradient, replaced by the update
     * @param iteration the iteration count, for the bias correction and the learning rate's schedule
     * @param epoch the epoch count, for the learning rate's schedule
     */
    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        INDArray m = getM();
        INDArray v = getV();
        if (m == null || v == null || !Backends.isHostArray(gradient) || !Backends.isHostArray(m)
                || !Backends.isHostArray(v) || !FloatTransfer.isRowMajor(gradient) || !FloatTransfer.isRowMajor(m)
                || !FloatTransfer.isRowMajor(v) || gradient.length() != m.length()) {
            super.applyUpdater(gradient, iteration, epoch);
            return;
        }
        Adam config = getConfig();
        float beta1 = (float) config.getBeta1();
        float beta2 = (float) config.getBeta2();
        float epsilon = (float) config.getEpsilon();
        float stepSize = stepSize((float) config.getLearningRate(iteration, epoch), beta1, beta2, epsilon, iteration);
        FloatBuffer g = FloatTransfer.floats(gradient);
        FloatBuffer firstMoment = FloatTransfer.floats(m);
        FloatBuffer secondMoment = FloatTransfer.floats(v);
        int length = (int) gradient.length();
        for (int start = 0; start < length; start += CHUNK) {
            int count = Math.min(CHUNK, length - start);
            g.get(start, gradients, 0, count);
            firstMoment.get(start, firstMoments, 0, count);
            secondMoment.get(start, secondMoments, 0, count);
            updateChunk(count, beta1, beta2, epsilon, stepSize);
            g.put(start, gradients, 0, count);
            firstMoment.put(start, firstMoments, 0, count);
            secondMoment.put(start, secondMoments, 0, count);
        }
    }

    /**
     * The bias-corrected step size, in float as libnd4j computes it; epsilon when that is NaN, infinite or zero
     * (libnd4j's fallback).
     */
    static float stepSize(float learningRate, float beta1, float beta2, float epsilon, int iteration) {
        float beta1Power = (float) Math.pow(beta1, iteration + 1f);
        float beta2Power = (float) Math.pow(beta2, iteration + 1f);
        float step = learningRate * (float) Math.sqrt(1f - beta2Power) / (1f - beta1Power);
        return Float.isNaN(step) || Float.isInfinite(step) || step == 0 ? epsilon : step;
    }

    /** Kept free of branches and calls so that HotSpot vectorises it. */
    private void updateChunk(int count, float beta1, float beta2, float epsilon, float stepSize) {
        float gradientShare1 = 1 - beta1;
        float gradientShare2 = 1 - beta2;
        float[] g = gradients;
        float[] m = firstMoments;
        float[] v = secondMoments;
        for (int i = 0; i < count; i++) {
            float gradient = g[i];
            float first = beta1 * m[i] + gradient * gradientShare1;
            float second = beta2 * v[i] + gradient * gradient * gradientShare2;
            m[i] = first;
            v[i] = second;
            g[i] = first * stepSize / ((float) Math.sqrt(second) + epsilon);
        }
    }
}
