package dev.cnnlab.zoo;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.Scaling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named recipes. The {@link RecipeKind#TUTORIAL} ones are the tutorials' own networks with every setting the
 * tutorial states and, where it is silent, its framework's default; the {@link RecipeKind#IMPROVED} ones are
 * cnnlab's, some of them variants of a tutorial's recipe meant to beat its figure. docs/recipes.md lists every
 * setting, difference and assumption.
 */
public final class Recipes {
    private static final InputShape CATS_DOGS_INPUT = new InputShape(300, 300, 3);
    private static final Map<String, Recipe> RECIPES = new LinkedHashMap<>();
    /** Adam's learning rate when TensorFlow's AdamOptimizer or Keras's 'adam' is used without one. */
    private static final double FRAMEWORK_LR = 1e-3;
    /**
     * A constant learning rate lets test accuracy swing by half a point from epoch to epoch, and the tutorials
     * report their best or last epoch; the improved recipes decay the rate so that the last epoch is the best.
     */
    private static final double IMPROVED_LR_DECAY = 0.9;

    static {
        add(tutorial("tf-lenet", TfLeNet.tutorial(false), "mnist", InputShape.MNIST, 20, 64, Optimizer.ADAM, FRAMEWORK_LR,
                Recipe.BETA1, Recipe.BETA2, Scaling.UNIT, 0, "", 0.9907,
                "TensorFlow LeNet tutorial: best test accuracy at epoch 19 of epochs 0-19, constant learning rate",
                Recipe.ALL_IMAGES));
        add(improved("tf-lenet-plus", TfLeNet.improved(), "mnist", InputShape.MNIST, 20, 64, Optimizer.ADAM, FRAMEWORK_LR,
                IMPROVED_LR_DECAY, Scaling.UNIT, 0, "", 0.9907,
                "tf-lenet with ReLU after each convolution, Xavier-normal weights and the learning rate decayed 0.9x per"
                        + " epoch", TestTimeAugmentation.NONE));
        add(tutorial("tf-lenet-bn", TfLeNet.tutorial(true), "mnist", InputShape.MNIST, 30, 64, Optimizer.ADAM,
                FRAMEWORK_LR, Recipe.BETA1, Recipe.BETA2, Scaling.UNIT, 0, "shift,flip", 0.995,
                "TensorFlow LeNet tutorial with batch norm, dropout and shift/flip augmentation: epoch 29 of 30",
                Recipe.ALL_IMAGES));
        add(tutorial("keras-mnist", KerasMnistNet.tutorial(), "mnist", InputShape.MNIST, 30, 64, Optimizer.ADAM_KERAS,
                FRAMEWORK_LR, Recipe.BETA1, Recipe.BETA2, Scaling.UNIT, 0, "", 0.9933,
                "Keras MNIST tutorial: test accuracy after 30 epochs",
                Recipe.ALL_IMAGES));
        add(improved("keras-mnist-plus", KerasMnistNet.improved(), "mnist", InputShape.MNIST, 30, 64, Optimizer.ADAM,
                FRAMEWORK_LR, IMPROVED_LR_DECAY, Scaling.UNIT, 0, "", 0.9933,
                "keras-mnist with Xavier-normal weights, DL4J's Adam epsilon and the learning rate decayed 0.9x per epoch",
                TestTimeAugmentation.NONE));
        add(tutorial("scratch-2conv", new ScratchTwoConvNet(), "mnist", InputShape.MNIST, 2, 32, Optimizer.ADAM_PER_BATCH,
                0.01, 0.95, 0.99, Scaling.STANDARDIZE, 0, "", 0.98,
                "from-scratch NumPy tutorial: test accuracy averaged over its runs, 2 epochs on the first 50,000 images",
                50_000));
        add(tutorial("fashion-basic", new FashionBasicNet(), "fashion", InputShape.MNIST, 10, 64, Optimizer.ADAM,
                FRAMEWORK_LR, Recipe.BETA1, Recipe.BETA2, Scaling.UNIT, 0, "", 0.92,
                "Fashion-MNIST tutorial: its author's network reached 92%; the text lists its layer types, not its"
                        + " settings",
                Recipe.ALL_IMAGES));
        add(improved("fashion", new FashionNet(), "fashion", InputShape.MNIST, 15, 64, Optimizer.ADAM, FRAMEWORK_LR,
                IMPROVED_LR_DECAY, Scaling.UNIT, 0, "", 0.92,
                "cnnlab's Fashion-MNIST network with the learning rate decayed 0.9x per epoch",
                TestTimeAugmentation.NONE));
        add(tutorial("catsdogs-basic", new CatsDogsBasicNet(), "cats-dogs", CATS_DOGS_INPUT, 5, 128, Optimizer.ADAM_KERAS,
                FRAMEWORK_LR, Recipe.BETA1, Recipe.BETA2, Scaling.RAW, 0.3, "", null,
                "cats-vs-dogs tutorial, one convolution at 300x300x3 on unscaled pixels; it states no accuracy",
                Recipe.ALL_IMAGES));
        add(improved("lenet", new LeNet(), "mnist", InputShape.MNIST, 2, 64, Optimizer.ADAM, FRAMEWORK_LR,
                Recipe.CONSTANT_LR, Scaling.UNIT, 0, "", null, "cnnlab's default network (DL4J's LeNet example)",
                TestTimeAugmentation.NONE));
        add(improved("catsdogs", new CatsDogsNet(), "cats-dogs", new InputShape(64, 64, 3), 40, 32, Optimizer.ADAM,
                FRAMEWORK_LR, 0.96, Scaling.STANDARDIZE, 0, "flip,crop:6", null,
                "cnnlab's network at 64x64 with flips and crops, the learning rate decayed 0.96x per epoch and each test"
                        + " photo scored with its mirror image; cnnlab's own target is 80%",
                TestTimeAugmentation.FLIP));
    }

    /** A tutorial's own recipe: constant learning rate, one pass per test image, batch-norm statistics as trained. */
    private static Recipe tutorial(String name, Architecture architecture, String dataset, InputShape input, int epochs,
                                   int batchSize, Optimizer optimizer, double learningRate, double beta1, double beta2,
                                   Scaling scaling, double validationSplit, String augment, Double tutorialAccuracy,
                                   String tutorialNote, int trainImages) {
        return new Recipe(name, architecture, dataset, input, epochs, batchSize, optimizer, learningRate, beta1, beta2,
                Recipe.CONSTANT_LR, scaling, validationSplit, augment, tutorialAccuracy, tutorialNote,
                TestTimeAugmentation.NONE, RecipeKind.TUTORIAL, trainImages);
    }

    /** One of cnnlab's recipes, with Adam's default betas, on the whole training set. */
    private static Recipe improved(String name, Architecture architecture, String dataset, InputShape input, int epochs,
                                   int batchSize, Optimizer optimizer, double learningRate, double lrDecay,
                                   Scaling scaling, double validationSplit, String augment, Double tutorialAccuracy,
                                   String tutorialNote, TestTimeAugmentation testTime) {
        return new Recipe(name, architecture, dataset, input, epochs, batchSize, optimizer, learningRate, Recipe.BETA1,
                Recipe.BETA2, lrDecay, scaling, validationSplit, augment, tutorialAccuracy, tutorialNote, testTime,
                RecipeKind.IMPROVED, Recipe.ALL_IMAGES);
    }

    private Recipes() {
    }

    private static void add(Recipe recipe) {
        RECIPES.put(recipe.name(), recipe);
    }

    /** @return every recipe, in a stable order */
    public static List<Recipe> all() {
        return List.copyOf(RECIPES.values());
    }

    /**
     * @param name a recipe name
     * @return the recipe, if there is one of that name
     */
    public static Optional<Recipe> find(String name) {
        return Optional.ofNullable(RECIPES.get(name));
    }

    /**
     * @param name a recipe name given with {@code --recipe}
     * @return the recipe
     * @throws CnnlabException listing the known names when there is none of that name
     */
    public static Recipe require(String name) {
        return find(name).orElseThrow(() -> new CnnlabException("--recipe: unknown recipe '" + name
                + "', expected one of " + String.join(", ", RECIPES.keySet())));
    }
}
