package dev.cnnlab.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Switches between the quiet default (cnnlab at INFO, DL4J / ND4J / DataVec at WARN, as in
 * {@code logback.xml}) and {@code --verbose} (cnnlab at DEBUG, the libraries at INFO).
 */
final class LogLevels {
    private static final String[] LIBRARIES = {"org.deeplearning4j", "org.nd4j", "org.datavec", "org.bytedeco"};

    private LogLevels() {
    }

    static void apply(boolean verbose) {
        if (!verbose || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.getLogger("dev.cnnlab").setLevel(Level.DEBUG);
        for (String library : LIBRARIES) {
            context.getLogger(library).setLevel(Level.INFO);
        }
    }
}
