package dev.cnnlab.spark;

import org.apache.spark.SparkEnv;
import org.nd4j.parameterserver.distributed.v2.transport.PortSupplier;

/**
 * The UDP port each JVM's gradient-sharing parameter server binds: the driver takes the base port, the executor
 * with Spark id {@code N} takes {@code base + 1 + N}. One port per executor lets several executors share a machine
 * (two binding the same port would fail); on one executor per machine it costs a range of open ports instead of one.
 * In local mode every thread reports Spark's id {@code driver}, so the single parameter server there takes the base.
 */
final class ExecutorPorts implements PortSupplier {
    private static final long serialVersionUID = 1L;
    private final int base;

    /** @param base the driver's port */
    ExecutorPorts(int base) {
        this.base = base;
    }

    @Override
    public int getPort() {
        SparkEnv env = SparkEnv.get();
        return env == null ? base : portOf(env.executorId());
    }

    /**
     * @param executorId Spark's executor id ({@code driver} or a number)
     * @return the port that JVM binds
     */
    int portOf(String executorId) {
        try {
            return base + 1 + Integer.parseInt(executorId);
        } catch (NumberFormatException e) {
            return base;
        }
    }
}
