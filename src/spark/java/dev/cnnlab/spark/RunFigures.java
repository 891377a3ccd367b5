package dev.cnnlab.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cnnlab.CnnlabException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A Spark run's figures as JSON ({@code --stats}): the master, the export and each epoch so far. Rewritten whole
 * after every epoch, through a temporary file, so a reader never sees half a file.
 *
 * @param master the Spark master URL
 * @param images training images per epoch
 * @param shards shard files (mini-batches) per epoch
 * @param epochs each finished epoch's figures
 */
public record RunFigures(String master, int images, int shards, List<EpochFigures> epochs) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param file     where to write
     * @param master   the Spark master URL
     * @param manifest the shard export trained from
     * @param epochs   the epochs finished so far
     */
    static void write(Path file, String master, DataSetShards.Manifest manifest, List<EpochFigures> epochs) {
        RunFigures figures = new RunFigures(master, manifest.images(), manifest.shards(), List.copyOf(epochs));
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            JSON.writeValue(tmp.toFile(), figures);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CnnlabException("--stats: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param file a file {@link #write} wrote
     * @return its figures
     * @throws IOException when it cannot be read or parsed
     */
    public static RunFigures read(Path file) throws IOException {
        return JSON.readValue(file.toFile(), RunFigures.class);
    }
}
