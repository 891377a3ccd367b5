package dev.cnnlab.progress;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.time.Duration;

/**
 * Builds the progress bars cnnlab shows, all in one style, and lets tests or scripts switch them off.
 *
 * <p>Bars go to standard error so that standard output stays clean for results. They are drawn on an
 * interactive terminal only, since a log file would fill with redrawn lines; the environment variable
 * {@code CNNLAB_PROGRESS} set to {@code on} or {@code off} overrides that.
 */
public final class ProgressBars {
    private static volatile boolean enabled = defaultEnabled();

    private ProgressBars() {
    }

    private static boolean defaultEnabled() {
        String setting = System.getenv("CNNLAB_PROGRESS");
        if (setting != null && !setting.isBlank()) {
            return !"off".equalsIgnoreCase(setting);
        }
        return System.console() != null;
    }

    /** Stops drawing bars from now on ({@code --no-progress}). */
    public static void disable() {
        enabled = false;
    }

    /**
     * @param task what is being done, shown before the bar
     * @param max  number of units in the whole task, or -1 when unknown
     * @param unit the unit's name, such as {@code img} or {@code MB}
     * @return a started bar; close it when the task ends
     */
    public static ProgressBar start(String task, long max, String unit) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(500)
                .setMaxRenderedLength(100)
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS);
        if (max > 0) {
            builder.showSpeed();
        }
        if (!enabled) {
            builder.setConsumer(new me.tongfei.progressbar.ProgressBarConsumer() {
                @Override
                public int getMaxRenderedLength() {
                    return 100;
                }

                @Override
                public void accept(String rendered) {
                    // switched off: draw nothing
                }

                @Override
                public void close() {
                    // nothing to release
                }
            });
        }
        return builder.build();
    }
}
