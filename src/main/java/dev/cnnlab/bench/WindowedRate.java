package dev.cnnlab.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Times a repeated step: first a warm-up whose results are thrown away, then several windows of equal length, each
 * giving images per second.
 *
 * <p>Why the warm-up: the first steps of a DL4J network include JIT compilation, workspace sizing and oneDNN primitive
 * creation, which say nothing about steady-state speed. Why windows rather than one long run: their median shrugs off
 * the moments another process on a shared machine took the CPU. A window always completes at least one step, so a
 * window shorter than a step still measures something, and it ends at the first step boundary after its length has
 * passed (a step is never cut).
 */
public final class WindowedRate {

    /** One unit of work: a training step on a batch, or one inference call. */
    @FunctionalInterface
    public interface Step {
        /**
         * Does the work once.
         *
         * @return how many images it processed
         */
        int run();
    }

    private final Duration warmUp;
    private final Duration window;
    private final int windows;
    private final LongSupplier nanoClock;

    /**
     * @param warmUp how long to run the step before timing; may be zero
     * @param window the length of each timed window; positive
     * @param windows how many windows; at least 1
     * @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
     */
    public WindowedRate(Duration warmUp, Duration window, int windows, LongSupplier nanoClock) {
        if (warmUp.isNegative() || window.isZero() || window.isNegative() || windows < 1) {
            throw new IllegalArgumentException("bad timing: warm-up " + warmUp + ", " + windows + " x " + window);
        }
        this.warmUp = warmUp;
        this.window = window;
        this.windows = windows;
        this.nanoClock = nanoClock;
    }

    /**
     * The timing {@code cnnlab bench} and {@code bench-pytorch.py} both use: a warm-up of half the measurement time,
     * then the measurement time split into equal windows.
     *
     * @param measureSeconds the timed part of one measurement, in seconds; positive
     * @param windows how many windows to split it into; at least 1
     * @return the timing, on {@link System#nanoTime()}
     */
    public static WindowedRate forSeconds(double measureSeconds, int windows) {
        long measureNanos = (long) (measureSeconds * 1e9);
        return new WindowedRate(Duration.ofNanos(measureNanos / 2), Duration.ofNanos(measureNanos / windows), windows,
                System::nanoTime);
    }

    /**
     * Runs the warm-up and the windows.
     *
     * @param step the work to time
     * @return images per second of each window
     */
    public Rates measure(Step step) {
        runFor(step, warmUp.toNanos(), false);
        List<Double> rates = new ArrayList<>(windows);
        for (int i = 0; i < windows; i++) {
            rates.add(runFor(step, window.toNanos(), true));
        }
        return new Rates(rates);
    }

    /** Runs the step until {@code nanos} have passed (at least once when {@code atLeastOnce}); returns images/s. */
    private double runFor(Step step, long nanos, boolean atLeastOnce) {
        long start = nanoClock.getAsLong();
        long images = 0;
        long steps = 0;
        long elapsed = 0;
        while (elapsed < nanos || (atLeastOnce && steps == 0)) {
            images += step.run();
            steps++;
            elapsed = nanoClock.getAsLong() - start;
        }
        // Only a zero-length warm-up can end with no time passed; its rate is thrown away, but must not be NaN.
        return images / (Math.max(elapsed, 1) / 1e9);
    }
}
