package dev.cnnlab.spark;

import dev.cnnlab.evaluation.EvaluationReport;

import java.nio.file.Path;
import java.util.List;

/**
 * What a Spark training run produced.
 *
 * @param modelFile      the saved cnnlab model zip
 * @param test           the final evaluation on the test set
 * @param epochAccuracy  test accuracy after each epoch
 * @param epochs         each epoch's figures
 * @param shards         what the shard directory holds
 * @param seconds        wall-clock seconds of the whole run, export included
 */
public record SparkTrainingResult(Path modelFile, EvaluationReport test, List<Double> epochAccuracy,
                                  List<EpochFigures> epochs,
                                  DataSetShards.Manifest shards, double seconds) {
}
