package dev.cnnlab.zoo;

import dev.cnnlab.data.Scaling;

/**
 * A named, reproducible recipe from one of the tutorials cnnlab grew from: a network, the dataset it is
 * trained on and its training settings. A {@link RecipeKind#TUTORIAL} recipe keeps the tutorial's own settings;
 * a {@link RecipeKind#IMPROVED} one is cnnlab's change to them.
 *
 * @param name              the name used with {@code --recipe}
 * @param architecture      the zoo network
 * @param dataset           the dataset key: {@code mnist}, {@code fashion} or {@code cats-dogs}
 * @param input             the input image shape
 * @param epochs            passes over the training set
 * @param batchSize         images per mini-batch
 * @param optimizer         the optimiser ({@link Optimizer#ADAM} unless the tutorial's own code differs)
 * @param learningRate      the optimiser's learning rate
 * @param beta1             Adam's beta1
 * @param beta2             Adam's beta2
 * @param lrDecay           the factor the learning rate is multiplied by after each epoch ({@link #CONSTANT_LR}: none)
 * @param scaling           how pixels are scaled
 * @param validationSplit   share of the training set held out for validation (0: none)
 * @param augment           augmentation of the training set, as for {@code --augment} (empty: none)
 * @param tutorialAccuracy  the test accuracy the recipe's tutorial states, as a fraction, or null where it states
 *                          none; an improved recipe carries the figure of the tutorial it varies
 * @param tutorialNote      where that figure comes from, or what the improved recipe changes, in a few words
 * @param testTime          how the trained network is scored on a batch ({@link TestTimeAugmentation#NONE}: one pass)
 * @param kind              the tutorial's own recipe, or cnnlab's improvement
 * @param trainImages       train on the first this many training images ({@link #ALL_IMAGES}: all of them)
 */
public record Recipe(String name, Architecture architecture, String dataset, InputShape input, int epochs,
                     int batchSize, Optimizer optimizer, double learningRate, double beta1, double beta2, double lrDecay,
                     Scaling scaling,
                     double validationSplit, String augment, Double tutorialAccuracy, String tutorialNote,
                     TestTimeAugmentation testTime, RecipeKind kind, int trainImages) {

    /** The {@link #lrDecay} of a recipe whose learning rate stays the same in every epoch. */
    public static final double CONSTANT_LR = 1.0;

    /** The {@link #trainImages} of a recipe that trains on the whole training set. */
    public static final int ALL_IMAGES = 0;

    /** Adam's default first-moment decay. */
    public static final double BETA1 = 0.9;
    /** Adam's default second-moment decay. */
    public static final double BETA2 = 0.999;

    /** @return the number of classes of the recipe's dataset (two for cats vs dogs) */
    public int numClasses() {
        return dev.cnnlab.data.IdxDataset.byKey(dataset).map(d -> d.classNames().size()).orElse(2);
    }

    /**
     * @param seed the seed for weight initialisation
     * @return the recipe's network, initialised, for its own input and classes
     */
    public org.deeplearning4j.nn.multilayer.MultiLayerNetwork buildNetwork(long seed) {
        var network = new org.deeplearning4j.nn.multilayer.MultiLayerNetwork(architecture.configure(spec(seed, numClasses())));
        network.init();
        return network;
    }

    /**
     * @param seed       the seed for weight initialisation
     * @param numClasses the number of output classes
     * @return the network's specification for this recipe's input and classes
     */
    public NetworkSpec spec(long seed, int numClasses) {
        return new NetworkSpec(input, numClasses, seed, optimizer.updater(learningRate, lrDecay, beta1, beta2));
    }
}
