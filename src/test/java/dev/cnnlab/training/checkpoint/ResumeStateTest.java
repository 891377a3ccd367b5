package dev.cnnlab.training.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.CnnlabException;
import dev.cnnlab.model.ModelInfo;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.training.MetricsHistory;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.LeNet;
import dev.cnnlab.zoo.NetworkSpec;
import dev.cnnlab.zoo.TestTimeAugmentation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.learning.config.Adam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@code --resume} accepts: a run directory whose checkpoint was written by the same run. */
class ResumeStateTest {
    @TempDir
    Path dir;

    private static SavedModel model() {
        MultiLayerNetwork net = new MultiLayerNetwork(new LeNet().configure(
                new NetworkSpec(InputShape.MNIST, 10, 1, new Adam(1e-3))));
        net.init();
        return new SavedModel(net, new ImagePreProcessingScaler(0, 1), new ModelInfo("lenet", "mnist",
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), InputShape.MNIST, true));
    }

    private Path run(Map<String, Object> config, Map<String, Object> checkpointOptions) throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        new ObjectMapper().writeValue(run.resolve("config.json").toFile(), config);
        new CheckpointStore(run, 1).write(model(), new TrainingPosition(1, 4, 4), new MetricsHistory(), checkpointOptions, 3);
        return run;
    }

    @Test
    void aRunFromBeforeAnOptionExistedResumesWithTheOptionsDefault() throws IOException {
        Map<String, Object> older = TrainingConfig.defaults().toMap();
        older.remove("tta");

        ResumeState state = ResumeState.open(run(older, older));

        assertThat(state.options().get(Settings.TEST_TIME)).isEqualTo(TestTimeAugmentation.NONE);
        assertThat(state.checkpoint().seconds()).isEqualTo(3.0);
    }

    @Test
    void aCheckpointOfAnotherRunIsRefusedNamingTheOption() throws IOException {
        Map<String, Object> config = TrainingConfig.defaults().toMap();
        TrainingConfig other = TrainingConfig.defaults();
        other = other.with(Settings.SEED, 7);
        Path run = run(config, other.toMap());

        assertThatThrownBy(() -> ResumeState.open(run)).isInstanceOf(CnnlabException.class)
                .hasMessageContaining("was written with seed = 7 but config.json says 42; refusing to mix two runs");
    }
}
