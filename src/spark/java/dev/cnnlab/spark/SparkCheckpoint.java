package dev.cnnlab.spark;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.model.SavedModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The driver's checkpoint of a Spark run: after every finished epoch the network (with its updater state),
 * normaliser and description, plus the number of epochs done, in one model zip beside the run's {@code --out}
 * ({@code NAME.checkpoint.zip}), replaced atomically. {@code --resume} continues from it.
 */
final class SparkCheckpoint {
    private static final String EPOCHS_KEY = "cnnlab-spark-epochs-done";

    private SparkCheckpoint() {
    }

    /**
     * @param out the run's model zip
     * @return where its checkpoint lives
     */
    static Path of(Path out) {
        String name = out.getFileName().toString();
        String stem = name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        return out.resolveSibling(stem + ".checkpoint.zip");
    }

    /**
     * @param file       the checkpoint file
     * @param model      the model after {@code epochsDone} epochs
     * @param epochsDone the epochs finished
     */
    static void save(Path file, SavedModel model, int epochsDone) {
        ModelFile.save(model, file, Map.of(EPOCHS_KEY, Integer.toString(epochsDone)));
    }

    /**
     * A checkpoint read back.
     *
     * @param model      the model
     * @param epochsDone the epochs it had finished
     */
    record Restored(SavedModel model, int epochsDone) {
    }

    /**
     * @param file the checkpoint file
     * @return the checkpoint
     * @throws CnnlabException naming {@code --resume} and the file when there is none or it is unreadable
     */
    static Restored load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CnnlabException("--resume: no checkpoint at " + file + " (a run writes it after its first epoch)");
        }
        try {
            return new Restored(ModelFile.load(file), Integer.parseInt(ModelFile.readObject(file, EPOCHS_KEY)));
        } catch (NumberFormatException e) {
            throw new CnnlabException("--resume: " + file + " holds no epoch count: not a Spark checkpoint", e);
        }
    }
}
