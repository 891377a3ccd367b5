package dev.cnnlab.model;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.LeNet;
import dev.cnnlab.zoo.NetworkSpec;
import dev.cnnlab.zoo.TestTimeAugmentation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelFileTest {
    @TempDir
    Path dir;

    private static SavedModel smallModel() {
        MultiLayerNetwork net = new MultiLayerNetwork(new LeNet().configure(
                new NetworkSpec(InputShape.MNIST, 10, 1, new Adam(1e-3))));
        net.init();
        return new SavedModel(net, new ImagePreProcessingScaler(0, 1),
                new ModelInfo("lenet", "mnist", List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                        InputShape.MNIST, true));
    }

    @Test
    void roundTripsNetworkNormaliserAndInfo() {
        SavedModel model = smallModel();
        Path file = dir.resolve("m.zip");
        ModelFile.save(model, file);
        SavedModel loaded = ModelFile.load(file);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28);
        assertThat(loaded.network().output(x)).isEqualTo(model.network().output(x));
        assertThat(loaded.normalizer()).isInstanceOf(ImagePreProcessingScaler.class);
        assertThat(loaded.info()).isEqualTo(model.info());
        assertThat(dir.toFile().list()).containsExactly("m.zip");
    }

    @Test
    void keepsHowTheModelIsScored() {
        SavedModel plain = smallModel();
        SavedModel flipped = new SavedModel(plain.network(), plain.normalizer(),
                plain.info().withTestTime(TestTimeAugmentation.FLIP));
        Path file = dir.resolve("m.zip");
        ModelFile.save(flipped, file);
        SavedModel loaded = ModelFile.load(file);
        assertThat(loaded.info().testTime()).isEqualTo(TestTimeAugmentation.FLIP);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 1, 28, 28);
        assertThat(loaded.output(x)).isEqualTo(TestTimeAugmentation.FLIP.output(plain.network(), x));
    }

    /** A zip as an older cnnlab wrote it: its info's JSON by hand, ending in {@code more}. */
    private Path olderZip(SavedModel model, String more) throws IOException {
        Path file = dir.resolve("old.zip");
        ModelSerializer.writeModel(model.network(), file.toFile(), true);
        ModelSerializer.addNormalizerToModel(file.toFile(), model.normalizer());
        ModelSerializer.addObjectToFile(file.toFile(), ModelFile.INFO_KEY, "{\"architecture\":\"lenet\",\"dataset\":\"mnist\","
                + "\"classNames\":[\"0\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"],"
                + "\"input\":{\"height\":28,\"width\":28,\"channels\":1},\"lightOnDark\":true" + more + "}");
        return file;
    }

    @Test
    void keepsACentreCutAndReadsTheOlderUpperCaseNames() throws IOException {
        SavedModel plain = smallModel();
        TestTimeAugmentation centred = TestTimeAugmentation.byKey("flip,centre:3");
        Path file = dir.resolve("m.zip");
        ModelFile.save(new SavedModel(plain.network(), plain.normalizer(), plain.info().withTestTime(centred)), file);
        assertThat(ModelFile.load(file).info().testTime()).isEqualTo(centred);

        Path old = olderZip(plain, ",\"testTime\":\"FLIP\"");
        assertThat(ModelFile.load(old).info().testTime()).isEqualTo(TestTimeAugmentation.FLIP);
    }

    @Test
    void aZipFromBeforeScoringWasSavedIsScoredWithOnePass() throws IOException {
        SavedModel model = smallModel();
        Path file = olderZip(model, "");
        ModelInfo loaded = ModelFile.load(file).info();
        assertThat(loaded).isEqualTo(model.info());
        assertThat(loaded.testTime()).isEqualTo(TestTimeAugmentation.NONE);
    }

    @Test
    void plainDl4jReadsTheZipToo() throws IOException {
        Path file = dir.resolve("m.zip");
        ModelFile.save(smallModel(), file);
        assertThat(ModelSerializer.restoreMultiLayerNetwork(file.toFile()).numParams()).isEqualTo(431_080);
    }

    @Test
    void rejectsAMissingFile() {
        assertThatThrownBy(() -> ModelFile.load(dir.resolve("none.zip")))
                .isInstanceOf(CnnlabException.class).hasMessageContaining("no such model file");
    }

    @Test
    void rejectsAFileThatIsNotAZip() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.zip"), "hello");
        assertThatThrownBy(() -> ModelFile.load(file))
                .isInstanceOf(CnnlabException.class).hasMessageContaining(file.toString()).hasMessageContaining("not a model zip");
    }

    @Test
    void rejectsATruncatedZip() throws IOException {
        Path file = dir.resolve("m.zip");
        ModelFile.save(smallModel(), file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(CnnlabException.class).hasMessageContaining(file.toString());
    }

    @Test
    void rejectsAPlainDl4jZipWithoutCnnlabInfo() throws IOException {
        Path file = dir.resolve("plain.zip");
        ModelSerializer.writeModel(smallModel().network(), file.toFile(), false);
        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(CnnlabException.class)
                .hasMessageContaining("not a cnnlab model zip");
    }
}
