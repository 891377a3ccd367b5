package dev.cnnlab.training;

import dev.cnnlab.evaluation.EvaluationReport;
import dev.cnnlab.model.SavedModel;

import java.nio.file.Path;

/**
 * What a finished training run produced.
 *
 * @param runDir      the run directory
 * @param modelFile   the saved model zip in it
 * @param model       the trained model, in memory
 * @param history     per-iteration and per-epoch metrics
 * @param test        the final evaluation on the test set
 * @param seconds     wall time of the whole run, summed over its segments when it was resumed
 */
public record TrainingResult(Path runDir, Path modelFile, SavedModel model, MetricsHistory history,
                             EvaluationReport test, double seconds) {
}
