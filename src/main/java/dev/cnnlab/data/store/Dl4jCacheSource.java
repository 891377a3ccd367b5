package dev.cnnlab.data.store;

import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.idx.IdxFileSpec;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.common.resources.ResourceType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * MNIST already downloaded by DL4J itself (its {@code MnistDataSetIterator} caches the IDX files under
 * {@code ~/.deeplearning4j/data/MNIST}): copied, not downloaded again.
 */
public class Dl4jCacheSource implements DataSource {

    @Override
    public String describe() {
        return "DL4J's MNIST cache in " + cacheDir();
    }

    @Override
    public boolean canProvide(IdxDataset dataset) {
        return dataset == IdxDataset.MNIST
                && dataset.files().stream().allMatch(spec -> find(cacheDir(), spec).isPresent());
    }

    @Override
    public void fetchInto(IdxDataset dataset, Path targetDir) throws IOException {
        copyAll(dataset, cacheDir(), targetDir);
    }

    /** @return the folder DL4J keeps MNIST in */
    static Path cacheDir() {
        return DL4JResources.getDirectory(ResourceType.DATASET, "MNIST").toPath();
    }

    static void copyAll(IdxDataset dataset, Path from, Path targetDir) throws IOException {
        for (IdxFileSpec spec : dataset.files()) {
            Path source = find(from, spec).orElseThrow(() -> new IOException(from + " has no " + spec.name()));
            Files.copy(source, targetDir.resolve(source.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static Optional<Path> find(Path dir, IdxFileSpec spec) {
        for (String name : new String[] {spec.name(), spec.name() + ".gz"}) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
