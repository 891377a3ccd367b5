package dev.cnnlab.cli;

import dev.cnnlab.data.IdxDataset;
import dev.cnnlab.data.store.DataDirectory;
import dev.cnnlab.data.store.DatasetFetcher;
import dev.cnnlab.data.store.IdxDatasetFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cnnlab fetch}: downloads and verifies datasets into the data directory.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Fetch datasets into the data directory and verify their SHA-256 checksums.")
final class FetchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "DATASET", converter = Converters.Dataset.class,
            description = "mnist and/or fashion (default: both).")
    List<IdxDataset> datasets;

    @Override
    public Integer call() {
        common.apply();
        DatasetFetcher fetcher = new DatasetFetcher();
        for (IdxDataset d : datasets == null || datasets.isEmpty() ? List.of(IdxDataset.values()) : datasets) {
            IdxDatasetFiles files = IdxDatasetFiles.in(d, DataDirectory.resolve(common.dataDir));
            boolean fetched = fetcher.ensure(files);
            files.verify();
            System.out.println(d.key() + ": " + (fetched ? "fetched, " : "") + "4 files verified in " + files.dir());
        }
        return 0;
    }
}
