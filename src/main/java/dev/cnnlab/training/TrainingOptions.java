package dev.cnnlab.training;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.IdxAugmentation;
import dev.cnnlab.data.IdxDataset;
import dev.cnnlab.data.Scaling;
import dev.cnnlab.data.photo.CatsDogsLocation;
import dev.cnnlab.data.photo.PhotoAugmentation;
import dev.cnnlab.platform.SplitBatchMultiLayerNetwork;
import dev.cnnlab.zoo.Optimizer;
import dev.cnnlab.zoo.Recipe;
import dev.cnnlab.zoo.RecipeKind;
import dev.cnnlab.zoo.TestTimeAugmentation;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything that defines a training run. Every field has a working default: {@code new
 * TrainingOptions()} trains LeNet on MNIST the way the default job does.
 */
public final class TrainingOptions {
    private static final String FOLDER = "folder:";
    /** The most data-parallel workers {@link #workers} accepts: more than any one machine's devices or cores. */
    public static final int MAX_WORKERS = 64;
    /** The dataset to train and test on, unless {@link #photos} is set. */
    public IdxDataset dataset = IdxDataset.MNIST;
    /** A photo dataset instead: {@code cats-dogs} or the path of a class-per-folder tree (null: IDX). */
    public String photos;
    /** Photo input height in pixels. */
    public int imageHeight = 64;
    /** Photo input width in pixels. */
    public int imageWidth = 64;
    /** Photo input channels: 3 (RGB) or 1 (grey). */
    public int channels = 3;
    /** Share of a photo tree without a test folder that is held out for testing. */
    public double testSplit = 0.2;
    /** Whether an unreadable photo stops the run (else it is skipped and named in the log). */
    public boolean strict;
    /** The zoo name of the network. */
    public String architecture = "lenet";
    /** Passes over the training set. */
    public int epochs = 2;
    /** Images per mini-batch. */
    public int batchSize = 64;
    /** The optimiser. */
    public Optimizer optimizer = Optimizer.ADAM;
    /** The optimiser's learning rate. */
    public double learningRate = 1e-3;
    /** Factor the learning rate is multiplied by after each epoch, in (0, 1] (1.0: constant). */
    public double lrDecay = 1.0;
    /** Adam's first-moment decay. */
    public double beta1 = 0.9;
    /** Adam's second-moment decay. */
    public double beta2 = 0.999;
    /** Seed for weight initialisation, shuffling and splits. */
    public long seed = 42;
    /** Train on at most this many images (0: all). */
    public int limit = 0;
    /** Test on at most this many images (0: all). */
    public int testLimit = 0;
    /** Share of the training set held out for validation after each epoch (0: none; test set used). */
    public double validationSplit = 0;
    /** Copies added to the training set ({@code shift}, {@code flip}, comma-separated; empty: none). */
    public String augment = "";
    /** How pixel values are scaled. */
    public Scaling scaling = Scaling.UNIT;
    /** The run directory; null picks {@code runs/<dataset>-<network>-<time>}. */
    public Path outDir;
    /** The data directory; null picks the default (see {@code DataDirectory}). */
    public Path dataDir;
    /** Whether to fetch missing datasets. */
    public boolean fetch = true;
    /** Whether to draw progress bars. */
    public boolean progress = true;
    /** Iterations between checkpoints (0: none besides epoch ends and {@link #checkpointMinutes}). */
    public int checkpointEvery = CheckpointSchedule.DEFAULT.everyIterations();
    /** Minutes between checkpoints (0: none besides epoch ends and {@link #checkpointEvery}). */
    public double checkpointMinutes = CheckpointSchedule.DEFAULT.everyMinutes();
    /** How many checkpoints to keep in the run directory, newest first. */
    public int keepCheckpoints = CheckpointSchedule.DEFAULT.keep();
    /**
     * Whether batch-norm layers get their running statistics recomputed on un-augmented training images after
     * each epoch ({@link BatchNormRecalibration}); no effect on networks without batch norm.
     */
    public boolean recalibrateBatchNorm = true;
    /** How the network is scored on a batch: per-epoch evaluation, the final test and, saved in the model, later use. */
    public TestTimeAugmentation testTime = TestTimeAugmentation.NONE;
    /** Data-parallel workers on this machine (1: plain training; 2 or more: DL4J's ParallelWrapper, averaging). */
    public int workers = 1;
    /**
     * Whether each batch's gradient is computed in parts at once, one per core ({@link SplitBatchMultiLayerNetwork}): the same
     * update, faster on CPU cores. Networks with batch norm, GPUs and runs with several {@link #workers} are never
     * split.
     */
    public boolean splitBatch = true;

