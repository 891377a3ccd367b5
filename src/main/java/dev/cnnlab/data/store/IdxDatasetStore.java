package dev.cnnlab.data.store;

import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.idx.IdxFileSpec;
import dev.cnnlab.data.idx.IdxReader;

import java.nio.file.Path;

/**
 * Loads the IDX datasets from a data directory, fetching them on first use.
 */
public final class IdxDatasetStore {
    private final Path dataDir;
    private final DatasetFetcher fetcher;

    /**
     * @param dataDir the data directory (see {@link DataDirectory})
     * @param fetcher how to fetch missing datasets, or null to never fetch
     */
    public IdxDatasetStore(Path dataDir, DatasetFetcher fetcher) {
        this.dataDir = dataDir;
        this.fetcher = fetcher;
    }

    /**
     * A store that fetches missing datasets from the standard sources.
     *
     * @param dataDir the data directory
     * @return the store
     */
    public static IdxDatasetStore fetchingInto(Path dataDir) {
        return new IdxDatasetStore(dataDir, new DatasetFetcher());
    }

    /** @return the data directory */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * @param dataset a dataset
     * @return its files in this store
     */
    public IdxDatasetFiles files(IdxDataset dataset) {
        return IdxDatasetFiles.in(dataset, dataDir);
    }

    /**
     * @param dataset a dataset
     * @return its 60,000 training images, verified
     */
    public LabelledImages train(IdxDataset dataset) {
        return read(dataset, dataset.trainImages(), dataset.trainLabels());
    }

    /**
     * @param dataset a dataset
     * @return its 10,000 test images, verified
     */
    public LabelledImages test(IdxDataset dataset) {
        return read(dataset, dataset.testImages(), dataset.testLabels());
    }

    private LabelledImages read(IdxDataset dataset, IdxFileSpec imagesSpec, IdxFileSpec labelsSpec) {
        IdxDatasetFiles files = files(dataset);
        if (fetcher != null) {
            fetcher.ensure(files);
        }
        Path labelsFile = files.require(labelsSpec);
        IdxReader.Images images = IdxReader.readImages(files.require(imagesSpec), imagesSpec);
        byte[] labels = IdxReader.readLabels(labelsFile, labelsSpec);
        return LabelledImages.of(images, labels, dataset.classNames(), labelsFile.toString());
    }
}
