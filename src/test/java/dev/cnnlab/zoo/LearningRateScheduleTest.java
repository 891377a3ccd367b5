package dev.cnnlab.zoo;

import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@link LearningRateSchedule}: rates by epoch, DL4J's own schedules in the model's JSON, the defaults. */
class LearningRateScheduleTest {
    private static final double LR = 1e-3;

    @Test
    void theDefaultsBuildTheUpdaterRunsWereBuiltWithBeforeSchedulesCouldBeChosen() {
        assertThat(LearningRateSchedule.EXPONENTIAL.schedule(LR, 1.0, 40, 0)).isNull();
        assertThat(LearningRateSchedule.EXPONENTIAL.schedule(LR, 0.96, 40, 0))
                .isEqualTo(new ExponentialSchedule(ScheduleType.EPOCH, LR, 0.96));
        for (Optimizer optimizer : Optimizer.values()) {
            for (double decay : new double[] {1.0, 0.96}) {
                TrainingConfig c = TrainingConfig.defaults().with(Settings.OPTIMIZER, optimizer).with(Settings.LR_DECAY, decay);
                IUpdater before = optimizer.updater(LR, decay, c.get(Settings.BETA1), c.get(Settings.BETA2));
                assertThat(c.updater()).as("%s at decay %s", optimizer, decay).usingRecursiveComparison()
                        .isEqualTo(before);
            }
        }
    }

    @Test
    void cosineFallsFromTheRateTowardsZeroOncePerEpoch() {
        ISchedule cosine = LearningRateSchedule.COSINE.schedule(LR, 0.5, 4, 0);
        assertThat(cosine.valueAt(0, 0)).isEqualTo(LR);
        assertThat(cosine.valueAt(7, 0)).as("the same all epoch").isEqualTo(LR);
        assertThat(cosine.valueAt(0, 1)).isCloseTo(LR * (1 + Math.sqrt(0.5)) / 2, within(1e-15));
        assertThat(cosine.valueAt(0, 2)).isCloseTo(LR / 2, within(1e-15));
        assertThat(cosine.valueAt(0, 3)).isCloseTo(LR * (1 - Math.sqrt(0.5)) / 2, within(1e-15)).isPositive();
        assertThat(cosine.valueAt(0, 4)).as("past the end").isZero();
    }

    @Test
    void aWarmUpRisesLinearlyThenTheScheduleStartsFromTheFullRate() {
        ISchedule cosine = LearningRateSchedule.COSINE.schedule(LR, 1.0, 5, 3);
        assertThat(cosine.valueAt(0, 0)).isCloseTo(LR / 4, within(1e-15));
        assertThat(cosine.valueAt(0, 1)).isCloseTo(LR / 2, within(1e-15));
        assertThat(cosine.valueAt(0, 2)).isCloseTo(LR * 3 / 4, within(1e-15));
        assertThat(cosine.valueAt(0, 3)).as("cosine over the 2 epochs left").isEqualTo(LR);
        assertThat(cosine.valueAt(0, 4)).isCloseTo(LR / 2, within(1e-15));

        ISchedule exponential = LearningRateSchedule.EXPONENTIAL.schedule(LR, 0.5, 5, 1);
        assertThat(exponential.valueAt(0, 0)).isCloseTo(LR / 2, within(1e-15));
        assertThat(exponential.valueAt(0, 1)).isEqualTo(LR);
        assertThat(exponential.valueAt(0, 3)).isCloseTo(LR / 4, within(1e-15));
        assertThat(LearningRateSchedule.EXPONENTIAL.schedule(LR, 1.0, 5, 2).valueAt(0, 4)).as("constant once warm")
                .isEqualTo(LR);
    }

    @Test
    void aWarmUpLongerThanTheRunStillRisesAndCosineNeverDividesByZero() {
        ISchedule s = LearningRateSchedule.COSINE.schedule(LR, 1.0, 2, 4);
        assertThat(s.valueAt(0, 0)).isCloseTo(LR / 5, within(1e-15));
        assertThat(s.valueAt(0, 1)).isCloseTo(2 * LR / 5, within(1e-15));
    }

    @Test
    void theSchedulesSurviveTheNetworksJsonAsModelFilesAndCheckpointsKeepIt() {
        TrainingConfig c = TrainingConfig.defaults().with(Settings.LR_SCHEDULE, LearningRateSchedule.COSINE)
                .with(Settings.WARMUP_EPOCHS, 2).with(Settings.EPOCHS, 6);
        for (Optimizer optimizer : Optimizer.values()) {
            MultiLayerConfiguration conf = new LeNet().configure(new NetworkSpec(InputShape.MNIST, 10, 42,
                    c.with(Settings.OPTIMIZER, optimizer).updater()));
            String json = conf.toJson();
            if (optimizer != Optimizer.ADAM_PER_BATCH) {
                assertThat(json).as("DL4J's own classes only: any DL4J reads the model").doesNotContain("dev.cnnlab");
            }
            MultiLayerConfiguration read = MultiLayerConfiguration.fromJson(json);
            IUpdater updater = ((BaseLayer) read.getConf(0).getLayer()).getIUpdater();
            for (int epoch = 0; epoch < 7; epoch++) {
                assertThat(updater.getLearningRate(0, epoch)).as("%s, epoch %d", optimizer, epoch)
                        .isEqualTo(c.learningRateSchedule().valueAt(0, epoch));
            }
        }
    }

    @Test
    void onlyTheDefaultGoesOnForEverTheOthersAreRebuiltWhenAResumeRaisesTheEpochs() {
        assertThat(LearningRateSchedule.EXPONENTIAL.spansTheRun(0)).isFalse();
        assertThat(LearningRateSchedule.EXPONENTIAL.spansTheRun(1)).isTrue();
        assertThat(LearningRateSchedule.COSINE.spansTheRun(0)).isTrue();
        ISchedule warm = LearningRateSchedule.EXPONENTIAL.schedule(LR, 0.5, 3, 1);
        assertThat(warm).isInstanceOf(MapSchedule.class);
        assertThat(warm.valueAt(0, 3)).as("the epoch after the last").isCloseTo(LR / 4, within(1e-15));
    }

    @Test
    void namesAreReadInAnyCaseAndAnUnknownOneListsTheChoices() {
        assertThat(LearningRateSchedule.byKey(" Cosine ")).isEqualTo(LearningRateSchedule.COSINE);
        assertThatThrownBy(() -> LearningRateSchedule.byKey("step"))
                .hasMessage("expected one of exponential, cosine, got 'step'");
    }
}
