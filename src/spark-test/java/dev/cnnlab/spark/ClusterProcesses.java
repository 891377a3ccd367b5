package dev.cnnlab.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The JVMs of a test cluster: each started through bash from its own script, its output in a log file, and all of
 * them (with the executors the workers start, which outlive a killed worker) ended by {@link #close}, which a shutdown
 * hook also runs. A process is recognised as the cluster's by being started here or by naming the cluster's scratch
 * directory on its command line (the executors do, through {@code SPARK_HOME}), never by a program name.
 */
final class ClusterProcesses implements AutoCloseable {
    private final Path run;
    private final Map<String, Process> started = new LinkedHashMap<>();
    private final Thread hook = new Thread(this::killAll, "cluster-cleanup");

    /** @param run the cluster's scratch directory; logs go to {@code run/logs} */
    ClusterProcesses(Path run) {
        this.run = run;
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * @param name   a name for the log file and {@link #kill}
     * @param script the bash script to run
     * @param env    extra environment variables
     * @return the started process
     * @throws IOException when bash cannot be started
     */
    Process start(String name, String script, Map<String, String> env) throws IOException {
        Path log = log(name);
        log.getParent().toFile().mkdirs();
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        started.put(name, p);
        return p;
    }

    /** @return the log file of the process started under {@code name} */
    Path log(String name) {
        return run.resolve("logs").resolve(name + ".log");
    }

    /**
     * Kills a started process and everything it started (SIGKILL), as a machine that dies would.
     *
     * @param name the name it was started under
     * @return the process ids killed
     */
    List<Long> kill(String name) {
        Process p = started.get(name);
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        return tree.stream().map(ProcessHandle::pid).toList();
    }

    /** @return the live processes that belong to this cluster */
    List<ProcessHandle> alive() {
        return Stream.concat(started.values().stream().map(Process::toHandle)
                                .flatMap(h -> Stream.concat(Stream.of(h), h.descendants())),
                        ProcessHandle.allProcesses().filter(this::namesRun))
                .filter(ProcessHandle::isAlive).distinct().toList();
    }

    private boolean namesRun(ProcessHandle h) {
        return h.pid() != ProcessHandle.current().pid()
                && h.info().commandLine().map(c -> c.contains(run.toString())).orElse(false);
    }

    private void killAll() {
        for (int round = 0; round < 3; round++) {
            List<ProcessHandle> live = alive();
            if (live.isEmpty()) {
                return;
            }
            live.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle h : live) {
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // Checked again in the next round.
                }
            }
        }
    }

    /**
     * @param p       a started process
     * @param timeout how long to wait
     * @return whether it ended in time
     * @throws InterruptedException when interrupted
     */
    static boolean waitFor(Process p, Duration timeout) throws InterruptedException {
        return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs anyway.
        }
    }
}
