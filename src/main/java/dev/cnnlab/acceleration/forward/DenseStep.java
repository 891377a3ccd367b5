package dev.cnnlab.acceleration.forward;

/**
 * A fully connected layer with its activation: {@code f(x · W + b)}. Cut into parts, each part computes a block of
 * the units from its own copy of their weight columns; a softmax layer (whose units depend on each other) runs whole
 * in part 0.
 */
final class DenseStep implements PartedStep {
    private final float[] bias;
    private final ActivationFunction activation;
    /** Per part: its units' weights {@code [inputs][units of the part]} and a row of scratch for its sums. */
    private final float[][][] blocks;
    private final float[][] sums;

    /**
     * @param weights    {@code [inputs, bias.length]}, row-major (DL4J's {@code W})
     * @param bias       one per unit, or zeros
     * @param activation any activation
     * @param parts      how many parts the step is cut into (1: whole); a softmax layer is never cut
     */
    DenseStep(float[] weights, float[] bias, ActivationFunction activation, int parts) {
        this.bias = bias;
        this.activation = activation;
        int cut = activation.elementwise() ? Math.max(1, Math.min(parts, bias.length)) : 1;
        int inputs = weights.length / bias.length;
        this.blocks = new float[cut][][];
        this.sums = new float[cut][];
        for (int p = 0; p < cut; p++) {
            int from = PartedStep.share(bias.length, p, cut);
            int units = PartedStep.share(bias.length, p + 1, cut) - from;
            blocks[p] = new float[inputs][units];
            for (int i = 0; i < inputs; i++) {
                System.arraycopy(weights, i * bias.length + from, blocks[p][i], 0, units);
            }
            sums[p] = new float[units];
        }
    }

    @Override
    public int outputSize() {
        return bias.length;
    }

    @Override
    public int parts() {
        return blocks.length;
    }

    @Override
    public void apply(float[] in, float[] out, int block) {
        float[] y = sums[block];
        int from = PartedStep.share(bias.length, block, blocks.length);
        System.arraycopy(bias, from, y, 0, y.length);
        RowProducts.accumulate(in, 0, blocks[block].length, blocks[block], y.length, y);
        System.arraycopy(y, 0, out, from, y.length);
        activation.apply(out, from, from + y.length);
    }
}
