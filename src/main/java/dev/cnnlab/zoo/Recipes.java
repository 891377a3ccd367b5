package dev.cnnlab.zoo;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.Scaling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tutorials' networks as named recipes, each with the settings its tutorial used and the figure it
 * reported.
 */
public final class Recipes {
    private static final InputShape CATS_DOGS_INPUT = new InputShape(300, 300, 3);
    private static final Map<String, Recipe> RECIPES = new LinkedHashMap<>();
    /**
     * The tutorials report their best (or last) epoch of a constant learning rate, whose test accuracy swings by half
     * a point from epoch to epoch; cnnlab reports the last epoch, and decays the rate so that the last is the best.
     */
    private static final double TUTORIAL_LR_DECAY = 0.9;

    static {
        add(new Recipe("lenet", new LeNet(), "mnist", InputShape.MNIST, 2, 64, 1e-3, Recipe.BETA1, Recipe.BETA2,
                Scaling.UNIT, 0, "", null, "cnnlab's default network (DL4J's LeNet example)"));
        add(new Recipe("tf-lenet", new TfLeNet(false), "mnist", InputShape.MNIST, 19, 64, Optimizer.ADAM, 1e-3, Recipe.BETA1,
                Recipe.BETA2, TUTORIAL_LR_DECAY, Scaling.UNIT, 0, "", 0.9907,
                "TensorFlow LeNet tutorial, best at epoch 19; cnnlab decays the learning rate 0.9x per epoch to end there",
                TestTimeAugmentation.NONE));
        add(new Recipe("tf-lenet-bn", new TfLeNet(true), "mnist", InputShape.MNIST, 29, 64, Optimizer.ADAM, 1e-3,
                Recipe.BETA1, Recipe.BETA2, TUTORIAL_LR_DECAY, Scaling.UNIT, 0, "shift,flip", 0.995,
                "TensorFlow LeNet tutorial with batch norm, dropout and shift/flip augmentation, epoch 29; cnnlab decays the"
                        + " learning rate 0.9x per epoch", TestTimeAugmentation.NONE));
        add(new Recipe("keras-mnist", new KerasMnistNet(), "mnist", InputShape.MNIST, 30, 64, Optimizer.ADAM, 1e-3,
                Recipe.BETA1, Recipe.BETA2, TUTORIAL_LR_DECAY, Scaling.UNIT, 0, "", 0.9933,
                "Keras MNIST tutorial, 30 epochs; cnnlab decays the learning rate 0.9x per epoch", TestTimeAugmentation.NONE));
        add(new Recipe("scratch-2conv", new ScratchTwoConvNet(), "mnist", InputShape.MNIST, 2, 32, Optimizer.ADAM_PER_BATCH,
                0.01, 0.95, 0.99, Recipe.CONSTANT_LR, Scaling.STANDARDIZE, 0, "", 0.98,
                "from-scratch NumPy tutorial, 2 epochs in 5 hours", TestTimeAugmentation.NONE));
        add(new Recipe("fashion-basic", new FashionBasicNet(), "fashion", InputShape.MNIST, 10, 64, 1e-3,
                Recipe.BETA1, Recipe.BETA2, Scaling.UNIT, 0, "", null, "Fashion-MNIST tutorial's minimal network"));
        add(new Recipe("fashion", new FashionNet(), "fashion", InputShape.MNIST, 15, 64, Optimizer.ADAM, 1e-3,
                Recipe.BETA1, Recipe.BETA2, 0.9, Scaling.UNIT, 0, "", 0.92,
                "cnnlab's network with the learning rate decayed 0.9x per epoch, to beat the tutorial's 92%",
                TestTimeAugmentation.NONE));
        add(new Recipe("catsdogs-basic", new CatsDogsBasicNet(), "cats-dogs", CATS_DOGS_INPUT, 5, 128, 1e-3,
                Recipe.BETA1, Recipe.BETA2, Scaling.UNIT, 0.3, "", null, "cats-vs-dogs tutorial, one convolution at 300x300"));
        add(new Recipe("catsdogs", new CatsDogsNet(), "cats-dogs", new InputShape(64, 64, 3), 40, 32, Optimizer.ADAM, 1e-3,
                Recipe.BETA1, Recipe.BETA2, 0.96, Scaling.STANDARDIZE, 0, "flip,crop:6", 0.80,
                "cnnlab's network at 64x64 with flips and crops, the learning rate decayed 0.96x per epoch, and each test photo"
                        + " scored with its mirror image, to reach 80%",
                TestTimeAugmentation.FLIP));
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
