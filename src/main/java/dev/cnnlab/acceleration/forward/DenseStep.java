package dev.cnnlab.acceleration.forward;

/**
 * A fully connected layer with its activation: {@code f(x · W + b)}.
 */
final class DenseStep implements ForwardStep {
    private final float[][] weights;
    private final float[] bias;
    private final ActivationFunction activation;

    /**
     * @param weights    {@code [inputs, bias.length]}, row-major (DL4J's {@code W})
     * @param bias       one per unit, or zeros
     * @param activation any activation
     */
    DenseStep(float[] weights, float[] bias, ActivationFunction activation) {
        this.weights = RowProducts.split(weights, weights.length / bias.length);
        this.bias = bias;
        this.activation = activation;
    }

    @Override
    public int outputSize() {
        return bias.length;
    }

    @Override
    public void apply(float[] in, float[] out) {
        System.arraycopy(bias, 0, out, 0, bias.length);
        RowProducts.accumulate(in, 0, weights.length, weights, bias.length, out);
        activation.apply(out, 0, bias.length);
    }
}
