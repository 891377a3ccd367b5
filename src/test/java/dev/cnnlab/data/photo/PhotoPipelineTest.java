package dev.cnnlab.data.photo;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.LabelledImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A generated photo tree with every kind of file found in the real 25,000-photo set: readable oddities are
 * converted, unreadable files are skipped and named (or stop a strict run), and every reader maps labels
 * the same way.
 */
class PhotoPipelineTest {
    @TempDir
    static Path root;
    private static Path grey;
    private static Path cmyk;
    private static Path alpha;
    private static Path tiny;
    private static Path huge;

    @BeforeAll
    static void writeTree() throws Exception {
        Path cat = root.resolve("train/cat");
        Path dog = root.resolve("train/dog");
        PhotoFiles.empty(cat.resolve("a-empty.jpg"));
        PhotoFiles.truncatedJpeg(cat.resolve("b-truncated.jpg"), 1);
        PhotoFiles.text(cat.resolve("c-html.jpg"));
        grey = PhotoFiles.greyJpeg(cat.resolve("d-grey.jpg"), 2);
        cmyk = PhotoFiles.cmykJpeg(cat.resolve("e-cmyk.jpg"), 3);
        alpha = PhotoFiles.alphaPng(cat.resolve("f-alpha.png"), 4);
        tiny = PhotoFiles.jpeg(cat.resolve("g-tiny.jpg"), PhotoFiles.picture(1, 1, 5));
        huge = PhotoFiles.jpeg(cat.resolve("h-huge.jpg"), PhotoFiles.picture(3000, 2000, 6));
        for (int i = 0; i < 4; i++) {
            PhotoFiles.jpeg(dog.resolve("dog" + i + ".jpg"), PhotoFiles.picture(200 + i * 37, 150, 10 + i));
        }
        // The test split has dogs only: a reader inferring labels from it alone would call dog class 0.
        for (int i = 0; i < 2; i++) {
            PhotoFiles.jpeg(root.resolve("test/dog/t" + i + ".jpg"), PhotoFiles.picture(90, 120, 20 + i));
        }
    }

    @Test
    void oneLabelListForTheWholeTreeEvenWhenASplitLacksAClass() {
        ImageFolder folder = ImageFolder.scan(root);
        assertThat(folder.classNames()).containsExactly("cat", "dog");
        assertThat(folder.train()).hasSize(12);
        assertThat(folder.test()).extracting(LabelledFile::label).containsOnly(1);

        LabelledImages test = PhotoLoader.load(folder.test(), folder.classNames(), 32, 32, 3, 2, "test");
        assertThat(test.labels()).containsOnly(1);
        assertThat(test.numClasses()).isEqualTo(2);
    }

    @Test
    void unreadableFilesAreSkippedAndNamedReadableOddFilesPass() {
        ImageFolder folder = ImageFolder.scan(root);
        PhotoScreen.Result r = PhotoScreen.screen(folder.train(), false, "training");
        assertThat(r.bad()).extracting(b -> b.path().getFileName().toString())
                .containsExactly("a-empty.jpg", "b-truncated.jpg", "c-html.jpg");
        assertThat(r.bad()).extracting(PhotoScreen.BadPhoto::reason)
                .containsExactly("empty file (0 bytes)", "truncated JPEG (no end-of-image marker)",
                        "not an image (expected a JPEG, PNG or BMP file)");
        assertThat(r.good()).extracting(LabelledFile::path).contains(grey, cmyk, alpha, tiny, huge);
        assertThat(r.good()).hasSize(9);
    }

    @Test
    void strictStopsAtTheFirstUnreadableFileNamingIt() {
        ImageFolder folder = ImageFolder.scan(root);
        assertThatThrownBy(() -> PhotoScreen.screen(folder.train(), true, "training"))
                .isInstanceOf(CnnlabException.class)
                .hasMessageStartingWith(root.resolve("train/cat/a-empty.jpg") + ": empty file")
                .hasMessageContaining("--strict");
    }

