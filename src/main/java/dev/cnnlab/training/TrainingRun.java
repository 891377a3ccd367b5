package dev.cnnlab.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cnnlab.CnnlabException;
import dev.cnnlab.acceleration.Acceleration;
import dev.cnnlab.acceleration.AccelerationSettings;
import dev.cnnlab.acceleration.AppliedSpeedUp;
import dev.cnnlab.config.InvalidSettingException;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.data.batches.EpochIterator;
import dev.cnnlab.data.store.DataDirectory;
import dev.cnnlab.data.store.DatasetFetcher;
import dev.cnnlab.data.store.IdxDatasetStore;
import dev.cnnlab.evaluation.EvaluationReport;
import dev.cnnlab.evaluation.ModelEvaluator;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.model.ModelInfo;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.training.checkpoint.Checkpoint;
import dev.cnnlab.training.checkpoint.CheckpointStore;
import dev.cnnlab.training.checkpoint.Checkpointer;
import dev.cnnlab.training.checkpoint.DivergenceGuard;
import dev.cnnlab.training.checkpoint.InterruptCheckpoint;
import dev.cnnlab.training.checkpoint.NotResumableException;
import dev.cnnlab.training.checkpoint.ResumeState;
import dev.cnnlab.training.checkpoint.RunDirectoryCheck;
import dev.cnnlab.training.checkpoint.TrainingPosition;
import dev.cnnlab.zoo.Architecture;
import dev.cnnlab.zoo.ModelZoo;
import dev.cnnlab.zoo.NetworkSpec;
import dev.cnnlab.zoo.TestTimeAugmentation;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One training run: loads the data, builds the network from the zoo, trains it epoch by epoch with a
 * progress bar, evaluates after each epoch and writes the run directory:
 * <ul>
 *   <li>{@code model.zip}: the network with updater state, normaliser and class names</li>
 *   <li>{@code metrics.json}, {@code iterations.csv}: per-epoch and per-iteration metrics</li>
 *   <li>{@code evaluation.json}: the final test evaluation</li>
 *   <li>{@code config.json}: the resolved options</li>
 *   <li>{@code train.log}: the run's log</li>
 *   <li>{@code checkpoints/}: the newest checkpoints, from which {@link #resumeFrom} continues</li>
 * </ul>
 */
public final class TrainingRun {
    /** File name of the model inside the run directory. */
    public static final String MODEL_FILE = "model.zip";
    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final TrainingConfig options;
    private final List<TrainingListener> extraListeners = new ArrayList<>();
    private Checkpoint resumeFrom;
    private String resumeCommand = "cnnlab train --resume";

    /**
     * @param options the run's options; validated here
     */
    public TrainingRun(TrainingConfig options) {
        this.options = options.validate();
    }

    /**
     * @param listener a DL4J listener to attach as well (a UI, a checkpointer, ...)
     * @return this
     */
    public TrainingRun addListener(TrainingListener listener) {
        extraListeners.add(listener);
        return this;
    }

    /**
     * Continues a run from a checkpoint instead of starting afresh: same network, updater state, position in
     * the data, normaliser and metrics history.
     *
     * @param state what {@link ResumeState#open} found; its options should be this run's
     * @return this
     */
    public TrainingRun resumeFrom(ResumeState state) {
        this.resumeFrom = state.checkpoint();
        return this;
    }

    /**
     * @param command what an interrupted run tells the user to type, before the run directory (default
     *                {@code cnnlab train --resume})
     * @return this
     */
    public TrainingRun resumeCommand(String command) {
        this.resumeCommand = command;
        return this;
    }

    /**
     * Runs the whole training.
     *
     * @return the run directory, the trained model and its metrics
     */
    public TrainingResult run() {
        long started = System.nanoTime();
        Architecture architecture = ModelZoo.require(options.get(Settings.MODEL));
        Path runDir = createRunDir(options.resolveOutDir());
        RunDirectoryCheck.requireWritable(runDir);
        CheckpointStore checkpoints = new CheckpointStore(runDir, options.get(Settings.KEEP_CHECKPOINTS));
        if (resumeFrom == null) {
            clearFinishedCheckpoints(runDir, checkpoints);
        }
        try (RunLog ignored = RunLog.attach(runDir.resolve("train.log"));
             InterruptCheckpoint interrupt = InterruptCheckpoint.install(runDir, resumeCommand)) {
            Prepared prepared = prepare(architecture, runDir);
            RunDirectoryCheck.requireSpace(runDir, prepared.network(), options.get(Settings.KEEP_CHECKPOINTS));
            checkpoints.removeLeftovers();
            writeJson(runDir.resolve("config.json"), config(prepared));
            LOG.info("Training {} ({} parameters) on {} {} images, {} epochs, batch {}; run directory {}",
                    architecture.name(), prepared.network().numParams(), prepared.data().train().size(),
                    options.photos() == null ? options.idxDataset().title() : options.datasetKey(),
                    options.get(Settings.EPOCHS), options.get(Settings.BATCH_SIZE), runDir);
            Checkpointer checkpointer = new Checkpointer(checkpoints, options.checkpointSchedule(),
                    prepared.data().normalizer(), prepared.info(), prepared.history(), options.toMap(),
                    resumeFrom != null ? resumeFrom.position() : TrainingPosition.start(),
                    resumeFrom != null ? resumeFrom.file() : null, resumeFrom != null ? resumeFrom.seconds() : 0, started);
            interrupt.attach(checkpointer);
            EvaluationReport lastEval = train(prepared.network(), prepared.data(), prepared.history(), checkpointer);
            checkpointer.finish();
            return finish(prepared, runDir, lastEval, checkpointer);
        } catch (IOException e) {
            throw new CnnlabException(runDir + ": cannot write the run's files: " + e.getMessage(), e);
        }
    }

    /** What a run trains: its data, and a network and metrics history that are new or restored from a checkpoint. */
    private record Prepared(TrainingData data, ModelInfo info, MultiLayerNetwork network, MetricsHistory history,
                            List<AppliedSpeedUp> acceleration) {
    }

    private Prepared prepare(Architecture architecture, Path runDir) {
        IdxDatasetStore store = new IdxDatasetStore(DataDirectory.resolve(options.get(Settings.DATA_DIR)),
                options.get(Settings.FETCH) ? new DatasetFetcher() : null);
        TrainingData data = TrainingData.load(store, options);
        ModelInfo info = new ModelInfo(architecture.name(), options.datasetKey(), data.classNames(), data.input(),
                options.photos() == null, options.testTime());
        MultiLayerNetwork network;
        MetricsHistory history;
        if (resumeFrom != null) {
            requireCompatible(resumeFrom, info);
            data = data.withNormalizer(resumeFrom.model().normalizer());
            network = restore(resumeFrom);
            history = resumeFrom.history();
            LOG.info("Resuming {} at {} from {}", runDir, resumeFrom.position().describe(), resumeFrom.file());
        } else {
            network = build(architecture, data);
            history = new MetricsHistory();
        }
        // ParallelWrapper's workers train copies of the whole network: the batch split is for one worker only.
        Acceleration.PreparedTraining accelerated = Acceleration.prepareForTraining(network,
                new AccelerationSettings(options.get(Settings.PLAIN_DL4J),
                        options.get(Settings.SPLIT_BATCH) && options.get(Settings.WORKERS) == 1, true));
        LOG.info("acceleration: {}", accelerated.applied().isEmpty() ? "none, plain DL4J"
                : String.join(", ", accelerated.applied().stream().map(AppliedSpeedUp::detail).toList()));
        return new Prepared(data, info, accelerated.network(), history, accelerated.applied());
    }

    /** Evaluates on the test set (unless the last epoch already did), saves the model and the metrics. */
    private TrainingResult finish(Prepared run, Path runDir, EvaluationReport lastEval, Checkpointer checkpointer)
            throws IOException {
        TrainingData data = run.data();
        // When the epochs were evaluated on the test set, the last of those evaluations is the final one.
        EvaluationReport test = lastEval != null && data.eval() == data.test() ? lastEval
                : ModelEvaluator.evaluate(run.network(), data.test(), data.classNames(), run.info().testTime(), 0);
        SavedModel model = new SavedModel(run.network(), data.normalizer(), run.info());
        Path modelFile = runDir.resolve(MODEL_FILE);
        ModelFile.save(model, modelFile);
        run.history().write(runDir);
        writeJson(runDir.resolve("evaluation.json"), test.toMap());
        double seconds = checkpointer.seconds();
        LOG.info(String.format(Locale.ROOT, "test accuracy %.2f%% (%sloss %.4f) on %d images", 100 * test.accuracy(),
                test.hasTop3() ? String.format(Locale.ROOT, "top-3 %.2f%%, ", 100 * test.top3Accuracy()) : "",
                test.loss(), test.count()));
        LOG.info(String.format(Locale.ROOT, "model: %s (%.0f s in all)", modelFile, seconds));
        return new TrainingResult(runDir, modelFile, model, run.history(), test, seconds);
    }

    /** A checkpoint holds its network's class list and input shape: they must match the data it resumes on. */
    private static void requireCompatible(Checkpoint checkpoint, ModelInfo data) {
        ModelInfo saved = checkpoint.model().info();
        if (!saved.input().equals(data.input()) || !saved.classNames().equals(data.classNames())) {
            throw new NotResumableException(checkpoint.file() + " is a model of " + saved.input() + " images and "
                    + saved.classNames().size() + " classes, but the data has " + data.input() + " images and "
                    + data.classNames().size() + " classes");
        }
    }

    /** Sets the counters DL4J keeps in the configuration (Adam's bias correction reads the iteration count). */
    private MultiLayerNetwork restore(Checkpoint checkpoint) {
        MultiLayerNetwork network = checkpoint.model().network();
        network.getLayerWiseConfigurations().setEpochCount(checkpoint.position().epoch() - 1);
        network.getLayerWiseConfigurations().setIterationCount(checkpoint.position().iteration());
        if (options.get(Settings.LR_SCHEDULE).spansTheRun(options.get(Settings.WARMUP_EPOCHS))) {
            // The checkpoint's schedule spans the epochs the run had; a resumed run may have raised them, and a
            // cosine then stretches to the new end from the epoch it resumes at (the same curve when unchanged).
            network.setLearningRate(options.learningRateSchedule());
        }
        // Dropout masks come from ND4J's global generator, whose position is not saved: re-seed it
        // deterministically, so a resumed run is reproducible (though its masks differ from an uninterrupted run's).
        Nd4j.getRandom().setSeed(options.get(Settings.SEED) + checkpoint.position().iteration());
        return network;
    }

    /**
     * A new run in a directory that holds checkpoints: those of a finished run are cleared; those of an
     * unfinished one are kept, and the run refused, so no work is lost by a repeated command.
     */
    private void clearFinishedCheckpoints(Path runDir, CheckpointStore checkpoints) {
        List<Path> old = checkpoints.files();
        if (old.isEmpty()) {
            return;
        }
        if (!Files.exists(runDir.resolve("evaluation.json"))) {
            throw new InvalidSettingException(Settings.OUT, runDir + " holds an unfinished run (" + old.get(0).getFileName()
                    + "); continue it with '" + resumeCommand + " " + runDir + "', or choose another run directory");
        }
        for (Path p : old) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new CnnlabException(p + ": cannot delete an old checkpoint: " + e.getMessage(), e);
            }
        }
    }

    private MultiLayerNetwork build(Architecture architecture, TrainingData data) {
        NetworkSpec spec = new NetworkSpec(data.input(), data.classNames().size(), options.get(Settings.SEED),
                options.updater());
        MultiLayerNetwork network = new MultiLayerNetwork(architecture.configure(spec));
        network.init();
        return network;
    }

    /**
     * Trains every epoch left into {@code history}, from the checkpointer's position; returns the evaluation
     * after the last epoch trained (null when none was left).
     */
    private EvaluationReport train(MultiLayerNetwork network, TrainingData data, MetricsHistory history,
                                   Checkpointer checkpointer) {
        EvaluationReport eval = null;
        TestTimeAugmentation testTime = options.testTime();
        EpochProgressListener progress = new EpochProgressListener(history, options.get(Settings.PROGRESS));
        progress.continueFrom(checkpointer.position().iteration());
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new DivergenceGuard(checkpointer, options.toMap()));
        listeners.addAll(extraListeners);
        listeners.add(progress);
        listeners.add(checkpointer);
        network.setListeners(listeners);
        for (int epoch = checkpointer.position().epoch(); epoch <= options.get(Settings.EPOCHS); epoch++) {
            // Each pass is a function of the seed and the pass number: a resumed epoch replays its pass and skips
            // the batches already trained.
            EpochIterator train = data.train();
            train.seekEpoch(epoch - 1);
            checkpointer.startEpoch(epoch);
            train.skipBatches(checkpointer.position().batchesDone());
            progress.startEpoch(epoch, options.get(Settings.EPOCHS), data.train().size());
            long t0 = System.nanoTime();
            try {
                if (train.hasNext()) {
                    ParallelTraining.fitEpoch(network, train, options.get(Settings.WORKERS),
                            options.get(Settings.WORKERS) > 1 ? withoutMidEpochCheckpoints(listeners, checkpointer) : listeners);
                }
            } finally {
                progress.endEpoch();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (options.get(Settings.BN_RECALIBRATION)) {
                recalibrateBatchNorm(network, data);
            }
            eval = ModelEvaluator.evaluate(network, data.eval(), data.classNames(), testTime, 0);
            double trainAccuracy = ModelEvaluator.evaluate(network, data.trainSample(), data.classNames(), testTime, 0)
                    .accuracy();
            MetricsHistory.EpochMetrics metrics = new MetricsHistory.EpochMetrics(epoch, history.meanLoss(epoch),
                    trainAccuracy, eval.loss(), eval.accuracy(), data.evalName(), seconds, progress.imagesThisEpoch() / seconds);
            history.add(metrics);
            LOG.info(String.format(Locale.ROOT,
                    "epoch %d/%d  train loss %.4f  train accuracy %.2f%%  %s loss %.4f  %s accuracy %.2f%%  %.0f img/s  %.0f s",
                    epoch, options.get(Settings.EPOCHS), metrics.trainLoss(), 100 * trainAccuracy, data.evalName(), metrics.evalLoss(),
                    data.evalName(), 100 * metrics.evalAccuracy(), metrics.imagesPerSecond(), seconds));
            checkpointer.endEpoch(network);
            logMemory(epoch);
        }
        return eval;
    }

    /** Where the process's memory is at an epoch's end: what a run that grows from epoch to epoch is diagnosed with. */
    private static void logMemory(int epoch) {
        if (LOG.isDebugEnabled()) {
            Runtime rt = Runtime.getRuntime();
            LOG.debug(String.format(Locale.ROOT, "memory after epoch %d: resident %d MB, JavaCPP-tracked %d MB, heap %d MB",
                    epoch, Pointer.physicalBytes() >> 20, Pointer.totalBytes() >> 20,
                    (rt.totalMemory() - rt.freeMemory()) >> 20));
        }
    }

    private static void recalibrateBatchNorm(MultiLayerNetwork network, TrainingData data) {
        long t0 = System.nanoTime();
        int layers = BatchNormRecalibration.recalibrate(network, data.trainSample());
        if (layers > 0) {
            LOG.debug("batch norm: running statistics of {} layers recomputed on {} un-augmented training images in {} ms",
                    layers, data.trainSample().size(), (System.nanoTime() - t0) / 1_000_000);
        }
    }

    /**
     * The listeners for data-parallel workers. Each worker calls them with its own copy of the network, so a
     * checkpoint written then would hold one worker's weights, not the averaged network: with several workers,
     * checkpoints are written at epoch ends only.
     */
    private static List<TrainingListener> withoutMidEpochCheckpoints(List<TrainingListener> listeners,
                                                                     Checkpointer checkpointer) {
        return listeners.stream().filter(l -> l != checkpointer).toList();
    }

    private Map<String, Object> config(Prepared run) throws IOException {
        MultiLayerNetwork network = run.network();
        TrainingData data = run.data();
        Map<String, Object> config = new LinkedHashMap<>(options.toMap());
        // What the acceleration layer applied, by name: empty for plain DL4J and on any backend but the CPU's.
        config.put("acceleration", Acceleration.names(run.acceleration()));
        config.put("parameters", network.numParams());
        config.put("input", data.input().toString());
        config.put("classes", data.classNames());
        config.put("train_images", data.train().size());
        config.put("test_images", data.test().size());
        config.put("network", JSON.readTree(network.getLayerWiseConfigurations().toJson()));
        return config;
    }

    private static Path createRunDir(Path dir) {
        try {
            Files.createDirectories(dir);
            if (!Files.isWritable(dir)) {
                throw new InvalidSettingException(Settings.OUT, dir + " is not writable");
            }
            return dir;
        } catch (IOException e) {
            throw new InvalidSettingException(Settings.OUT, "cannot create " + dir + ": " + e.getMessage());
        }
    }

    private static void writeJson(Path file, Object value) throws IOException {
        JSON.writeValue(file.toFile(), value);
    }
}
