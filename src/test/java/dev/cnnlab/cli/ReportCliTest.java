package dev.cnnlab.cli;

import dev.cnnlab.TestData;
import dev.cnnlab.report.PredictionGrid;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.training.TrainingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code cnnlab report} and {@code cnnlab visualize} as a user runs them, on a tiny real run. */
class ReportCliTest {
    @TempDir
    static Path work;
    private static Path runDir;
    private static Path digit;

    @BeforeAll
    static void trainTinyRun() throws Exception {
        TrainingConfig options = TrainingConfig.defaults();
        options = options.with(Settings.LIMIT, 500);
        options = options.with(Settings.TEST_LIMIT, 200);
        options = options.with(Settings.EPOCHS, 1);
        options = options.with(Settings.PROGRESS, false);
        options = options.with(Settings.OUT, work.resolve("run"));
        options = options.with(Settings.DATA_DIR, TestData.dataDir());
        runDir = new TrainingRun(options).run().runDir();
        digit = work.resolve("seven.png");
        ImageIO.write(PredictionGrid.imageOf(TestData.mnistTest(), 0), "png", digit.toFile());
    }

    @Test
    void reportWritesThePicturesAndTheHtml() throws Exception {
        CliProcess.Result r = CliProcess.run(work, "report", runDir.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("report: " + runDir.resolve("report.html"));
        assertThat(r.stdout().lines().filter(l -> l.startsWith("picture: "))).hasSize(8);
        for (String f : List.of("loss-iterations.png", "loss-epochs.png", "accuracy.png", "confusion.png",
                "recall.png", "predictions.png", "mistakes.png", "filters.png", "report.html")) {
            assertThat(runDir.resolve(f)).isNotEmptyFile();
        }
    }

    @Test
    void visualizeWritesOneGridPerConvolutionAndPoolingLayerAndThePredictions() throws Exception {
        Path out = work.resolve("maps");
        CliProcess.Result r = CliProcess.run(work, "visualize", "--model", runDir.resolve("model.zip").toString(),
                "--image", digit.toString(), "--out", out.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("input.png",
                    "layer-00-convolution.png", "layer-01-pooling.png", "layer-02-convolution.png",
                    "layer-03-pooling.png", "predictions.txt");
        }
        List<String> predictions = Files.readAllLines(out.resolve("predictions.txt"));
        assertThat(predictions).hasSize(3).allMatch(l -> l.matches("\\d [0-9.]+%"));
        assertThat(r.stdout()).contains(digit + ": " + String.join(", ", predictions))
                .contains("20 channels of 24x24").contains("50 channels of 4x4");
        BufferedImage conv = ImageIO.read(out.resolve("layer-00-convolution.png").toFile());
        assertThat(conv.getWidth()).isGreaterThan(300);
    }

    @Test
    void badInputIsOneLineWithAnExitCode() throws Exception {
        Path model = runDir.resolve("model.zip");
        Path out = work.resolve("unused");
        assertFailure(CliProcess.run(work, "visualize", "--model", model.toString(), "--image",
                work.resolve("missing.png").toString(), "--out", out.toString()), "missing.png");
        Path notAnImage = Files.writeString(work.resolve("notes.png"), "hello");
        assertFailure(CliProcess.run(work, "visualize", "--model", model.toString(), "--image",
                notAnImage.toString(), "--out", out.toString()), "notes.png");
        assertFailure(CliProcess.run(work, "visualize", "--model", work.resolve("missing.zip").toString(), "--image",
                digit.toString(), "--out", out.toString()), "missing.zip");
        assertFailure(CliProcess.run(work, "report", work.resolve("no-run").toString()), "no-run");
        CliProcess.Result usage = CliProcess.run(work, "visualize", "--model", model.toString(), "--image", digit.toString());
        assertThat(usage.exitCode()).as(usage.stderr()).isEqualTo(2);
        // Only the error itself starts with "cnnlab"; the launcher may say it restarted the JVM first.
        assertThat(usage.stderrLines().stream().filter(l -> l.startsWith("cnnlab")).toList()).as(usage.stderr())
                .singleElement().asString().contains("--out");
    }

    private static void assertFailure(CliProcess.Result r, String mention) {
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).contains(mention).doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(r.stderrLines().stream().filter(l -> l.startsWith("cnnlab")).count()).as(r.stderr()).isEqualTo(1);
    }
}
