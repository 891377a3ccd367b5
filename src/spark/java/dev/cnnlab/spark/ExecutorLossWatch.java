package dev.cnnlab.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stops gradient-sharing training as soon as Spark loses an executor. Spark itself would carry on: it runs the lost
 * executor's task again on another executor and the epoch ends normally, but DL4J 1.0.0-M2's parameter server does not
 * recover the loss of one of its nodes, and from then on no update reaches the driver's copy of the network: the
 * later epochs leave the model unchanged while reporting success. So while armed, the first executor removal cancels
 * the running Spark jobs and is remembered for the error message.
 */
final class ExecutorLossWatch extends SparkListener {
    private final JavaSparkContext sc;
    private final AtomicReference<String> lost = new AtomicReference<>();
    private volatile boolean armed;

    /** @param sc the context to watch; registered with it here */
    ExecutorLossWatch(JavaSparkContext sc) {
        this.sc = sc;
        sc.sc().addSparkListener(this);
    }

    /** @param on whether a loss should stop the running jobs (during training) or pass (start-up, shut-down) */
    void arm(boolean on) {
        armed = on;
    }

    /** Disarms the watch and unregisters it from the context (training over). */
    void detach() {
        armed = false;
        sc.sc().removeSparkListener(this);
    }

    /** @return the first executor lost while armed ("executor 1 (worker lost)"), if any */
    Optional<String> lost() {
        return Optional.ofNullable(lost.get());
    }

    @Override
    public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
        if (armed && lost.compareAndSet(null, "executor " + removed.executorId() + " (" + removed.reason() + ")")) {
            sc.cancelAllJobs();
        }
    }
}
