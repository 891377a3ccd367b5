package dev.cnnlab.cli;

import dev.cnnlab.TestData;
import dev.cnnlab.bench.PhotoTreeBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --photo-cache disk} from the command line: a short run on a small built tree (truncated, empty and CMYK
 * JPEGs among its photos) streams its photos from disk, says so, and trains, evaluates and saves as a cached run does.
 */
class PhotoCacheCliTest {
    @TempDir
    static Path work;
    private static Path tree;
    private static CliProcess.Result train;

    @BeforeAll
    static void trainOnce() throws Exception {
        tree = new PhotoTreeBuilder(TestData.catsDogsDir().resolve("train"), 80, 3, 2).build(work.resolve("tree"))
                .root();
        train = CliProcess.run(work, "train", "--dataset", "folder:" + tree, "--model", "catsdogs",
                "--image-size", "32x32", "--epochs", "1", "--batch-size", "16", "--augment", "flip,crop:3",
                "--scaling", "standardize", "--photo-cache", "disk", "--out", "run");
    }

    @Test
    void aDiskRunStreamsItsPhotosSaysSoAndTrains() throws Exception {
        assertThat(train.exitCode()).as(train.stderr()).isZero();
        assertThat(train.stderr()).contains("decoded cache: 78 photos x 32x32x3",
                "streaming from disk, decoding each batch's photos (--photo-cache disk)",
                "training photos from disk as batches asked for them", "screened 64 training photos in",
                "first training batch done", "truncated JPEG", "empty file", "test accuracy");
        assertThat(train.stderr()).doesNotContain("decoded and resized 62 training photos");
        assertThat(work.resolve("run/model.zip")).isNotEmptyFile();
        // How the pixels are held changes nothing that is trained: the run does not record it.
        assertThat(Files.readString(work.resolve("run/config.json"))).doesNotContain("photo_cache");
    }

    @Test
    void anUnknownModeIsOneLineNamingTheFlag() throws Exception {
        CliProcess.Result r = CliProcess.run(work, "train", "--dataset", "folder:" + tree, "--photo-cache", "ram",
                "--out", "bad");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stderr().strip()).contains("--photo-cache", "expected auto, memory or disk, got 'ram'")
                .doesNotContain("\n").doesNotContain("Exception");
    }
}
