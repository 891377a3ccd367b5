package dev.cnnlab.training.checkpoint;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Turns Ctrl-C and SIGTERM during training into a checkpoint: a JVM shutdown hook asks the
 * {@link Checkpointer} to write one at the next iteration boundary, waits for it (bounded), and prints how
 * to resume. The JVM then exits with the signal's code (130 for Ctrl-C, 143 for SIGTERM).
 *
 * <p>Shutdown hooks run while the training thread goes on, which is what lets it finish the iteration in
 * progress. A SIGKILL runs no hook: then the newest scheduled checkpoint is what survives.
 */
public final class InterruptCheckpoint implements AutoCloseable {
    /**
     * How long the hook waits for the checkpoint, in seconds: an iteration plus an evaluation and a write.
     * The relaunching parent process waits longer than this before it kills the training JVM.
     */
    static final long WAIT_SECONDS = Long.getLong("cnnlab.checkpoint.stopSeconds", 45);

    private final Path runDir;
    private final String resumeCommand;
    private final Thread hook;
    private volatile Checkpointer checkpointer;

    private InterruptCheckpoint(Path runDir, String resumeCommand) {
        this.runDir = runDir;
        this.resumeCommand = resumeCommand;
        this.hook = new Thread(this::onShutdown, "cnnlab-interrupt-checkpoint");
    }

    /**
     * @param runDir        the run directory, for the resume command
     * @param resumeCommand the command that continues a run, followed by the run directory in the message
     * @return the installed hook; close it when the run is over
     */
    public static InterruptCheckpoint install(Path runDir, String resumeCommand) {
        InterruptCheckpoint handler = new InterruptCheckpoint(runDir, resumeCommand);
        Runtime.getRuntime().addShutdownHook(handler.hook);
        return handler;
    }

    /** @param checkpointer the run's checkpointer, once training is about to start */
    public void attach(Checkpointer checkpointer) {
        this.checkpointer = checkpointer;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
    }

    private void onShutdown() {
        PrintStream err = System.err;
        Checkpointer c = checkpointer;
        if (c == null) {
            err.println("cnnlab: interrupted before training started; nothing new to save in " + runDir);
            err.flush();
            return;
        }
        boolean current = c.requestStopAndWait(WAIT_SECONDS);
        String last = c.lastCheckpoint().map(Path::toString).orElse(null);
        if (last == null) {
            err.println("cnnlab: interrupted at " + c.position().describe() + " before any checkpoint was written");
        } else if (current) {
            err.println("cnnlab: interrupted at " + c.position().describe() + "; checkpoint " + last);
        } else {
            err.println("cnnlab: interrupted at " + c.position().describe() + "; no checkpoint in " + WAIT_SECONDS
                    + " s, the newest is " + last);
        }
        if (last != null) {
            err.println("cnnlab: resume with: " + resumeCommand + " " + runDir);
        }
        err.flush();
    }
}
