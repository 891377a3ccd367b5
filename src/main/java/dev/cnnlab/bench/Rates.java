package dev.cnnlab.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The throughput of each timed window of one measurement, in images per second.
 *
 * <p>The median, not the mean, summarises them: on a shared machine a window that another process interrupted is an
 * outlier, and the median ignores it as long as most windows ran undisturbed.
 *
 * @param perWindow images per second of each window, in the order they ran; not empty
 */
public record Rates(List<Double> perWindow) {

    /**
     * Copies the list and checks that there is at least one window.
     *
     * @param perWindow images per second of each window
     */
    public Rates {
        if (perWindow.isEmpty()) {
            throw new IllegalArgumentException("no windows");
        }
        perWindow = List.copyOf(perWindow);
    }

    /**
     * @return the median window's images per second; for an even count, the mean of the middle two
     */
    public double median() {
        double[] sorted = perWindow.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * @return the slowest and fastest window, e.g. {@code 1,210-1,480}, to show how noisy the measurement was
     */
    public String range() {
        double[] sorted = perWindow.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format("%,.0f-%,.0f", sorted[0], sorted[sorted.length - 1]);
    }

    @Override
    public String toString() {
        return Arrays.toString(perWindow.stream().mapToLong(Math::round).toArray());
    }
}
