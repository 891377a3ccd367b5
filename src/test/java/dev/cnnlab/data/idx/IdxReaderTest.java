package dev.cnnlab.data.idx;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.TestData;
import dev.cnnlab.data.LabelledImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsTheRealMnistFiles() {
        LabelledImages train = TestData.mnistTrain();
        LabelledImages test = TestData.mnistTest();
        assertThat(train.count()).isEqualTo(60_000);
        assertThat(test.count()).isEqualTo(10_000);
        assertThat(train.height()).isEqualTo(28);
        assertThat(train.width()).isEqualTo(28);
        // Well-known first labels of MNIST: a 5 opens the training set, a 7 the test set.
        assertThat(train.labels()[0]).isEqualTo(5);
        assertThat(test.labels()[0]).isEqualTo(7);
        int[] perClass = new int[10];
        for (int label : train.labels()) {
            perClass[label]++;
        }
        assertThat(perClass[1]).isEqualTo(6742);
        assertThat(Arrays.stream(perClass).sum()).isEqualTo(60_000);
    }

    @Test
    void readsTheRealGzippedFashionFiles() {
        LabelledImages fashion = TestData.store().test(IdxDataset.FASHION);
        assertThat(fashion.count()).isEqualTo(10_000);
        assertThat(fashion.classNames()).contains("Ankle boot");
        // Fashion-MNIST's test set is balanced: 1,000 of each class.
        assertThat(Arrays.stream(fashion.labels()).filter(l -> l == 9).count()).isEqualTo(1000);
    }

    @Test
    void readsGzippedAndPlainCopiesAlike() throws IOException {
        byte[] plain = idx(IdxFileSpec.LABELS_MAGIC, new int[] {3}, new byte[] {1, 2, 3});
        Path a = write("labels", plain);
        Path b = dir.resolve("labels.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(b))) {
            out.write(plain);
        }
        IdxFileSpec spec = new IdxFileSpec("labels", false, 3, IdxReader.sha256(plain));
        assertThat(IdxReader.readLabels(a, spec)).containsExactly(1, 2, 3);
        assertThat(IdxReader.readLabels(b, spec)).containsExactly(1, 2, 3);
    }

    @Test
    void rejectsAWrongMagicNumber() throws IOException {
        Path f = write("images", idx(IdxFileSpec.LABELS_MAGIC, new int[] {1, 1, 1}, new byte[1]));
        assertThatThrownBy(() -> IdxReader.readImages(f, unchecked(true)))
                .isInstanceOf(CnnlabException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("wrong magic number");
    }

    @Test
    void rejectsATruncatedFile() throws IOException {
        byte[] whole = idx(IdxFileSpec.IMAGES_MAGIC, new int[] {2, 2, 2}, new byte[8]);
        Path f = write("images", Arrays.copyOf(whole, whole.length - 3));
        assertThatThrownBy(() -> IdxReader.readImages(f, unchecked(true)))
                .isInstanceOf(CnnlabException.class)
                .hasMessageContaining(f.toString()).hasMessageContaining("truncated");
    }

    @Test
    void rejectsAFileShorterThanItsHeader() throws IOException {
        Path f = write("labels", new byte[] {0, 0, 8});
        assertThatThrownBy(() -> IdxReader.readLabels(f, unchecked(false)))
                .isInstanceOf(CnnlabException.class).hasMessageContaining("truncated");
    }

    @Test
    void rejectsATruncatedGzipStream() throws IOException {
        Path gz = dir.resolve("labels.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(idx(IdxFileSpec.LABELS_MAGIC, new int[] {1000}, new byte[1000]));
        }
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> IdxReader.readLabels(gz, unchecked(false)))
                .isInstanceOf(CnnlabException.class).hasMessageContaining(gz.toString());
    }

    @Test
    void rejectsAChecksumMismatch() throws IOException {
        byte[] bytes = idx(IdxFileSpec.LABELS_MAGIC, new int[] {2}, new byte[] {1, 2});
        Path f = write("labels", bytes);
        IdxFileSpec spec = new IdxFileSpec("labels", false, 2, "00".repeat(32));
        assertThatThrownBy(() -> IdxReader.readLabels(f, spec))
                .isInstanceOf(CnnlabException.class)
                .hasMessageContaining("checksum mismatch").hasMessageContaining(IdxReader.sha256(bytes));
    }

    @Test
    void rejectsAnUnexpectedItemCount() throws IOException {
        Path f = write("labels", idx(IdxFileSpec.LABELS_MAGIC, new int[] {2}, new byte[] {1, 2}));
        IdxFileSpec spec = new IdxFileSpec("labels", false, 3, null);
        assertThatThrownBy(() -> IdxReader.readLabels(f, spec)).hasMessageContaining("holds 2 items, expected 3");
    }

    @Test
    void rejectsImageAndLabelCountsThatDiffer() {
        IdxReader.Images images = new IdxReader.Images(2, 1, 1, new byte[] {0, 1});
        assertThatThrownBy(() -> LabelledImages.of(images, new byte[] {1, 2, 3}, java.util.List.of("a", "b", "c", "d"),
                "labels-file"))
                .isInstanceOf(CnnlabException.class).hasMessageContaining("labels-file").hasMessageContaining("3 labels for 2 images");
    }

    @Test
    void rejectsALabelOutsideTheClasses() {
        IdxReader.Images images = new IdxReader.Images(1, 1, 1, new byte[] {0});
        assertThatThrownBy(() -> LabelledImages.of(images, new byte[] {12}, java.util.List.of("a", "b"), "labels-file"))
                .isInstanceOf(CnnlabException.class).hasMessageContaining("label 12");
    }

    @Test
    void reportsAMissingFile() {
        Path f = dir.resolve("nothing-here");
        assertThatThrownBy(() -> IdxReader.readLabels(f, unchecked(false)))
                .isInstanceOf(CnnlabException.class).hasMessageContaining("no such file");
    }

    private static IdxFileSpec unchecked(boolean images) {
        return new IdxFileSpec("test", images, 0, null);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    static byte[] idx(int magic, int[] dims, byte[] body) {
        ByteBuffer buf = ByteBuffer.allocate(4 + 4 * dims.length + body.length);
        buf.putInt(magic);
        for (int d : dims) {
            buf.putInt(d);
        }
        buf.put(body);
        return buf.array();
    }
}
