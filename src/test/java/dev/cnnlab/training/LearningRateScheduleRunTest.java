package dev.cnnlab.training;

import dev.cnnlab.TestData;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.training.checkpoint.ResumeState;
import dev.cnnlab.zoo.LearningRateSchedule;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.schedule.ISchedule;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@link Settings#LR_SCHEDULE} and {@link Settings#WARMUP_EPOCHS} in real runs on MNIST images, and on resume. */
class LearningRateScheduleRunTest {
    private static final double LR = 1e-3;

    @TempDir
    Path dir;

    /** The learning rate DL4J's updater reads in each epoch (from 1), as the first layer's updater has it. */
    private static final class RatesByEpoch extends BaseTrainingListener {
        final Map<Integer, Double> rates = new TreeMap<>();

        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            rates.putIfAbsent(epoch + 1, ((MultiLayerNetwork) model).getLearningRate(0));
        }
    }

    private TrainingConfig cosineRun(int epochs, String name) {
        TrainingConfig o = TrainingConfig.defaults();
        o = o.with(Settings.LIMIT, 256);
        o = o.with(Settings.TEST_LIMIT, 64);
        o = o.with(Settings.EPOCHS, epochs);
        o = o.with(Settings.BATCH_SIZE, 64);
        o = o.with(Settings.LR_SCHEDULE, LearningRateSchedule.COSINE);
        o = o.with(Settings.WARMUP_EPOCHS, 1);
        o = o.with(Settings.PROGRESS, false);
        o = o.with(Settings.OUT, dir.resolve(name));
        o = o.with(Settings.DATA_DIR, TestData.dataDir());
        return o;
    }

    @Test
    void eachEpochTrainsAtItsScheduledRateAndAResumedRunContinuesTheCurve() {
        RatesByEpoch straight = new RatesByEpoch();
        TrainingConfig four = cosineRun(4, "straight");
        new TrainingRun(four).addListener(straight).run();
        ISchedule schedule = four.learningRateSchedule();
        assertThat(straight.rates).containsOnlyKeys(1, 2, 3, 4);
        straight.rates.forEach((epoch, rate) -> assertThat(rate).as("epoch %d", epoch)
                .isCloseTo(schedule.valueAt(0, epoch - 1), within(1e-12)));
        assertThat(straight.rates.get(1)).as("warm-up").isCloseTo(LR / 2, within(1e-12));
        assertThat(straight.rates.get(2)).as("cosine from the full rate").isCloseTo(LR, within(1e-12));

        // Two epochs of a four-epoch run, then the rest from the checkpoint: the same rates as the run in one go.
        TrainingResult first = new TrainingRun(cosineRun(4, "resumed").with(Settings.EPOCHS, 2)).run();
        assertThat(ModelFile.load(first.modelFile()).network().getLayerWiseConfigurations().getEpochCount()).isEqualTo(2);
        ResumeState state = ResumeState.open(first.runDir());
        TrainingConfig rest = state.options().with(Settings.EPOCHS, 4).with(Settings.PROGRESS, false)
                .with(Settings.DATA_DIR, TestData.dataDir());
        RatesByEpoch resumed = new RatesByEpoch();
        new TrainingRun(rest).resumeFrom(state).addListener(resumed).run();
        assertThat(resumed.rates).containsOnlyKeys(3, 4);
        resumed.rates.forEach((epoch, rate) -> assertThat(rate).as("resumed epoch %d", epoch)
                .isCloseTo(straight.rates.get(epoch), within(1e-12)));
    }
}
