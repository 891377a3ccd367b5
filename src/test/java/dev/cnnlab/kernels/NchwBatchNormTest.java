package dev.cnnlab.kernels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Random;

/** {@link NchwBatchNorm} against the textbook formulas computed in double precision, element by element. */
class NchwBatchNormTest {
    private static final int BATCH = 3;
    private static final int CHANNELS = 4;
    private static final int PLANE = 5 * 7;
    private static final double EPSILON = 1e-3;

    private final NchwBatchNorm norm = new NchwBatchNorm(BATCH, CHANNELS, PLANE);
    private final Random random = new Random(5);
    /** Channel c's values spread by c + 1 around 100 c: the last channel's mean is 300 times its spread. */
    private final float[] x = maps((c, v) -> 100f * c + (c + 1) * v);
    private final float[] dy = maps((c, v) -> v);
    private final float[] gamma = {1.5f, -0.5f, 2f, 0.25f};
    private final float[] beta = {0.1f, 0f, -1f, 3f};

    @Test
    void forwardGivesEachChannelsMeanAndPopulationVarianceEvenFarFromZero() {
        double[] mean = new double[CHANNELS];
        double[] variance = new double[CHANNELS];
        norm.forward(FloatBuffer.wrap(x), FloatBuffer.allocate(x.length), gamma, beta, EPSILON, mean, variance);
        for (int c = 0; c < CHANNELS; c++) {
            assertThat(mean[c]).as("mean " + c).isCloseTo(mean(c), within(1e-5 * (1 + Math.abs(mean(c)))));
            assertThat(variance[c]).as("variance " + c).isCloseTo(variance(c), within(1e-5 * variance(c)));
        }
        assertThat(norm.count()).isEqualTo(BATCH * PLANE);
    }

    @Test
    void forwardScalesAndShiftsEachChannelsStandardisedValues() {
        double[] mean = new double[CHANNELS];
        double[] variance = new double[CHANNELS];
        float[] y = new float[x.length];
        norm.forward(FloatBuffer.wrap(x), FloatBuffer.wrap(y), gamma, beta, EPSILON, mean, variance);
        for (int i = 0; i < x.length; i++) {
            int c = channel(i);
            double expected = gamma[c] * (x[i] - mean(c)) / Math.sqrt(variance(c) + EPSILON) + beta[c];
            assertThat((double) y[i]).as("value " + i).isCloseTo(expected, within(1e-4));
        }
    }

    @Test
    void backwardGivesTheGradientsOfTheNormalisationWithItsOwnStatistics() {
        double[] mean = new double[CHANNELS];
        double[] variance = new double[CHANNELS];
        norm.forward(FloatBuffer.wrap(x), FloatBuffer.allocate(x.length), gamma, beta, EPSILON, mean, variance);
        float[] dx = new float[x.length];
        float[] dGamma = new float[CHANNELS];
        float[] dBeta = new float[CHANNELS];
        norm.backward(FloatBuffer.wrap(x), FloatBuffer.wrap(dy), FloatBuffer.wrap(dx), mean, variance, gamma, EPSILON,
                dGamma, dBeta);
        double[] loss = lossGradientByCentralDifferences();
        for (int i = 0; i < x.length; i++) {
            assertThat((double) dx[i]).as("dx " + i).isCloseTo(loss[i], within(2e-3 * Math.abs(gamma[channel(i)])));
        }
        for (int c = 0; c < CHANNELS; c++) {
            double sumDy = 0;
            double sumDyXhat = 0;
            for (int i = 0; i < x.length; i++) {
                if (channel(i) == c) {
                    sumDy += dy[i];
                    sumDyXhat += dy[i] * (x[i] - mean(c)) / Math.sqrt(variance(c) + EPSILON);
                }
            }
            assertThat((double) dBeta[c]).isCloseTo(sumDy, within(1e-4));
            assertThat((double) dGamma[c]).isCloseTo(sumDyXhat, within(1e-4));
        }
    }

    /** d(sum(dy * y))/dx by central differences of the whole forward pass in double precision. */
    private double[] lossGradientByCentralDifferences() {
        double[] values = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            values[i] = x[i];
        }
        double[] gradient = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double h = 1e-4 * (channel(i) + 1);
            double saved = values[i];
            values[i] = saved + h;
            double up = loss(values);
            values[i] = saved - h;
            double down = loss(values);
            values[i] = saved;
            gradient[i] = (up - down) / (2 * h);
        }
        return gradient;
    }

    private double loss(double[] values) {
        double total = 0;
        for (int c = 0; c < CHANNELS; c++) {
            double m = 0;
            for (int i = 0; i < values.length; i++) {
                m += channel(i) == c ? values[i] : 0;
            }
            m /= norm.count();
            double v = 0;
            for (int i = 0; i < values.length; i++) {
                v += channel(i) == c ? (values[i] - m) * (values[i] - m) : 0;
            }
            v /= norm.count();
            for (int i = 0; i < values.length; i++) {
                if (channel(i) == c) {
                    total += dy[i] * (gamma[c] * (values[i] - m) / Math.sqrt(v + EPSILON) + beta[c]);
                }
            }
        }
        return total;
    }

    private double mean(int c) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += channel(i) == c ? x[i] : 0;
        }
        return sum / norm.count();
    }

    private double variance(int c) {
        double m = mean(c);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += channel(i) == c ? (x[i] - m) * (x[i] - m) : 0;
        }
        return sum / norm.count();
    }

    private static int channel(int index) {
        return index / PLANE % CHANNELS;
    }

    private interface Fill {
        float value(int channel, float gaussian);
    }

    private float[] maps(Fill fill) {
        float[] values = new float[BATCH * CHANNELS * PLANE];
        for (int i = 0; i < values.length; i++) {
            values[i] = fill.value(channel(i), (float) random.nextGaussian());
        }
        return values;
    }
}
