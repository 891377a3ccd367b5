package dev.cnnlab.acceleration.forward;

/**
 * A {@link ForwardStep} cut into parts that run at once on different threads ({@link PartWorkers}), each writing
 * its own share of the output. {@link #apply(float[], float[])} still computes the whole output on one thread.
 */
interface PartedStep extends ForwardStep {
    /**
     * @return how many parts the step was built for
     */
    int parts();

    /**
     * Writes part {@code part}'s share of the output; all {@link #parts()} together write all of it.
     *
     * @param in   the previous step's output, complete
     * @param out  where this step's {@link #outputSize()} floats go; never {@code in}
     * @param part this part, from 0
     */
    void apply(float[] in, float[] out, int part);

    @Override
    default void apply(float[] in, float[] out) {
        for (int part = 0; part < parts(); part++) {
            apply(in, out, part);
        }
    }

    /**
     * @param total what is shared out (rows, units)
     * @param part  a part, from 0 to {@code parts}
     * @param parts how many parts
     * @return where part {@code part}'s share starts; {@code share(total, parts, parts) == total}
     */
    static int share(int total, int part, int parts) {
        return (int) ((long) total * part / parts);
    }
}
