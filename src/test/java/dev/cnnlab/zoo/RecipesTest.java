package dev.cnnlab.zoo;

import dev.cnnlab.config.Settings;
import dev.cnnlab.CnnlabException;
import dev.cnnlab.explain.ModelSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecipesTest {
    private static ModelSummary summary(String recipe) {
        Recipe r = Recipes.require(recipe);
        return ModelSummary.of(r.buildNetwork(1), r.input());
    }

    private static List<String> convAndPoolShapes(ModelSummary s) {
        return s.layers().stream()
                .filter(l -> l.type().equals("ConvolutionLayer") || l.type().equals("SubsamplingLayer"))
                .map(ModelSummary.LayerRow::outputShape).toList();
    }

    @Test
    void kerasMnistHasTheTutorialsShapesAndExactly511306Parameters() {
        ModelSummary s = summary("keras-mnist");
        assertThat(convAndPoolShapes(s)).containsExactly("26x26x32", "24x24x64", "12x12x64", "10x10x128", "5x5x128");
        assertThat(s.layers().stream().filter(l -> l.params() > 0).map(ModelSummary.LayerRow::params))
                .containsExactly(320L, 18_496L, 73_856L, 409_728L, 8_256L, 650L);
        assertThat(s.totalParams()).isEqualTo(511_306L);
    }

    @Test
    void tfLeNetPoolsTo13x13x12And6x6x16() {
        ModelSummary s = summary("tf-lenet");
        assertThat(convAndPoolShapes(s)).containsExactly("28x28x12", "13x13x12", "13x13x16", "6x6x16");
        assertThat(s.layers().stream().filter(l -> l.type().equals("DenseLayer")).map(ModelSummary.LayerRow::outputShape))
                .containsExactly("288", "144");
        assertThat(summary("tf-lenet-bn").layers()).extracting(ModelSummary.LayerRow::type)
                .contains("BatchNormalization", "DropoutLayer");
    }

    @Test
    void catsDogsHalvesFourTimesTo4x4x128() {
        ModelSummary s = summary("catsdogs");
        assertThat(convAndPoolShapes(s)).containsExactly("64x64x16", "64x64x16", "32x32x16", "32x32x32", "32x32x32",
                "16x16x32", "16x16x64", "16x16x64", "8x8x64", "8x8x128", "8x8x128", "4x4x128");
        assertThat(s.layers()).extracting(ModelSummary.LayerRow::type).contains("BatchNormalization", "DropoutLayer");
        assertThat(s.layers()).filteredOn(l -> l.type().equals("BatchNormalization")).hasSize(8);
        assertThat(s.totalParams()).isEqualTo(557_970L);
    }

    @Test
    void catsDogsWarmsUpForTwoEpochsThenFollowsACosineToZero() {
        Recipe catsDogs = Recipes.require("catsdogs");
        double lr = catsDogs.config().get(Settings.LEARNING_RATE);
        int epochs = catsDogs.epochs();
        var network = catsDogs.buildNetwork(1);
        double[] byEpoch = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            network.getLayerWiseConfigurations().setEpochCount(e);
            byEpoch[e] = network.getLearningRate(0);
        }
        assertThat(byEpoch[0]).isCloseTo(lr / 3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(byEpoch[1]).isCloseTo(2 * lr / 3, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(byEpoch[2]).isCloseTo(lr, org.assertj.core.api.Assertions.within(1e-12));
        for (int e = 3; e < epochs; e++) {
            assertThat(byEpoch[e]).as("epoch %d", e).isLessThan(byEpoch[e - 1]).isPositive();
        }
        assertThat(byEpoch[epochs - 1]).isLessThan(lr / 100);
    }

    @Test
    void improvedRecipesDecayTheirLearningRatePerEpochAndTutorialRecipesKeepItConstant() {
        Recipe fashion = Recipes.require("fashion");
        assertThat(fashion.lrDecay()).isBetween(0.5, 0.99);
        var network = fashion.buildNetwork(1);
        network.getLayerWiseConfigurations().setEpochCount(3);
        assertThat(network.getLearningRate(0)).isCloseTo(fashion.config().get(Settings.LEARNING_RATE) * Math.pow(fashion.lrDecay(), 3),
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(fashion.config().get(Settings.LR_DECAY)).isEqualTo(fashion.lrDecay());
        for (Recipe r : Recipes.all()) {
            if (Set.of("fashion", "tf-lenet-plus", "keras-mnist-plus").contains(r.name())) {
                assertThat(r.lrDecay()).as(r.name()).isBetween(0.5, 0.99);
            } else {
                assertThat(r.lrDecay()).as(r.name()).isEqualTo(Recipe.CONSTANT_LR);
            }
            if (r.kind() == RecipeKind.TUTORIAL) {
                assertThat(r.lrDecay()).as(r.name()).isEqualTo(Recipe.CONSTANT_LR);
                assertThat(r.config().get(Settings.LR_SCHEDULE)).as(r.name()).isEqualTo(LearningRateSchedule.EXPONENTIAL);
                assertThat(r.testTime()).as(r.name()).isEqualTo(TestTimeAugmentation.NONE);
            }
        }
        assertThat(Recipes.require("catsdogs").config().testTime()).as("scored at half of crop:10")
                .isEqualTo(new TestTimeAugmentation(true, 5));
        var tfLeNet = Recipes.require("tf-lenet").buildNetwork(1);
        tfLeNet.getLayerWiseConfigurations().setEpochCount(15);
        assertThat(tfLeNet.getLearningRate(0)).isEqualTo(1e-3);
    }

    @Test
    void theTutorialsOwnRecipesAndCnnlabsImprovedOnesAreTold() {
        assertThat(Recipes.all()).filteredOn(r -> r.kind() == RecipeKind.TUTORIAL).extracting(Recipe::name)
                .containsExactlyInAnyOrder("tf-lenet", "tf-lenet-bn", "keras-mnist", "scratch-2conv", "fashion-basic",
                        "catsdogs-basic");
        assertThat(Recipes.all()).filteredOn(r -> r.kind() == RecipeKind.IMPROVED).extracting(Recipe::name)
                .containsExactlyInAnyOrder("lenet", "fashion", "catsdogs", "tf-lenet-plus", "keras-mnist-plus");
        for (Recipe r : Recipes.all()) {
            // Batch-norm statistics recomputed after each epoch are cnnlab's change, never a tutorial's.
            assertThat(r.config().get(Settings.BN_RECALIBRATION)).as(r.name())
                    .isEqualTo(r.kind() == RecipeKind.IMPROVED);
        }
    }

    @Test
    void tutorialRecipesTrainAsLongAndOnAsManyImagesAsTheirTutorial() {
        // tf-lenet: the tutorial printed epochs 0 to 19; tf-lenet-bn: "30", its figure at epoch 29.
        assertThat(Recipes.require("tf-lenet").epochs()).isEqualTo(20);
        assertThat(Recipes.require("tf-lenet-bn").epochs()).isEqualTo(30);
        assertThat(Recipes.require("keras-mnist").epochs()).isEqualTo(30);
        assertThat(Recipes.require("catsdogs-basic").epochs()).isEqualTo(5);
        // scratch-2conv: the tutorial's code reads the first 50,000 training images.
        assertThat(Recipes.require("scratch-2conv").config().get(Settings.LIMIT)).isEqualTo(50_000);
        assertThat(Recipes.require("tf-lenet").config().get(Settings.LIMIT)).isZero();
        // Keras's 'adam' and unscaled pixels in the cats-vs-dogs tutorial's code.
        assertThat(Recipes.require("keras-mnist").config().get(Settings.OPTIMIZER)).isEqualTo(Optimizer.ADAM_KERAS);
        assertThat(Recipes.require("catsdogs-basic").config().get(Settings.OPTIMIZER)).isEqualTo(Optimizer.ADAM_KERAS);
        assertThat(Recipes.require("catsdogs-basic").scaling()).isEqualTo(dev.cnnlab.data.Scaling.RAW);
    }

    @Test
    void frameworkDefaultsWhereTheTutorialIsSilent() {
        var keras = Recipes.require("keras-mnist").buildNetwork(1);
        var kerasAdam = (org.nd4j.linalg.learning.config.Adam)
                ((org.deeplearning4j.nn.conf.layers.BaseLayer) keras.getLayer(0).conf().getLayer()).getIUpdater();
        assertThat(kerasAdam.getEpsilon()).isEqualTo(1e-7);
        assertThat(((org.deeplearning4j.nn.conf.layers.BaseLayer) keras.getLayer(0).conf().getLayer()).getWeightInitFn())
                .isEqualTo(org.deeplearning4j.nn.weights.WeightInit.XAVIER_UNIFORM.getWeightInitFunction());
        var tf = Recipes.require("tf-lenet").buildNetwork(1);
        var tfConv = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) tf.getLayer(0).conf().getLayer();
        assertThat(tfConv.getActivationFn().toString()).isEqualTo(Activation.IDENTITY.getActivationFunction().toString());
        var plusConv = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer)
                Recipes.require("tf-lenet-plus").buildNetwork(1).getLayer(0).conf().getLayer();
        assertThat(plusConv.getActivationFn().toString()).isEqualTo(Activation.RELU.getActivationFunction().toString());
        // Same layers and parameters either way.
        assertThat(summary("tf-lenet-plus").totalParams()).isEqualTo(summary("tf-lenet").totalParams());
        assertThat(summary("keras-mnist-plus").totalParams()).isEqualTo(511_306L);
    }

    @Test
    void scratchTwoConvAndLeNetParameterCounts() {
        assertThat(summary("scratch-2conv").totalParams()).isEqualTo(105_634L);
        assertThat(convAndPoolShapes(summary("scratch-2conv"))).containsExactly("24x24x8", "20x20x8", "10x10x8");
        assertThat(summary("lenet").totalParams()).isEqualTo(431_080L);
    }

    @Test
    void catsDogsBasicTakes300x300Photographs() {
        ModelSummary s = summary("catsdogs-basic");
        assertThat(convAndPoolShapes(s)).containsExactly("296x296x10", "148x148x10");
        assertThat(s.totalParams()).isEqualTo(760L + 148L * 148 * 10 * 2 + 2);
        // Smoke test: a forward pass and one training step on two random photographs.
        var net = Recipes.require("catsdogs-basic").buildNetwork(3);
        var x = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 300, 300);
        var y = org.nd4j.linalg.factory.Nd4j.createFromArray(new float[][] {{1, 0}, {0, 1}});
        assertThat(net.output(x).shape()).containsExactly(2, 2);
        var before = net.params().dup();
        net.fit(x, y);
        assertThat(net.params()).isNotEqualTo(before);
    }

    static List<Recipe> recipes() {
        return Recipes.all();
    }

    @ParameterizedTest
    @MethodSource("recipes")
    void everyRecipeBuildsFromTheZoo(Recipe recipe) {
        ModelSummary s = summary(recipe.name());
        assertThat(s.totalParams()).isPositive();
        assertThat(ModelZoo.find(recipe.architecture().name())).isPresent();
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> Recipes.require("resnet")).isInstanceOf(CnnlabException.class)
                .hasMessageContaining("keras-mnist");
    }
}