    @Test
    void oddFilesAreConvertedToTheInputShape() {
        List<LabelledFile> odd = List.of(new LabelledFile(grey, 0), new LabelledFile(cmyk, 0),
                new LabelledFile(alpha, 0), new LabelledFile(tiny, 0), new LabelledFile(huge, 0));
        LabelledImages rgb = PhotoLoader.load(odd, List.of("cat", "dog"), 24, 40, 3, 2, "odd");
        assertThat(rgb.count()).isEqualTo(5);
        assertThat(rgb.pixels()).hasSize(5 * 3 * 24 * 40);
        assertThat(rgb.height()).isEqualTo(24);
        assertThat(rgb.width()).isEqualTo(40);
        LabelledImages mono = PhotoLoader.load(odd, List.of("cat", "dog"), 16, 16, 1, 1, "odd");
        assertThat(mono.pixels()).hasSize(5 * 16 * 16);
        // A greyscale photo read as RGB has three equal channels.
        int plane = 24 * 40;
        for (int p = 0; p < plane; p += 97) {
            assertThat(rgb.pixels()[p]).isEqualTo(rgb.pixels()[plane + p]).isEqualTo(rgb.pixels()[2 * plane + p]);
        }
    }

    @Test
    void parallelReadersGiveTheSamePixelsAndLabelsAsOne() {
        ImageFolder folder = ImageFolder.scan(root);
        List<LabelledFile> good = PhotoScreen.screen(folder.train(), false, "training").good();
        LabelledImages one = PhotoLoader.load(good, folder.classNames(), 20, 20, 3, 1, "training");
        LabelledImages three = PhotoLoader.load(good, folder.classNames(), 20, 20, 3, 3, "training");
        assertThat(three.labels()).isEqualTo(one.labels());
        assertThat(three.pixels()).isEqualTo(one.pixels());
        assertThat(one.labels()).containsExactly(0, 0, 0, 0, 0, 1, 1, 1, 1);
    }

    @Test
    void predictionDecodesAPhotoExactlyAsTrainingDid() {
        LabelledImages trained = PhotoLoader.load(List.of(new LabelledFile(huge, 0), new LabelledFile(cmyk, 0)),
                List.of("cat", "dog"), 30, 30, 3, 2, "training");
        for (int k = 0; k < 2; k++) {
            INDArray predicted = new PhotoDecoder(30, 30, 3).decode(k == 0 ? huge : cmyk);
            assertThat(predicted.shape()).containsExactly(1, 3, 30, 30);
            float[] values = predicted.reshape(3 * 30 * 30).toFloatVector();
            for (int i = 0; i < values.length; i++) {
                assertThat(values[i]).isEqualTo((float) (trained.pixels()[k * values.length + i] & 0xff));
            }
        }
        assertThatThrownBy(() -> new PhotoDecoder(30, 30, 3).decode(root.resolve("train/cat/c-html.jpg")))
                .isInstanceOf(CnnlabException.class).hasMessageEndingWith("c-html.jpg: not an image (expected a JPEG, PNG or BMP file)");
    }

    @Test
    void aDatasetSkipsAndCountsUnreadableFilesOrStopsWhenStrict() {
        PhotoDataset.Settings lenient = new PhotoDataset.Settings(16, 16, 3, 0, 0.2, 7, 0, 0, false, 2);
        PhotoDataset d = PhotoDataset.load(root, lenient);
        assertThat(d.skipped()).isEqualTo(3);
        assertThat(d.train().count()).isEqualTo(9);
        assertThat(d.test().count()).isEqualTo(2);
        PhotoDataset.Settings strict = new PhotoDataset.Settings(16, 16, 3, 0, 0.2, 7, 0, 0, true, 2);
        assertThatThrownBy(() -> PhotoDataset.load(root, strict)).isInstanceOf(CnnlabException.class)
                .hasMessageContaining("a-empty.jpg");
    }
}
