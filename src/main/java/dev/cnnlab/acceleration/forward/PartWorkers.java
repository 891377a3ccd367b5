package dev.cnnlab.acceleration.forward;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs the parts of one step of a {@link JavaForwardPass} at once, on the calling thread and on worker threads.
 *
 * <p>A step of one image lasts from microseconds to a millisecond or two, less than it takes to wake a parked
 * thread, so a thread pool's hand-off would cost more than a second core saves. The workers therefore spin for the
 * next step for a short while after each one, and park only once the forward pass pauses. Parts are not assigned
 * to threads: every thread, the caller included, claims the next part left until none is, so a worker that the
 * operating system has not scheduled (on a busy machine) leaves its part to the caller instead of holding it up.
 * The workers are daemon threads, one set per part count for the whole process, shared by every forward pass (one
 * at a time).
 */
final class PartWorkers {
    /** How long an idle worker keeps spinning for the next step before it parks. */
    private static final long SPIN_NANOS = 1_000_000;
    /** Spins of a caller waiting for the parts others claimed before it yields its core to them. */
    private static final int SPINS_BEFORE_YIELD = 1_000;

    private static final Map<Integer, PartWorkers> SHARED = new ConcurrentHashMap<>();

    private final int parts;
    private final Worker[] workers;
    private final AtomicReference<Step> current = new AtomicReference<>();

    private PartWorkers(int parts) {
        this.parts = parts;
        this.workers = new Worker[parts - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
        }
    }

    /**
     * @param parts how many parts each step is cut into, at least 2
     * @return the process's workers for that many parts (one fewer threads than parts), started on first use
     */
    static PartWorkers forParts(int parts) {
        if (parts < 2) {
            throw new IllegalArgumentException("parts must be at least 2, got " + parts);
        }
        return SHARED.computeIfAbsent(parts, PartWorkers::new);
    }

    /**
     * @return how many parts {@link #run} runs
     */
    int parts() {
        return parts;
    }

    /**
     * Runs {@code part.accept(p)} for every part {@code p}, at once where threads are free, and returns when all are
     * done.
     *
     * @param part the work of one part, given its index
     * @throws RuntimeException or Error the first failure of a part, once every part has ended
     */
    synchronized void run(IntConsumer part) {
        Step step = new Step(part, parts);
        current.set(step);
        for (Worker worker : workers) {
            worker.wake();
        }
        step.claimAll();
        step.awaitAll();
        current.set(null);
        step.rethrow();
    }

    /** A thread that claims parts of each new step, spinning between steps and parked between passes. */
    private final class Worker {
        private final Thread thread;
        private volatile boolean parked;

        Worker(int index) {
            thread = new Thread(this::work, "cnnlab-forward-part-" + index);
            thread.setDaemon(true);
            thread.start();
        }

        /** Unparks the thread if it is parked: a spinning one sees the new step by itself. */
        void wake() {
            if (parked) {
                LockSupport.unpark(thread);
            }
        }

        private void work() {
            Step last = null;
            long idleSince = System.nanoTime();
            while (true) {
                Step step = current.get();
                if (step != null && step != last) {
                    step.claimAll();
                    last = step;
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    parked = true;
                    // Checked again after raising the flag: run() sets the step before it reads the flag.
                    Step latest = current.get();
                    if (latest == null || latest == last) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }

    /** One step's parts: the next one to claim, how many have ended, and the first failure. */
    private static final class Step {
        private final IntConsumer part;
        private final int parts;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger ended = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        Step(IntConsumer part, int parts) {
            this.part = part;
            this.parts = parts;
        }

        void claimAll() {
            for (int p = next.getAndIncrement(); p < parts; p = next.getAndIncrement()) {
                try {
                    part.accept(p);
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    ended.incrementAndGet();
                }
            }
        }

        void awaitAll() {
            for (int spins = 0; ended.get() < parts; spins++) {
                if (spins < SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();
                }
            }
        }

        void rethrow() {
            Throwable t = failure.get();
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t != null) {
                throw (Error) t;
            }
        }
    }
}
