package dev.cnnlab.training;

import dev.cnnlab.progress.ProgressBars;
import me.tongfei.progressbar.ProgressBar;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.util.Locale;

/**
 * Records every iteration's loss into the {@link MetricsHistory} and draws the epoch's progress bar with
 * the smoothed loss; images per second come from the bar's own speed display.
 */
final class EpochProgressListener extends BaseTrainingListener {
    private static final double SMOOTHING = 0.95;

    private final MetricsHistory history;
    private final boolean showProgress;
    private ProgressBar bar;
    private int epoch;
    private int iteration;
    private long images;
    private double smoothed = Double.NaN;

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
