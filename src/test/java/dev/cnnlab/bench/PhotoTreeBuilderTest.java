package dev.cnnlab.bench;

import dev.cnnlab.TestData;
import dev.cnnlab.data.photo.ImageFolder;
import dev.cnnlab.data.photo.LabelledFile;
import dev.cnnlab.data.photo.PhotoScreen;
import dev.cnnlab.runtime.NativeSetup;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A small tree built from the shared photos, as the benchmark builds the full-size one. */
class PhotoTreeBuilderTest {
    private static final int PHOTOS = 60;
    @TempDir
    static Path work;
    private static PhotoTreeBuilder.Tree tree;

    @BeforeAll
    static void build() {
        tree = new PhotoTreeBuilder(TestData.catsDogsDir().resolve("train"), PHOTOS, 7, 2).build(work.resolve("tree"));
    }

    @Test
    void writesEveryFileIntoFourFifthsTrainingAndOneFifthTestFoldersPerClass() throws IOException {
        assertThat(tree.entries()).hasSize(PHOTOS);
        assertThat(tree.count("train", "cat")).isEqualTo(24);
        assertThat(tree.count("train", "dog")).isEqualTo(24);
        assertThat(tree.count("test", "cat")).isEqualTo(6);
        assertThat(tree.count("test", "dog")).isEqualTo(6);
        for (PhotoTreeBuilder.Entry e : tree.entries()) {
            assertThat(e.path()).exists().hasParent(tree.root().resolve(e.split()).resolve(e.label()));
        }
        ImageFolder folder = ImageFolder.scan(tree.root());
        assertThat(folder.classNames()).containsExactly("cat", "dog");
        assertThat(folder.train()).hasSize(48);
        assertThat(folder.test()).hasSize(12);
    }

    @Test
    void holdsAtLeastOneOfEachOddKindAndOnlyReadablePhotosOfAtMost500Pixels() throws IOException {
        assertThat(tree.of(PhotoTreeBuilder.Kind.TRUNCATED)).hasSize(1);
        assertThat(tree.of(PhotoTreeBuilder.Kind.EMPTY)).hasSize(1);
        assertThat(tree.of(PhotoTreeBuilder.Kind.CMYK)).hasSize(1);
        assertThat(Files.size(tree.of(PhotoTreeBuilder.Kind.EMPTY).get(0))).isZero();
        Set<String> sizes = new java.util.HashSet<>();
        for (Path p : tree.of(PhotoTreeBuilder.Kind.PHOTO)) {
            Mat m = opencv_imgcodecs.imread(p.toString(), opencv_imgcodecs.IMREAD_UNCHANGED);
            assertThat(m.empty()).as(p.toString()).isFalse();
            assertThat(m.rows()).as(p.toString()).isBetween(30, PhotoTreeBuilder.MAX_SIDE);
            assertThat(m.cols()).as(p.toString()).isBetween(30, PhotoTreeBuilder.MAX_SIDE);
            sizes.add(m.rows() + "x" + m.cols());
            m.close();
        }
        assertThat(sizes).as("sizes vary").hasSizeGreaterThan(PHOTOS / 2);
    }

    @Test
    void theCmykJpegHasFourComponentsAndOpenCvDecodesItToThreeChannels() throws IOException {
        Path cmyk = tree.of(PhotoTreeBuilder.Kind.CMYK).get(0);
        try (ImageInputStream in = ImageIO.createImageInputStream(cmyk.toFile())) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            reader.setInput(in);
            assertThat(reader.readRaster(0, null).getNumBands()).isEqualTo(4);
            reader.dispose();
        }
        Mat decoded = opencv_imgcodecs.imread(cmyk.toString(), opencv_imgcodecs.IMREAD_COLOR);
        assertThat(decoded.empty()).isFalse();
        assertThat(decoded.channels()).isEqualTo(3);
        decoded.close();
    }

    @Test
    void screeningSkipsExactlyTheTruncatedAndEmptyFiles() {
        ImageFolder folder = ImageFolder.scan(tree.root());
        List<LabelledFile> all = new ArrayList<>(folder.train());
        all.addAll(folder.test());
        PhotoScreen.Result screened = PhotoScreen.screen(all, false, "training");
        assertThat(screened.bad().stream().map(PhotoScreen.BadPhoto::path).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(List.of(tree.of(PhotoTreeBuilder.Kind.TRUNCATED).get(0),
                        tree.of(PhotoTreeBuilder.Kind.EMPTY).get(0)));
        assertThat(screened.bad()).extracting(PhotoScreen.BadPhoto::reason)
                .containsExactlyInAnyOrder("truncated JPEG (no end-of-image marker)", "empty file (0 bytes)");
        assertThat(screened.good()).hasSize(PHOTOS - 2);
    }

    @Test
    void theSameSeedBuildsTheSameBytesOnAnyNumberOfThreads() throws IOException {
        PhotoTreeBuilder.Tree again = new PhotoTreeBuilder(TestData.catsDogsDir().resolve("train"), PHOTOS, 7, 1)
                .build(work.resolve("again"));
        for (int i = 0; i < PHOTOS; i += 7) {
            Path a = tree.entries().get(i).path();
            Path b = again.entries().get(i).path();
            assertThat(tree.root().relativize(a)).isEqualTo(again.root().relativize(b));
            assertThat(Files.readAllBytes(b)).as(a.toString()).isEqualTo(Files.readAllBytes(a));
        }
    }

    @Test
    void summaryNamesTheFolderAndCountsEachKindAndTheFinishedTreeSaysWhatItHolds() throws IOException {
        String s = PhotoTreeCommand.summary(tree, 1.5, 2);
        assertThat(s).contains(tree.root().toString(), "train: cat 24 dog 24", "test: cat 6 dog 6",
                "photos 57, CMYK JPEGs 1, truncated JPEGs 1, empty files 1");
        assertThat(Files.readString(tree.root().resolve(PhotoTreeBuilder.MARKER)))
                .contains("train: cat 24 dog 24", "photos 57, CMYK JPEGs 1");
    }

    /**
     * Run as the benchmark runs it: a JVM of its own with JavaCPP's memory check off, as cnnlab's native set-up
     * leaves it, so nothing but the builder frees the OpenCV images DataVec's transforms make, about a megabyte a
     * photo. 600 files must stay far below what keeping those would take.
     */
    @Test
    void aBuilderJvmFreesEachPhotosImagesAsItsFileIsWritten() throws Exception {
        Path out = work.resolve("more");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + NativeSetup.MAX_PHYSICAL_BYTES_PROPERTY + "=0", "-cp", System.getProperty("java.class.path"),
                PhotoTreeCommand.class.getName(), "--source", TestData.catsDogsDir().resolve("train").toString(),
                "--out", out.toString(), "--photos", "600", "--threads", "2").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(output).isZero();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("peak resident memory: (\\d+) MB").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as("peak resident MB building 600 files").isLessThan(600);
    }
}
