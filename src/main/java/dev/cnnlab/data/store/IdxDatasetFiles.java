package dev.cnnlab.data.store;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.idx.IdxFileSpec;
import dev.cnnlab.data.idx.IdxReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where one dataset's four IDX files live in the data directory: {@code DATA_DIR/<key>/<name>}, plain or
 * with {@code .gz}.
 *
 * @param dataset the dataset
 * @param dir     its folder
 */
public record IdxDatasetFiles(IdxDataset dataset, Path dir) {

    /**
     * @param dataset the dataset
     * @param dataDir the data directory
     * @return the dataset's files in that directory
     */
    public static IdxDatasetFiles in(IdxDataset dataset, Path dataDir) {
        return new IdxDatasetFiles(dataset, dataDir.resolve(dataset.key()));
    }

    /**
     * @param spec one of the dataset's files
     * @return the file on disk, plain preferred over gzipped, if either exists
     */
    public Optional<Path> locate(IdxFileSpec spec) {
        for (String name : new String[] {spec.name(), spec.name() + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * @param spec one of the dataset's files
     * @return the file on disk
     * @throws CnnlabException naming the command that fetches it, when it is missing
     */
    public Path require(IdxFileSpec spec) {
        return locate(spec).orElseThrow(() -> new CnnlabException(dir.resolve(spec.name()) + ": missing; run 'cnnlab fetch "
                + dataset.key() + "' (or pass --data-dir / set CNNLAB_DATA to where the files are)"));
    }

    /** @return whether all four files exist (not whether they verify) */
    public boolean allPresent() {
        return dataset.files().stream().allMatch(spec -> locate(spec).isPresent());
    }

    /** Reads every file and checks its format and SHA-256; throws a {@link CnnlabException} on the first problem. */
    public void verify() {
        for (IdxFileSpec spec : dataset.files()) {
            Path file = require(spec);
            if (spec.images()) {
                IdxReader.readImages(file, spec);
            } else {
                IdxReader.readLabels(file, spec);
            }
        }
    }

    /** Removes whatever files of the dataset exist, so a failed fetch leaves nothing half-done. */
    public void deleteAll() {
        for (IdxFileSpec spec : dataset.files()) {
            for (String name : new String[] {spec.name(), spec.name() + ".gz"}) {
                try {
                    Files.deleteIfExists(dir.resolve(name));
                } catch (IOException e) {
                    // the next verify names the file if it is still bad
                }
            }
        }
    }
}
