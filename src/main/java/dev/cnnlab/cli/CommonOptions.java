package dev.cnnlab.cli;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.runtime.NativeChoice;
import dev.cnnlab.runtime.NativeMemoryGuard;
import dev.cnnlab.runtime.NativeSetup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * Options every command takes.
 */
final class CommonOptions {
    private static final Logger LOG = LoggerFactory.getLogger(CommonOptions.class);

    @Option(names = {"-v", "--verbose"}, description = "Log details, including DL4J's and ND4J's own messages.")
    boolean verbose;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where datasets live (default: $CNNLAB_DATA, else ~/.cnnlab/data).")
    Path dataDir;

    @Option(names = "--no-progress", description = "Draw no progress bars.")
    boolean noProgress;

    /**
     * Applies the logging and progress settings, reports a slow native setup and refuses an invalid memory guard
     * budget; call first in every command.
     */
    void apply() {
        LogLevels.apply(verbose);
        NativeChoice natives = NativeSetup.configure();
        NativeMemoryGuard.problem().ifPresent(problem -> {
            throw new CnnlabException(problem);
        });
        if (!natives.extension().endsWith("avx512")) {
            LOG.info(natives.summary());
        }
        NativeSetup.warnings().forEach(LOG::warn);
        if (noProgress) {
            dev.cnnlab.progress.ProgressBars.disable();
        }
    }
}
