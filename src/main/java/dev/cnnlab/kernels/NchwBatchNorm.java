package dev.cnnlab.kernels;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;

/**
 * Training-mode batch normalisation of NCHW float maps in plain Java: each channel normalised by the mean and the
 * (population) variance of its values over the batch, height and width, then scaled and shifted; and its backward
 * pass.
 *
 * <p>Each channel is one task, and the channels run in parallel on the common fork-join pool. A task reads its
 * channel one {@code [h, w]} plane at a time into a small Java array, so the loops run on arrays HotSpot vectorises,
 * and passes over the channel twice (statistics, then the output) while it is still in cache.
 *
 * <p>Why: DL4J 1.0.0-M2.1's oneDNN helper computes each batch's mean and variance with libnd4j's generic reductions
 * over axes 0, 2 and 3, which take longer than oneDNN's normalisation itself (docs/performance.md).
 *
 * @param batch    images
 * @param channels channels
 * @param plane    height times width
 */
public record NchwBatchNorm(int batch, int channels, int plane) {

    /** @return how many values each channel's statistics cover: batch times plane */
    public long count() {
        return (long) batch * plane;
    }

    /**
     * {@code y = gamma * (x - mean) / sqrt(variance + epsilon) + beta} per channel, with the batch's own mean and
     * variance, which it also returns.
     *
     * @param x        the maps, {@code batch * channels * plane} values
     * @param y        where the normalised maps go; may be {@code x}
     * @param gamma    the scales
     * @param beta     the shifts
     * @param epsilon  added to the variance
     * @param mean     receives each channel's mean
     * @param variance receives each channel's population variance
     */
    public void forward(FloatBuffer x, FloatBuffer y, float[] gamma, float[] beta, double epsilon, double[] mean,
            double[] variance) {
        IntStream.range(0, channels).parallel().forEach(c -> {
            // Each task its own buffer objects: buffers are not meant to be shared between threads.
            FloatBuffer in = x.duplicate();
            float[] row = new float[plane];
            statistics(in, c, row, mean, variance);
            normalise(in, y.duplicate(), c, row, (float) mean[c], (float) (gamma[c] / Math.sqrt(variance[c] + epsilon)),
                    beta[c]);
        });
    }

    /**
     * Sums in double precision around the channel's first value, a shift that keeps the sum of squares from
     * cancelling when the mean is large against the spread.
     */
    private void statistics(FloatBuffer x, int c, float[] row, double[] mean, double[] variance) {
        float shift = x.get(c * plane);
        double sum = 0;
        double squares = 0;
        for (int n = 0; n < batch; n++) {
            x.get(at(n, c), row, 0, plane);
            float s = 0f;
            float q = 0f;
            for (int i = 0; i < plane; i++) {
                float d = row[i] - shift;
                s += d;
                q += d * d;
            }
            sum += s;
            squares += q;
        }
        double meanShifted = sum / count();
        mean[c] = shift + meanShifted;
        variance[c] = Math.max(0.0, squares / count() - meanShifted * meanShifted);
    }

    private void normalise(FloatBuffer x, FloatBuffer y, int c, float[] row, float mu, float scale, float shift) {
        for (int n = 0; n < batch; n++) {
            int at = at(n, c);
            x.get(at, row, 0, plane);
            // Centred first: folding the mean into the shift would cancel when the mean dwarfs the spread.
            for (int i = 0; i < plane; i++) {
                row[i] = (row[i] - mu) * scale + shift;
            }
            y.put(at, row, 0, plane);
        }
    }

    /**
     * The backward pass of {@link #forward}: the gradients of gamma and beta, and the gradient at the input,
     * {@code dx = gamma / sigma * (dy - mean(dy) - xhat * mean(dy * xhat))} per channel, where
     * {@code sigma = sqrt(variance + epsilon)} and {@code xhat = (x - mean) / sigma}.
     *
     * @param x        the forward pass's input
     * @param dy       the gradient at the output
     * @param dx       where the gradient at the input goes; may be {@code dy}
     * @param mean     the batch's means, as {@link #forward} gave them
     * @param variance the batch's variances
     * @param gamma    the scales
     * @param epsilon  added to the variance
     * @param dGamma   receives the gradient of each scale
     * @param dBeta    receives the gradient of each shift
     */
    public void backward(FloatBuffer x, FloatBuffer dy, FloatBuffer dx, double[] mean, double[] variance,
            float[] gamma, double epsilon, float[] dGamma, float[] dBeta) {
        IntStream.range(0, channels).parallel().forEach(c -> {
            FloatBuffer in = x.duplicate();
            FloatBuffer gradient = dy.duplicate();
            float[] xRow = new float[plane];
            float[] dyRow = new float[plane];
            float mu = (float) mean[c];
            double sumDy = 0;
            double sumDyCentred = 0;
            for (int n = 0; n < batch; n++) {
                in.get(at(n, c), xRow, 0, plane);
                gradient.get(at(n, c), dyRow, 0, plane);
                float s = 0f;
                float p = 0f;
                for (int i = 0; i < plane; i++) {
                    s += dyRow[i];
                    p += dyRow[i] * (xRow[i] - mu);
                }
                sumDy += s;
                sumDyCentred += p;
            }
            double inverseSigma = 1.0 / Math.sqrt(variance[c] + epsilon);
            dBeta[c] = (float) sumDy;
            dGamma[c] = (float) (sumDyCentred * inverseSigma);
            // dx = a * dy + b * (x - mean) + d, with a = gamma / sigma, b = -a * sum(dy * (x - mean)) / (m sigma^2)
            // and d = -a * sum(dy) / m.
            double a = gamma[c] * inverseSigma;
            gradientAtInput(in, gradient, dx.duplicate(), c, xRow, dyRow, mu, (float) a,
                    (float) (-a * sumDyCentred * inverseSigma * inverseSigma / count()), (float) (-a * sumDy / count()));
        });
    }

    private void gradientAtInput(FloatBuffer x, FloatBuffer dy, FloatBuffer dx, int c, float[] xRow, float[] dyRow,
            float mu, float a, float b, float d) {
        for (int n = 0; n < batch; n++) {
            int at = at(n, c);
            x.get(at, xRow, 0, plane);
            dy.get(at, dyRow, 0, plane);
            for (int i = 0; i < plane; i++) {
                dyRow[i] = a * dyRow[i] + b * (xRow[i] - mu) + d;
            }
            dx.put(at, dyRow, 0, plane);
        }
    }

    private int at(int n, int c) {
        return (n * channels + c) * plane;
    }
}
