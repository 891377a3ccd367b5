package dev.cnnlab.data.store;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.TestData;
import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.idx.IdxFileSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetFetcherTest {
    @TempDir
    Path dataDir;

    /** Copies the real files from the tests' data directory, optionally corrupting one byte of each. */
    private record CopySource(String name, boolean corrupt, List<String> calls) implements DataSource {
        @Override
        public String describe() {
            return name;
        }

        @Override
        public boolean canProvide(IdxDataset dataset) {
            return true;
        }

        @Override
        public void fetchInto(IdxDataset dataset, Path targetDir) throws IOException {
            calls.add(name);
            IdxDatasetFiles real = TestData.store().files(dataset);
            TestData.store().test(dataset); // make sure the real copy exists
            for (IdxFileSpec spec : dataset.files()) {
                Path source = real.require(spec);
                Path target = targetDir.resolve(source.getFileName());
                Files.copy(source, target);
                if (corrupt && !source.toString().endsWith(".gz")) {
                    byte[] bytes = Files.readAllBytes(target);
                    bytes[bytes.length - 1] ^= 1;
                    Files.write(target, bytes);
                }
            }
        }
    }

    @Test
    void fallsThroughToTheNextSourceWhenChecksumsFail() {
        List<String> calls = new ArrayList<>();
        DatasetFetcher fetcher = new DatasetFetcher(List.of(new CopySource("bad mirror", true, calls),
                new CopySource("good mirror", false, calls)));
        IdxDatasetFiles files = IdxDatasetFiles.in(IdxDataset.MNIST, dataDir);
        assertThat(fetcher.ensure(files)).isTrue();
        assertThat(calls).containsExactly("bad mirror", "good mirror");
        files.verify();
        assertThat(fetcher.ensure(files)).isFalse();
        assertThat(calls).hasSize(2);
    }

    @Test
    void failsNamingEverySourceAndLeavesNoBadFiles() {
        List<String> calls = new ArrayList<>();
        DatasetFetcher fetcher = new DatasetFetcher(List.of(new CopySource("bad mirror", true, calls)));
        IdxDatasetFiles files = IdxDatasetFiles.in(IdxDataset.MNIST, dataDir);
        assertThatThrownBy(() -> fetcher.ensure(files)).isInstanceOf(CnnlabException.class)
                .hasMessageContaining("bad mirror").hasMessageContaining("checksum mismatch");
        assertThat(files.allPresent()).isFalse();
        assertThat(IdxDataset.MNIST.files()).allSatisfy(spec -> assertThat(files.locate(spec)).isEmpty());
    }

    @Test
    void aMissingDatasetWithoutFetchingNamesTheFetchCommand() {
        IdxDatasetStore store = new IdxDatasetStore(dataDir, null);
        assertThatThrownBy(() -> store.test(IdxDataset.FASHION)).isInstanceOf(CnnlabException.class)
                .hasMessageContaining("cnnlab fetch fashion");
    }
}
