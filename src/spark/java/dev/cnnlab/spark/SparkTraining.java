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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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

        MultiLayerNetwork network = recipe.buildNetwork(options.seed);
        boolean loopback = sc.master().startsWith("local");
        TrainingMaster<?, ?> master = TrainingMasters.create(options, manifest.batchSize(), loopback);
        SparkDl4jMultiLayer spark = new SparkDl4jMultiLayer(sc, network, master);
        JavaRDD<String> paths = listShards(sc, shards, manifest.shards());
        LOG.info("Spark training {} ({} parameters) on {} {} images in {} shards at {}, {} epochs, {} on {}",
                recipe.name(), network.numParams(), manifest.images(), dataset.title(), manifest.shards(),
                shards.location(), epochs, options.mode.name().toLowerCase(Locale.ROOT), sc.master());
        List<Double> accuracies = new ArrayList<>();
        EvaluationReport report = null;
        try {
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long t0 = System.nanoTime();
                network = spark.fitPaths(paths);
                double seconds = (System.nanoTime() - t0) / 1e9;
                report = ModelEvaluator.evaluate(network, testBatches, manifest.classNames(), recipe.testTime(), 0);
                accuracies.add(report.accuracy());
                LOG.info(String.format(Locale.ROOT, "epoch %d/%d  test accuracy %.2f%%  test loss %.4f  %.0f img/s  %.0f s",
                        epoch, epochs, 100 * report.accuracy(), report.loss(), manifest.images() / seconds, seconds));
            }
        } finally {
            master.deleteTempFiles(sc);
        }
        SavedModel model = new SavedModel(network, normalizer, new ModelInfo(recipe.architecture().name(),
                dataset.key(), manifest.classNames(), recipe.input(), true, recipe.testTime()));
        ModelFile.save(model, options.out);
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info(String.format(Locale.ROOT, "test accuracy %.2f%% on %d images; model: %s (%.0f s in all)",
                100 * report.accuracy(), report.count(), options.out, seconds));
        return new SparkTrainingResult(options.out, report, List.copyOf(accuracies), manifest, seconds);
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
