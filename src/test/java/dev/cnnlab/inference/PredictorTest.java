package dev.cnnlab.inference;

import dev.cnnlab.TestData;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.Scaling;
import dev.cnnlab.data.batches.ImageBatchIterator;
import dev.cnnlab.model.ModelInfo;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.ModelZoo;
import dev.cnnlab.zoo.NetworkSpec;
import dev.cnnlab.zoo.Optimizer;
import dev.cnnlab.zoo.TestTimeAugmentation;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@link Predictor}: its Java forward pass gives the probabilities the saved model's own scoring gives. */
class PredictorTest {
    private static final LabelledImages DIGITS = TestData.mnistTrain().limit(64);
    private static final List<String> DIGIT_NAMES = IntStream.range(0, 10).mapToObj(Integer::toString).toList();

    @Test
    void probabilitiesAreTheSavedModelsForEveryWayOfScoring() {
        DataNormalization scaling = Scaling.UNIT.fit(new ImageBatchIterator(DIGITS, 64, false, 0));
        MultiLayerNetwork net = new MultiLayerNetwork(ModelZoo.require("tf-lenet-bn").configure(
                new NetworkSpec(InputShape.MNIST, 10, 3, Optimizer.ADAM.updater(1e-3, 1, 0.9, 0.999))));
        net.init();
        ImageBatchIterator train = new ImageBatchIterator(DIGITS, 32, false, 0);
        train.setPreProcessor(scaling);
        net.fit(train.next());

        DataSet raw = new ImageBatchIterator(DIGITS, 4, false, 0).next();
        for (TestTimeAugmentation testTime : List.of(TestTimeAugmentation.NONE, TestTimeAugmentation.FLIP,
                new TestTimeAugmentation(true, 3))) {
            SavedModel model = new SavedModel(net, scaling,
                    new ModelInfo("tf-lenet-bn", "mnist", DIGIT_NAMES, InputShape.MNIST, true, testTime));
            Predictor predictor = new Predictor(model);
            for (int i = 0; i < 4; i++) {
                INDArray image = raw.getFeatures().slice(i).reshape(1, 1, 28, 28).dup();
                INDArray scaled = image.dup();
                scaling.transform(scaled);
                double[] expected = model.output(scaled).dup().reshape(10).toDoubleVector();

                Prediction prediction = predictor.predict("digit " + i, image, 10);

                assertThat(prediction.top()).hasSize(10);
                for (Prediction.ClassScore score : prediction.top()) {
                    assertThat(score.probability()).as("%s, digit %d, class %d", testTime, i, score.label())
                            .isCloseTo(expected[score.label()], within(2e-5));
                }
            }
        }
    }
}
