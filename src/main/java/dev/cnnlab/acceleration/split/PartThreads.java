package dev.cnnlab.acceleration.split;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The threads that compute the second and later parts of a {@link SplitBatchMultiLayerNetwork}'s batch: one daemon
 * thread per part, shared by every splitting network in the process and kept for its life, each with one OpenMP
 * thread.
 *
 * <p>A part always runs on the same thread, so its copy's DL4J workspaces (which are per thread) are reused from step
 * to step. Each thread's ND4J random generator, which draws dropout masks, is seeded when the thread starts serving a
 * copy it did not serve last: runs of the same seed then repeat, in one process or in two.
 */
final class PartThreads {
    private static final List<ExecutorService> THREADS = new ArrayList<>();
    private static final ThreadLocal<WeakReference<MultiLayerNetwork>> LAST_SERVED =
            ThreadLocal.withInitial(() -> new WeakReference<>(null));

    private PartThreads() {
    }

    /**
     * Runs a part's work on its thread.
     *
     * @param index   the part's thread, 0 for the second part
     * @param replica the copy the work runs on
     * @param seed    the seed for the thread's random generator when it starts serving {@code replica}
     * @param work    the work
     * @param <T>     its result
     * @return its future
     */
    static <T> Future<T> submit(int index, MultiLayerNetwork replica, long seed, Callable<T> work) {
        return thread(index).submit(() -> {
            if (LAST_SERVED.get().get() != replica) {
                Nd4j.getRandom().setSeed(seed);
                LAST_SERVED.set(new WeakReference<>(replica));
            }
            return work.call();
        });
    }

    /** Waits until every one of the futures is done, whatever their outcome. */
    static void awaitAll(List<? extends Future<?>> futures) {
        boolean interrupted = false;
        for (Future<?> future : futures) {
            while (!future.isDone()) {
                try {
                    future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized ExecutorService thread(int index) {
        while (THREADS.size() <= index) {
            int number = THREADS.size() + 2;
            ExecutorService thread = Executors.newSingleThreadExecutor(work -> {
                Thread t = new Thread(work, "cnnlab-batch-part-" + number);
                t.setDaemon(true);
                return t;
            });
            // OpenMP's thread count is per calling thread: this one's parts run on one core.
            thread.submit(() -> NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1));
            THREADS.add(thread);
        }
        return THREADS.get(index);
    }
}
