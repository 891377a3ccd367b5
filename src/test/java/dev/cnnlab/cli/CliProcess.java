package dev.cnnlab.cli;

import dev.cnnlab.TestData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code cnnlab} in a fresh JVM, as a user would, and captures what it prints.
 */
final class CliProcess {
    private static final long TIMEOUT_MINUTES = 10;

    /**
     * What one run printed.
     *
     * @param exitCode the exit code
     * @param stdout   standard output
     * @param stderr   standard error
     */
    record Result(int exitCode, String stdout, String stderr) {
        List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }

        List<String> stdoutLines() {
            return stdout.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private CliProcess() {
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, TestData.dataDir(), args);
    }

    static Result run(Path workDir, Path dataDir, String... args) throws IOException, InterruptedException {
        return start(workDir, dataDir, Map.of(), args).await();
    }

    /**
     * Starts {@code cnnlab} without waiting, so a test can signal it: {@link Process#destroy()} sends SIGTERM,
     * {@link Process#destroyForcibly()} SIGKILL.
     *
     * @param workDir     working directory; stdout and stderr go to files in it
     * @param dataDir     the data directory
     * @param environment extra environment variables; a null value removes the variable
     * @param args        the command line
     * @return the running process
     */
    static Running start(Path workDir, Path dataDir, Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("CNNLAB_DATA", dataDir.toString());
        pb.environment().put("CNNLAB_PROGRESS", "off");
        environment.forEach((name, value) -> {
            if (value == null) {
                pb.environment().remove(name);
            } else {
                pb.environment().put(name, value);
            }
        });
        return new Running(pb.start(), out, err, String.join(" ", args));
    }

    /**
     * A started {@code cnnlab} process.
     *
     * @param process the process
     * @param out     its standard output file
     * @param err     its standard error file
     * @param args    its command line, for messages
     */
    record Running(Process process, Path out, Path err, String args) {
        /** @return what it has printed to standard error so far */
        String stderrSoFar() throws IOException {
            return Files.readString(err, StandardCharsets.UTF_8);
        }

        /** @return the result, once it has exited */
        Result await() throws IOException, InterruptedException {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("cnnlab " + args + " did not finish in " + TIMEOUT_MINUTES + " min");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }
    }

    /**
     * Starts {@code cnnlab} in a fresh JVM and returns at once, for commands that keep running (a UI); standard
     * output and error go to {@code stdout.txt} and {@code stderr.txt} in {@code workDir}.
     */
    static Process start(Path workDir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("stdout.txt").toFile()).redirectError(workDir.resolve("stderr.txt").toFile());
        pb.environment().put("CNNLAB_DATA", TestData.dataDir().toString());
        pb.environment().put("CNNLAB_PROGRESS", "off");
        return pb.start();
    }
}
