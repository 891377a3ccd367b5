package dev.cnnlab.data.store;

import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.idx.IdxFileSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Fashion-MNIST from Debian's package {@code dataset-fashion-mnist} (gzipped IDX files under
 * {@code usr/share/datasets/fashion-mnist/}). Fetched with {@code apt-get download} and unpacked with
 * {@code dpkg-deb -x}, so nothing is installed and no root rights are needed.
 */
public final class DebianPackageSource implements DataSource {
    static final String PACKAGE = "dataset-fashion-mnist";
    private static final String FOLDER = "usr/share/datasets/fashion-mnist";

    @Override
    public String describe() {
        return "Debian package " + PACKAGE;
    }

    @Override
    public boolean canProvide(IdxDataset dataset) {
        return dataset == IdxDataset.FASHION && ClientCommand.onPath("apt-get") && ClientCommand.onPath("dpkg-deb");
    }

    @Override
    public void fetchInto(IdxDataset dataset, Path targetDir) throws IOException {
        Path work = Files.createTempDirectory("cnnlab-apt");
        try {
            // apt-get drops root to the _apt user for downloads; let it write here.
            work.toFile().setWritable(true, false);
            ClientCommand.run("apt-get download " + PACKAGE, work, List.of("apt-get", "download", "-q", PACKAGE));
            Path deb;
            try (var listing = Files.list(work)) {
                deb = listing.filter(p -> p.getFileName().toString().endsWith(".deb")).findFirst()
                        .orElseThrow(() -> new IOException("apt-get download wrote no .deb"));
            }
            Path unpacked = work.resolve("root");
            ClientCommand.run("unpacking " + deb.getFileName(), work,
                    List.of("dpkg-deb", "-x", deb.toString(), unpacked.toString()));
            for (IdxFileSpec spec : dataset.files()) {
                Path source = unpacked.resolve(FOLDER).resolve(spec.name() + ".gz");
                if (!Files.isRegularFile(source)) {
                    throw new IOException(PACKAGE + " has no " + FOLDER + "/" + spec.name() + ".gz");
                }
                Files.copy(source, targetDir.resolve(spec.name() + ".gz"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new IOException(e.getMessage() + " (a fresh machine may need 'apt-get update' first)", e);
        } finally {
            TempFiles.deleteTree(work);
        }
    }
}
