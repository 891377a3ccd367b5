package dev.cnnlab.acceleration.forward;

/**
 * An activation layer on its own (after a batch normalisation, say).
 *
 * @param size       values in and out
 * @param activation the function
 */
record ActivationStep(int size, ActivationFunction activation) implements ForwardStep {

    @Override
    public int outputSize() {
        return size;
    }

    @Override
    public void apply(float[] in, float[] out) {
        System.arraycopy(in, 0, out, 0, size);
        activation.apply(out, 0, size);
    }
}
