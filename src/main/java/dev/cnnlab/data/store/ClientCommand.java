package dev.cnnlab.data.store;

import dev.cnnlab.progress.ProgressBars;
import me.tongfei.progressbar.ProgressBar;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a package client ({@code npm}, {@code apt-get}, {@code dpkg-deb}) as a child process, with a time
 * limit and a progress bar while it works.
 */
final class ClientCommand {
    private static final long TIMEOUT_MINUTES = 15;

    private ClientCommand() {
    }

    /**
     * @param program a program name
     * @return whether it is on the {@code PATH}
     */
    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs a command and fails with its output if it does not exit 0.
     *
     * @param task    what the bar says
     * @param workDir the working directory
     * @param command the program and its arguments
     * @throws IOException if it cannot start, times out or exits non-zero
     */
    static void run(String task, Path workDir, List<String> command) throws IOException {
        Path output = Files.createTempFile("cnnlab-client", ".log");
        try (ProgressBar bar = ProgressBars.start(task, -1, "s")) {
            Process process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            long started = System.nanoTime();
            while (!process.waitFor(1, TimeUnit.SECONDS)) {
                bar.stepTo((System.nanoTime() - started) / 1_000_000_000L);
                if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(TIMEOUT_MINUTES)) {
                    process.destroyForcibly();
                    throw new IOException(String.join(" ", command) + " timed out after " + TIMEOUT_MINUTES
                            + " minutes");
                }
            }
            if (process.exitValue() != 0) {
                String text = Files.readString(output, StandardCharsets.UTF_8).strip();
                String last = text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
                throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + last);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", command), e);
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
