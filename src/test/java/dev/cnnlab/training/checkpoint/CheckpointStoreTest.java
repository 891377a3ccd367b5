package dev.cnnlab.training.checkpoint;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.model.ModelInfo;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.training.MetricsHistory;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.LeNet;
import dev.cnnlab.zoo.NetworkSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.learning.config.Adam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CheckpointStoreTest {
    private static SavedModel model;

    @TempDir
    Path run;

    @BeforeAll
    static void model() {
        MultiLayerNetwork net = new MultiLayerNetwork(new LeNet().configure(
                new NetworkSpec(InputShape.MNIST, 10, 1, new Adam(1e-3))));
        net.init();
        model = new SavedModel(net, new ImagePreProcessingScaler(0, 1), new ModelInfo("lenet", "mnist",
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), InputShape.MNIST, true));
    }

    private static MetricsHistory history(int iterations) {
        MetricsHistory h = new MetricsHistory();
        for (int i = 0; i < iterations; i++) {
            h.add(new MetricsHistory.IterationLoss(i, 1, 2.3 - i * 0.01));
        }
        h.add(new MetricsHistory.EpochMetrics(1, 2.0, 0.5, 1.9, 0.55, "test", 3.5, 640));
        return h;
    }

    @Test
    void keepsTheNewestAndReadsBackPositionHistoryAndOptions() {
        CheckpointStore store = new CheckpointStore(run, 3);
        for (int it : new int[] {5, 10, 15, 20}) {
            store.write(model, new TrainingPosition(1, it, it), history(it), TrainingConfig.defaults().toMap(), it);
        }
        assertThat(store.files()).extracting(p -> p.getFileName().toString())
                .containsExactly("checkpoint-0000020.zip", "checkpoint-0000015.zip", "checkpoint-0000010.zip");
        Checkpoint latest = store.latest().orElseThrow();
        assertThat(latest.position()).isEqualTo(new TrainingPosition(1, 20, 20));
        assertThat(latest.history().iterations()).isEqualTo(history(20).iterations());
        assertThat(latest.history().epochs()).isEqualTo(history(20).epochs());
        assertThat(latest.options()).containsEntry("learning_rate", 1e-3).containsEntry("dataset", "mnist");
        assertThat(latest.model().network().params()).isEqualTo(model.network().params());
        assertThat(latest.model().network().getUpdater().getStateViewArray())
                .isEqualTo(model.network().getUpdater().getStateViewArray());
    }

    @Test
    void skipsACorruptNewestCheckpointAndCleansLeftovers() throws IOException {
        CheckpointStore store = new CheckpointStore(run, 3);
        store.write(model, new TrainingPosition(1, 5, 5), history(5), TrainingConfig.defaults().toMap(), 5);
        Path newest = store.write(model, new TrainingPosition(1, 9, 9), history(9), TrainingConfig.defaults().toMap(), 9);
        byte[] bytes = Files.readAllBytes(newest);
        Files.write(newest, Arrays.copyOf(bytes, bytes.length / 2));
        Path leftover = Files.writeString(store.dir().resolve("checkpoint-0000013.zip123.part"), "half");
        assertThat(store.latest().orElseThrow().position().iteration()).isEqualTo(5);
        store.removeLeftovers();
        assertThat(leftover).doesNotExist();
    }

    @Test
    void aPlainModelIsNoCheckpoint() {
        Path plain = run.resolve("model.zip");
        ModelFile.save(model, plain);
        assertThatThrownBy(() -> CheckpointStore.read(plain)).isInstanceOf(CnnlabException.class)
                .hasMessageContaining(plain.toString()).hasMessageContaining("cnnlab-checkpoint");
        assertThat(new CheckpointStore(run, 3).latest()).isEmpty();
    }

    @Test
    void scheduleCountsIterationsAndMinutes() {
        CheckpointSchedule every5 = new CheckpointSchedule(5, 0, 3);
        assertThat(every5.due(4, Long.MAX_VALUE)).isFalse();
        assertThat(every5.due(5, 0)).isTrue();
        CheckpointSchedule tenMinutes = CheckpointSchedule.DEFAULT;
        assertThat(tenMinutes.due(1_000_000, 599_000_000_000L)).isFalse();
        assertThat(tenMinutes.due(1, 600_000_000_000L)).isTrue();
        assertThat(tenMinutes.due(0, 600_000_000_000L)).isFalse();
        assertThatThrownBy(() -> new CheckpointSchedule(0, 10, 0)).hasMessageStartingWith("checkpoints kept: expected at least 1");
        assertThatThrownBy(() -> new CheckpointSchedule(-1, 10, 3)).hasMessageStartingWith("checkpoints every so many iterations");
    }

    @Test
    void aDiskWithoutRoomIsReportedBeforeTraining() {
        long zip = RunDirectoryCheck.modelBytes(model.network());
        // LeNet's 431,080 parameters and Adam's two moments per parameter, in floats.
        assertThat(zip).isGreaterThan(3 * 431_080 * 4L);
        long needed = RunDirectoryCheck.requiredBytes(zip, 3);
        assertThatThrownBy(() -> RunDirectoryCheck.requireSpace(run, needed, needed - 1))
                .isInstanceOf(CnnlabException.class).hasMessageStartingWith(run + ": the run directory has ")
                .hasMessageContaining("MB free").hasMessageContaining("keep fewer checkpoints");
        RunDirectoryCheck.requireSpace(run, needed, needed);
    }
}
