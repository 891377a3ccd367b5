package dev.cnnlab.report;

/**
 * Smoothing of noisy per-iteration series.
 */
public final class Smoothing {
    private Smoothing() {
    }

    /**
     * A window that shows the trend whatever the run's length: about a thirtieth of the series, at least 5.
     *
     * @param points length of the series
     * @return the smoothing window in points
     */
    public static int windowFor(int points) {
        return Math.max(5, points / 30);
    }

    /**
     * An exponential moving average with bias correction (as TensorBoard draws it): unlike a plain moving
     * average it has a value from the first point on, and unlike an uncorrected one it does not start
     * at zero.
     *
     * @param values the series
     * @param window the effective window in points (the decay is {@code 1 - 1/window})
     * @return the smoothed series, as long as {@code values}
     */
    public static double[] exponential(double[] values, int window) {
        double decay = 1 - 1.0 / Math.max(1, window);
        double[] out = new double[values.length];
        double average = 0;
        double weight = 0;
        for (int i = 0; i < values.length; i++) {
            average = decay * average + (1 - decay) * values[i];
            weight = decay * weight + (1 - decay);
            out[i] = average / weight;
        }
        return out;
    }
}
