package dev.cnnlab.acceleration.forward;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;

import java.util.Optional;

/**
 * The activation functions the forward pass computes itself, applied in place to a run of floats.
 */
enum ActivationFunction {
    /** f(x) = x. */
    IDENTITY {
        @Override
        void apply(float[] v, int from, int to) {
        }
    },
    /** f(x) = max(0, x), DL4J's {@code ActivationReLU} with its defaults. */
    RELU {
        @Override
        void apply(float[] v, int from, int to) {
            for (int i = from; i < to; i++) {
                v[i] = Math.max(0f, v[i]);
            }
        }
    },
    /** Scaled exponential linear unit, with libnd4j's constants. */
    SELU {
        private static final double ALPHA = 1.6732632423543772848170429916717;
        private static final double SCALE = 1.0507009873554804934193349852946;

        @Override
        void apply(float[] v, int from, int to) {
            for (int i = from; i < to; i++) {
                double x = v[i];
                v[i] = (float) (x > 0 ? SCALE * x : SCALE * ALPHA * Math.expm1(x));
            }
        }
    },
    /** f(x) = 1 / (1 + e^-x). */
    SIGMOID {
        @Override
        void apply(float[] v, int from, int to) {
            for (int i = from; i < to; i++) {
                v[i] = (float) (1 / (1 + Math.exp(-v[i])));
            }
        }
    },
    /** f(x) = tanh(x). */
    TANH {
        @Override
        void apply(float[] v, int from, int to) {
            for (int i = from; i < to; i++) {
                v[i] = (float) Math.tanh(v[i]);
            }
        }
    },
    /** Normalised exponentials of a whole vector; only for layers whose output is a vector. */
    SOFTMAX {
        @Override
        void apply(float[] v, int from, int to) {
            float max = Float.NEGATIVE_INFINITY;
            for (int i = from; i < to; i++) {
                max = Math.max(max, v[i]);
            }
            double sum = 0;
            for (int i = from; i < to; i++) {
                v[i] = (float) Math.exp(v[i] - max);
                sum += v[i];
            }
            for (int i = from; i < to; i++) {
                v[i] = (float) (v[i] / sum);
            }
        }
    };

    /**
     * @param v    the values
     * @param from the first index
     * @param to   one past the last index
     */
    abstract void apply(float[] v, int from, int to);

    /**
     * @return whether the function acts on each value alone, so it applies to feature maps too
     */
    boolean elementwise() {
        return this != SOFTMAX;
    }

    /**
     * @param function a DL4J activation
     * @return its counterpart here; empty for functions (or settings, such as a ReLU threshold) not computed here
     */
    static Optional<ActivationFunction> of(IActivation function) {
        if (function instanceof ActivationIdentity) {
            return Optional.of(IDENTITY);
        } else if (function.equals(new ActivationReLU())) {
            return Optional.of(RELU);
        } else if (function instanceof ActivationSELU) {
            return Optional.of(SELU);
        } else if (function instanceof ActivationSigmoid) {
            return Optional.of(SIGMOID);
        } else if (function instanceof ActivationTanH) {
            return Optional.of(TANH);
        } else if (function instanceof ActivationSoftmax) {
            return Optional.of(SOFTMAX);
        }
        return Optional.empty();
    }
}
