package dev.cnnlab.cli;

import dev.cnnlab.training.checkpoint.NotResumableException;
import dev.cnnlab.training.checkpoint.ResumeState;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The {@code --resume RUN_DIR} option of the commands that train ({@code train}, {@code reproduce}). */
final class ResumeOption {
    /** The flag, for messages. */
    static final String FLAG = "--resume";

    @Option(names = FLAG, paramLabel = "RUN_DIR",
            description = "Continue an interrupted run (stopped with Ctrl-C or SIGTERM) from its newest checkpoint, with its"
                    + " own settings; --epochs may raise its total.")
    Path runDir;

    /** @return whether the option was given */
    boolean given() {
        return runDir != null;
    }

    /**
     * @return the run to resume
     * @throws NotResumableException naming the directory and what is wrong
     */
    ResumeState open() {
        return ResumeState.open(runDir);
    }

    /**
     * @param e why the run cannot be resumed
     * @return the one-line message a user reads, naming this flag
     */
    static String message(NotResumableException e) {
        return FLAG + ": " + e.getMessage();
    }
}
