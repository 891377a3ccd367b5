package dev.cnnlab.training;

import dev.cnnlab.progress.ProgressBars;
import me.tongfei.progressbar.ProgressBar;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Records every iteration's loss into the {@link MetricsHistory} and draws the epoch's progress bar with
 * the smoothed loss; images per second come from the bar's own speed display. Logs once when the first batch is
 * trained, how long after the JVM started.
 */
final class EpochProgressListener extends BaseTrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(EpochProgressListener.class);
    private static final double SMOOTHING = 0.95;

    private final MetricsHistory history;
    private final boolean showProgress;
    private ProgressBar bar;
    private int epoch;
    private int iteration;
    private long images;
    private double smoothed = Double.NaN;
    private boolean firstBatchLogged;

    EpochProgressListener(MetricsHistory history, boolean showProgress) {
        this.history = history;
        this.showProgress = showProgress;
    }

    /** @param done iterations trained before this listener started (a resumed run) */
    void continueFrom(int done) {
        iteration = done;
    }

    /** Starts the bar of an epoch. */
    void startEpoch(int epochNumber, int totalEpochs, long imagesInEpoch) {
        epoch = epochNumber;
        images = 0;
        if (showProgress) {
            bar = ProgressBars.start(String.format(Locale.ROOT, "epoch %d/%d", epochNumber, totalEpochs),
                    imagesInEpoch, "img");
        }
    }

    /** Closes the bar of the epoch. */
    void endEpoch() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** @return images seen in the current epoch */
    long imagesThisEpoch() {
        return images;
    }

    @Override
    public void iterationDone(Model model, int iter, int ep) {
        if (!firstBatchLogged) {
            // From the JVM's start: what a user waits before training runs (native start-up, screening, decoding).
            firstBatchLogged = true;
            LOG.info(String.format(Locale.ROOT, "first training batch done %.1f s after the JVM started",
                    ManagementFactory.getRuntimeMXBean().getUptime() / 1e3));
        }
        double loss = model.score();
        history.add(new MetricsHistory.IterationLoss(iteration++, epoch, loss));
        smoothed = Double.isNaN(smoothed) ? loss : SMOOTHING * smoothed + (1 - SMOOTHING) * loss;
        images += model.batchSize();
        if (bar != null) {
            bar.stepTo(images);
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", smoothed));
        }
    }
}
