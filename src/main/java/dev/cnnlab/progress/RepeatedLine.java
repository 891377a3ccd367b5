package dev.cnnlab.progress;

import org.slf4j.Logger;

/**
 * A line a step logs each time it repeats, such as the rate of a pass: at info level the first time, so that a
 * quiet run shows it once, and at debug level after that, so that {@code --verbose} shows every pass.
 */
public final class RepeatedLine {
    private final Logger log;
    private boolean logged;

    /**
     * @param log the logger the line goes to
     */
    public RepeatedLine(Logger log) {
        this.log = log;
    }

    /**
     * Logs the line: at info level if it is the first, else at debug level.
     *
     * @param line the text
     */
    public synchronized void log(String line) {
        if (logged) {
            log.debug(line);
        } else {
            log.info(line);
            logged = true;
        }
    }
}
