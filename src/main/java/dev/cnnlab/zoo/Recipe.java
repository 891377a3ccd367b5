package dev.cnnlab.zoo;

import dev.cnnlab.config.DatasetSource;
import dev.cnnlab.config.ImageSize;
import dev.cnnlab.config.Setting;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.data.Scaling;
import dev.cnnlab.data.idx.IdxDataset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named, reproducible recipe from one of the tutorials cnnlab grew from: a network, and values for the training
 * settings that differ from the defaults. A {@link RecipeKind#TUTORIAL} recipe keeps the tutorial's own settings;
 * a {@link RecipeKind#IMPROVED} one is cnnlab's change to them.
 *
 * @param name             the name used with {@code --recipe}
 * @param architecture     the zoo network
 * @param settings         the recipe's values, by setting; every other setting keeps its default
 * @param tutorialAccuracy the test accuracy the recipe's tutorial states, as a fraction, or null where it states
 *                         none; an improved recipe carries the figure of the tutorial it varies
 * @param tutorialNote     where that figure comes from, or what the improved recipe changes, in a few words
 * @param kind             the tutorial's own recipe, or cnnlab's improvement
 */
public record Recipe(String name, Architecture architecture, Map<Setting<?>, Object> settings, Double tutorialAccuracy,
                     String tutorialNote, RecipeKind kind) {

    /** The learning-rate decay of a recipe whose learning rate stays the same in every epoch. */
    public static final double CONSTANT_LR = 1.0;
    /** Adam's default first-moment decay. */
    public static final double BETA1 = 0.9;
    /** Adam's default second-moment decay. */
    public static final double BETA2 = 0.999;

    /** Keeps the settings in the order they were given, unmodifiable. */
    public Recipe {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * A recipe training {@code architecture} on {@code dataset} with every other setting at its default.
     *
     * @param name         the name used with {@code --recipe}
     * @param architecture the zoo network
     * @param dataset      the dataset key: {@code mnist}, {@code fashion} or {@code cats-dogs}
     * @return the recipe, of kind {@link RecipeKind#IMPROVED} until {@link #kind(RecipeKind)} says otherwise, to be
     *         refined with {@link #set} and {@link #tutorial}
     */
    public static Recipe of(String name, Architecture architecture, String dataset) {
        Map<Setting<?>, Object> s = new LinkedHashMap<>();
        s.put(Settings.DATASET, DatasetSource.parse(dataset));
        s.put(Settings.MODEL, architecture.name());
        return new Recipe(name, architecture, s, null, "", RecipeKind.IMPROVED);
    }

    /**
     * @param setting a setting
     * @param value   the recipe's value for it
     * @param <T>     its type
     * @return this recipe with that value
     */
    public <T> Recipe set(Setting<T> setting, T value) {
        Map<Setting<?>, Object> s = new LinkedHashMap<>(settings);
        s.put(setting, value);
        return new Recipe(name, architecture, s, tutorialAccuracy, tutorialNote, kind);
    }

    /**
     * @param accuracy the tutorial's test accuracy as a fraction, or null
     * @param note     where that figure comes from
     * @return this recipe with that figure
     */
    public Recipe tutorial(Double accuracy, String note) {
        return new Recipe(name, architecture, settings, accuracy, note, kind);
    }

    /**
     * @param newKind whether the recipe is a tutorial's own or cnnlab's improvement
     * @return this recipe of that kind
     */
    public Recipe kind(RecipeKind newKind) {
        return new Recipe(name, architecture, settings, tutorialAccuracy, tutorialNote, newKind);
    }

    /** @return the defaults with the recipe's values: what {@code train --recipe} starts from */
    public TrainingConfig config() {
        return TrainingConfig.defaults().withAll(settings);
    }

    /** @return the dataset key */
    public String dataset() {
        return config().datasetKey();
    }

    /** @return the input image shape: the IDX images', or the photo size and channels the recipe sets */
    public InputShape input() {
        TrainingConfig c = config();
        if (!c.isPhotos()) {
            return InputShape.MNIST;
        }
        ImageSize size = c.get(Settings.IMAGE_SIZE);
        return new InputShape(size.height(), size.width(), c.get(Settings.CHANNELS));
    }

    /** @return passes over the training set */
    public int epochs() {
        return config().get(Settings.EPOCHS);
    }

    /** @return images per mini-batch */
    public int batchSize() {
        return config().get(Settings.BATCH_SIZE);
    }

    /** @return the factor the learning rate is multiplied by after each epoch */
    public double lrDecay() {
        return config().get(Settings.LR_DECAY);
    }

    /** @return how pixels are scaled */
    public Scaling scaling() {
        return config().get(Settings.SCALING);
    }

    /** @return how the trained network is scored on a batch */
    public TestTimeAugmentation testTime() {
        return config().get(Settings.TEST_TIME);
    }

    /** @return the number of classes of the recipe's dataset (two for cats vs dogs) */
    public int numClasses() {
        return IdxDataset.byKey(dataset()).map(d -> d.classNames().size()).orElse(2);
    }

    /**
     * @param seed the seed for weight initialisation
     * @return the recipe's network, initialised, for its own input and classes
     */
    public MultiLayerNetwork buildNetwork(long seed) {
        MultiLayerNetwork network = new MultiLayerNetwork(architecture.configure(spec(seed, numClasses())));
        network.init();
        return network;
    }

    /**
     * @param seed       the seed for weight initialisation
     * @param numClasses the number of output classes
     * @return the network's specification for this recipe's input and classes
     */
    public NetworkSpec spec(long seed, int numClasses) {
        TrainingConfig c = config();
        return new NetworkSpec(input(), numClasses, seed, c.updater());
    }
}
