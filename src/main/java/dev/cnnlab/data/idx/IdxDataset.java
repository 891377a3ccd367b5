package dev.cnnlab.data.idx;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The 28x28 greyscale datasets cnnlab knows by name, with their files, checksums and class names.
 */
public enum IdxDataset {
    /** Handwritten digits, 60,000 training and 10,000 test images. */
    MNIST("mnist", "MNIST handwritten digits",
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"),
    /** Zalando's Fashion-MNIST clothing images, same sizes and file layout as MNIST. */
    FASHION("fashion", "Fashion-MNIST clothing",
            List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"),
            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    /** Side length of every image in these datasets. */
    public static final int SIDE = 28;

    private final String key;
    private final String title;
    private final List<String> classNames;
    private final IdxFileSpec trainImages;
    private final IdxFileSpec trainLabels;
    private final IdxFileSpec testImages;
    private final IdxFileSpec testLabels;

    IdxDataset(String key, String title, List<String> classNames, String trainImagesSha,
               String trainLabelsSha, String testImagesSha, String testLabelsSha) {
        this.key = key;
        this.title = title;
        this.classNames = classNames;
        this.trainImages = new IdxFileSpec("train-images-idx3-ubyte", true, 60_000, trainImagesSha);
        this.trainLabels = new IdxFileSpec("train-labels-idx1-ubyte", false, 60_000, trainLabelsSha);
        this.testImages = new IdxFileSpec("t10k-images-idx3-ubyte", true, 10_000, testImagesSha);
        this.testLabels = new IdxFileSpec("t10k-labels-idx1-ubyte", false, 10_000, testLabelsSha);
    }

    /** @return the name used on the command line and as the folder name under the data directory */
    public String key() {
        return key;
    }

    /** @return a human title */
    public String title() {
        return title;
    }

    /** @return class names, indexed by label */
    public List<String> classNames() {
        return classNames;
    }

    /** @return the training images file */
    public IdxFileSpec trainImages() {
        return trainImages;
    }

    /** @return the training labels file */
    public IdxFileSpec trainLabels() {
        return trainLabels;
    }

    /** @return the test images file */
    public IdxFileSpec testImages() {
        return testImages;
    }

    /** @return the test labels file */
    public IdxFileSpec testLabels() {
        return testLabels;
    }

    /** @return all four files */
    public List<IdxFileSpec> files() {
        return List.of(trainImages, trainLabels, testImages, testLabels);
    }

    /**
     * @param key a dataset name as typed by a user, case-insensitive
     * @return the dataset, if there is one of that name
     */
    public static Optional<IdxDataset> byKey(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        for (IdxDataset d : values()) {
            if (d.key.equals(k) || (d == FASHION && k.equals("fashion-mnist"))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
