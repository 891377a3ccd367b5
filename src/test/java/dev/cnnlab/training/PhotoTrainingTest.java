package dev.cnnlab.training;

import dev.cnnlab.config.DatasetSource;
import dev.cnnlab.config.ImageSize;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.TestData;
import dev.cnnlab.data.Scaling;
import dev.cnnlab.inference.Predictor;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.report.RunReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catsdogs network, trained briefly at 32x32 on the 2,560 shared training photos (flipped at random), scores
 * clearly above chance on the 640 held-out test photos.
 */
class PhotoTrainingTest {
    @TempDir
    static Path dir;
    private static TrainingResult result;

    @BeforeAll
    static void train() {
        TrainingConfig options = TrainingConfig.defaults();
        options = options.with(Settings.DATASET, DatasetSource.parse("folder:" + TestData.catsDogsDir()));
        options = options.with(Settings.MODEL, "catsdogs");
        options = options.with(Settings.IMAGE_SIZE, new ImageSize(32, 32));
        options = options.with(Settings.EPOCHS, 4);
        options = options.with(Settings.LEARNING_RATE, 2e-3);
        options = options.with(Settings.BATCH_SIZE, 32);
        options = options.with(Settings.SCALING, Scaling.STANDARDIZE);
        options = options.with(Settings.AUGMENT, "flip");
        options = options.with(Settings.PROGRESS, false);
        options = options.with(Settings.OUT, dir.resolve("run"));
        result = new TrainingRun(options).run();
    }

    @Test
    void scoresClearlyAboveChanceOnHeldOutPhotos() {
        assertThat(result.test().count()).isEqualTo(640);
        // Chance is 50%; with 640 photos, 60% is five standard deviations above it.
        assertThat(result.test().accuracy()).isGreaterThanOrEqualTo(0.60);
    }

    @Test
    void itsReportHasPredictionGridsOfTestPhotos() {
        RunReport.Output report = RunReport.write(result.runDir(), null);
        assertThat(report.pictures()).containsKeys("predictions.png", "confusion.png", "filters.png");
        assertThat(report.notes()).noneMatch(n -> n.startsWith("Prediction grids"));
    }

    @Test
    void theSavedModelDescribesAPhotoModelAndPredictsAPhoto() throws Exception {
        SavedModel model = ModelFile.load(result.modelFile());
        assertThat(model.info().classNames()).containsExactly("cat", "dog");
        assertThat(model.info().input().channels()).isEqualTo(3);
        assertThat(model.info().lightOnDark()).isFalse();
        assertThat(model.normalizer()).isNotNull();
        Path photo;
        try (Stream<Path> s = Files.list(TestData.catsDogsDir().resolve("test/dog"))) {
            photo = s.sorted().findFirst().orElseThrow();
        }
        var p = new Predictor(model).predict(photo, 2);
        assertThat(p.top()).hasSize(2);
        assertThat(p.top().get(0).probability() + p.top().get(1).probability()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    }
}