    /**
     * The options a recipe prescribes; fields can still be changed afterwards.
     *
     * @param recipe a recipe from the zoo
     * @return its options
     */
    public static TrainingOptions fromRecipe(Recipe recipe) {
        TrainingOptions o = new TrainingOptions();
        IdxDataset idx = IdxDataset.byKey(recipe.dataset()).orElse(null);
        if (idx != null) {
            o.dataset = idx;
        } else {
            o.photos = recipe.dataset();
            o.imageHeight = recipe.input().height();
            o.imageWidth = recipe.input().width();
            o.channels = recipe.input().channels();
        }
        o.architecture = recipe.architecture().name();
        o.epochs = recipe.epochs();
        o.batchSize = recipe.batchSize();
        o.optimizer = recipe.optimizer();
        o.learningRate = recipe.learningRate();
        o.lrDecay = recipe.lrDecay();
        o.beta1 = recipe.beta1();
        o.beta2 = recipe.beta2();
        o.scaling = recipe.scaling();
        o.validationSplit = recipe.validationSplit();
        o.augment = recipe.augment();
        o.testTime = recipe.testTime();
        o.limit = recipe.trainImages();
        // The tutorials' batch norm keeps the running averages training leaves; recomputing them is cnnlab's change.
        o.recalibrateBatchNorm = recipe.kind() == RecipeKind.IMPROVED;
        return o;
    }

    /**
     * Chooses the dataset by the key {@link #datasetKey()} gives: an IDX dataset ({@code mnist}, {@code fashion}),
     * {@code cats-dogs}, or {@code folder:PATH}.
     *
     * @param key the dataset's key
     * @return this
     * @throws CnnlabException naming {@code --dataset} for an unknown key
     */
    public TrainingOptions useDataset(String key) {
        String v = key.strip();
        if (v.equalsIgnoreCase(CatsDogsLocation.KEY)) {
            photos = CatsDogsLocation.KEY;
            return this;
        }
        if (v.regionMatches(true, 0, FOLDER, 0, FOLDER.length())) {
            String path = v.substring(FOLDER.length());
            if (path.isBlank()) {
                throw new CnnlabException("--dataset: expected folder:PATH with a path, got '" + key + "'");
            }
            photos = path;
            return this;
        }
        photos = null;
        dataset = IdxDataset.byKey(v).orElseThrow(() -> new CnnlabException("--dataset: expected one of "
                + Arrays.stream(IdxDataset.values()).map(IdxDataset::key).collect(Collectors.joining(", "))
                + ", cats-dogs or folder:PATH, got '" + key + "'"));
        return this;
    }

    /**
     * The options {@link #toMap()} wrote, as a run's {@code config.json} holds them.
     *
     * @param map the values by their {@code toMap} keys
     * @return the options
     * @throws IllegalArgumentException when a value is missing or of the wrong type
     */
    public static TrainingOptions fromMap(Map<String, ?> map) {
        TrainingOptions o = new TrainingOptions();
        o.useDataset(text(map, "dataset"));
        if (o.photos != null) {
            String[] size = text(map, "image_size").split("x");
            o.imageHeight = Integer.parseInt(size[0]);
            o.imageWidth = Integer.parseInt(size[1]);
            o.channels = number(map, "channels").intValue();
            o.strict = Boolean.TRUE.equals(map.get("strict"));
            o.testSplit = number(map, "test_split").doubleValue();
        }
        o.architecture = text(map, "model");
        o.epochs = number(map, "epochs").intValue();
        o.batchSize = number(map, "batch_size").intValue();
        // Runs written before the option existed trained with Adam.
        o.optimizer = map.get("optimizer") instanceof String name ? Optimizer.byKey(name) : Optimizer.ADAM;
        o.learningRate = number(map, "learning_rate").doubleValue();
        // Runs written before the option existed trained at a constant rate.
        o.lrDecay = map.get("lr_decay") instanceof Number d ? d.doubleValue() : 1.0;
        o.beta1 = number(map, "beta1").doubleValue();
        o.beta2 = number(map, "beta2").doubleValue();
        o.seed = number(map, "seed").longValue();
        o.limit = number(map, "limit").intValue();
        o.testLimit = number(map, "test_limit").intValue();
        o.validationSplit = number(map, "validation_split").doubleValue();
        o.augment = map.get("augment") instanceof String a ? a : "";
        o.scaling = Scaling.byKey(text(map, "scaling"));
        o.workers = number(map, "workers").intValue();
        // Runs written before the option existed resume split: the same update, up to float rounding.
        o.splitBatch = !Boolean.FALSE.equals(map.get("split_batch"));
        // Runs written before the option existed scored one pass per image.
        o.testTime = map.get("tta") instanceof String t ? TestTimeAugmentation.byKey(t) : TestTimeAugmentation.NONE;
        // Runs written before the option existed kept DL4J's running averages.
        o.recalibrateBatchNorm = Boolean.TRUE.equals(map.get("bn_recalibration"));
        return o;
    }

