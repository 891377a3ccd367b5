package dev.cnnlab.training;

import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.preprocessor.CompositeDataSetPreProcessor;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * Label smoothing as a training-batch pre-processor: each one-hot target row becomes
 * {@code (1 - f) * onehot + f / classes}. Softmax cross-entropy then pulls the network towards confident but not
 * certain outputs; the rows still sum to 1, so DL4J's loss and its gradient {@code output - labels} hold as they are.
 *
 * <p>A pre-processor rather than a loss function, so every network, the batch split and data-parallel workers see
 * the smoothed targets unchanged, and only the training iterator has it: evaluation scores against the true labels.
 */
public final class LabelSmoothing implements DataSetPreProcessor {
    private final double factor;

    /**
     * @param factor the share of each target spread evenly over the classes, in (0, 1)
     */
    public LabelSmoothing(double factor) {
        if (!(factor > 0 && factor < 1)) {
            throw new IllegalArgumentException("label smoothing must be in (0, 1), got " + factor);
        }
        this.factor = factor;
    }

    /**
     * @param normalizer scales the features of every batch
     * @param factor     the smoothing; 0 for none
     * @return what the training iterator applies: the normaliser alone when {@code factor} is 0 (training exactly as
     *         without smoothing), else the normaliser, then the smoothing
     */
    public static DataSetPreProcessor forTraining(DataNormalization normalizer, double factor) {
        return factor == 0 ? normalizer : new CompositeDataSetPreProcessor(normalizer, new LabelSmoothing(factor));
    }

    /** @return the share of each target spread evenly over the classes */
    public double factor() {
        return factor;
    }

    @Override
    public void preProcess(DataSet batch) {
        long classes = batch.getLabels().size(1);
        // In place: each batch's labels are a fresh array, built for this batch only.
        batch.getLabels().muli(1 - factor).addi(factor / classes);
    }
}
