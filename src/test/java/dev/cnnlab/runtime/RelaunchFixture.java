package dev.cnnlab.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A main class for {@link RelauncherTest}: writes what the child JVM saw to a file and exits with code 7. */
public final class RelaunchFixture {

    private RelaunchFixture() {
    }

    /**
     * Records the environment, a forwarded property and the arguments.
     *
     * @param args the output file, then arbitrary arguments
     * @throws IOException if the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Files.write(Path.of(args[0]), List.of(
                "OMP_WAIT_POLICY=" + System.getenv("OMP_WAIT_POLICY"),
                "CNNLAB_NO_RELAUNCH=" + System.getenv("CNNLAB_NO_RELAUNCH"),
                "cnnlab.test=" + System.getProperty("cnnlab.test"),
                "args=" + String.join("|", List.of(args).subList(1, args.length))));
        System.exit(7);
    }
}
