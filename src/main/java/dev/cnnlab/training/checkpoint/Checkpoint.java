package dev.cnnlab.training.checkpoint;

import dev.cnnlab.model.SavedModel;
import dev.cnnlab.training.MetricsHistory;

import java.nio.file.Path;
import java.util.Map;

/**
 * One checkpoint read back from disk: the network with its updater state and normaliser, where the run
 * stood, what it had measured, and the options it ran with.
 *
 * @param file     the checkpoint zip
 * @param model    network (with updater state), normaliser and description
 * @param position where training stood when it was written
 * @param history  the metrics measured up to then
 * @param options  the run's options as {@link TrainingConfig#toMap()} gave them
 * @param seconds  the run's wall time when it was written, summed over every segment of a resumed run
 */
public record Checkpoint(Path file, SavedModel model, TrainingPosition position, MetricsHistory history,
                         Map<String, Object> options, double seconds) {
}
