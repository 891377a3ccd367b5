package dev.cnnlab.data.photo;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.InvalidValueException;
import dev.cnnlab.config.InvalidSettingException;
import dev.cnnlab.config.Setting;
import dev.cnnlab.data.ImageSet;
import dev.cnnlab.data.LabelledImages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * A photo folder made ready for training: split (the tree's own train / test folders, or stratified random
 * splits from the seed), screened once for unreadable files, and decoded into memory at the input size.
 *
 * @param train      the training photos, decoded
 * @param validation photos held out of training for per-epoch validation, or null
 * @param test       the test photos, decoded
 * @param skipped    how many unreadable photos were left out
 */
public record PhotoDataset(LabelledImages train, LabelledImages validation, LabelledImages test, int skipped) {
    /** What a photo tree is named by in errors: the training settings that choose it and its test share. */
    private static final Setting<?> DATASET = dev.cnnlab.config.Settings.DATASET;
    private static final Setting<?> TEST_SPLIT = dev.cnnlab.config.Settings.TEST_SPLIT;

    private static final Logger LOG = LoggerFactory.getLogger(PhotoDataset.class);

    /**
     * How to read a photo folder.
     *
     * @param height          input height
     * @param width           input width
     * @param channels        3 (RGB) or 1 (grey)
     * @param validationSplit share of the training photos held out for validation (0: none)
     * @param testSplit       share held out for testing when the tree has no test folder
     * @param seed            seed for the random splits
     * @param limit           train on at most this many photos, a stratified sample (0: all)
     * @param testLimit       test on at most this many photos, a stratified sample (0: all)
     * @param strict          stop at the first unreadable photo instead of skipping it
     * @param threads         parallel decoders
     */
    public record Settings(int height, int width, int channels, double validationSplit, double testSplit, long seed,
                           int limit, int testLimit, boolean strict, int threads) {
    }

    /** @return the class names, index = label */
    public List<String> classNames() {
        return train.classNames();
    }

    /**
     * @param root     the folder
     * @param settings how to read it
     * @return the decoded splits
     * @throws CnnlabException for a bad folder, or (strict) an unreadable photo
     */
    public static PhotoDataset load(Path root, Settings settings) {
        Screened photos = screen(root, settings);
        LabelledImages trainImages = decode(photos.train(), photos.classNames(), settings, "training");
        LabelledImages validationImages = photos.validation() == null ? null
                : decode(photos.validation(), photos.classNames(), settings, "validation");
        LabelledImages testImages = decode(photos.test(), photos.classNames(), settings, "test");
        return new PhotoDataset(trainImages, validationImages, testImages, photos.skipped());
    }

    /**
     * A photo folder made ready for training, its photos cached in memory or streamed from disk: the same splits,
     * screening and pixels as {@link #load}.
     *
     * @param train      the training photos
     * @param validation the validation photos, or null
     * @param test       the test photos
     * @param mode       {@link PhotoCache#MEMORY} or {@link PhotoCache#DISK}, whichever runs
     * @param skipped    how many unreadable photos were left out
     */
    public record Opened(ImageSet train, ImageSet validation, ImageSet test, PhotoCache mode, int skipped) {
        /**
         * @param n how many photos at most
         * @return the first {@code n} training photos, in memory whichever the mode
         */
        public LabelledImages trainSample(int n) {
            return train instanceof StreamedPhotos streamed ? streamed.cacheFirst(n)
                    : ((LabelledImages) train).limit(n);
        }
    }

