package dev.cnnlab.data.store;

import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.progress.ProgressBars;
import me.tongfei.progressbar.ProgressBar;
import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.datasets.base.MnistFetcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;

/**
 * MNIST through DL4J's own downloader, when its download server answers. DL4J has no Fashion-MNIST.
 */
public final class Dl4jDownloadSource extends Dl4jCacheSource {
    private static final int PROBE_TIMEOUT_MS = 3000;

    @Override
    public String describe() {
        return "DL4J's download from " + DL4JResources.getBaseDownloadURL();
    }

    @Override
    public boolean canProvide(IdxDataset dataset) {
        return dataset == IdxDataset.MNIST && online();
    }

    @Override
    public void fetchInto(IdxDataset dataset, Path targetDir) throws IOException {
        try (ProgressBar bar = ProgressBars.start("DL4J download of MNIST", -1, "")) {
            new MnistFetcher().downloadAndUntar();
        }
        copyAll(dataset, cacheDir(), targetDir);
    }

    /** DL4J's own downloader waits minutes on a dead network: probe its host first. */
    private static boolean online() {
        try {
            URI uri = URI.create(DL4JResources.getBaseDownloadURL());
            int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(uri.getHost(), port), PROBE_TIMEOUT_MS);
                return true;
            }
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
