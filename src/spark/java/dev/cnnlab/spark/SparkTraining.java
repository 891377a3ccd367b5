package dev.cnnlab.spark;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.batches.ImageBatchIterator;
import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.store.DataDirectory;
import dev.cnnlab.data.store.IdxDatasetStore;
import dev.cnnlab.evaluation.EvaluationReport;
import dev.cnnlab.evaluation.ModelEvaluator;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.model.ModelInfo;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.zoo.Recipe;
import dev.cnnlab.zoo.Recipes;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains a zoo recipe with DL4J's Spark training: exports the training set into shards (once), trains from their
 * paths for the epochs asked, evaluates on the driver after each epoch and saves a cnnlab model zip.
 */
public final class SparkTraining {
    private static final Logger LOG = LoggerFactory.getLogger(SparkTraining.class);
    private static final int EVAL_BATCH = 256;

    private SparkTraining() {
    }

    /**
     * @param sc      a running Spark context (local or a cluster's)
     * @param options the run's options; validated here
     * @return the model zip, the test evaluation and per-epoch accuracies
     */
    public static SparkTrainingResult run(JavaSparkContext sc, SparkTrainingOptions options) {
        long started = System.nanoTime();
        options.validate();
        Recipe recipe = Recipes.require(options.recipe);
        IdxDataset dataset = IdxDataset.byKey(recipe.dataset()).orElseThrow(() -> new CnnlabException("--recipe "
                + recipe.name() + ": trains on " + recipe.dataset() + " photographs; Spark training takes the IDX datasets only"));
        IdxDatasetStore store = IdxDatasetStore.fetchingInto(DataDirectory.resolve(options.dataDir));
        int epochs = options.epochs > 0 ? options.epochs : recipe.epochs();

        DataSetShards shards = new DataSetShards(options.shards, sc.hadoopConfiguration());
        LabelledImages train = store.train(dataset);
        if (options.limit > 0) {
            train = train.limit(options.limit);
        }
        DataSetShards.Manifest manifest = shards.ensure(train, dataset.key(), recipe.scaling(), recipe.batchSize(),
                options.seed, options.reexport);
        DataNormalization normalizer = shards.normalizer();
        LabelledImages test = store.test(dataset);
        if (options.testLimit > 0) {
            test = test.limit(options.testLimit);
        }
        ImageBatchIterator testBatches = new ImageBatchIterator(test, EVAL_BATCH, false, 0);
        testBatches.setPreProcessor(normalizer);

        ModelInfo info = new ModelInfo(recipe.architecture().name(), dataset.key(), manifest.classNames(),
                recipe.input(), true, recipe.testTime());
        Path checkpoint = SparkCheckpoint.of(options.out);
        MultiLayerNetwork network = recipe.buildNetwork(options.seed);
        int epochsDone = 0;
        if (options.resume) {
            SparkCheckpoint.Restored restored = SparkCheckpoint.load(checkpoint);
            if (!restored.model().info().equals(info)) {
                throw new CnnlabException("--resume: " + checkpoint + " is a checkpoint of another run ("
                        + restored.model().info().architecture() + " on " + restored.model().info().dataset() + ")");
            }
            network = restored.model().network();
            epochsDone = restored.epochsDone();
        }
        TrainingMaster<?, ?> master = TrainingMasters.create(options, manifest.batchSize(), sc);
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, network, master);
        JavaRDD<String> paths = listShards(sc, shards, manifest.shards());
        LOG.info("Spark training {} ({} parameters) on {} {} images in {} shards at {}, epochs {}-{}, {} on {}",
                recipe.name(), network.numParams(), manifest.images(), dataset.title(), manifest.shards(),
                shards.location(), epochsDone + 1, epochs, options.mode.name().toLowerCase(Locale.ROOT), sc.master());
        ExecutorLossWatch losses = new ExecutorLossWatch(sc);
        List<EpochFigures> figures = new ArrayList<>();
        EvaluationReport report = ModelEvaluator.evaluate(network, testBatches, manifest.classNames(), recipe.testTime(), 0);
        try {
            for (int epoch = epochsDone + 1; epoch <= epochs; epoch++) {
                long t0 = System.nanoTime();
                network = fitEpoch(spark, paths, losses, options.mode, epoch, checkpoint);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Integer> minibatches = master instanceof CountingSharedTrainingMaster counting
                        ? counting.takeCounts() : Map.of();
                report = ModelEvaluator.evaluate(network, testBatches, manifest.classNames(), recipe.testTime(), 0);
                figures.add(new EpochFigures(epoch, seconds, manifest.images() / seconds, report.accuracy(),
                        report.loss(), minibatches));
                SparkCheckpoint.save(checkpoint, new SavedModel(network, normalizer, info), epoch);
                LOG.info(String.format(Locale.ROOT, "epoch %d/%d  test accuracy %.2f%%  test loss %.4f  %.0f img/s  %.0f s%s",
                        epoch, epochs, 100 * report.accuracy(), report.loss(), manifest.images() / seconds, seconds,
                        minibatches.isEmpty() ? "" : "  minibatches per executor " + minibatches));
                if (options.stats != null) {
                    RunFigures.write(options.stats, sc.master(), manifest, figures);
                }
            }
        } finally {
            losses.detach();
            master.deleteTempFiles(sc);
        }
        ModelFile.save(new SavedModel(network, normalizer, info), options.out);
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info(String.format(Locale.ROOT, "test accuracy %.2f%% on %d images; model: %s (%.0f s in all)",
                100 * report.accuracy(), report.count(), options.out, seconds));
        List<Double> accuracies = figures.stream().map(EpochFigures::accuracy).toList();
        return new SparkTrainingResult(options.out, report, accuracies, List.copyOf(figures), manifest, seconds);
    }

    /** One pass over the shards; under gradient sharing, a lost executor ends the run (see ExecutorLossWatch). */
    private static MultiLayerNetwork fitEpoch(SparkDl4jMultiLayer spark, JavaRDD<String> paths, ExecutorLossWatch losses,
                                              SparkMode mode, int epoch, Path checkpoint) {
        losses.arm(mode == SparkMode.SHARED);
        try {
            return spark.fitPaths(paths);
        } catch (Exception e) {
            // Spark's cancellation is a SparkException, checked but thrown from Scala code undeclared.
            if (losses.lost().isEmpty()) {
                throw e;
            }
        } finally {
            losses.arm(false);
        }
        throw new CnnlabException("lost " + losses.lost().get() + " during epoch " + epoch + "; gradient sharing does not"
                + " survive a lost executor, so training stopped. " + (epoch > 1 ? "Epoch " + (epoch - 1)
                + " is checkpointed in " + checkpoint + ": run the same command with --resume to continue"
                : "No epoch had finished: run the same command again"));
    }

    private static JavaRDD<String> listShards(JavaSparkContext sc, DataSetShards shards, int expected) {
        List<String> paths = shards.paths();
        if (paths.size() != expected) {
            throw new CnnlabException("--shards: " + shards.location() + " holds " + paths.size() + " shard files, but its "
                    + "manifest lists " + expected + "; export again with --reexport");
        }
        return sc.parallelize(paths);
    }
}
