package dev.cnnlab.spark;

import java.util.Map;

/**
 * What one epoch of Spark training measured.
 *
 * @param epoch                  the epoch, from 1
 * @param seconds                wall-clock seconds of the epoch's {@code fitPaths}, without the evaluation
 * @param imagesPerSecond        training images of the epoch divided by {@code seconds}
 * @param accuracy               test accuracy after the epoch
 * @param loss                   test loss after the epoch
 * @param minibatchesPerExecutor mini-batches each executor trained (by Spark executor id) in tasks that succeeded;
 *                               empty under parameter averaging, which does not report them
 */
public record EpochFigures(int epoch, double seconds, double imagesPerSecond, double accuracy, double loss,
                           Map<String, Integer> minibatchesPerExecutor) {
}
