package dev.cnnlab.acceleration.forward;

/**
 * {@code scale[c] * x + shift[c]} for every value of channel {@code c}: a batch normalisation layer at inference,
 * whose running statistics and learned parameters fold into one scale and shift per channel.
 *
 * @param scale    one per channel
 * @param shift    one per channel
 * @param plane    values per channel (height x width for maps, 1 for vectors)
 */
record ChannelAffineStep(float[] scale, float[] shift, int plane) implements ForwardStep {

    @Override
    public int outputSize() {
        return scale.length * plane;
    }

    @Override
    public void apply(float[] in, float[] out) {
        for (int c = 0; c < scale.length; c++) {
            float a = scale[c];
            float b = shift[c];
            for (int i = c * plane, end = i + plane; i < end; i++) {
                out[i] = a * in[i] + b;
            }
        }
    }
}
