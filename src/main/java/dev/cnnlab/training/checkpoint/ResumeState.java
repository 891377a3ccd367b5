package dev.cnnlab.training.checkpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.CnnlabException;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code train --resume RUN_DIR} starts from: the run's options, rebuilt from its {@code config.json},
 * and its newest loadable checkpoint. Refuses, in one line, a directory that is not a run, has no
 * checkpoint, or whose checkpoint was written with other options than {@code config.json} holds.
 *
 * @param runDir     the run directory
 * @param options    the run's options, with {@code outDir} set to the run directory
 * @param checkpoint the checkpoint to continue from
 */
public record ResumeState(Path runDir, TrainingConfig options, Checkpoint checkpoint) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param runDir a run directory written by {@code train}
     * @return the state to resume from
     * @throws CnnlabException naming the directory and what is missing or conflicting
     */
    public static ResumeState open(Path runDir) {
        Path config = runDir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new NotResumableException(runDir + " is not a run directory (no config.json)");
        }
        Map<String, Object> saved;
        try {
            saved = JSON.readValue(config.toFile(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new NotResumableException(config + " is unreadable: " + e.getMessage(), e);
        }
        TrainingConfig options = fromMap(saved, config);
        options = options.with(Settings.OUT, runDir);
        Checkpoint checkpoint = new CheckpointStore(runDir, 1).latest().orElseThrow(() -> new NotResumableException(
                runDir + " has no loadable checkpoint in " + CheckpointStore.DIR + "/"));
        requireSameOptions(options.toMap(), checkpoint);
        return new ResumeState(runDir, options, checkpoint);
    }

    /**
     * The options a run was started with, from its {@code config.json}.
     *
     * @param map    the JSON object, as {@link TrainingConfig#toMap()} wrote it
     * @param source the file, for error messages
     * @return the options
     */
    static TrainingConfig fromMap(Map<String, Object> map, Path source) {
        try {
            return TrainingConfig.fromMap(map);
        } catch (RuntimeException e) {
            throw new NotResumableException(source + " does not hold a run's options (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The checkpoint must come from this run: every option but the number of epochs must agree. Both sides are read
     * through {@link TrainingConfig#fromMap}, so an option added since the run began has its default on both.
     */
    private static void requireSameOptions(Map<String, Object> config, Checkpoint checkpoint) {
        Map<String, Object> written = fromMap(checkpoint.options(), checkpoint.file()).toMap();
        firstDifference(config, written, Set.of("epochs")).ifPresent(key -> {
            throw new NotResumableException(checkpoint.file() + " was written with " + key + " = "
                    + written.get(key) + " but config.json says " + config.get(key) + "; refusing to mix two runs");
        });
    }

    /**
     * @param expected options as {@link TrainingConfig#toMap()} gives them
     * @param actual   other options, the same way
     * @param ignored  keys that may differ
     * @return the first key of {@code expected} (in its order) whose value {@code actual} does not share, if any
     */
    public static Optional<String> firstDifference(Map<String, Object> expected, Map<String, Object> actual,
                                                   Set<String> ignored) {
        return expected.keySet().stream()
                .filter(key -> !ignored.contains(key) && !sameValue(expected.get(key), actual.get(key)))
                .findFirst();
    }

    /**
     * @param a an option's value
     * @param b another
     * @return whether they are the same setting (numbers compared by value, whatever their JSON type)
     */
    public static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return Objects.equals(a, b);
    }
}