    /**
     * Splits and screens a photo folder as {@link #load} does, then says how large the decoded cache would be and
     * either decodes every photo into it or leaves them on disk to be decoded batch by batch.
     *
     * @param root      the folder
     * @param settings  how to read it
     * @param requested {@link PhotoCache#AUTO} to choose by size, or the mode to run
     * @param maxMemory what the JVM may use ({@link Runtime#maxMemory()})
     * @return the splits, cached or streamed
     * @throws CnnlabException for a bad folder, or (strict) an unreadable photo
     */
    public static Opened open(Path root, Settings settings, PhotoCache requested, long maxMemory) {
        Screened photos = screen(root, settings);
        long count = (long) photos.train().size() + photos.test().size()
                + (photos.validation() == null ? 0 : photos.validation().size());
        long bytes = PhotoCache.bytes(count, settings.height(), settings.width(), settings.channels());
        PhotoCache mode = requested.resolve(bytes, maxMemory);
        String line = requested.describe(count, settings.height(), settings.width(), settings.channels(), maxMemory);
        if (mode == PhotoCache.MEMORY && !PhotoCache.fits(bytes, maxMemory)) {
            LOG.warn(line);
        } else {
            LOG.info(line);
        }
        List<String> names = photos.classNames();
        if (mode == PhotoCache.DISK) {
            return new Opened(stream(photos.train(), names, settings, "training"),
                    photos.validation() == null ? null : stream(photos.validation(), names, settings, "validation"),
                    stream(photos.test(), names, settings, "test"), mode, photos.skipped());
        }
        return new Opened(decode(photos.train(), names, settings, "training"),
                photos.validation() == null ? null : decode(photos.validation(), names, settings, "validation"),
                decode(photos.test(), names, settings, "test"), mode, photos.skipped());
    }

    /** The screened photos of each split, the training ones mixed from the seed. */
    private record Screened(List<LabelledFile> train, List<LabelledFile> validation, List<LabelledFile> test,
                            List<String> classNames, int skipped) {
    }

    private static Screened screen(Path root, Settings settings) {
        ImageFolder folder = ImageFolder.scan(root);
        if (!hasTestPhotos(folder, settings)) {
            throw new InvalidSettingException(TEST_SPLIT, root + " has no test folder, so a share in (0, 1) of its"
                    + " photos must be held out for testing; got " + settings.testSplit());
        }
        ImageFolder.Split trainTest = trainTestSplit(folder, settings);
        List<LabelledFile> train = trainTest.kept();
        List<LabelledFile> test = trainTest.heldOut();
        List<LabelledFile> validation = null;
        if (settings.validationSplit() > 0) {
            ImageFolder.Split split = ImageFolder.split(train, settings.validationSplit(), settings.seed());
            train = split.kept();
            validation = split.heldOut();
        }
        train = sample(train, settings.limit(), settings.seed());
        test = sample(test, settings.testLimit(), settings.seed());
        requireDisjoint(train, test, validation);
        LOG.info("{}: {} classes {}, {} training, {} validation, {} test photos", root, folder.classNames().size(),
                folder.classNames(), train.size(), validation == null ? 0 : validation.size(), test.size());
        PhotoScreen.Result goodTrain = PhotoScreen.screen(train, settings.strict(), "training");
        PhotoScreen.Result goodTest = PhotoScreen.screen(test, settings.strict(), "test");
        PhotoScreen.Result goodValidation = validation == null ? null
                : PhotoScreen.screen(validation, settings.strict(), "validation");
        int skipped = goodTrain.bad().size() + goodTest.bad().size()
                + (goodValidation == null ? 0 : goodValidation.bad().size());
        if (goodTrain.good().isEmpty() || goodTest.good().isEmpty()) {
            throw new InvalidSettingException(DATASET, root + " has no readable " + (goodTrain.good().isEmpty()
                    ? "training" : "test") + " photos");
        }
        // Folders list one class after another; mixed from the seed, any prefix (the training-accuracy
        // sample takes the first 1,000) has every class.
        List<LabelledFile> mixed = new ArrayList<>(goodTrain.good());
        Collections.shuffle(mixed, new Random(settings.seed() + 3));
        return new Screened(mixed, goodValidation == null ? null : goodValidation.good(), goodTest.good(),
                folder.classNames(), skipped);
    }

    private static StreamedPhotos stream(List<LabelledFile> files, List<String> names, Settings s, String what) {
        return new StreamedPhotos(files, names, s.height(), s.width(), s.channels(), what);
    }

    /**
     * @param spec    {@code cats-dogs}, or a folder path (as in {@code folder:PATH})
     * @param dataDir the data directory, where {@code fetch cats-dogs} puts the photos
     * @return the folder
     */
    public static Path root(String spec, Path dataDir) {
        if (spec.equals(CatsDogsLocation.KEY)) {
            try {
                return CatsDogsLocation.resolve(dataDir);
            } catch (CnnlabException e) {
                throw InvalidValueException.followedBy(DATASET.key(), " " + e.getMessage()
                        + ", or use --dataset folder:PATH", e);
            }
        }
        return Path.of(spec.startsWith("folder:") ? spec.substring("folder:".length()) : spec);
    }

