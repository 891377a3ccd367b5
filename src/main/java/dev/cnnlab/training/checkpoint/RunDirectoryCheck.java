package dev.cnnlab.training.checkpoint;

import dev.cnnlab.CnnlabException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks before training that the run directory can take what the run will write, so a read-only folder
 * or a full disk is reported at once instead of after an hour of training.
 */
public final class RunDirectoryCheck {
    /** Zip headers, the configuration JSON and the normaliser, on top of the arrays. */
    private static final long OVERHEAD_BYTES = 1 << 20;

    private RunDirectoryCheck() {
    }

    /**
     * Writes and deletes a probe file (permission bits say nothing when running as root or on some mounts).
     *
     * @param dir the run directory
     */
    public static void requireWritable(Path dir) {
        Path probe = dir.resolve(".cnnlab-write-test");
        try {
            Files.writeString(probe, "probe");
            Files.delete(probe);
        } catch (IOException e) {
            throw new CnnlabException(dir + ": the run directory is not writable (" + e.getMessage() + ")", e);
        }
    }

    /**
     * @param network the network to be saved
     * @return the size of one model or checkpoint zip: parameters and updater state, plus overhead
     */
    static long modelBytes(MultiLayerNetwork network) {
        long values = network.numParams();
        if (network.getUpdater() != null && network.getUpdater().getStateViewArray() != null) {
            values += network.getUpdater().getStateViewArray().length();
        }
        return values * network.params().dataType().width() + OVERHEAD_BYTES;
    }

    /**
     * Room for the kept checkpoints, one being written, the final model and its temporary copy.
     *
     * @param modelBytes the size of one zip
     * @param keep       checkpoints kept
     * @return the bytes a run needs
     */
    static long requiredBytes(long modelBytes, int keep) {
        return modelBytes * (keep + 3L);
    }

    /**
     * @param dir      the run directory
     * @param required bytes needed
     * @param usable   bytes free for this user on its file system
     */
    public static void requireSpace(Path dir, long required, long usable) {
        if (usable < required) {
            throw new CnnlabException(String.format(Locale.ROOT,
                    "%s: the run directory has %.1f MB free, but the checkpoints and the model need about %.1f MB; free some"
                            + " space or keep fewer checkpoints", dir, usable / 1e6, required / 1e6));
        }
    }

    /**
     * Checks the free space of the run directory's file system.
     *
     * @param dir     the run directory
     * @param network the network to be saved
     * @param keep    checkpoints kept
     */
    public static void requireSpace(Path dir, MultiLayerNetwork network, int keep) {
        long usable;
        try {
            usable = Files.getFileStore(dir).getUsableSpace();
        } catch (IOException e) {
            return; // cannot tell: writing will say so if it fails
        }
        requireSpace(dir, requiredBytes(modelBytes(network), keep), usable);
    }
}
