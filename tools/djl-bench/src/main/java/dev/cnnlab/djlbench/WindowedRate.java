package dev.cnnlab.djlbench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * The timing of {@code cnnlab bench} ({@code dev.cnnlab.bench.WindowedRate}) and {@code bench-pytorch.py}: a warm-up
 * of half the timed seconds, then the timed seconds split into equal windows, each giving images per second.
 *
 * @param seconds the timed seconds
 * @param windows how many windows
 */
public record WindowedRate(double seconds, int windows) {
    /**
     * @param step does the work once and returns how many images it processed
     * @return images per second of each window
     */
    public List<Double> measure(IntSupplier step) {
        long timed = (long) (seconds * 1e9);
        runFor(step, timed / 2, false);
        List<Double> rates = new ArrayList<>(windows);
        for (int i = 0; i < windows; i++) {
            rates.add(runFor(step, timed / windows, true));
        }
        return rates;
    }

    /**
     * @param rates window rates
     * @return their median
     */
    public static double median(List<Double> rates) {
        List<Double> sorted = rates.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double runFor(IntSupplier step, long nanos, boolean atLeastOnce) {
        long start = System.nanoTime();
        long images = 0;
        long steps = 0;
        long elapsed = 0;
        while (elapsed < nanos || (atLeastOnce && steps == 0)) {
            images += step.getAsInt();
            steps++;
            elapsed = System.nanoTime() - start;
        }
        return images / (Math.max(elapsed, 1) / 1e9);
    }
}
