package dev.cnnlab;

import dev.cnnlab.data.IdxDataset;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.store.DataDirectory;
import dev.cnnlab.data.store.IdxDatasetStore;

import java.nio.file.Path;

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
