package dev.cnnlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.TestData;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.model.ModelInfo;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.runtime.RecommendedEnvironment;
import dev.cnnlab.runtime.Relauncher;
import dev.cnnlab.training.MetricsHistory;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.training.checkpoint.CheckpointStore;
import dev.cnnlab.training.checkpoint.TrainingPosition;
import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.LeNet;
import dev.cnnlab.zoo.NetworkSpec;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.learning.config.Adam;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * evaluate, predict and train --resume given a truncated zip, a mismatched model or a run that cannot be
 * resumed: one line naming the file or flag, non-zero exit, no stack trace.
 */
class BadModelFilesCliTest {
    @TempDir
    static Path work;
    private static Path truncated;
    private static Path fiveClasses;
    private static Path digit;

    @BeforeAll
    static void files() throws IOException {
        Path good = work.resolve("good.zip");
        ModelFile.save(lenet(10), good);
        byte[] bytes = Files.readAllBytes(good);
        truncated = Files.write(work.resolve("truncated.zip"), Arrays.copyOf(bytes, bytes.length / 2));
        fiveClasses = work.resolve("five.zip");
        ModelFile.save(lenet(5), fiveClasses);
        digit = work.resolve("digit.png");
        ImageIO.write(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY), "png", digit.toFile());
    }

    private static SavedModel lenet(int classes) {
        MultiLayerNetwork net = new MultiLayerNetwork(new LeNet().configure(
                new NetworkSpec(InputShape.MNIST, classes, 1, new Adam(1e-3))));
        net.init();
        List<String> names = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9").subList(0, classes);
        return new SavedModel(net, new ImagePreProcessingScaler(0, 1),
                new ModelInfo("lenet", "mnist", names, InputShape.MNIST, true));
    }

    private static CliProcess.Result cnnlab(String... args) throws Exception {
        Map<String, String> env = new HashMap<>(RecommendedEnvironment.missingHere());
        env.put(Relauncher.NO_RELAUNCH_ENV, "1");
        Path dir = Files.createTempDirectory(work, "cli");
        return CliProcess.start(dir, TestData.dataDir(), env, args).await();
    }

    private static void assertOneLine(CliProcess.Result r, int exitCode, String... parts) {
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(exitCode);
        List<String> errors = r.stderrLines().stream().filter(l -> l.startsWith("cnnlab")).toList();
        assertThat(errors).as(r.stderr()).hasSize(1);
        assertThat(errors.get(0)).contains(parts);
        assertThat(r.stderr()).doesNotContain("\tat ");
    }

    /** A run directory with the default options on 640 images, and the given model as its checkpoint. */
    private static Path runDir(String name, SavedModel model) throws IOException {
        Path run = work.resolve(name);
        TrainingConfig options = TrainingConfig.defaults();
        options = options.with(Settings.LIMIT, 640);
        options = options.with(Settings.TEST_LIMIT, 100);
        Files.createDirectories(run);
        new ObjectMapper().writeValue(run.resolve("config.json").toFile(), options.toMap());
        new CheckpointStore(run, 3).write(model, new TrainingPosition(1, 4, 4), new MetricsHistory(), options.toMap(), 1);
        return run;
    }

    @Test
    void aTruncatedZipIsOneLineForEvaluateAndPredict() throws Exception {
        assertOneLine(cnnlab("evaluate", "--model", truncated.toString()), 1, truncated.toString(), "not a model zip");
        assertOneLine(cnnlab("predict", "--model", truncated.toString(), digit.toString()), 1, truncated.toString());
    }

    @Test
    void aModelWithOtherClassesThanTheDataIsOneLine() throws Exception {
        assertOneLine(cnnlab("evaluate", "--model", fiveClasses.toString(), "--limit", "100"), 1,
                "10 classes, but the model has 5");
    }

    @Test
    void resumeRefusesCorruptMismatchedAndConflictingRuns() throws Exception {
        Path corrupt = runDir("corrupt", lenet(10));
        Path only = new CheckpointStore(corrupt, 3).files().get(0);
        byte[] bytes = Files.readAllBytes(only);
        Files.write(only, Arrays.copyOf(bytes, bytes.length / 3));
        assertOneLine(cnnlab("train", "--resume", corrupt.toString()), 2, "--resume", "no loadable checkpoint");

        Path mismatched = runDir("mismatched", lenet(5));
        assertOneLine(cnnlab("train", "--resume", mismatched.toString(), "--no-report"), 1, "--resume",
                "5 classes, but the data has", "10 classes");

        Path good = runDir("good", lenet(10));
        assertOneLine(cnnlab("train", "--resume", good.toString(), "--lr", "0.5"), 2, "--lr", "0.001");
        assertOneLine(cnnlab("train", "--resume", work.toString()), 2, "--resume", "not a run directory");
    }

    @Test
    void anOutputDirectoryThatCannotBeCreatedIsReportedAtOnce() throws Exception {
        Path file = Files.writeString(work.resolve("a-file"), "x");
        assertOneLine(cnnlab("train", "--limit", "640", "--out", file.resolve("run").toString()), 1, "--out",
                file.toString());
    }
}
