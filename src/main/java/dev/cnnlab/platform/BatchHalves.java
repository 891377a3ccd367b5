package dev.cnnlab.platform;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a batch's work in two halves of its images at once: the second half on one shared daemon thread, the first on
 * the calling thread.
 *
 * <p>Why: the first layer's im2col (Java) and its per-image products (OpenBLAS's small-matrix kernels, which run on
 * the calling thread) are single-threaded, and while they run the second core has nothing to do: ND4J's OpenMP
 * threads wait for the next oneDNN call. On LeNet, {@code scripts/perf-profile.sh} counted about 1.5 ms of such
 * work per training step on the calling thread.
 */
final class BatchHalves {
    /** The work on images {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    interface ImageRange {
        void run(int from, int to);
    }

    private static final ExecutorService SECOND_HALF = Executors.newSingleThreadExecutor(work -> {
        Thread thread = new Thread(work, "cnnlab-batch-second-half");
        thread.setDaemon(true);
        return thread;
    });

    private BatchHalves() {
    }

    /**
     * @param images the batch's images
     * @return whether halving pays: two images at least, and a second core to run on
     */
    static boolean worthIt(int images) {
        return images >= 2 && Runtime.getRuntime().availableProcessors() >= 2;
    }

    /**
     * Runs {@code work} on images {@code [images / 2, images)} on the shared thread and on {@code [0, images / 2)}
     * on this one, and returns when both are done. Two callers at once share the one thread, in turn.
     *
     * @param images the batch's images
     * @param work   the work on one range of images; the two ranges must not write the same memory
     * @throws RuntimeException what either half threw (the first half's first)
     */
    static void run(int images, ImageRange work) {
        int half = images / 2;
        Future<?> second = SECOND_HALF.submit(() -> work.run(half, images));
        RuntimeException firstFailure = null;
        try {
            work.run(0, half);
        } catch (RuntimeException e) {
            firstFailure = e;
        }
        try {
            second.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the second half of a batch ran", e);
        } catch (ExecutionException e) {
            if (firstFailure == null) {
                throw e.getCause() instanceof RuntimeException r ? r
                        : new IllegalStateException("the second half of a batch failed", e.getCause());
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
    }
}
