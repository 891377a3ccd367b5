package dev.cnnlab.zoo;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.InvalidValueException;
import dev.cnnlab.config.ImageSize;
import dev.cnnlab.data.Scaling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.cnnlab.config.Settings.AUGMENT;
import static dev.cnnlab.config.Settings.BATCH_SIZE;
import static dev.cnnlab.config.Settings.BETA1;
import static dev.cnnlab.config.Settings.BETA2;
import static dev.cnnlab.config.Settings.BN_RECALIBRATION;
import static dev.cnnlab.config.Settings.CHANNELS;
import static dev.cnnlab.config.Settings.EPOCHS;
import static dev.cnnlab.config.Settings.IMAGE_SIZE;
import static dev.cnnlab.config.Settings.LABEL_SMOOTHING;
import static dev.cnnlab.config.Settings.LEARNING_RATE;
import static dev.cnnlab.config.Settings.LIMIT;
import static dev.cnnlab.config.Settings.LR_DECAY;
import static dev.cnnlab.config.Settings.LR_SCHEDULE;
import static dev.cnnlab.config.Settings.OPTIMIZER;
import static dev.cnnlab.config.Settings.SCALING;
import static dev.cnnlab.config.Settings.TEST_TIME;
import static dev.cnnlab.config.Settings.VALIDATION_SPLIT;
import static dev.cnnlab.config.Settings.WARMUP_EPOCHS;

/**
 * The named recipes. The {@link RecipeKind#TUTORIAL} ones are the tutorials' own networks with every setting the
 * tutorial states and, where it is silent, its framework's default; the {@link RecipeKind#IMPROVED} ones are
 * cnnlab's, some of them variants of a tutorial's recipe meant to beat its figure. docs/recipes.md lists every
 * setting, difference and assumption.
 */
public final class Recipes {
    private static final ImageSize CATS_DOGS_SIZE = new ImageSize(300, 300);
    private static final Map<String, Recipe> RECIPES = new LinkedHashMap<>();
    /**
     * A constant learning rate lets test accuracy swing by half a point from epoch to epoch, and the tutorials
     * report their best or last epoch; the improved recipes decay the rate so that the last epoch is the best.
     */
    private static final double IMPROVED_LR_DECAY = 0.9;

