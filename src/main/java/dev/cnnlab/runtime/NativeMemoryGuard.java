package dev.cnnlab.runtime;

import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the JVM for a garbage collection whenever the process's resident memory has grown by a budget since the last
 * one, so that the native memory of dead ND4J arrays is given back during long runs.
 *
 * <p>Why: with ND4J's CPU backend an array's native buffer is freed only when the garbage collector finds its Java
 * object dead ({@code CpuMemoryManager.isPeriodicGcActive()} is always false; the CUDA backend calls the collector on
 * a timer instead). Each dead array weighs a few hundred bytes of heap, so the heap rarely fills enough for the old
 * generation to be collected, while its native buffers pile up: a long {@code cnnlab reproduce tf-lenet-bn} grew to
 * most of the machine's memory with little live heap, and JavaCPP's own guard ({@code maxPhysicalBytes}, four times
 * the maximum heap, which can exceed the machine's memory) never fired. Upstream: deeplearning4j/deeplearning4j#7900 ("not a real leak ...
 * full gc is never performed") and deeplearning4j/nd4j#1220, both closed without a change for the CPU backend.
 *
 * <p>While it runs, {@link NativeSetup#configure()} turns JavaCPP's own check off: it read the resident size on every
 * native allocation.
 *
 * <p>After each collection and the deallocators' turn, {@link MallocTrim} hands what malloc kept of the freed buffers
 * back to the operating system.
 *
 * <p>The budget is {@value #BUDGET_PROPERTY} in megabytes (default {@value #DEFAULT_BUDGET_MB}; 0 turns the guard
 * off). The baseline is the resident size just after the previous collection, or the lowest seen since, so memory
 * the allocator keeps after a collection does not trigger the next one.
 */
public final class NativeMemoryGuard {
    /** The system property holding the growth budget in megabytes; 0 disables the guard. */
    public static final String BUDGET_PROPERTY = "cnnlab.native-gc-budget-mb";

    /** The default growth budget in megabytes. */
    public static final long DEFAULT_BUDGET_MB = 128;

    private static final long MB = 1L << 20;
    private static final long CHECK_INTERVAL_MS = 500;
    /** ND4J frees the buffers of collected arrays on its own deallocator threads, just after the collection. */
    private static final long SETTLE_MS = 200;
    private static final Logger log = LoggerFactory.getLogger(NativeMemoryGuard.class);

    private static Thread running;
    private static NativeMemoryGuard processGuard;
    private static String problem;

    private final LongSupplier residentBytes;
    private final Runnable collect;
    private final long budgetBytes;
    private final AtomicInteger collections = new AtomicInteger();
    private long baseline;

    /**
     * @param residentBytes reads the process's resident memory in bytes
     * @param collect       asks for a garbage collection and waits until native buffers had a chance to be freed
     * @param budgetBytes   the growth over the baseline that triggers a collection; positive
     */
    NativeMemoryGuard(LongSupplier residentBytes, Runnable collect, long budgetBytes) {
        if (budgetBytes <= 0) {
            throw new IllegalArgumentException("budget must be positive, got " + budgetBytes);
        }
        this.residentBytes = residentBytes;
        this.collect = collect;
        this.budgetBytes = budgetBytes;
        this.baseline = residentBytes.getAsLong();
    }

    /**
     * A guard on this process's memory with the given budget, not yet running on its own thread.
     *
     * @param budgetMb the growth in megabytes that triggers a collection; positive
     * @return the guard
     */
    public static NativeMemoryGuard forThisProcess(long budgetMb) {
        return new NativeMemoryGuard(Pointer::physicalBytes, NativeMemoryGuard::collectAndSettle, budgetMb * MB);
    }

    /**
     * Starts the guard of this process on a daemon thread unless {@value #BUDGET_PROPERTY} is 0 or invalid (see
     * {@link #problem()}); idempotent.
     */
    static synchronized void startForThisProcess() {
        if (running != null || problem != null) {
            return;
        }
        long budgetMb;
        try {
            budgetMb = budgetMb(System.getProperty(BUDGET_PROPERTY));
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
            return;
        }
        if (budgetMb == 0) {
            log.debug("Native memory guard off ({}=0)", BUDGET_PROPERTY);
            return;
        }
        processGuard = forThisProcess(budgetMb);
        running = new Thread(processGuard::watch, "cnnlab-native-memory-guard");
        running.setDaemon(true);
        running.start();
    }

    /**
     * @param value the property's value, or null for the default
     * @return the budget in megabytes, 0 meaning off
     */
    static long budgetMb(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_BUDGET_MB;
        }
        try {
            long mb = Long.parseLong(value.strip());
            if (mb >= 0) {
                return mb;
            }
        } catch (NumberFormatException e) {
            // reported below, with the property's name
        }
        throw new IllegalArgumentException("-D" + BUDGET_PROPERTY + ": expected a whole number of megabytes (0 for off), got '"
                + value + "'");
    }

    /**
     * @return why the guard of this process could not start: its property's value, in one line
     */
    public static synchronized Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /**
     * @return the guard watching this process, if one was started
     */
    public static synchronized Optional<NativeMemoryGuard> ofThisProcess() {
        return running != null && running.isAlive() ? Optional.of(processGuard) : Optional.empty();
    }

    /**
     * Collects if the resident memory has grown by the budget since the baseline.
     *
     * @return whether it asked for a collection
     */
    public synchronized boolean check() {
        long now = residentBytes.getAsLong();
        if (now - baseline <= budgetBytes) {
            baseline = Math.min(baseline, now);
            return false;
        }
        collect.run();
        baseline = residentBytes.getAsLong();
        collections.incrementAndGet();
        log.debug(String.format(Locale.ROOT, "Native memory guard: resident memory %d MB, %d MB after a garbage collection",
                now / MB, baseline / MB));
        return true;
    }

    /**
     * @return how many collections this guard has asked for
     */
    public int collections() {
        return collections.get();
    }

    private void watch() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(CHECK_INTERVAL_MS);
                check();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void collectAndSettle() {
        System.gc();
        try {
            Thread.sleep(SETTLE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        MallocTrim.trim();
    }
}
