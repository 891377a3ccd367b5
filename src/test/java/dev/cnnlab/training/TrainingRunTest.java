package dev.cnnlab.training;

import dev.cnnlab.config.InvalidSettingException;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.CnnlabException;
import dev.cnnlab.TestData;
import dev.cnnlab.acceleration.layers.BlasDenseLayer;
import dev.cnnlab.acceleration.layers.BlasOutputLayer;
import dev.cnnlab.acceleration.layers.FirstLayerConvolutionHelper;
import dev.cnnlab.acceleration.layers.InPlaceBackpropReLU;
import dev.cnnlab.acceleration.split.SplitBatchMultiLayerNetwork;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.runtime.NativeSetup;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LeNet on 6,000 real MNIST training images, tested on 1,000 real test images. */
class TrainingRunTest {
    @TempDir
    static Path dir;
    private static TrainingResult result;

    @BeforeAll
    static void train() {
        TrainingConfig options = TrainingConfig.defaults();
        options = options.with(Settings.LIMIT, 6000);
        options = options.with(Settings.TEST_LIMIT, 1000);
        options = options.with(Settings.EPOCHS, 3);
        options = options.with(Settings.BATCH_SIZE, 32);
        options = options.with(Settings.PROGRESS, false);
        options = options.with(Settings.OUT, dir.resolve("run"));
        options = options.with(Settings.DATA_DIR, TestData.dataDir());
        result = new TrainingRun(options).run();
    }

    @Test
    void reachesNinetyFivePercentOnRealTestDigits() {
        assertThat(result.test().count()).isEqualTo(1000);
        assertThat(result.test().accuracy()).isGreaterThanOrEqualTo(0.95);
        assertThat(result.history().epochs()).hasSize(3);
        assertThat(result.history().epochs().get(2).trainLoss())
                .isLessThan(result.history().epochs().get(0).trainLoss());
    }

    @Test
    void trainsWithTheBackpropShortcuts() throws IOException {
        MultiLayerNetwork network = result.model().network();
        assertThat(network.getLayerWiseConfigurations().getCacheMode()).isEqualTo(CacheMode.DEVICE);
        assertThat(((BaseLayer) network.getLayer(0).conf().getLayer()).getActivationFn())
                .isInstanceOf(InPlaceBackpropReLU.class);
        // saved as DL4J's own ReLU, so that any DL4J loads the model
        MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(result.runDir().resolve("model.zip").toFile());
        assertThat(((BaseLayer) saved.getLayer(0).conf().getLayer()).getActivationFn())
                .isExactlyInstanceOf(ActivationReLU.class);
        assertThat(BlasDenseLayer.count(network)).as("dense layers on OpenBLAS directly").isPositive();
        assertThat(BlasOutputLayer.count(network)).as("output layer's forward product on OpenBLAS").isOne();
        assertThat(saved.getLayers()).noneMatch(BlasDenseLayer.class::isInstance)
                .noneMatch(BlasOutputLayer.class::isInstance);
        // Batches of 32 are trained in parts, one per core, when there are several; the saved model is DL4J's own.
        if (NativeSetup.openMpThreads() >= 2) {
            assertThat(network).isInstanceOf(SplitBatchMultiLayerNetwork.class);
            assertThat(BlasDenseLayer.count(((SplitBatchMultiLayerNetwork) network).replicas().get(0)))
                    .as("the copy that computes the second part has the shortcuts too").isPositive();
        }
        assertThat(saved.getClass()).isEqualTo(MultiLayerNetwork.class);
        // The first-layer shortcut replaces the oneDNN helper, which portable natives (no AVX-512) do not have.
        if (NativeSetup.loadedNativesVariant().orElse("").contains("onednn")) {
            assertThat(network.getLayer(0).getHelper()).isInstanceOf(FirstLayerConvolutionHelper.class);
        }
    }

