package dev.cnnlab.training.checkpoint;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.model.ModelInfo;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.training.MetricsHistory;
import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.LeNet;
import dev.cnnlab.zoo.NetworkSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.learning.config.Adam;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run directory written by an earlier release still resumes: its {@code config.json} (the fixture under
 * {@code runs/mnist-lenet}, written by {@code cnnlab train --limit 600 --test-limit 100 --epochs 1}) is read back
 * into the same settings, and written again with the same values.
 */
class ReleasedRunResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static Map<String, Object> releasedConfig() throws IOException {
        try (InputStream in = ReleasedRunResumeTest.class.getResourceAsStream("/runs/mnist-lenet/config.json")) {
            return JSON.readValue(in, new TypeReference<>() { });
        }
    }

    private static SavedModel model() {
        MultiLayerNetwork net = new MultiLayerNetwork(new LeNet().configure(
                new NetworkSpec(InputShape.MNIST, 10, 42, new Adam(1e-3))));
        net.init();
        return new SavedModel(net, new ImagePreProcessingScaler(0, 1), new ModelInfo("lenet", "mnist",
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), InputShape.MNIST, true));
    }

    /** Settings declared after the release the fixture comes from, with the value such a run trained with. */
    private static final Map<String, Object> ADDED_SINCE = Map.of("plain_dl4j", false, "lr_schedule", "exponential",
            "warmup_epochs", 0, "label_smoothing", 0.0);

    @Test
    void aReleasedRunDirectoryResumesWithItsOwnSettings() throws IOException {
        Map<String, Object> released = releasedConfig();
        Path run = Files.createDirectories(dir.resolve("run"));
        Files.writeString(run.resolve("config.json"), JSON.writeValueAsString(released));
        new CheckpointStore(run, 1).write(model(), new TrainingPosition(1, 4, 4), new MetricsHistory(), released, 3);

        ResumeState state = ResumeState.open(run);

        Map<String, Object> reread = state.options().toMap();
        assertThat(reread).containsEntry("dataset", "mnist").containsEntry("model", "lenet")
                .containsEntry("epochs", 1).containsEntry("limit", 600).containsEntry("test_limit", 100)
                .containsEntry("seed", 42L).containsEntry("learning_rate", 0.001).containsEntry("split_batch", true);
        reread.forEach((key, value) -> assertThat(ResumeState.sameValue(value, released.getOrDefault(key,
                        ADDED_SINCE.get(key))))
                .as("setting %s: written %s, read back %s", key, released.get(key), value).isTrue());
        assertThat(state.runDir()).isEqualTo(run);
    }
}
