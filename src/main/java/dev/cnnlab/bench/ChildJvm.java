package dev.cnnlab.bench;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.runtime.Relauncher;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a main class in a fresh JVM with this JVM's classpath, options and environment, and waits for it.
 *
 * <p>Why: peak resident memory is a per-process high-water mark, so a second network measured in the same JVM would
 * report the first one's peak if it was higher; and a fresh JVM also starts every network with the same cold JIT
 * and native state. The child inherits the environment unchanged, so it sees the same OpenMP / OpenBLAS settings
 * (the launcher's or {@link dev.cnnlab.runtime.Relauncher}'s) as this process, and standard error, where its logs go.
 */
public final class ChildJvm {

    /**
     * JVM options not passed on: a debugger port or a flight recording file would clash between parent and child.
     */
    private static final List<String> NOT_FORWARDED = List.of("-agentlib:jdwp", "-Xrunjdwp", "-javaagent",
            "-XX:StartFlightRecording", "-XX:FlightRecorderOptions");

    private ChildJvm() {
    }

    /**
     * Runs {@code mainClass} with {@code args} in a new JVM; its standard output and error are this process's.
     *
     * @param mainClass the class whose {@code main} to run
     * @param args its arguments
     * @throws CnnlabException when the child cannot start or exits non-zero (its own message is already printed)
     */
    public static void run(Class<?> mainClass, List<String> args) {
        List<String> command = command(mainClass, args);
        try {
            Process child = new ProcessBuilder(command).inheritIO().start();
            int code = waitFor(child);
            if (code != 0) {
                throw new CnnlabException("the benchmark's child JVM exited with code " + code + ": "
                        + String.join(" ", args));
            }
        } catch (IOException e) {
            throw new CnnlabException("cannot start a child JVM (" + e.getMessage() + "); use --in-process", e);
        }
    }

    private static int waitFor(Process child) {
        // A Ctrl-C of this JVM must not leave a child training on its own.
        Thread stop = new Thread(child::destroy, "cnnlab-bench-stop-child");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            throw new CnnlabException("interrupted while the benchmark's child JVM ran", e);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway and stops the child
            }
        }
    }

    /**
     * The child's command line.
     *
     * @param mainClass the main class
     * @param args its arguments
     * @return java, this JVM's forwardable options, the classpath, the main class and the arguments
     */
    static List<String> command(Class<?> mainClass, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (NOT_FORWARDED.stream().noneMatch(option::startsWith)) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath(mainClass)));
        command.add(mainClass.getName());
        command.addAll(args);
        return command;
    }

    private static List<String> classpath(Class<?> mainClass) {
        try {
            return Relauncher.classpath(mainClass);
        } catch (IllegalStateException e) {
            throw new CnnlabException(e.getMessage() + "; use --in-process", e);
        }
    }
}
