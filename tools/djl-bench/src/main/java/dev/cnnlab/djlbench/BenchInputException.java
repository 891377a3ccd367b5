package dev.cnnlab.djlbench;

/** Bad input (a flag, a missing data file): printed as one line, exit code 2, no stack trace. */
public final class BenchInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, naming the flag or file and what was expected */
    public BenchInputException(String message) {
        super(message);
    }
}
