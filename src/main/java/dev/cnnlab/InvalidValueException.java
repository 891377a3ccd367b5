package dev.cnnlab;

/**
 * Something the user chose has a value it cannot have: a training setting, a dataset folder, a recipe name, a UI
 * port. The message starts with the library's name for that thing (its subject, such as {@code dataset} or
 * {@code ui_port}); a command line puts the flag that sets it in its place ({@link #describe(String)}).
 */
public class InvalidValueException extends CnnlabException {
    private static final long serialVersionUID = 1L;
    private final String subject;
    private final String rest;

    /**
     * @param subject the library's name for what is wrong, such as {@code dataset}
     * @param problem what is wrong with it, such as {@code expected a fraction between 0 and 1, got 2.0}
     */
    public InvalidValueException(String subject, String problem) {
        this(null, subject, ": " + problem);
    }

    /**
     * @param subject the library's name for what is wrong, such as {@code dataset}
     * @param problem what is wrong with it
     * @param cause   the underlying failure, kept for {@code --verbose} logs
     */
    public InvalidValueException(String subject, String problem, Throwable cause) {
        this(cause, subject, ": " + problem);
    }

    /**
     * For a message in which the subject is followed by something other than a colon.
     *
     * @param subject the library's name for what is wrong
     * @param rest    the message after the subject, such as {@code " catsdogs is measured on photos"}
     * @param cause   the underlying failure, or null
     * @return the exception
     */
    public static InvalidValueException followedBy(String subject, String rest, Throwable cause) {
        return new InvalidValueException(cause, subject, rest);
    }

    private InvalidValueException(Throwable cause, String subject, String rest) {
        super(subject + rest, cause);
        this.subject = subject;
        this.rest = rest;
    }

    /** @return the library's name for what is wrong, such as {@code dataset} */
    public String subject() {
        return subject;
    }

    /**
     * @param name how the reader knows the subject, such as its flag
     * @return the message with that name in front
     */
    public String describe(String name) {
        return name + rest;
    }
}
