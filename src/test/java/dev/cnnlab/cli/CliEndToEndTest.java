package dev.cnnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.TestData;
import dev.cnnlab.data.LabelledImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user runs it: a fresh JVM per command, real MNIST. */
class CliEndToEndTest {
    @TempDir
    static Path work;
    private static Path model;
    private static CliProcess.Result train;

    @BeforeAll
    static void trainOnce() throws Exception {
        train = CliProcess.run(work, "train", "--limit", "3000", "--test-limit", "1000", "--epochs", "2",
                "--batch-size", "32", "--out", work.resolve("run").toString());
        model = work.resolve("run").resolve("model.zip");
    }

    @Test
    void trainPrintsTheTestAccuracyAndWritesTheModel() {
        assertThat(train.exitCode()).as(train.stderr()).isZero();
        assertThat(train.stderr()).contains("epoch 2/2").contains("test accuracy").contains("model: ");
        assertThat(model).isNotEmptyFile();
    }

    @Test
    void evaluatePrintsAndSavesTheReport() throws Exception {
        CliProcess.Result r = CliProcess.run(work, "evaluate", "--model", model.toString(), "--limit", "1000");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("top-3 accuracy").contains("confusion matrix").contains("precision");
        JsonNode json = new ObjectMapper().readTree(work.resolve("run/evaluation-mnist.json").toFile());
        assertThat(json.get("images").asInt()).isEqualTo(1000);
        assertThat(json.get("accuracy").asDouble()).isGreaterThan(0.85);
        int sum = 0;
        for (JsonNode row : json.get("confusion_matrix")) {
            for (JsonNode cell : row) {
                sum += cell.asInt();
            }
        }
        assertThat(sum).isEqualTo(1000);
    }

    @Test
    void predictReadsPngsOfAnySizeAndEitherPolarity() throws Exception {
        LabelledImages test = TestData.mnistTest();
        List<String> args = new ArrayList<>(List.of("predict", "--model", model.toString()));
        List<Integer> truth = new ArrayList<>();
        for (int digit = 0; digit < 10; digit++) {
            int index = firstOf(test, digit);
            Path png = work.resolve("digit-" + digit + ".png");
            ImageIO.write(image(test, index, false, 3), "png", png.toFile());
            args.add(png.toString());
            truth.add(digit);
            // The same digit drawn dark on light and larger, as a scan or a drawing would be.
            Path inverted = work.resolve("inverted-" + digit + ".png");
            ImageIO.write(image(test, index, true, 4), "png", inverted.toFile());
            args.add(inverted.toString());
            truth.add(digit);
        }
        CliProcess.Result r = CliProcess.run(work, args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines).hasSize(20);
        int right = 0;
        for (int i = 0; i < lines.size(); i++) {
            assertThat(lines.get(i)).matches(".*\\.png: \\d [0-9.]+%, \\d [0-9.]+%, \\d [0-9.]+%");
            if (lines.get(i).substring(lines.get(i).indexOf(": ") + 2).startsWith(truth.get(i) + " ")) {
                right++;
            }
        }
        assertThat(right).as(r.stdout()).isGreaterThanOrEqualTo(17);
    }

