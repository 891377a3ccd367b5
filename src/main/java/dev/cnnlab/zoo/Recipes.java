package dev.cnnlab.zoo;

import dev.cnnlab.CnnlabException;
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
import static dev.cnnlab.config.Settings.CHANNELS;
import static dev.cnnlab.config.Settings.EPOCHS;
import static dev.cnnlab.config.Settings.IMAGE_SIZE;
import static dev.cnnlab.config.Settings.LEARNING_RATE;
import static dev.cnnlab.config.Settings.LR_DECAY;
import static dev.cnnlab.config.Settings.OPTIMIZER;
import static dev.cnnlab.config.Settings.SCALING;
import static dev.cnnlab.config.Settings.TEST_TIME;
import static dev.cnnlab.config.Settings.VALIDATION_SPLIT;

/**
 * The tutorials' networks as named recipes, each with the settings its tutorial used and the figure it
 * reported.
 */
public final class Recipes {
    private static final ImageSize CATS_DOGS_SIZE = new ImageSize(300, 300);
    private static final Map<String, Recipe> RECIPES = new LinkedHashMap<>();
    /**
     * The tutorials report their best (or last) epoch of a constant learning rate, whose test accuracy swings by half
     * a point from epoch to epoch; cnnlab reports the last epoch, and decays the rate so that the last is the best.
     */
    private static final double TUTORIAL_LR_DECAY = 0.9;

    static {
        add(Recipe.of("lenet", new LeNet(), "mnist").set(EPOCHS, 2).set(BATCH_SIZE, 64)
                .tutorial(null, "cnnlab's default network (DL4J's LeNet example)"));
        add(Recipe.of("tf-lenet", new TfLeNet(false), "mnist").set(EPOCHS, 19).set(BATCH_SIZE, 64)
                .set(LR_DECAY, TUTORIAL_LR_DECAY)
                .tutorial(0.9907, "TensorFlow LeNet tutorial, best at epoch 19; cnnlab decays the learning rate 0.9x per"
                        + " epoch to end there"));
        add(Recipe.of("tf-lenet-bn", new TfLeNet(true), "mnist").set(EPOCHS, 29).set(BATCH_SIZE, 64)
                .set(LR_DECAY, TUTORIAL_LR_DECAY).set(AUGMENT, "shift,flip")
                .tutorial(0.995, "TensorFlow LeNet tutorial with batch norm, dropout and shift/flip augmentation, epoch 29;"
                        + " cnnlab decays the learning rate 0.9x per epoch"));
        add(Recipe.of("keras-mnist", new KerasMnistNet(), "mnist").set(EPOCHS, 30).set(BATCH_SIZE, 64)
                .set(LR_DECAY, TUTORIAL_LR_DECAY)
                .tutorial(0.9933, "Keras MNIST tutorial, 30 epochs; cnnlab decays the learning rate 0.9x per epoch"));
        add(Recipe.of("scratch-2conv", new ScratchTwoConvNet(), "mnist").set(EPOCHS, 2).set(BATCH_SIZE, 32)
                .set(OPTIMIZER, Optimizer.ADAM_PER_BATCH).set(LEARNING_RATE, 0.01).set(BETA1, 0.95).set(BETA2, 0.99)
                .set(SCALING, Scaling.STANDARDIZE)
                .tutorial(0.98, "from-scratch NumPy tutorial, 2 epochs in 5 hours"));
        add(Recipe.of("fashion-basic", new FashionBasicNet(), "fashion").set(EPOCHS, 10).set(BATCH_SIZE, 64)
                .tutorial(null, "Fashion-MNIST tutorial's minimal network"));
        add(Recipe.of("fashion", new FashionNet(), "fashion").set(EPOCHS, 15).set(BATCH_SIZE, 64).set(LR_DECAY, 0.9)
                .tutorial(0.92, "cnnlab's network with the learning rate decayed 0.9x per epoch, to beat the tutorial's"
                        + " 92%"));
        add(Recipe.of("catsdogs-basic", new CatsDogsBasicNet(), "cats-dogs").set(IMAGE_SIZE, CATS_DOGS_SIZE)
                .set(CHANNELS, 3).set(EPOCHS, 5).set(BATCH_SIZE, 128).set(VALIDATION_SPLIT, 0.3)
                .tutorial(null, "cats-vs-dogs tutorial, one convolution at 300x300"));
        add(Recipe.of("catsdogs", new CatsDogsNet(), "cats-dogs").set(IMAGE_SIZE, new ImageSize(64, 64))
                .set(CHANNELS, 3).set(EPOCHS, 40).set(BATCH_SIZE, 32).set(LR_DECAY, 0.96)
                .set(SCALING, Scaling.STANDARDIZE).set(AUGMENT, "flip,crop:6").set(TEST_TIME, TestTimeAugmentation.FLIP)
                .tutorial(0.80, "cnnlab's network at 64x64 with flips and crops, the learning rate decayed 0.96x per"
                        + " epoch, and each test photo scored with its mirror image, to reach 80%"));
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
