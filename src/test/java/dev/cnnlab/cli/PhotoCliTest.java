package dev.cnnlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.TestData;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.photo.PhotoDataset;
import dev.cnnlab.evaluation.EvaluationReport;
import dev.cnnlab.evaluation.ModelEvaluator;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.zoo.TestTimeAugmentation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Photos from the command line, as a user runs it: train on a folder that mixes the shared photos with
 * unreadable files, then predict photos of any size.
 */
class PhotoCliTest {
    @TempDir
    static Path work;
    private static Path photos;
    private static CliProcess.Result train;

    @BeforeAll
    static void trainOnce() throws Exception {
        photos = work.resolve("photos");
        for (String label : List.of("cat", "dog")) {
            Path from = TestData.catsDogsDir().resolve("train").resolve(label);
            Path to = Files.createDirectories(photos.resolve(label));
            try (Stream<Path> s = Files.list(from)) {
                // Links, not copies: the photos stay where they are.
                for (Path p : s.sorted().limit(60).toList()) {
                    Files.createSymbolicLink(to.resolve(p.getFileName()), p);
                }
            }
        }
        Files.write(photos.resolve("cat/zero.jpg"), new byte[0]);
        Files.writeString(photos.resolve("dog/page.jpg"), "<html>not a photo</html>");
        train = CliProcess.run(work, "train", "--dataset", "folder:" + photos, "--model", "catsdogs",
                "--image-size", "32x32", "--test-split", "0.25", "--validation-split", "0.2", "--epochs", "1",
                "--batch-size", "16", "--augment", "flip,shift:3,rotate:8", "--tta", "flip", "--out", "run");
    }

    @Test
    void trainSkipsAndNamesUnreadablePhotosAndWritesAModelAndReport() {
        assertThat(train.exitCode()).as(train.stderr()).isZero();
        assertThat(train.stderr()).contains("zero.jpg: empty file", "page.jpg: not an image");
        assertThat(train.stderr()).contains("test accuracy");
        assertThat(work.resolve("run/model.zip")).isNotEmptyFile();
        assertThat(work.resolve("run/report.html")).isNotEmptyFile();
    }

    @Test
    void predictPrintsCatOrDogWithItsProbability() throws Exception {
        Path photo;
        try (Stream<Path> s = Files.list(TestData.catsDogsDir().resolve("test/cat"))) {
            photo = s.sorted().findFirst().orElseThrow();
        }
        CliProcess.Result r = CliProcess.run(work, "predict", "--model", work.resolve("run/model.zip").toString(),
                photo.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout().strip()).matches(".*\\.jpg: (cat|dog) \\d+\\.\\d\\d%, (cat|dog) \\d+\\.\\d\\d%");
    }

    @Test
    void theModelKeepsItsFlipAveragingAndScoresItsTestPhotosAsTrainingDid() throws Exception {
        SavedModel model = ModelFile.load(work.resolve("run/model.zip"));
        assertThat(model.info().testTime()).isEqualTo(TestTimeAugmentation.FLIP);
        assertThat(Files.readString(work.resolve("run/config.json"))).contains("\"tta\" : \"flip\"");

        LabelledImages test = PhotoDataset.loadTest(photos, model.info().classNames(), 32, 32, 3, 0.25, 0, 42);
        EvaluationReport again = ModelEvaluator.evaluate(model, test, "test photos", false);
        Map<?, ?> saved = new ObjectMapper().readValue(work.resolve("run/evaluation.json").toFile(), Map.class);
        assertThat(again.count()).isEqualTo(((Number) saved.get("images")).longValue());
        assertThat(again.accuracy()).isEqualTo(((Number) saved.get("accuracy")).doubleValue());
        assertThat(again.loss()).isCloseTo(((Number) saved.get("loss")).doubleValue(), within(1e-6));
    }

    /** Links the first {@code n} shared test photos of each class into {@code tree/<class>/}. */
    private static Path newPhotos(String tree, int n, String... classes) throws Exception {
        Path root = work.resolve(tree);
        for (String label : classes) {
            Path to = Files.createDirectories(root.resolve(label));
            try (Stream<Path> s = Files.list(TestData.catsDogsDir().resolve("test").resolve(label))) {
                for (Path p : s.sorted().limit(n).toList()) {
                    Files.createSymbolicLink(to.resolve(p.getFileName()), p);
                }
            }
        }
        return root;
    }