    @Test
    void summaryPrintsLayerShapes() throws Exception {
        CliProcess.Result r = CliProcess.run(work, "summary", "--model", "lenet");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).contains("24x24x20").contains("total parameters: 431,080");
    }

    @Test
    void aRecipeSetsTheNetworkAndSettingsAndFlagsOverrideIt() throws Exception {
        Path out = work.resolve("recipe-run");
        CliProcess.Result r = CliProcess.run(work, "train", "--recipe", "scratch-2conv", "--epochs", "1",
                "--limit", "500", "--test-limit", "200", "--out", out.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        JsonNode config = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertThat(config.get("model").asText()).isEqualTo("scratch-2conv");
        assertThat(config.get("learning_rate").asDouble()).isEqualTo(0.01);
        assertThat(config.get("batch_size").asInt()).isEqualTo(32);
        assertThat(config.get("scaling").asText()).isEqualTo("standardize");
        assertThat(config.get("epochs").asInt()).isEqualTo(1);
        assertThat(config.get("parameters").asLong()).isEqualTo(105_634L);
    }

    @Test
    void recipesListsEveryRecipe() throws Exception {
        CliProcess.Result r = CliProcess.run(work, "recipes", "--results", work.resolve("none.csv").toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("keras-mnist").contains("511,306").contains("99.33%").contains("catsdogs-basic");
    }

    @Test
    void unknownFlagIsOneLineAndExitCodeTwo() throws Exception {
        assertUsageError(CliProcess.run(work, "train", "--epoch", "3"), "--epoch");
    }

    @Test
    void invalidFlagValuesAreOneLineAndExitCodeTwo() throws Exception {
        assertUsageError(CliProcess.run(work, "train", "--epochs", "0"), "--epochs");
        assertUsageError(CliProcess.run(work, "train", "--dataset", "cifar"), "mnist, fashion");
        assertUsageError(CliProcess.run(work, "train", "--batch-size", "many"), "--batch-size");
        assertUsageError(CliProcess.run(work, "train", "--optimizer", "sgd"), "adam, adam-per-batch");
        assertUsageError(CliProcess.run(work, "evaluate"), "--model");
    }

    @Test
    void badFilesAreOneLineAndExitCodeOne() throws Exception {
        Path notAModel = Files.writeString(work.resolve("broken.zip"), "not a zip");
        assertFailure(CliProcess.run(work, "evaluate", "--model", notAModel.toString()), "broken.zip");
        assertFailure(CliProcess.run(work, "predict", "--model", work.resolve("missing.zip").toString(), "x.png"),
                "missing.zip");
        Path notAnImage = Files.writeString(work.resolve("notes.png"), "hello");
        assertFailure(CliProcess.run(work, "predict", "--model", model.toString(), notAnImage.toString()), "notes.png");
    }

    @Test
    void reproduceRefusesAnUnknownAugmentationBeforeTraining() throws Exception {
        // A directory of its own: reproduce writes runs/ under the working directory, which other tests share.
        Path dir = Files.createDirectories(work.resolve("reproduce-bad-augment"));
        Path results = dir.resolve("results.csv");
        CliProcess.Result r = CliProcess.run(dir, "reproduce", "tf-lenet-bn", "--augment", "shift,mirror",
                "--results", results.toString());
        assertFailure(r, "--augment: unknown augmentation 'mirror'");
        assertThat(results).doesNotExist();
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void anInvalidMemoryGuardBudgetIsOneLineNamingTheProperty() throws Exception {
        CliProcess.Result r = CliProcess.start(work, TestData.dataDir(),
                Map.of("JDK_JAVA_OPTIONS", "-Dcnnlab.native-gc-budget-mb=lots"), "recipes").await();
        assertFailure(r, "cnnlab: -Dcnnlab.native-gc-budget-mb: expected a whole number of megabytes (0 for off), got 'lots'");
    }

    @Test
    void aJavaHeapTooSmallForTheDataIsOneLineNamingTheOptionToRaise() throws Exception {
        CliProcess.Result r = CliProcess.start(work, TestData.dataDir(), Map.of("JDK_JAVA_OPTIONS", "-Xmx64m"),
                "train", "--limit", "100", "--epochs", "1", "--out", work.resolve("small-heap").toString()).await();
        assertFailure(r, "cnnlab: out of memory (Java heap space) with a Java heap of at most");
        assertThat(r.stderr()).contains("JAVA_OPTS=-Xmx");
    }

    @Test
    void missingDataNamesTheFetchCommand() throws Exception {
        Path empty = Files.createDirectories(work.resolve("empty-data"));
        CliProcess.Result r = CliProcess.run(work, empty, "train", "--no-fetch", "--out", work.resolve("r2").toString());
        assertFailure(r, "cnnlab fetch mnist");
    }

    private static void assertUsageError(CliProcess.Result r, String mention) {
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderrLines()).as(r.stderr()).hasSize(1);
        assertThat(r.stderr()).contains(mention);
    }

    private static void assertFailure(CliProcess.Result r, String mention) {
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).contains(mention).doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(r.stderrLines().stream().filter(l -> l.startsWith("cnnlab")).count()).isEqualTo(1);
    }

    private static int firstOf(LabelledImages images, int label) {
        for (int i = 0; i < images.count(); i++) {
            if (images.labels()[i] == label) {
                return i;
            }
        }
        throw new IllegalStateException("no " + label);
    }

    private static BufferedImage image(LabelledImages images, int index, boolean invert, int scale) throws IOException {
        int side = images.width();
        BufferedImage img = new BufferedImage(side * scale, side * scale, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < side * scale; y++) {
            for (int x = 0; x < side * scale; x++) {
                int v = images.pixels()[index * side * side + (y / scale) * side + x / scale] & 0xff;
                img.getRaster().setSample(x, y, 0, invert ? 255 - v : v);
            }
        }
        return img;
    }
}
