package dev.cnnlab.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A SIGKILL in the middle of a save leaves the previous model file whole. */
class AtomicExportTest {
    @TempDir
    Path dir;

    @Test
    void aKillDuringAnExportLeavesThePreviousFileLoadable() throws Exception {
        Path file = dir.resolve("model.zip");
        // Kill at different moments of a write: as it starts, and a little into it.
        for (long delayMillis : new long[] {0, 120}) {
            Path log = dir.resolve("loop-" + delayMillis + ".txt");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), ExportLoop.class.getName(), file.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                // A save after a complete one, so there is a previous file to protect.
                awaitLine(log, "writing 3", p);
                Thread.sleep(delayMillis);
                p.destroyForcibly();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            } finally {
                p.destroyForcibly();
            }
            assertThat(Files.readString(log)).contains("saved 2");
            SavedModel loaded = ModelFile.load(file);
            assertThat(loaded.network().numParams()).isEqualTo(431_080);
            assertThat(loaded.info().classNames()).hasSize(10);
        }
    }

    private static void awaitLine(Path log, String line, Process p) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(line)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("export loop exited: " + Files.readString(log));
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no '" + line + "' in 3 min");
    }
}
