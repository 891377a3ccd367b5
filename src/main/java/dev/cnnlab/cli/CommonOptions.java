package dev.cnnlab.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Options every command takes.
 */
final class CommonOptions {
    @Option(names = {"-v", "--verbose"}, description = "Log details, including DL4J's and ND4J's own messages.")
    boolean verbose;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where datasets live (default: $CNNLAB_DATA, else ~/.cnnlab/data).")
    Path dataDir;

    @Option(names = "--no-progress", description = "Draw no progress bars.")
    boolean noProgress;

    /** Applies the logging and progress settings; call first in every command. */
    void apply() {
        LogLevels.apply(verbose);
        if (noProgress) {
            dev.cnnlab.progress.ProgressBars.disable();
        }
    }
}
