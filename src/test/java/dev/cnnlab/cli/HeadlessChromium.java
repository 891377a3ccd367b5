package dev.cnnlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, as the UI test drives it: a page's DOM after its scripts ran, or a screenshot.
 * Missing Chromium is a failure, not a skip: {@code .ci/run} installs it.
 */
final class HeadlessChromium {
    /** Virtual time for the page's scripts and timers; with less, the charts are still empty. */
    private static final int VIRTUAL_TIME_MS = 15000;
    private static final long TIMEOUT_SECONDS = 90;

    private final Path executable;
    private final Path workDir;
    private int profiles;

    HeadlessChromium(Path workDir) {
        this.workDir = workDir;
        this.executable = find();
    }

    private static Path find() {
        for (String name : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(name))) {
                return Path.of(name);
            }
        }
        throw new AssertionError("no Chromium: install it with 'apt-get install chromium' (as .ci/run does)");
    }

    /** @return the page's DOM after its scripts ran */
    String dumpDom(String url) throws IOException, InterruptedException {
        Path out = workDir.resolve("dom-" + (profiles + 1) + ".html");
        run(out, "--dump-dom", url);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Saves a 1400x1000 screenshot of the page to {@code png}. */
    void screenshot(String url, Path png) throws IOException, InterruptedException {
        run(workDir.resolve("screenshot-" + (profiles + 1) + ".log"), "--window-size=1400,1000",
                "--screenshot=" + png.toAbsolutePath(), url);
    }

    private void run(Path stdout, String... args) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(workDir.resolve("chromium-profile-" + (++profiles)));
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--virtual-time-budget=" + VIRTUAL_TIME_MS));
        command.addAll(List.of(args));
        Path stderr = workDir.resolve("chromium-" + profiles + ".err");
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + command);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited with " + p.exitValue() + ": " + Files.readString(stderr));
        }
    }
}