    static {
        add(tutorial("tf-lenet", TfLeNet.tutorial(false), "mnist").set(EPOCHS, 20).set(BATCH_SIZE, 64)
                .tutorial(0.9907, "TensorFlow LeNet tutorial: best test accuracy at epoch 19 of epochs 0-19, constant"
                        + " learning rate"));
        add(improved("tf-lenet-plus", TfLeNet.improved(), "mnist").set(EPOCHS, 20).set(BATCH_SIZE, 64)
                .set(LR_DECAY, IMPROVED_LR_DECAY)
                .tutorial(0.9907, "tf-lenet with ReLU after each convolution, Xavier-normal weights and the learning rate"
                        + " decayed 0.9x per epoch"));
        add(tutorial("tf-lenet-bn", TfLeNet.tutorial(true), "mnist").set(EPOCHS, 30).set(BATCH_SIZE, 64)
                .set(AUGMENT, "shift,flip")
                .tutorial(0.995, "TensorFlow LeNet tutorial with batch norm, dropout and shift/flip augmentation: epoch 29"
                        + " of 30"));
        add(tutorial("keras-mnist", KerasMnistNet.tutorial(), "mnist").set(EPOCHS, 30).set(BATCH_SIZE, 64)
                .set(OPTIMIZER, Optimizer.ADAM_KERAS)
                .tutorial(0.9933, "Keras MNIST tutorial: test accuracy after 30 epochs"));
        add(improved("keras-mnist-plus", KerasMnistNet.improved(), "mnist").set(EPOCHS, 30).set(BATCH_SIZE, 64)
                .set(LR_DECAY, IMPROVED_LR_DECAY)
                .tutorial(0.9933, "keras-mnist with Xavier-normal weights, DL4J's Adam epsilon and the learning rate"
                        + " decayed 0.9x per epoch"));
        add(tutorial("scratch-2conv", new ScratchTwoConvNet(), "mnist").set(EPOCHS, 2).set(BATCH_SIZE, 32)
                .set(OPTIMIZER, Optimizer.ADAM_PER_BATCH).set(LEARNING_RATE, 0.01).set(BETA1, 0.95).set(BETA2, 0.99)
                .set(SCALING, Scaling.STANDARDIZE).set(LIMIT, 50_000)
                .tutorial(0.98, "from-scratch NumPy tutorial: test accuracy averaged over its runs, 2 epochs on the first"
                        + " 50,000 images"));
        add(tutorial("fashion-basic", new FashionBasicNet(), "fashion").set(EPOCHS, 10).set(BATCH_SIZE, 64)
                .tutorial(0.92, "Fashion-MNIST tutorial: its author's network reached 92%; the text lists its layer types,"
                        + " not its settings"));
        add(improved("fashion", new FashionNet(), "fashion").set(EPOCHS, 15).set(BATCH_SIZE, 64)
                .set(LR_DECAY, IMPROVED_LR_DECAY)
                .tutorial(0.92, "cnnlab's Fashion-MNIST network with the learning rate decayed 0.9x per epoch"));
        add(tutorial("catsdogs-basic", new CatsDogsBasicNet(), "cats-dogs").set(IMAGE_SIZE, CATS_DOGS_SIZE)
                .set(CHANNELS, 3).set(EPOCHS, 5).set(BATCH_SIZE, 128).set(OPTIMIZER, Optimizer.ADAM_KERAS)
                .set(SCALING, Scaling.RAW).set(VALIDATION_SPLIT, 0.3)
                .tutorial(null, "cats-vs-dogs tutorial, one convolution at 300x300x3 on unscaled pixels; it states no"
                        + " accuracy"));
        add(improved("lenet", new LeNet(), "mnist").set(EPOCHS, 2).set(BATCH_SIZE, 64)
                .tutorial(null, "cnnlab's default network (DL4J's LeNet example)"));
        add(improved("catsdogs", new CatsDogsNet(), "cats-dogs").set(IMAGE_SIZE, new ImageSize(64, 64))
                .set(CHANNELS, 3).set(EPOCHS, 90).set(BATCH_SIZE, 32).set(LR_SCHEDULE, LearningRateSchedule.COSINE)
                .set(WARMUP_EPOCHS, 2).set(LABEL_SMOOTHING, 0.1).set(SCALING, Scaling.STANDARDIZE)
                .set(AUGMENT, "flip,crop:10,rotate:12,brightness:0.2,contrast:0.2")
                .set(TEST_TIME, TestTimeAugmentation.byKey("flip,centre"))
                .tutorial(null, "cnnlab's network at 64x64: 90 epochs of flips, crops, rotations and colour changes,"
                        + " a cosine learning rate after a 2-epoch warm-up, label smoothing 0.1, and each test photo"
                        + " scored at its training crops' mean scale with its mirror image; cnnlab's own target is"
                        + " 88%"));
    }

    /**
     * A tutorial's own recipe: constant learning rate, one pass per test image, batch-norm statistics as trained
     * (the tutorials' batch norm keeps the running averages training leaves; recomputing them is cnnlab's change).
     */
    private static Recipe tutorial(String name, Architecture architecture, String dataset) {
        return Recipe.of(name, architecture, dataset).kind(RecipeKind.TUTORIAL).set(LR_DECAY, Recipe.CONSTANT_LR)
                .set(BN_RECALIBRATION, false);
    }

    /** One of cnnlab's recipes: every setting not given keeps its default. */
    private static Recipe improved(String name, Architecture architecture, String dataset) {
        return Recipe.of(name, architecture, dataset).kind(RecipeKind.IMPROVED);
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
        return find(name).orElseThrow(() -> new InvalidValueException("recipe", "unknown recipe '" + name
                + "', expected one of " + String.join(", ", RECIPES.keySet())));
    }
}
