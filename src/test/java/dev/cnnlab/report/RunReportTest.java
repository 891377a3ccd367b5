package dev.cnnlab.report;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.TestData;
import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.evaluation.EvaluationReport;
import dev.cnnlab.evaluation.ModelEvaluator;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.training.TrainingResult;
import dev.cnnlab.training.TrainingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.ConfusionMatrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The report of a tiny real run: LeNet, 500 MNIST training images, 200 test images, one epoch. */
class RunReportTest {
    private static final List<String> PICTURES = List.of("loss-iterations.png", "loss-epochs.png", "accuracy.png",
            "confusion.png", "recall.png", "predictions.png", "mistakes.png", "filters.png");
    private static final int TEST_IMAGES = 200;

    @TempDir
    static Path dir;
    private static TrainingResult run;
    private static RunReport.Output report;

    @BeforeAll
    static void trainAndReport() {
        TrainingConfig options = TrainingConfig.defaults();
        options = options.with(Settings.LIMIT, 500);
        options = options.with(Settings.TEST_LIMIT, TEST_IMAGES);
        options = options.with(Settings.EPOCHS, 1);
        options = options.with(Settings.PROGRESS, false);
        options = options.with(Settings.OUT, dir.resolve("run"));
        options = options.with(Settings.DATA_DIR, TestData.dataDir());
        run = new TrainingRun(options).run();
        report = RunReport.write(run.runDir(), TestData.dataDir());
    }

    @Test
    void writesEveryPictureReadableSizedAndNotBlank() throws IOException {
        assertThat(report.pictures().keySet()).containsExactlyElementsOf(PICTURES);
        for (String chart : List.of("loss-iterations.png", "loss-epochs.png", "accuracy.png", "recall.png")) {
            PngAssert.readNotBlank(run.runDir().resolve(chart), Charts.WIDTH, Charts.HEIGHT);
        }
        for (Map.Entry<String, Path> e : report.pictures().entrySet()) {
            assertThat(e.getValue()).isEqualTo(run.runDir().resolve(e.getKey()));
            PngAssert.readNotBlank(e.getValue());
        }
        TileGrid filters = FilterTiles.firstLayer(run.model().network()).orElseThrow();
        assertThat(filters.tiles()).hasSize(20);
        PngAssert.readNotBlank(run.runDir().resolve("filters.png"), filters.width(), filters.height());
    }

    @Test
    void predictionGridShowsTheFirstTestImagesWithTheModelsPredictions() throws IOException {
        SavedModel model = ModelFile.load(run.modelFile());
        TestPredictions p = TestPredictions.of(model, TestData.mnistTest().limit(TEST_IMAGES));
        TileGrid grid = PredictionGrid.layout("t", p.first(RunReport.GRID_IMAGES), model.info().classNames());
        assertThat(grid.tiles()).hasSize(32);
        assertThat(grid.columns()).isEqualTo(8);
        PngAssert.readNotBlank(run.runDir().resolve("predictions.png"), grid.width(), grid.height());
        // The grid's mistakes are the evaluation's: the same model on the same images.
        assertThat(p.count() - p.mistakes()).isEqualTo((int) Math.round(run.test().accuracy() * TEST_IMAGES));
        List<PredictionGrid.Sample> mistakes = p.surestMistakes(RunReport.MISTAKE_IMAGES);
        assertThat(mistakes).isNotEmpty().allMatch(PredictionGrid.Sample::wrong);
        assertThat(mistakes).isSortedAccordingTo((a, b) -> Double.compare(b.probability(), a.probability()));
    }

    @Test
    void confusionHeatmapCountsSumToTheImagesAndMatchDl4jsEvaluation() {
        RunFiles files = RunFiles.read(run.runDir());
        ConfusionHeatmap heatmap = new ConfusionHeatmap(files.confusion(), files.classNames(), "test images");
        assertThat(heatmap.total()).isEqualTo(TEST_IMAGES);
        // Evaluated again, independently of the run's evaluation.json.
        EvaluationReport again = ModelEvaluator.evaluate(ModelFile.load(run.modelFile()),
                TestData.mnistTest().limit(TEST_IMAGES), "mnist test", false);
        ConfusionMatrix<Integer> dl4j = again.evaluation().getConfusionMatrix();
        for (int a = 0; a < 10; a++) {
            for (int p = 0; p < 10; p++) {
                assertThat(heatmap.count(a, p)).as("cell %d,%d", a, p).isEqualTo(dl4j.getCount(a, p));
            }
        }
        assertThat(heatmap.accuracy()).isEqualTo(again.accuracy());
        assertThat(heatmap.cellSize()).isPositive();
    }

    @Test
    void htmlEmbedsEveryPictureAndShowsConfigurationAndMetrics() throws IOException {
        String html = Files.readString(report.html(), StandardCharsets.UTF_8);
        assertThat(report.html()).isEqualTo(run.runDir().resolve("report.html"));
        for (String name : PICTURES) {
            String uri = Pictures.dataUri(Files.readAllBytes(run.runDir().resolve(name)));
            assertThat(html).as(name + " embedded").contains(uri);
        }
        assertThat(html).contains("<h2>Configuration</h2>").contains("learning_rate").contains("0.001")
                .contains("Metrics per epoch").contains("test accuracy").contains("lenet")
                // Self-contained: nothing fetched from elsewhere.
                .doesNotContain("src=\"http").doesNotContain("<script").doesNotContain("<link");
        assertThat(html).contains(String.format(java.util.Locale.ROOT, "%.2f%%", 100 * run.test().accuracy()));
    }

    @Test
    void rejectsDirectoriesThatAreNotFinishedRuns() throws IOException {
        assertThatThrownBy(() -> RunReport.write(dir.resolve("nope"), null)).isInstanceOf(CnnlabException.class)
                .hasMessageContaining("nope").hasMessageContaining("no such run directory");
        Path half = Files.createDirectories(dir.resolve("half"));
        Files.copy(run.runDir().resolve("config.json"), half.resolve("config.json"));
        assertThatThrownBy(() -> RunReport.write(half, null)).isInstanceOf(CnnlabException.class)
                .hasMessageContaining("metrics.json");
    }

    @Test
    void reportStillWrittenWithoutTheTestImages() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("copy"));
        for (String f : List.of("config.json", "metrics.json", "evaluation.json", "model.zip")) {
            Files.copy(run.runDir().resolve(f), copy.resolve(f));
        }
        // A data directory without MNIST and a fetcher that is never reached: the dataset name is unknown.
        String config = Files.readString(copy.resolve("config.json")).replace("\"dataset\" : \"mnist\"",
                "\"dataset\" : \"cats-dogs\"");
        Files.writeString(copy.resolve("config.json"), config);
        RunReport.Output out = RunReport.write(copy, dir.resolve("no-data"));
        assertThat(out.pictures()).doesNotContainKeys("predictions.png", "mistakes.png").containsKey("confusion.png");
        assertThat(out.notes()).anyMatch(n -> n.contains("cats-dogs"));
        assertThat(Files.readString(out.html())).contains("Left out").contains("cats-dogs");
        assertThat(IdxDataset.byKey("cats-dogs")).isEmpty();
    }
}
