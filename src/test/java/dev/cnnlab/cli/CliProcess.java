package dev.cnnlab.cli;

import dev.cnnlab.TestData;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
    }

    private CliProcess() {
    }

    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return run(workDir, TestData.dataDir(), args);
    }

    static Result run(Path workDir, Path dataDir, String... args) throws IOException, InterruptedException {
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
        Process p = pb.start();
        if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("cnnlab " + String.join(" ", args) + " did not finish in " + TIMEOUT_MINUTES + " min");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
