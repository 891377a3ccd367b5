package dev.cnnlab.training;

import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.CnnlabException;
import dev.cnnlab.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * LeNet on 4,000 real MNIST images, 2 epochs, on one worker and on two ParallelWrapper workers, both tested on the
 * same 1,000 real test images.
 */
class ParallelTrainingTest {
    @TempDir
    static Path dir;
    private static TrainingResult single;
    private static TrainingResult parallel;

    @BeforeAll
    static void train() {
        single = new TrainingRun(options(1)).run();
        parallel = new TrainingRun(options(2)).run();
    }

    private static TrainingConfig options(int workers) {
        TrainingConfig options = TrainingConfig.defaults();
        options = options.with(Settings.LIMIT, 4000);
        options = options.with(Settings.TEST_LIMIT, 1000);
        options = options.with(Settings.EPOCHS, 2);
        options = options.with(Settings.BATCH_SIZE, 32);
        options = options.with(Settings.WORKERS, workers);
        options = options.with(Settings.PROGRESS, false);
        options = options.with(Settings.OUT, dir.resolve("workers-" + workers));
        options = options.with(Settings.DATA_DIR, TestData.dataDir());
        return options;
    }

    @Test
    void twoWorkersReachTheSameAccuracyBandAsOne() {
        assertThat(single.test().count()).isEqualTo(1000);
        assertThat(parallel.test().count()).isEqualTo(1000);
        assertThat(single.test().accuracy()).isGreaterThanOrEqualTo(0.93);
        assertThat(parallel.test().accuracy()).isGreaterThanOrEqualTo(0.93);
        assertThat(Math.abs(parallel.test().accuracy() - single.test().accuracy())).isLessThanOrEqualTo(0.03);
    }

    @Test
    void everyBatchIsTrainedAndRecordedOnce() {
        // 4,000 images in batches of 32: 125 iterations per epoch, split between the two workers.
        assertThat(parallel.history().iterations()).hasSize(250);
        assertThat(parallel.history().epochs().get(1).trainLoss())
                .isLessThan(parallel.history().epochs().get(0).trainLoss());
    }

    @Test
    void rejectsZeroWorkers() {
        TrainingConfig options = options(0);
        assertThatThrownBy(options::validate).isInstanceOf(CnnlabException.class)
                .hasMessage("workers: expected a whole number from 1 to 64, got 0");
    }
}
