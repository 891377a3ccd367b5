package dev.cnnlab.cli;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.Scaling;
import dev.cnnlab.zoo.Optimizer;
import dev.cnnlab.zoo.TestTimeAugmentation;
import dev.cnnlab.training.TrainingOptions;
import dev.cnnlab.report.RunReport;
import dev.cnnlab.training.ResumeState;
import dev.cnnlab.training.TrainingResult;
import dev.cnnlab.training.TrainingRun;
import dev.cnnlab.ui.LiveTraining;
import dev.cnnlab.ui.UiOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.cnnlab.zoo.Recipes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code cnnlab train}: trains a network and writes a run directory.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a network on a dataset; writes the model zip, metrics, configuration and log to a run directory.")
final class TrainCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(TrainCommand.class);
    private static final TrainingOptions DEFAULTS = new TrainingOptions();

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "mnist, fashion, cats-dogs, or folder:PATH (PATH/<class>/ or PATH/train|test/<class>/ photos) (default: mnist).")
    String dataset = DEFAULTS.dataset.key();

    @Option(names = "--image-size", paramLabel = "HxW", description = "Photo input size, e.g. 64x64 (default: 64x64 or the recipe's).")
    String imageSize;

    @Option(names = "--channels", paramLabel = "C", description = "Photo input channels: 3 (RGB) or 1 (grey) (default: 3).")
    Integer channels;

    @Option(names = "--test-split", paramLabel = "F",
            description = "For a photo folder without train/ and test/: the share held out, stratified, for testing (default: 0.2).")
    Double testSplit;

    @Option(names = "--strict", description = "Stop at the first unreadable photo instead of skipping it.")
    boolean strict;

    @Option(names = "--model", paramLabel = "NAME", description = "Network from the zoo (default: ${DEFAULT-VALUE}).")
    String model = DEFAULTS.architecture;

    @Option(names = "--recipe", paramLabel = "NAME",
            description = "Start from a named recipe's network, dataset and settings (see 'cnnlab recipes'); other flags override it.")
    String recipe;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training set (default: ${DEFAULT-VALUE}).")
    int epochs = DEFAULTS.epochs;

    @Option(names = "--batch-size", paramLabel = "B", description = "Images per mini-batch (default: ${DEFAULT-VALUE}).")
    int batchSize = DEFAULTS.batchSize;

    @Option(names = "--optimizer", paramLabel = "NAME", converter = Converters.OptimizerName.class,
            description = "adam; adam-per-batch: Adam with its moments restarted on every batch, as the NumPy tutorial's code runs it; adam-keras: Adam with Keras's epsilon 1e-7 (default: adam, or the recipe's).")
    Optimizer optimizer = DEFAULTS.optimizer;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate = DEFAULTS.learningRate;

    @Option(names = "--lr-decay", paramLabel = "G",
            description = "Multiply the learning rate by G after each epoch, G in (0, 1] (default: ${DEFAULT-VALUE}, constant, or the recipe's).")
    double lrDecay = DEFAULTS.lrDecay;

    @Option(names = "--beta1", paramLabel = "X", description = "Adam beta1 (default: ${DEFAULT-VALUE}).")
    double beta1 = DEFAULTS.beta1;

    @Option(names = "--beta2", paramLabel = "X", description = "Adam beta2 (default: ${DEFAULT-VALUE}).")
    double beta2 = DEFAULTS.beta2;

    @Option(names = "--seed", paramLabel = "S", description = "Seed for weights, shuffling and splits (default: ${DEFAULT-VALUE}).")
    long seed = DEFAULTS.seed;

    @Option(names = "--limit", paramLabel = "N", description = "Train on the first N images only (default: all, or the recipe's: scratch-2conv trains on 50,000).")
    int limit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Test on the first N images only (default: all).")
    int testLimit;

    @Option(names = "--validation-split", paramLabel = "F",
            description = "Hold out this share of the training set, stratified, for per-epoch validation (default: none).")
    double validationSplit;

    @Option(names = "--augment", paramLabel = "LIST",
            description = "Augment training images, comma-separated: flip, shift:N, crop:N, rotate:DEG, warp:N, brightness:F, contrast:F"
                    + " (random each epoch); on mnist/fashion, bare shift and flip add the tutorial's fixed copies.")
    String augment = DEFAULTS.augment;

    @Option(names = "--tta", paramLabel = "T", converter = Converters.TestTimeName.class,
            description = "Test-time augmentation, saved in the model: none, or flip (average the softmax of each image and its"
                    + " mirror image; for photo networks trained with flips) (default: none).")
    TestTimeAugmentation testTime = DEFAULTS.testTime;

    @Option(names = "--scaling", paramLabel = "S", converter = Converters.ScalingName.class,
            description = "unit (x/255), standardize (training mean and std) or raw (0-255 unscaled) (default: unit, or the recipe's).")
    Scaling scaling = DEFAULTS.scaling;

    @Option(names = "--workers", paramLabel = "N",
            description = "Train on N data-parallel workers with DL4J's ParallelWrapper (CPU threads, or one per GPU); parameters averaged every "
                    + "few iterations (default: 1, plain training).")
    int workers = DEFAULTS.workers;

    @Option(names = "--no-batch-split",
            description = "Compute each batch's gradient whole, every operation spread over the cores, as plain DL4J does,"
                    + " instead of in parts at once, one per core (the same update; splitting is faster on CPU cores).")
    boolean noBatchSplit;

    @Option(names = "--out", paramLabel = "DIR", description = "Run directory (default: runs/<dataset>-<model>-<time>).")
    Path out;

    @Option(names = "--no-fetch", description = "Fail instead of fetching a missing dataset.")
    boolean noFetch;

    @Option(names = "--no-bn-recalibration",
            description = "Keep DL4J's running batch-norm averages instead of recomputing them on un-augmented training images after each epoch"
                    + " (tutorial recipes always keep them).")
    boolean noBnRecalibration;

    @Option(names = "--no-report", description = "Skip the pictures and report.html (see 'cnnlab report').")
    boolean noReport;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue an interrupted run from its newest checkpoint, with its own settings (--epochs may raise the total).")
    Path resume;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Also write a checkpoint every N iterations (default: 0, off; checkpoints are written at every epoch end).")
    int checkpointEvery = DEFAULTS.checkpointEvery;

    @Option(names = "--checkpoint-minutes", paramLabel = "M",
            description = "Also write a checkpoint every M minutes of training (default: ${DEFAULT-VALUE}; 0: off).")
    double checkpointMinutes = DEFAULTS.checkpointMinutes;

    @Option(names = "--keep-checkpoints", paramLabel = "K",
            description = "Keep the newest K checkpoints in RUN_DIR/checkpoints (default: ${DEFAULT-VALUE}).")
    int keepCheckpoints = DEFAULTS.keepCheckpoints;

    @Mixin
    UiTrainOptions ui;

    @Override
    public Integer call() {
        common.apply();
        TrainingOptions options;
        ResumeState resumed = null;
        UiOptions uiOptions;
        try {
            if (resume != null) {
                resumed = ResumeState.open(resume);
                options = ResumeFlags.apply(spec.commandLine().getParseResult(), toOptions(), resumed).validate();
            } else {
                options = toOptions().validate();
            }
            uiOptions = ui.toOptions().validate();
        } catch (CnnlabException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (uiOptions.enabled()) {
            options.outDir = options.resolveOutDir(); // fixed now: the UI's statistics file goes into it
        }
        try (LiveTraining live = LiveTraining.start(uiOptions, options.resolveOutDir())) {
            TrainingRun run = new TrainingRun(options);
            if (resumed != null) {
                run.resumeFrom(resumed);
            }
            live.listeners().forEach(run::addListener);
            writeReport(run.run(), options);
            live.trainingFinished();
        }
        return 0;
    }

    private void writeReport(TrainingResult result, TrainingOptions options) {
        if (!noReport) {
            try {
                LOG.info("report: {}", RunReport.write(result.runDir(), options.dataDir).html());
            } catch (CnnlabException e) {
                // The model is saved already: a report that cannot be drawn must not fail the run.
                LOG.warn("no report: {}", e.getMessage());
            }
        }
    }

    TrainingOptions toOptions() {
        TrainingOptions o = recipe != null ? TrainingOptions.fromRecipe(Recipes.require(recipe)) : new TrainingOptions();
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        if (given.hasMatchedOption("--dataset")) {
            DatasetChoice.apply(dataset, o);
        }
        if (imageSize != null) {
            int[] hw = DatasetChoice.imageSize(imageSize);
            o.imageHeight = hw[0];
            o.imageWidth = hw[1];
        }
        if (channels != null) {
            o.channels = channels;
        }
        if (testSplit != null) {
            o.testSplit = testSplit;
        }
        o.strict = strict;
        if (noBnRecalibration) {
            o.recalibrateBatchNorm = false;
        }
        if (given.hasMatchedOption("--model")) {
            o.architecture = model;
        }
        if (given.hasMatchedOption("--epochs")) {
            o.epochs = epochs;
        }
        if (given.hasMatchedOption("--batch-size")) {
            o.batchSize = batchSize;
        }
        if (given.hasMatchedOption("--optimizer")) {
            o.optimizer = optimizer;
        }
        if (given.hasMatchedOption("--lr")) {
            o.learningRate = learningRate;
        }
        if (given.hasMatchedOption("--lr-decay")) {
            o.lrDecay = lrDecay;
        }
        if (given.hasMatchedOption("--beta1")) {
            o.beta1 = beta1;
        }
        if (given.hasMatchedOption("--beta2")) {
            o.beta2 = beta2;
        }
        if (given.hasMatchedOption("--scaling")) {
            o.scaling = scaling;
        }
        if (given.hasMatchedOption("--augment")) {
            o.augment = augment;
        }
        if (given.hasMatchedOption("--tta")) {
            o.testTime = testTime;
        }
        if (given.hasMatchedOption("--validation-split")) {
            o.validationSplit = validationSplit;
        }
        o.seed = seed;
        if (given.hasMatchedOption("--limit")) {
            o.limit = limit;
        }
        o.testLimit = testLimit;
        o.workers = workers;
        o.splitBatch = !noBatchSplit;
        o.outDir = out;
        o.dataDir = common.dataDir;
        o.fetch = !noFetch;
        o.progress = !common.noProgress;
        o.checkpointEvery = checkpointEvery;
        o.checkpointMinutes = checkpointMinutes;
        o.keepCheckpoints = keepCheckpoints;
        return o;
    }
}
