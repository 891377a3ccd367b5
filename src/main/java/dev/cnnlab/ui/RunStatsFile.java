package dev.cnnlab.ui;

import dev.cnnlab.CnnlabException;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training statistics of one run, stored in its run directory as DL4J's {@link FileStatsStorage}
 * (a MapDB file, committed after every report, so a run stopped early keeps what it collected).
 */
public final class RunStatsFile {
    /** File name inside the run directory. */
    public static final String NAME = "ui-stats.mapdb";

    private RunStatsFile() {
    }

    /**
     * @param runDir a run directory
     * @return where its statistics are stored
     */
    public static Path in(Path runDir) {
        return runDir.resolve(NAME);
    }

    /**
     * Creates (or continues) the statistics file of a run being trained.
     *
     * @param runDir the run directory, created if missing
     * @return the storage; close it when training ends
     */
    public static FileStatsStorage create(Path runDir) {
        try {
            Files.createDirectories(runDir);
            return new FileStatsStorage(in(runDir).toFile());
        } catch (Exception e) {
            throw new CnnlabException(in(runDir) + ": cannot create the UI statistics file: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the statistics of a finished run.
     *
     * @param runDir a run directory trained with {@code --ui}
     * @return the storage; close it when done
     * @throws CnnlabException if the directory holds no statistics or they cannot be read
     */
    public static FileStatsStorage open(Path runDir) {
        Path file = in(runDir);
        if (!Files.isRegularFile(file)) {
            throw new CnnlabException(runDir + ": no " + NAME + " (expected a run directory trained with 'train --ui')");
        }
        try {
            FileStatsStorage storage = new FileStatsStorage(file.toFile());
            if (storage.listSessionIDs().isEmpty()) {
                storage.close();
                throw new CnnlabException(file + ": holds no training session");
            }
            return storage;
        } catch (CnnlabException e) {
            throw e;
        } catch (Exception e) {
            throw new CnnlabException(file + ": cannot read the UI statistics (still open in a training, or damaged?): "
                    + e.getMessage(), e);
        }
    }
}
