package dev.cnnlab.training.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.CnnlabException;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.training.MetricsHistory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rolling checkpoints of a run, in {@code RUN_DIR/checkpoints/checkpoint-<iteration>.zip}. Each is a
 * model zip (network with updater state, normaliser, description) that also holds the training position,
 * the metrics history and the options as one JSON object, so a checkpoint is one file, written atomically:
 * it is either the old one or the new one, never half of either.
 */
public final class CheckpointStore {
    /** The folder of checkpoints inside a run directory. */
    public static final String DIR = "checkpoints";
    /** The zip object holding the training state. */
    static final String STATE_KEY = "cnnlab-checkpoint";
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d+)\\.zip");
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final int keep;

    /**
     * @param runDir the run directory
     * @param keep   how many checkpoints to keep (the newest)
     */
    public CheckpointStore(Path runDir, int keep) {
        this.dir = runDir.resolve(DIR);
        this.keep = Math.max(1, keep);
    }

    /** @return the checkpoints folder */
    public Path dir() {
        return dir;
    }

    /**
     * Writes a checkpoint, then deletes the oldest beyond the number to keep.
     *
     * @param model    the network, normaliser and description
     * @param position where training stands
     * @param history  the metrics so far
     * @param options  the run's options ({@link TrainingConfig#toMap()})
     * @param seconds  the run's wall time so far, over all its segments
     * @return the checkpoint file
     */
    public Path write(SavedModel model, TrainingPosition position, MetricsHistory history, Map<String, Object> options,
                      double seconds) {
        Path file = dir.resolve(String.format("checkpoint-%07d.zip", position.iteration()));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("epoch", position.epoch());
        state.put("batches_done", position.batchesDone());
        state.put("iteration", position.iteration());
        state.put("written", Instant.now().toString());
        state.put("seconds", seconds);
        state.put("options", options);
        state.put("history", history.toMap());
        try {
            ModelFile.save(model, file, Map.of(STATE_KEY, JSON.writeValueAsString(state)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot describe the checkpoint", e);
        }
        prune();
        return file;
    }

    /** @return the checkpoint files, newest (highest iteration) first */
    public List<Path> files() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> NAME.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingLong(CheckpointStore::iterationOf).reversed()).toList();
        } catch (IOException e) {
            throw new CnnlabException(dir + ": cannot list the checkpoints: " + e.getMessage(), e);
        }
    }

    /**
     * The newest checkpoint that loads; unreadable ones (say, a disk error) are skipped with a warning.
     *
     * @return the checkpoint, or empty when there is none
     */
    public Optional<Checkpoint> latest() {
        for (Path file : files()) {
            try {
                return Optional.of(read(file));
            } catch (CnnlabException e) {
                LOG.warn("skipping checkpoint {}", e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Deletes temporary files left by a write that was killed (they are never renamed into place). */
    public void removeLeftovers() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".part")).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("cannot clean {}: {}", dir, e.getMessage());
        }
    }

    /**
     * @param file a checkpoint zip
     * @return the checkpoint
     * @throws CnnlabException naming the file when it is not a readable checkpoint
     */
    public static Checkpoint read(Path file) {
        SavedModel model = ModelFile.load(file);
        String text = ModelFile.readObject(file, STATE_KEY);
        try {
            JsonNode state = JSON.readTree(text);
            TrainingPosition position = new TrainingPosition(state.get("epoch").asInt(),
                    state.get("batches_done").asInt(), state.get("iteration").asInt());
            Map<String, Object> options = JSON.convertValue(state.get("options"), new TypeReference<>() { });
            MetricsHistory history = MetricsHistory.fromJson(state.get("history"));
            // Checkpoints from before the wall time was saved: the finished epochs' training time, a lower bound.
            double seconds = state.has("seconds") ? state.get("seconds").asDouble()
                    : history.epochs().stream().mapToDouble(MetricsHistory.EpochMetrics::seconds).sum();
            return new Checkpoint(file, model, position, history, options, seconds);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new CnnlabException(file + ": not a cnnlab checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private void prune() {
        List<Path> all = files();
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            try {
                Files.deleteIfExists(old);
            } catch (IOException e) {
                LOG.warn("cannot delete old checkpoint {}: {}", old, e.getMessage());
            }
        }
    }

    private static long iterationOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }
}
