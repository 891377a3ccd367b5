package dev.cnnlab.training;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.TestData;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link LabelSmoothing} and {@link Settings#LABEL_SMOOTHING}: smoothed targets in the training batches only, on
 * real MNIST images, in plain, split-batch and data-parallel training; 0 trains exactly as before.
 */
class LabelSmoothingTest {
    @TempDir
    Path dir;

    private TrainingConfig smallRun(double smoothing, String name) {
        TrainingConfig o = TrainingConfig.defaults();
        o = o.with(Settings.LIMIT, 512);
        o = o.with(Settings.TEST_LIMIT, 64);
        o = o.with(Settings.EPOCHS, 1);
        o = o.with(Settings.BATCH_SIZE, 32);
        o = o.with(Settings.LABEL_SMOOTHING, smoothing);
        o = o.with(Settings.PROGRESS, false);
        o = o.with(Settings.OUT, dir.resolve(name));
        o = o.with(Settings.DATA_DIR, TestData.dataDir());
        return o;
    }

    /** The least cross-entropy any output can reach against smoothed targets: their own entropy. */
    private static double entropyOfTargets(double f, int classes) {
        double on = 1 - f + f / classes;
        double off = f / classes;
        return -on * Math.log(on) - (classes - 1) * off * Math.log(off);
    }

    private static List<Double> iterationLosses(Path runDir) throws IOException {
        return Files.readAllLines(runDir.resolve("iterations.csv")).stream().skip(1)
                .map(line -> Double.parseDouble(line.split(",")[2])).toList();
    }

    @Test
    void smoothsEachRowAndKeepsItsSum() {
        DataSet batch = new DataSet(Nd4j.zeros(2, 3), Nd4j.createFromArray(new float[][] {{0, 1, 0, 0}, {1, 0, 0, 0}}));
        new LabelSmoothing(0.2).preProcess(batch);
        assertThat(batch.getLabels().toFloatMatrix()).isEqualTo(new float[][] {{0.05f, 0.85f, 0.05f, 0.05f},
                {0.85f, 0.05f, 0.05f, 0.05f}});
        assertThatThrownBy(() -> new LabelSmoothing(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LabelSmoothing(1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsFactorsOutsideZeroToOneNamingTheSetting() {
        for (double bad : new double[] {-0.1, 1.0, Double.NaN}) {
            assertThatThrownBy(() -> TrainingConfig.defaults().with(Settings.LABEL_SMOOTHING, bad).validate())
                    .isInstanceOf(CnnlabException.class)
                    .hasMessage("label_smoothing: expected a fraction in [0, 1), got " + bad);
        }
    }

    @Test
    void onlyTheTrainingBatchesHaveSmoothedTargetsAlsoAfterAResumeSetsTheNormaliser() {
        TrainingConfig options = smallRun(0.1, "data").with(Settings.VALIDATION_SPLIT, 0.25);
        TrainingData data = TrainingData.load(TestData.store(), options);
        for (TrainingData d : List.of(data, data.withNormalizer(data.normalizer()))) {
            d.train().reset();
            DataSet batch = d.train().next();
            float[] row = batch.getLabels().toFloatMatrix()[0];
            assertThat(row).hasSize(10).containsOnlyOnce(row[batch.getLabels().argMax(1).getInt(0)]);
            assertThat(batch.getLabels().max(1).toDoubleVector()).containsOnly(new double[] {0.91}, within(1e-6));
            assertThat(batch.getLabels().min(1).toDoubleVector()).containsOnly(new double[] {0.01}, within(1e-6));
            assertThat(batch.getLabels().sum(1).toDoubleVector()).containsOnly(new double[] {1}, within(1e-6));
            assertThat(batch.getFeatures().maxNumber().doubleValue()).as("still scaled").isLessThanOrEqualTo(1);
            for (var it : List.of(d.eval(), d.test(), d.trainSample())) {
                it.reset();
                INDArray labels = it.next().getLabels();
                assertThat(labels.toFloatMatrix()[0]).containsOnly(1f, 0f);
            }
        }
        assertThat(TrainingData.load(TestData.store(), smallRun(0, "none")).train().getPreProcessor())
                .as("no smoothing: the normaliser alone, as before").isInstanceOf(
                        org.nd4j.linalg.dataset.api.preprocessor.DataNormalization.class);
    }

    @Test
    void theNetworkTrainsAgainstSmoothedTargetsAndZeroTrainsExactlyAsWithout() throws IOException {
        double f = 0.5;
        double floor = entropyOfTargets(f, 10);
        List<Double> without = iterationLosses(new TrainingRun(smallRun(0, "zero")).run().runDir());
        TrainingConfig unset = smallRun(0, "unset").with(Settings.LABEL_SMOOTHING, Settings.LABEL_SMOOTHING.defaultValue());
        assertThat(iterationLosses(new TrainingRun(unset).run().runDir())).isEqualTo(without);
        assertThat(without).as("one-hot targets: the loss falls below the smoothed targets' floor").anyMatch(l -> l < floor);

        // Cross-entropy against a target never falls below the target's entropy: every loss above that floor shows
        // each path (the batch split on 2 or more cores, plain DL4J, data-parallel workers) saw the smoothed targets.
        for (TrainingConfig smoothed : List.of(smallRun(f, "split"), smallRun(f, "plain").with(Settings.PLAIN_DL4J, true),
                smallRun(f, "workers").with(Settings.WORKERS, 2))) {
            List<Double> losses = iterationLosses(new TrainingRun(smoothed).run().runDir());
            assertThat(losses).isNotEmpty().allSatisfy(l -> assertThat(l).isGreaterThanOrEqualTo(floor - 1e-4));
        }
    }
}
