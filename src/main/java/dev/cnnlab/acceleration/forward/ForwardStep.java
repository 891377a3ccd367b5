package dev.cnnlab.acceleration.forward;

/**
 * One layer of a {@link JavaForwardPass}: reads one image's activations and writes the next layer's, both flat in
 * DL4J's row-major order ({@code [channels, height, width]} for maps, {@code [units]} for vectors).
 */
interface ForwardStep {
    /**
     * @return how many floats {@link #apply} writes
     */
    int outputSize();

    /**
     * @param in  the previous step's output
     * @param out where this step's {@link #outputSize()} floats go; never {@code in}
     */
    void apply(float[] in, float[] out);
}
