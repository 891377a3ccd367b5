package dev.cnnlab.training;

import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.CnnlabException;
import dev.cnnlab.TestData;
import dev.cnnlab.model.ModelFile;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link TrainingConfig#lrDecay}: checked, kept in config.json, and decaying DL4J's learning rate per epoch. */
class LearningRateDecayTest {
    @TempDir
    Path dir;

    private TrainingConfig smallRun(double lrDecay, int epochs, String name) {
        TrainingConfig o = TrainingConfig.defaults();
        o = o.with(Settings.LIMIT, 256);
        o = o.with(Settings.TEST_LIMIT, 64);
        o = o.with(Settings.EPOCHS, epochs);
        o = o.with(Settings.BATCH_SIZE, 64);
        o = o.with(Settings.LR_DECAY, lrDecay);
        o = o.with(Settings.PROGRESS, false);
        o = o.with(Settings.OUT, dir.resolve(name));
        o = o.with(Settings.DATA_DIR, TestData.dataDir());
        return o;
    }

    private static double learningRateOf(Path modelFile) {
        MultiLayerNetwork network = ModelFile.load(modelFile).network();
        return network.getLearningRate(0);
    }

    @Test
    void rejectsFactorsOutsideZeroToOneNamingTheSetting() {
        for (double bad : new double[] {0, -0.5, 1.01, Double.NaN}) {
            TrainingConfig o = TrainingConfig.defaults();
            o = o.with(Settings.LR_DECAY, bad);
            assertThatThrownBy(o::validate).isInstanceOf(CnnlabException.class)
                    .hasMessage("lr_decay: expected a factor in (0, 1], got " + bad);
        }
        TrainingConfig ok = TrainingConfig.defaults();
        ok = ok.with(Settings.LR_DECAY, 0.9);
        ok.validate();
        ok = ok.with(Settings.LR_DECAY, 1.0);
        ok.validate();
    }

    @Test
    void roundTripsThroughTheConfigMapAndDefaultsToConstantForOlderRuns() {
        TrainingConfig o = TrainingConfig.defaults();
        o = o.with(Settings.LR_DECAY, 0.93);
        assertThat(o.toMap()).containsEntry("lr_decay", 0.93);
        assertThat(TrainingConfig.fromMap(o.toMap()).get(Settings.LR_DECAY)).isEqualTo(0.93);
        Map<String, Object> older = new LinkedHashMap<>(o.toMap());
        older.remove("lr_decay");
        assertThat(TrainingConfig.fromMap(older).get(Settings.LR_DECAY)).isEqualTo(1.0);
        assertThat(TrainingConfig.defaults().get(Settings.LR_DECAY)).isEqualTo(1.0);
    }

    @Test
    void theRateDecaysOncePerEpochAndAResumedRunContinuesTheSchedule() {
        // Two epochs at decay 0.5: DL4J's epoch counter has advanced twice, so the next epoch's rate is 1e-3 * 0.5^2.
        TrainingResult two = new TrainingRun(smallRun(0.5, 2, "two")).run();
        assertThat(two.model().network().getLayerWiseConfigurations().getEpochCount()).isEqualTo(2);
        assertThat(two.model().network().getLearningRate(0)).isCloseTo(2.5e-4, within(1e-12));
        assertThat(learningRateOf(two.modelFile())).isCloseTo(2.5e-4, within(1e-12));

        // The same decay reached by one epoch and a resume to the second: the schedule picks up where it was.
        TrainingResult one = new TrainingRun(smallRun(0.5, 1, "resumed")).run();
        assertThat(one.model().network().getLearningRate(0)).isCloseTo(5e-4, within(1e-12));
        TrainingResult resumed = ResumedRun.to(one.runDir(), 2);
        assertThat(resumed.model().network().getLayerWiseConfigurations().getEpochCount()).isEqualTo(2);
        assertThat(resumed.model().network().getLearningRate(0)).isCloseTo(2.5e-4, within(1e-12));
    }

    @Test
    void aConstantRateStaysPut() {
        TrainingResult constant = new TrainingRun(smallRun(1.0, 2, "constant")).run();
        assertThat(constant.model().network().getLearningRate(0)).isCloseTo(1e-3, within(1e-12));
    }
}
