package dev.cnnlab;

import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.store.DataDirectory;
import dev.cnnlab.data.store.IdxDatasetStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real datasets for tests: read from the data directory ({@code CNNLAB_DATA} or {@code ~/.cnnlab/data}),
 * fetched on first use, and kept in memory across the tests of one JVM.
 */
public final class TestData {
    private static final IdxDatasetStore STORE = IdxDatasetStore.fetchingInto(DataDirectory.resolve(null));
    private static LabelledImages mnistTrain;
    private static LabelledImages mnistTest;

    private TestData() {
    }

    /**
     * The shared cats-vs-dogs photos ({@code train|test/cat|dog/*.jpg}): the folder named by
     * {@code CNNLAB_CATS_DOGS}, else {@code ../shared/datasets/cats-vs-dogs} beside the project. They are never copied
     * into the repository.
     *
     * @return the folder
     * @throws AssertionError (failing the test, not skipping it) when none of those exists
     */
    public static Path catsDogsDir() {
        String env = System.getenv("CNNLAB_CATS_DOGS");
        List<Path> candidates = new ArrayList<>();
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of("").toAbsolutePath().resolve("../shared/datasets/cats-vs-dogs").normalize());
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve("train")) && Files.isDirectory(p.resolve("test"))) {
                return p;
            }
        }
        throw new AssertionError("the shared cats-vs-dogs photos are missing: looked in " + candidates
                + "; set CNNLAB_CATS_DOGS to a folder with train/{cat,dog}/ and test/{cat,dog}/");
    }

    /** @return the data directory the tests read */
    public static Path dataDir() {
        return STORE.dataDir();
    }

    /** @return the store the tests read */
    public static IdxDatasetStore store() {
        return STORE;
    }

    /** @return the 60,000 real MNIST training images */
    public static synchronized LabelledImages mnistTrain() {
        if (mnistTrain == null) {
            mnistTrain = STORE.train(IdxDataset.MNIST);
        }
        return mnistTrain;
    }

    /** @return the 10,000 real MNIST test images */
    public static synchronized LabelledImages mnistTest() {
        if (mnistTest == null) {
            mnistTest = STORE.test(IdxDataset.MNIST);
        }
        return mnistTest;
    }
}
