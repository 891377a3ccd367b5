package dev.cnnlab.acceleration.forward;

/**
 * Max pooling over each channel; window cells in the padding are left out, as libnd4j does.
 *
 * @param channels channels, unchanged
 * @param height   input height
 * @param width    input width
 * @param kernelH  window height
 * @param kernelW  window width
 * @param strideH  vertical stride
 * @param strideW  horizontal stride
 * @param padTop   rows of padding above
 * @param padLeft  columns of padding on the left
 * @param outH     output height
 * @param outW     output width
 */
record MaxPoolingStep(int channels, int height, int width, int kernelH, int kernelW, int strideH, int strideW,
                      int padTop, int padLeft, int outH, int outW) implements ForwardStep {

    @Override
    public int outputSize() {
        return channels * outH * outW;
    }

    @Override
    public void apply(float[] in, float[] out) {
        if (kernelH == 2 && kernelW == 2 && strideH == 2 && strideW == 2 && padTop == 0 && padLeft == 0
                && 2 * outH <= height && 2 * outW <= width) {
            applyTwoByTwo(in, out);
            return;
        }
        int o = 0;
        for (int c = 0; c < channels; c++) {
            int plane = c * height * width;
            for (int y = 0; y < outH; y++) {
                int top = y * strideH - padTop;
                int rowFrom = Math.max(0, top);
                int rowTo = Math.min(height, top + kernelH);
                for (int x = 0; x < outW; x++) {
                    int left = x * strideW - padLeft;
                    int colFrom = Math.max(0, left);
                    int colTo = Math.min(width, left + kernelW);
                    float max = Float.NEGATIVE_INFINITY;
                    for (int r = rowFrom; r < rowTo; r++) {
                        for (int s = plane + r * width + colFrom, end = plane + r * width + colTo; s < end; s++) {
                            max = Math.max(max, in[s]);
                        }
                    }
                    out[o++] = max;
                }
            }
        }
    }

    /**
     * The common 2x2, stride 2 window with every cell inside the input (no padding on any side), unrolled.
     */
    private void applyTwoByTwo(float[] in, float[] out) {
        int o = 0;
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < outH; y++) {
                int top = (c * height + 2 * y) * width;
                int bottom = top + width;
                for (int x = 0; x < outW; x++) {
                    int left = 2 * x;
                    out[o++] = Math.max(Math.max(in[top + left], in[top + left + 1]),
                            Math.max(in[bottom + left], in[bottom + left + 1]));
                }
            }
        }
    }
}