    /** The first half of a real photo: libjpeg would decode it, grey below the cut. */
    private static Path truncatedCopy(Path dir) throws Exception {
        Path photo;
        try (Stream<Path> s = Files.list(TestData.catsDogsDir().resolve("test/dog"))) {
            photo = s.sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(photo);
        return Files.write(Files.createDirectories(dir).resolve("truncated.jpg"),
                java.util.Arrays.copyOf(bytes, bytes.length / 2));
    }

    @Test
    void evaluateScoresAFolderOfNewPhotosAndDrawsItsMistakes() throws Exception {
        Path tree = newPhotos("new-photos", 12, "cat", "dog");
        truncatedCopy(tree.resolve("dog"));
        CliProcess.Result r = CliProcess.run(work, "evaluate", "--model", work.resolve("run/model.zip").toString(),
                "--dataset", "folder:" + tree, "--out", "new-eval");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("images 24   accuracy", "precision  recall     F1  images",
                "confusion matrix", "test-time augmentation: flip").doesNotContain("note:");
        assertThat(r.stderr()).contains("truncated.jpg: truncated JPEG");
        Map<?, ?> saved = new ObjectMapper().readValue(work.resolve("new-eval/evaluation-new-photos.json").toFile(),
                Map.class);
        assertThat(((Number) saved.get("images")).intValue()).isEqualTo(24);
        String mistakes = r.stdoutLines().stream().filter(l -> l.startsWith("mistakes: ")).findFirst().orElseThrow();
        if (!mistakes.startsWith("mistakes: none")) {
            assertThat(work.resolve("new-eval/evaluation-new-photos-mistakes.png")).isNotEmptyFile();
        }
    }

    @Test
    void evaluateScoresAFolderThatLacksOneOfTheModelsClassesWithANote() throws Exception {
        Path tree = newPhotos("only-cats", 10, "cat");
        CliProcess.Result r = CliProcess.run(work, "evaluate", "--model", work.resolve("run/model.zip").toString(),
                "--dataset", "folder:" + tree, "--out", "only-cats-eval");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("images 10   accuracy", "note: no photos of class dog in " + tree);
        assertThat(work.resolve("only-cats-eval/evaluation-only-cats.json")).isNotEmptyFile();
    }

    @Test
    void evaluateRefusesAFolderClassTheModelDoesNotKnowInOneLine() throws Exception {
        Path tree = newPhotos("with-birds", 3, "cat");
        Files.createDirectories(tree.resolve("bird"));
        Files.createSymbolicLink(tree.resolve("bird/b.jpg"), Files.list(tree.resolve("cat")).findFirst().orElseThrow());
        CliProcess.Result r = CliProcess.run(work, "evaluate", "--model", work.resolve("run/model.zip").toString(),
                "--dataset", "folder:" + tree);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrLines().stream().filter(l -> l.startsWith("cnnlab")).count()).isEqualTo(1);
        assertThat(r.stderr()).doesNotContain("\tat ").contains("--dataset: " + tree.resolve("bird") + " is a class the model does not know"
                + " (its classes: cat, dog)");
        CliProcess.Result idx = CliProcess.run(work, "evaluate", "--model", work.resolve("run/model.zip").toString(),
                "--dataset", "cifar");
        assertThat(idx.exitCode()).isEqualTo(2);
        assertThat(idx.stderr()).contains("--dataset: expected mnist, fashion or folder:PATH, got 'cifar'");
    }

    @Test
    void predictNamesATruncatedPhotoSkipsItPredictsTheOthersAndExitsNonZero() throws Exception {
        Path truncated = truncatedCopy(work.resolve("to-predict"));
        Path good;
        try (Stream<Path> s = Files.list(TestData.catsDogsDir().resolve("test/cat"))) {
            good = s.sorted().findFirst().orElseThrow();
        }
        CliProcess.Result r = CliProcess.run(work, "predict", "--model", work.resolve("run/model.zip").toString(),
                truncated.toString(), good.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrLines().stream().filter(l -> l.startsWith("cnnlab")).toList()).containsExactly("cnnlab: "
                + truncated + ": truncated JPEG (no end-of-image marker); skipped");
        assertThat(r.stdoutLines()).hasSize(1);
        assertThat(r.stdout()).startsWith(good + ": ").doesNotContain("truncated.jpg");
    }

    @Test
    void anUnknownTestTimeAugmentationIsAOneLineUsageError() throws Exception {
        CliProcess.Result r = CliProcess.run(work, "evaluate", "--model", work.resolve("run/model.zip").toString(),
                "--tta", "crop");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--tta",
                "expected none, or a comma-separated list of flip and centre or centre:N, got 'crop'");
        CliProcess.Result bare = CliProcess.run(work, "evaluate", "--model", work.resolve("run/model.zip").toString(),
                "--tta", "centre");
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.stderr()).contains("--tta", "a saved model does not keep its training crops: give centre:N");
        CliProcess.Result tooMuch = CliProcess.run(work, "evaluate", "--model", work.resolve("run/model.zip").toString(),
                "--tta", "centre:40");
        assertThat(tooMuch.exitCode()).isEqualTo(2);
        assertThat(tooMuch.stderr()).contains("--tta: centre:40 leaves nothing of a ", "image, the model's input");
    }

    @Test
    void strictStopsAtTheFirstUnreadablePhotoInOneLine() throws Exception {
        CliProcess.Result r = CliProcess.run(work, "train", "--dataset", "folder:" + photos, "--model", "catsdogs",
                "--image-size", "32x32", "--strict", "--out", "strict-run");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrLines()).last().asString().contains("cat/zero.jpg: empty file", "--strict");
    }

    @Test
    void badPhotoFlagsAreOneLineUsageErrors() throws Exception {
        CliProcess.Result size = CliProcess.run(work, "train", "--dataset", "folder:" + photos, "--image-size", "big");
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.stderr()).contains("--image-size: expected HxW such as 64x64, got 'big'");
        CliProcess.Result augment = CliProcess.run(work, "train", "--dataset", "folder:" + photos, "--augment", "spin:3");
        assertThat(augment.exitCode()).isEqualTo(2);
        assertThat(augment.stderr()).contains("--augment: unknown augmentation 'spin:3'");
    }
}
