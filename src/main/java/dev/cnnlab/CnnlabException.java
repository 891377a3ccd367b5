package dev.cnnlab;

/**
 * A problem the user can fix: bad input, a missing file, an invalid flag value.
 *
 * <p>Its message is one line that names the file or value that is wrong and says what was expected; the command
 * line prints it without a stack trace and exits non-zero. A value the user chose is named by the library's name
 * for it ({@link InvalidValueException}), which the command line replaces with the flag that sets it.
 */
public class CnnlabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the file or value and what was expected
     */
    public CnnlabException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file or value and what was expected
     * @param cause   the underlying failure, kept for {@code --verbose} logs
     */
    public CnnlabException(String message, Throwable cause) {
        super(message, cause);
    }
}
