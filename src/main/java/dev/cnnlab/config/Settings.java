package dev.cnnlab.config;

import dev.cnnlab.data.Scaling;
import dev.cnnlab.data.photo.PhotoCache;
import dev.cnnlab.zoo.Architecture;
import dev.cnnlab.zoo.LearningRateSchedule;
import dev.cnnlab.zoo.ModelZoo;
import dev.cnnlab.zoo.Optimizer;
import dev.cnnlab.zoo.TestTimeAugmentation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every training setting, each declared once. The order is the order of {@code config.json} and of the
 * {@code train} command's help.
 */
public final class Settings {
    /** The most data-parallel workers {@link #WORKERS} accepts: more than any one machine's devices or cores. */
    public static final int MAX_WORKERS = 64;
    /** The settings in the order they are declared below; filled as the class initialises. */
    private static final List<Setting<?>> DECLARED = new ArrayList<>();

    /** The dataset to train and test on. */
    public static final Setting<DatasetSource> DATASET = declare(Setting.of("dataset", "--dataset",
                    SettingType.byName(DatasetSource::parse, DatasetSource::key), new DatasetSource("mnist"),
                    "mnist, fashion, cats-dogs, or folder:PATH (PATH/<class>/ or PATH/train|test/<class>/ photos).")
            .label("NAME"));
    /** Photo input size. */
    public static final Setting<ImageSize> IMAGE_SIZE = declare(Setting.of("image_size", "--image-size",
                    SettingType.byName(ImageSize::parse, ImageSize::toString), new ImageSize(64, 64),
                    "Photo input size, e.g. 64x64.")
            .label("HxW").photosOnly().accepts(s -> s.height() >= 8 && s.width() >= 8 && s.height() <= 4096
                    && s.width() <= 4096, "HxW with sides from 8 to 4096"));
    /** Photo input channels. */
    public static final Setting<Integer> CHANNELS = declare(Setting.of("channels", "--channels", SettingType.INTEGER, 3,
                    "Photo input channels: 3 (RGB) or 1 (grey).")
            .label("C").photosOnly().accepts(c -> c == 1 || c == 3, "1 or 3"));
    /** Whether an unreadable photo stops the run (else it is skipped and named in the log). */
    public static final Setting<Boolean> STRICT = declare(Setting.of("strict", "--strict", SettingType.BOOLEAN, false,
                    "Stop at the first unreadable photo instead of skipping it.")
            .photosOnly().before(false));
    /** Share of a photo tree without a test folder that is held out for testing. */
    public static final Setting<Double> TEST_SPLIT = declare(Setting.of("test_split", "--test-split", SettingType.DECIMAL, 0.2,
                    "For a photo folder without train/ and test/: the share held out, stratified, for testing.")
            .label("F").photosOnly().accepts(f -> f > 0 && f < 1, "a fraction in (0, 1)"));
    /** Whether a photo run decodes its photos once into memory or each batch's from disk. */
    public static final Setting<PhotoCache> PHOTO_CACHE = declare(Setting.of("photo_cache", "--photo-cache",
                    SettingType.byName(PhotoCache::byKey, PhotoCache::key), PhotoCache.AUTO,
                    "Where decoded photos live: memory (decoded once, cached), disk (each batch's photos decoded as"
                            + " it is cut; memory stays bounded) or auto (memory when the cache takes at most a third"
                            + " of what the JVM may use, else disk). The same pixels either way.")
            .label("MODE").perInvocation());
    /** The zoo name of the network. */
    public static final Setting<String> MODEL = declare(Setting.of("model", "--model", SettingType.TEXT, "lenet",
                    "Network from the zoo.")
            .label("NAME").accepts(name -> ModelZoo.find(name).isPresent(), "one of " + ModelZoo.all().stream()
                    .map(Architecture::name).collect(Collectors.joining(", "))));
    /** Passes over the training set; a resumed run may raise it. */
    public static final Setting<Integer> EPOCHS = declare(Setting.of("epochs", "--epochs", SettingType.INTEGER, 2,
                    "Passes over the training set.")
            .label("N").resumable().accepts(n -> n >= 1, "a whole number of at least 1"));
    /** Images per mini-batch. */
    public static final Setting<Integer> BATCH_SIZE = declare(Setting.of("batch_size", "--batch-size", SettingType.INTEGER, 64,
                    "Images per mini-batch.")
            .label("B").accepts(n -> n >= 1, "a whole number of at least 1"));
    /** The optimiser. */
    public static final Setting<Optimizer> OPTIMIZER = declare(Setting.of("optimizer", "--optimizer",
                    SettingType.byName(Optimizer::byKey, Optimizer::key), Optimizer.ADAM,
                    "adam; adam-per-batch: Adam with its moments restarted on every batch, as the NumPy tutorial's"
                            + " code runs it; adam-keras: Adam with Keras's epsilon 1e-7.")
            .label("NAME").before(Optimizer.ADAM));
    /** The optimiser's learning rate. */
    public static final Setting<Double> LEARNING_RATE = declare(Setting.of("learning_rate", "--lr", SettingType.DECIMAL, 1e-3,
                    "Learning rate.")
            .accepts(x -> x > 0 && Double.isFinite(x), "a positive number"));
    /** Factor the exponential schedule multiplies the learning rate by after each epoch (1.0: constant). */
    public static final Setting<Double> LR_DECAY = declare(Setting.of("lr_decay", "--lr-decay", SettingType.DECIMAL, 1.0,
                    "Multiply the learning rate by G after each epoch, G in (0, 1] (1: constant); for --lr-schedule"
                            + " exponential.")
            .label("G").before(1.0).accepts(g -> g > 0 && g <= 1, "a factor in (0, 1]"));
    /** How the learning rate changes from epoch to epoch. */
    public static final Setting<LearningRateSchedule> LR_SCHEDULE = declare(Setting.of("lr_schedule", "--lr-schedule",
                    SettingType.byName(LearningRateSchedule::byKey, LearningRateSchedule::key),
                    LearningRateSchedule.EXPONENTIAL,
                    "exponential (multiply by --lr-decay after each epoch) or cosine (from --lr towards 0 over the"
                            + " epochs after the warm-up, stepping once per epoch).")
            .label("NAME").before(LearningRateSchedule.EXPONENTIAL));
    /** Epochs of linear learning-rate warm-up before the schedule (0: none). */
    public static final Setting<Integer> WARMUP_EPOCHS = declare(Setting.of("warmup_epochs", "--warmup-epochs",
                    SettingType.INTEGER, 0,
                    "Raise the learning rate linearly over the first N epochs, epoch e (from 0) at --lr * (e+1)/(N+1),"
                            + " then follow --lr-schedule from its start (0: no warm-up).")
            .label("N").before(0).accepts(n -> n >= 0, "0 (none) or a whole number of epochs"));
    /** Adam's first-moment decay. */
    public static final Setting<Double> BETA1 = declare(Setting.of("beta1", "--beta1", SettingType.DECIMAL, 0.9,
                    "Adam beta1.")
            .accepts(b -> b >= 0 && b < 1, "a number in [0, 1)"));
    /** Adam's second-moment decay. */
    public static final Setting<Double> BETA2 = declare(Setting.of("beta2", "--beta2", SettingType.DECIMAL, 0.999,
                    "Adam beta2.")
            .accepts(b -> b >= 0 && b < 1, "a number in [0, 1)"));
    /** Share of each training target spread evenly over all classes (0: one-hot targets). */
    public static final Setting<Double> LABEL_SMOOTHING = declare(Setting.of("label_smoothing", "--label-smoothing",
                    SettingType.DECIMAL, 0.0,
                    "Train towards (1-F) * one-hot + F / classes instead of one-hot targets (0: off); evaluation"
                            + " always scores against the true labels.")
            .label("F").before(0.0).accepts(f -> f >= 0 && f < 1, "a fraction in [0, 1)"));
    /** Seed for weight initialisation, shuffling and splits. */
    public static final Setting<Long> SEED = declare(Setting.of("seed", "--seed", SettingType.LONG, 42L,
                    "Seed for weights, shuffling and splits.")
            .label("S"));
    /** Train on at most this many images (0: all). */
    public static final Setting<Integer> LIMIT = declare(Setting.of("limit", "--limit", SettingType.INTEGER, 0,
                    "Train on the first N images only (0: all).")
            .label("N").accepts(n -> n >= 0, "0 (all) or a positive number of images"));
    /** Test on at most this many images (0: all). */
    public static final Setting<Integer> TEST_LIMIT = declare(Setting.of("test_limit", "--test-limit", SettingType.INTEGER, 0,
                    "Test on the first N images only (0: all).")
            .label("N").accepts(n -> n >= 0, "0 (all) or a positive number of images"));
    /** Share of the training set held out for validation after each epoch (0: none; the test set is used). */
    public static final Setting<Double> VALIDATION_SPLIT = declare(Setting.of("validation_split", "--validation-split",
                    SettingType.DECIMAL, 0.0,
                    "Hold out this share of the training set, stratified, for per-epoch validation (0: none).")
            .label("F").accepts(f -> f >= 0 && f < 1, "a fraction in [0, 1)"));
    /** Augmentation of the training set (comma-separated terms; empty: none). */
    public static final Setting<String> AUGMENT = declare(Setting.of("augment", "--augment", SettingType.TEXT, "",
                    "Augment training images, comma-separated: flip, shift:N, crop:N, rotate:DEG, warp:N, brightness:F,"
                            + " contrast:F, cutout:N (random each epoch); on mnist/fashion, bare shift and flip add the tutorial's"
                            + " fixed copies.")
            .label("LIST").before(""));
    /** How the network is scored on a batch: per-epoch evaluation, the final test and, saved in the model, later use. */
    public static final Setting<TestTimeAugmentation> TEST_TIME = declare(Setting.of("tta", "--tta",
                    SettingType.byName(TestTimeAugmentation::byKey, TestTimeAugmentation::key),
                    TestTimeAugmentation.NONE,
                    "Test-time augmentation, saved in the model: none, or a comma-separated list of flip (average the"
                            + " softmax of each image and its mirror image; for photo networks trained with flips) and"
                            + " centre:N (score the middle, N pixels cut from each side and scaled back; bare centre:"
                            + " half of crop:M in --augment, the scale training saw on average).")
            .label("T").before(TestTimeAugmentation.NONE));
    /** How pixel values are scaled. */
    public static final Setting<Scaling> SCALING = declare(Setting.of("scaling", "--scaling",
                    SettingType.byName(Scaling::byKey, Scaling::key), Scaling.UNIT,
                    "unit (x/255), standardize (training mean and std) or raw (0-255 unscaled).")
            .label("S"));
    /** Data-parallel workers on this machine (1: plain training; 2 or more: DL4J's ParallelWrapper, averaging). */
    public static final Setting<Integer> WORKERS = declare(Setting.of("workers", "--workers", SettingType.INTEGER, 1,
                    "Train on N data-parallel workers with DL4J's ParallelWrapper (CPU threads, or one per GPU);"
                            + " parameters averaged every few iterations (1: plain training).")
            .label("N").accepts(n -> n >= 1 && n <= MAX_WORKERS, "a whole number from 1 to " + MAX_WORKERS));
    /**
     * Whether each batch's gradient is computed in parts at once, one per core: the same update, faster on CPU cores.
     * Networks with batch norm, GPUs and runs with several workers are never split.
     */
    public static final Setting<Boolean> SPLIT_BATCH = declare(Setting.of("split_batch", "--no-batch-split",
                    SettingType.BOOLEAN, true,
                    "Compute each batch's gradient whole, every operation spread over the cores, as plain DL4J does,"
                            + " instead of in parts at once, one per core (the same update; splitting is faster on CPU"
                            + " cores).")
            .before(true));
    /** The flag of {@link #PLAIN_DL4J}: a constant, so the commands that only run a network share it. */
    public static final String PLAIN_DL4J_FLAG = "--plain-dl4j";
    /** What {@link #PLAIN_DL4J} does, as every command's help says it. */
    public static final String PLAIN_DL4J_DESCRIPTION = "Run DL4J exactly as it ships: no oneDNN layer helpers, no"
            + " backprop shortcuts, no batch split, DL4J's own Adam updater and output() (to compare results or speed;"
            + " see docs/dl4j-workarounds.md).";
    /** Whether DL4J runs exactly as it ships, with none of the acceleration layer's speed-ups. */
    public static final Setting<Boolean> PLAIN_DL4J = declare(Setting.of("plain_dl4j", PLAIN_DL4J_FLAG,
                    SettingType.BOOLEAN, false, PLAIN_DL4J_DESCRIPTION)
            .before(false).resumable());
    /** Whether batch-norm running statistics are recomputed on un-augmented training images after each epoch. */
    public static final Setting<Boolean> BN_RECALIBRATION = declare(Setting.of("bn_recalibration", "--no-bn-recalibration",
                    SettingType.BOOLEAN, true,
                    "Keep DL4J's running batch-norm averages instead of recomputing them on un-augmented training"
                            + " images after each epoch (tutorial recipes always keep them).")
            .before(false));
    /** The run directory; null picks {@code runs/<dataset>-<network>-<time>}. */
    public static final Setting<Path> OUT = declare(Setting.of("out", "--out", SettingType.PATH, null,
                    "Run directory (default: runs/<dataset>-<model>-<time>).")
            .label("DIR").perInvocation());
    /** The data directory; null picks the default. */
    public static final Setting<Path> DATA_DIR = declare(Setting.of("data_dir", "--data-dir", SettingType.PATH, null,
                    "Where datasets live (default: $CNNLAB_DATA, else ~/.cnnlab/data).")
            .label("DIR").perInvocation());
    /** Whether to fetch missing datasets. */
    public static final Setting<Boolean> FETCH = declare(Setting.of("fetch", "--no-fetch", SettingType.BOOLEAN, true,
                    "Fail instead of fetching a missing dataset.")
            .perInvocation());
    /** Whether to draw progress bars. */
    public static final Setting<Boolean> PROGRESS = declare(Setting.of("progress", "--no-progress", SettingType.BOOLEAN, true,
                    "Draw no progress bars.")
            .perInvocation());
    /** Iterations between checkpoints (0: none besides epoch ends and the minutes). */
    public static final Setting<Integer> CHECKPOINT_EVERY = declare(Setting.of("checkpoint_every", "--checkpoint-every",
                    SettingType.INTEGER, 0,
                    "Also write a checkpoint every N iterations (0: off; checkpoints are written at every epoch end).")
            .label("N").perInvocation().accepts(n -> n >= 0, "0 (off) or a number of iterations"));
    /** Minutes between checkpoints (0: none besides epoch ends and the iterations). */
    public static final Setting<Double> CHECKPOINT_MINUTES = declare(Setting.of("checkpoint_minutes", "--checkpoint-minutes",
                    SettingType.DECIMAL, 10.0, "Also write a checkpoint every M minutes of training (0: off).")
            .label("M").perInvocation().accepts(m -> m >= 0 && Double.isFinite(m), "0 (off) or a number of minutes"));
    /** How many checkpoints to keep in the run directory, newest first. */
    public static final Setting<Integer> KEEP_CHECKPOINTS = declare(Setting.of("keep_checkpoints", "--keep-checkpoints",
                    SettingType.INTEGER, 3, "Keep the newest K checkpoints in RUN_DIR/checkpoints.")
            .label("K").perInvocation().accepts(n -> n >= 1, "at least 1"));

    /** Every setting, in the order of {@code config.json} and of the help: the order of the declarations above. */
    public static final List<Setting<?>> ALL = List.copyOf(DECLARED);

    private Settings() {
    }

    private static <T> Setting<T> declare(Setting<T> setting) {
        DECLARED.add(setting);
        return setting;
    }
}
