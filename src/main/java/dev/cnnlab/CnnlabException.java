package dev.cnnlab;

/**
 * A problem the user can fix: bad input, a missing file, an invalid flag value.
 *
 * <p>Its message is one line that names the file or flag and says what was expected; the command line
 * prints it as is, without a stack trace, and exits non-zero.
 */
public class CnnlabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the file or flag and what was expected
     */
    public CnnlabException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file or flag and what was expected
     * @param cause   the underlying failure, kept for {@code --verbose} logs
     */
    public CnnlabException(String message, Throwable cause) {
        super(message, cause);
    }
}