    @Test
    void writesTheRunDirectory() throws IOException {
        for (String f : new String[] {"model.zip", "metrics.json", "iterations.csv", "evaluation.json", "config.json",
                "train.log"}) {
            assertThat(result.runDir().resolve(f)).isNotEmptyFile();
        }
        JsonNode metrics = new ObjectMapper().readTree(result.runDir().resolve("metrics.json").toFile());
        assertThat(metrics.get("epochs")).hasSize(3);
        assertThat(metrics.get("epochs").get(2).get("trainAccuracy").asDouble()).isBetween(0.9, 1.0);
        // 6,000 images in batches of 32: 188 iterations per epoch.
        assertThat(metrics.get("iterations")).hasSize(564);
        assertThat(Files.readAllLines(result.runDir().resolve("iterations.csv"))).hasSize(565);
        JsonNode config = new ObjectMapper().readTree(result.runDir().resolve("config.json").toFile());
        assertThat(config.get("parameters").asLong()).isEqualTo(431_080);
        assertThat(config.get("learning_rate").asDouble()).isEqualTo(1e-3);
        assertThat(config.get("split_batch").asBoolean()).isTrue();
        assertThat(Files.readString(result.runDir().resolve("train.log"))).contains("epoch 3/3");
    }

    @Test
    void saveThenLoadPredictsIdentically() {
        SavedModel loaded = ModelFile.load(result.modelFile());
        INDArray raw = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 1, 28, 28).muli(255);
        INDArray a = raw.dup();
        INDArray b = raw.dup();
        result.model().normalizer().transform(a);
        loaded.normalizer().transform(b);
        assertThat(loaded.network().output(b, false)).isEqualTo(result.model().network().output(a, false));
        assertThat(loaded.info().classNames()).hasSize(10);
        assertThat(loaded.network().getUpdater().getStateViewArray())
                .isEqualTo(result.model().network().getUpdater().getStateViewArray());
    }

    @Test
    void theSameSeedGivesTheSameAccuracy() {
        double[] accuracy = new double[2];
        for (int i = 0; i < 2; i++) {
            TrainingConfig options = TrainingConfig.defaults();
            options = options.with(Settings.LIMIT, 2000);
            options = options.with(Settings.TEST_LIMIT, 1000);
            options = options.with(Settings.EPOCHS, 1);
            options = options.with(Settings.PROGRESS, false);
            options = options.with(Settings.SEED, 11);
            options = options.with(Settings.OUT, dir.resolve("seed-" + i));
            options = options.with(Settings.DATA_DIR, TestData.dataDir());
            accuracy[i] = new TrainingRun(options).run().test().accuracy();
        }
        assertThat(Math.abs(accuracy[0] - accuracy[1])).isLessThanOrEqualTo(0.001);
    }

    @Test
    void recipesCarryTheirTutorialSettings() throws IOException {
        TrainingConfig options = dev.cnnlab.zoo.Recipes.require("scratch-2conv").config();
        assertThat(options.get(Settings.LEARNING_RATE)).isEqualTo(0.01);
        assertThat(options.get(Settings.BETA1)).isEqualTo(0.95);
        assertThat(options.get(Settings.BETA2)).isEqualTo(0.99);
        assertThat(options.get(Settings.BATCH_SIZE)).isEqualTo(32);
        assertThat(options.get(Settings.EPOCHS)).isEqualTo(2);
        assertThat(options.get(Settings.SCALING)).isEqualTo(dev.cnnlab.data.Scaling.STANDARDIZE);
        TrainingConfig photos = dev.cnnlab.zoo.Recipes.require("catsdogs-basic").config();
        assertThat(photos.photos()).isEqualTo("cats-dogs");
        assertThat(photos.get(Settings.IMAGE_SIZE).height()).isEqualTo(300);
        assertThat(photos.get(Settings.IMAGE_SIZE).width()).isEqualTo(300);
        assertThat(photos.get(Settings.CHANNELS)).isEqualTo(3);
        assertThat(photos.get(Settings.VALIDATION_SPLIT)).isEqualTo(0.3);
        assertThat(photos.get(Settings.BATCH_SIZE)).isEqualTo(128);
    }

    @Test
    void rejectsBadOptionsNamingTheSetting() {
        TrainingConfig options = TrainingConfig.defaults().with(Settings.LEARNING_RATE, -1);
        assertThatThrownBy(() -> new TrainingRun(options)).isInstanceOf(InvalidSettingException.class)
                .hasMessage("learning_rate: expected a positive number, got -1.0");
        TrainingConfig zoo = TrainingConfig.defaults().with(Settings.MODEL, "no-such-net")
                .with(Settings.OUT, dir.resolve("unused"));
        assertThatThrownBy(() -> new TrainingRun(zoo).run()).isInstanceOf(CnnlabException.class)
                .hasMessageStartingWith("model: expected one of lenet,").hasMessageEndingWith("got no-such-net");
    }
}
