package dev.cnnlab.cli;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.photo.CatsDogsLocation;
import dev.cnnlab.data.photo.PetImagesArchive;
import dev.cnnlab.data.store.DataDirectory;
import dev.cnnlab.data.store.DatasetFetcher;
import dev.cnnlab.data.store.IdxDatasetFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code cnnlab fetch}: downloads and verifies datasets into the data directory.
 */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Fetch datasets into the data directory and verify them (SHA-256 for mnist and fashion).")
final class FetchCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "DATASET",
            description = "mnist, fashion and/or cats-dogs (default: mnist and fashion).")
    List<String> datasets;

    @Option(names = "--zip", paramLabel = "FILE",
            description = "cats-dogs: lay out this already downloaded kagglecatsanddogs_5340.zip instead of downloading it.")
    Path zip;

    @Override
    public Integer call() {
        common.apply();
        Path dataDir = DataDirectory.resolve(common.dataDir);
        List<String> names = datasets == null || datasets.isEmpty() ? List.of("mnist", "fashion") : datasets;
        List<IdxDataset> idx = new ArrayList<>();
        boolean catsDogs = false;
        for (String name : names) {
            if (name.equalsIgnoreCase(CatsDogsLocation.KEY)) {
                catsDogs = true;
            } else {
                idx.add(IdxDataset.byKey(name).orElseThrow(() -> new CnnlabException(
                        "fetch: unknown dataset '" + name + "', expected mnist, fashion or cats-dogs")));
            }
        }
        DatasetFetcher fetcher = new DatasetFetcher();
        for (IdxDataset d : idx) {
            IdxDatasetFiles files = IdxDatasetFiles.in(d, dataDir);
            boolean fetched = fetcher.ensure(files);
            files.verify();
            System.out.println(d.key() + ": " + (fetched ? "fetched, " : "") + "4 files verified in " + files.dir());
        }
        if (catsDogs) {
            fetchCatsDogs(dataDir);
        }
        return 0;
    }

    private void fetchCatsDogs(Path dataDir) {
        Path archive = zip;
        if (archive == null) {
            archive = dataDir.resolve("downloads").resolve("kagglecatsanddogs_5340.zip");
            if (!Files.isRegularFile(archive)) {
                String sha = PetImagesArchive.download(PetImagesArchive.URL, archive);
                System.out.println("cats-dogs: downloaded " + archive + " (sha256 " + sha + ")");
            }
        } else if (!Files.isRegularFile(archive)) {
            throw new CnnlabException("--zip: " + archive + " is not a file");
        }
        PetImagesArchive.Layout layout = PetImagesArchive.layOut(archive, CatsDogsLocation.fetchedDir(dataDir),
                PetImagesArchive.PER_CLASS);
        String sha = PetImagesArchive.sha256(archive);
        try {
            Files.writeString(layout.dir().resolve("SOURCE.sha256"), sha + "  " + archive.getFileName() + "\n");
        } catch (java.io.IOException e) {
            throw new CnnlabException(layout.dir() + ": cannot write SOURCE.sha256: " + e.getMessage(), e);
        }
        System.out.println("cats-dogs: " + layout.counts() + " photos in " + layout.dir() + ", "
                + layout.dropped().size() + " bad files dropped (dropped.txt); zip sha256 " + sha);
    }
}
