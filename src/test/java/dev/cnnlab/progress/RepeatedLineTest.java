package dev.cnnlab.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RepeatedLineTest {
    @Test
    void firstLineGoesToInfoAndLaterOnesToDebug() {
        Logger logger = (Logger) LoggerFactory.getLogger(RepeatedLineTest.class.getName() + ".rate");
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            RepeatedLine line = new RepeatedLine(logger);
            line.log("pass 1");
            line.log("pass 2");
            line.log("pass 3");
        } finally {
            logger.detachAppender(appender);
        }
        assertEquals(List.of("INFO pass 1", "DEBUG pass 2", "DEBUG pass 3"),
                appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList());
    }
}
