package dev.cnnlab.training;

import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.TestData;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.training.checkpoint.ResumeState;
import dev.cnnlab.zoo.Optimizer;
import dev.cnnlab.zoo.PerBatchAdam;
import dev.cnnlab.zoo.Recipes;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link TrainingConfig#optimizer}: the recipe's choice reaches the network, its zip, config.json and a resume. */
class OptimizerRunTest {
    @TempDir
    Path dir;

    private static PerBatchAdam updaterOf(MultiLayerNetwork network) {
        return (PerBatchAdam) ((BaseLayer) network.getLayer(0).conf().getLayer()).getIUpdater();
    }

    @Test
    void scratchTwoConvTrainsSavesAndResumesWithTheTutorialsAdam() {
        TrainingConfig o = Recipes.require("scratch-2conv").config();
        assertThat(o.get(Settings.OPTIMIZER)).isEqualTo(Optimizer.ADAM_PER_BATCH);
        o = o.with(Settings.EPOCHS, 1);
        o = o.with(Settings.LIMIT, 640);
        o = o.with(Settings.TEST_LIMIT, 200);
        o = o.with(Settings.PROGRESS, false);
        o = o.with(Settings.OUT, dir.resolve("run"));
        o = o.with(Settings.DATA_DIR, TestData.dataDir());
        TrainingResult first = new TrainingRun(o).run();
        // 20 batches: far from trained, but well above the 10% of guessing.
        assertThat(first.test().accuracy()).isGreaterThan(0.3);

        // DL4J reads the updater back from the zip's JSON by class name, with the recipe's settings.
        assertThat(updaterOf(ModelFile.load(first.modelFile()).network())).isEqualTo(new PerBatchAdam(0.01, 0.95, 0.99));
        assertThat(ResumeState.open(first.runDir()).options().get(Settings.OPTIMIZER)).isEqualTo(Optimizer.ADAM_PER_BATCH);

        TrainingResult resumed = ResumedRun.to(first.runDir(), 2);
        assertThat(resumed.model().network().getLayerWiseConfigurations().getEpochCount()).isEqualTo(2);
        assertThat(updaterOf(resumed.model().network())).isEqualTo(new PerBatchAdam(0.01, 0.95, 0.99));
    }

    @Test
    void runsSavedBeforeTheOptionExistedTrainedWithAdam() {
        TrainingConfig o = TrainingConfig.defaults();
        o = o.with(Settings.OPTIMIZER, Optimizer.ADAM_PER_BATCH);
        assertThat(o.toMap()).containsEntry("optimizer", "adam-per-batch");
        assertThat(TrainingConfig.fromMap(o.toMap()).get(Settings.OPTIMIZER)).isEqualTo(Optimizer.ADAM_PER_BATCH);
        Map<String, Object> older = new LinkedHashMap<>(o.toMap());
        older.remove("optimizer");
        assertThat(TrainingConfig.fromMap(older).get(Settings.OPTIMIZER)).isEqualTo(Optimizer.ADAM);
    }
}