    private static String text(Map<String, ?> map, String key) {
        if (!(map.get(key) instanceof String v)) {
            throw new IllegalArgumentException("no text '" + key + "'");
        }
        return v;
    }

    private static Number number(Map<String, ?> map, String key) {
        if (!(map.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("no number '" + key + "'");
        }
        return n;
    }

    /**
     * Checks every value and names the flag of the first bad one.
     *
     * @return this
     * @throws CnnlabException for a value out of range
     */
    public TrainingOptions validate() {
        require(epochs >= 1, "--epochs", "a whole number of at least 1", epochs);
        require(batchSize >= 1, "--batch-size", "a whole number of at least 1", batchSize);
        require(learningRate > 0 && Double.isFinite(learningRate), "--lr", "a positive number", learningRate);
        require(lrDecay > 0 && lrDecay <= 1, "--lr-decay", "a factor in (0, 1]", lrDecay);
        require(beta1 >= 0 && beta1 < 1, "--beta1", "a number in [0, 1)", beta1);
        require(beta2 >= 0 && beta2 < 1, "--beta2", "a number in [0, 1)", beta2);
        require(limit >= 0, "--limit", "0 (all) or a positive number of images", limit);
        require(testLimit >= 0, "--test-limit", "0 (all) or a positive number of images", testLimit);
        require(validationSplit >= 0 && validationSplit < 1, "--validation-split", "a fraction in [0, 1)",
                validationSplit);
        require(workers >= 1 && workers <= MAX_WORKERS, "--workers", "a whole number from 1 to " + MAX_WORKERS, workers);
        if (photos != null) {
            require(imageHeight >= 8 && imageWidth >= 8 && imageHeight <= 4096 && imageWidth <= 4096, "--image-size",
                    "HxW with sides from 8 to 4096", imageHeight + "x" + imageWidth);
            require(channels == 1 || channels == 3, "--channels", "1 or 3", channels);
            require(testSplit > 0 && testSplit < 1, "--test-split", "a fraction in (0, 1)", testSplit);
            PhotoAugmentation.parse(augment);
        } else {
            IdxAugmentation.parse(PhotoAugmentation.idxCopies(augment));
            PhotoAugmentation.parse(PhotoAugmentation.idxRandom(augment));
        }
        checkpointSchedule();
        return this;
    }

    /**
     * @return when to write checkpoints
     * @throws CnnlabException naming the flag of a bad value
     */
    public CheckpointSchedule checkpointSchedule() {
        return new CheckpointSchedule(checkpointEvery, checkpointMinutes, keepCheckpoints);
    }

    private static void require(boolean ok, String flag, String expected, Object got) {
        if (!ok) {
            throw new CnnlabException(flag + ": expected " + expected + ", got " + got);
        }
    }

    /** @return the dataset's name: an IDX key, {@code cats-dogs}, or {@code folder:PATH} */
    public String datasetKey() {
        if (photos == null) {
            return dataset.key();
        }
        return photos.equals(CatsDogsLocation.KEY) ? photos : "folder:" + photos;
    }

    /** @return the run directory: {@link #outDir}, or a new name under {@code runs/} */
    public Path resolveOutDir() {
        if (outDir != null) {
            return outDir;
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        String name = photos == null ? dataset.key() : photos.equals(CatsDogsLocation.KEY) ? photos : "folder";
        return Path.of("runs", name + "-" + architecture + "-" + stamp);
    }

    /** @return the options as a map, for the run's {@code config.json} */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dataset", datasetKey());
        if (photos != null) {
            m.put("image_size", imageHeight + "x" + imageWidth);
            m.put("channels", channels);
            m.put("strict", strict);
            m.put("test_split", testSplit);
        }
        m.put("model", architecture);
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("optimizer", optimizer.key());
        m.put("learning_rate", learningRate);
        m.put("lr_decay", lrDecay);
        m.put("beta1", beta1);
        m.put("beta2", beta2);
        m.put("seed", seed);
        m.put("limit", limit);
        m.put("test_limit", testLimit);
        m.put("validation_split", validationSplit);
        m.put("augment", augment);
        m.put("tta", testTime.key());
        m.put("scaling", scaling.key());
        m.put("workers", workers);
        m.put("split_batch", splitBatch);
        m.put("bn_recalibration", recalibrateBatchNorm);
        return m;
    }
}
