package dev.cnnlab.training.checkpoint;

import dev.cnnlab.CnnlabException;

/**
 * A run directory cannot be resumed: it is no run, has no loadable checkpoint, or its checkpoint does not belong to
 * it or to its data. The message names the directory or file and what is wrong; a command line puts the name of
 * its resume flag in front.
 */
public final class NotResumableException extends CnnlabException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the directory or file */
    public NotResumableException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the directory or file
     * @param cause   the underlying error
     */
    public NotResumableException(String message, Throwable cause) {
        super(message, cause);
    }
}