    /** @return whether the tree has a test folder, or a share in (0, 1) to split one off */
    private static boolean hasTestPhotos(ImageFolder folder, Settings settings) {
        return folder.hasTestFolder() || (settings.testSplit() > 0 && settings.testSplit() < 1);
    }

    /**
     * A tree's training and test photos (see {@link #hasTestPhotos}): its own folders, or for a single tree the stratified split
     * {@code --test-split} and the seed make, the same on every call.
     */
    private static ImageFolder.Split trainTestSplit(ImageFolder folder, Settings settings) {
        if (folder.hasTestFolder()) {
            return new ImageFolder.Split(folder.train(), folder.test());
        }
        return ImageFolder.split(folder.train(), settings.testSplit(), settings.seed() + 1);
    }

    /**
     * The test photos of a tree alone, for evaluating a trained model: its test folder, or the split training
     * made of a single tree when its test share is known.
     *
     * @param root       the tree
     * @param classNames the model's classes, which the tree must have
     * @param settings   input size, test share, test limit, seed and strictness
     * @return the decoded test photos
     * @throws CnnlabException when the tree has no test folder and no test share is given, or other classes
     */
    private static LabelledImages loadTest(Path root, List<String> classNames, Settings settings) {
        ImageFolder folder = ImageFolder.scan(root);
        if (!hasTestPhotos(folder, settings)) {
            throw new InvalidSettingException(DATASET, root + " has no test/<class>/ folders; the split the model was"
                    + " trained with cannot be rebuilt here");
        }
        if (!folder.classNames().equals(classNames)) {
            throw new InvalidSettingException(DATASET, root + " has classes " + folder.classNames()
                    + ", the model " + classNames);
        }
        List<LabelledFile> test = sample(trainTestSplit(folder, settings).heldOut(), settings.testLimit(), settings.seed());
        List<LabelledFile> good = PhotoScreen.screen(test, settings.strict(), "test").good();
        return decode(good, folder.classNames(), settings, "test");
    }

    /**
     * The test photos of a tree alone, decoded at a trained model's input size, as {@code evaluate} and the run
     * report need them, unreadable photos skipped: the tree's test folder, or for a single tree the split its
     * training run made.
     *
     * @param root       the tree
     * @param classNames the model's classes, which the tree must have
     * @param height     input height
     * @param width      input width
     * @param channels   3 (RGB) or 1 (grey)
     * @param testSplit  for a tree without a test folder, the share training held out ({@code --test-split});
     *                   0 when it is not known
     * @param testLimit  at most this many photos, a stratified sample (0: all)
     * @param seed       the training run's seed, which drew the split and that sample
     * @return the decoded test photos
     * @throws CnnlabException when the tree has no test folder and {@code testSplit} is 0, or other classes
     */
    public static LabelledImages loadTest(Path root, List<String> classNames, int height, int width, int channels,
                                          double testSplit, int testLimit, long seed) {
        return loadTest(root, classNames, new Settings(height, width, channels, 0, testSplit, seed, 0, testLimit, false,
                Runtime.getRuntime().availableProcessors()));
    }

    private static LabelledImages decode(List<LabelledFile> files, List<String> names, Settings s, String what) {
        return PhotoLoader.load(files, names, s.height(), s.width(), s.channels(), s.threads(), what);
    }

    /** A stratified sample of {@code n} photos (all when {@code n} is 0 or too large). */
    static List<LabelledFile> sample(List<LabelledFile> files, int n, long seed) {
        if (n <= 0 || n >= files.size()) {
            return files;
        }
        return ImageFolder.split(files, (double) n / files.size(), seed + 2).heldOut();
    }

    private static void requireDisjoint(List<LabelledFile> train, List<LabelledFile> test, List<LabelledFile> validation) {
        Set<Path> seen = new HashSet<>();
        train.forEach(f -> seen.add(f.path()));
        for (List<LabelledFile> other : validation == null ? List.of(test) : List.of(test, validation)) {
            for (LabelledFile f : other) {
                if (!seen.add(f.path())) {
                    throw new IllegalStateException(f.path() + " is in two splits");
                }
            }
        }
    }
}
