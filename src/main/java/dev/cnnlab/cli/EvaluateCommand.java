package dev.cnnlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cnnlab.CnnlabException;
import dev.cnnlab.acceleration.Acceleration;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.photo.PhotoDataset;
import dev.cnnlab.data.store.DataDirectory;
import dev.cnnlab.data.store.IdxDatasetStore;
import dev.cnnlab.evaluation.EvaluationReport;
import dev.cnnlab.evaluation.ModelEvaluator;
import dev.cnnlab.inference.ImagePreprocessor;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.TestTimeAugmentation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code cnnlab evaluate}: measures a saved model on a dataset's test set.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a saved model on a dataset's test set: accuracy, top-3 accuracy, per-class precision / recall / F1, confusion matrix.")
final class EvaluateCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ModelZipOption model;

    @Mixin
    AccelerationOption acceleration;

    @Option(names = "--dataset", paramLabel = "NAME", converter = Converters.Dataset.class,
            description = "mnist or fashion (default: the dataset the model was trained on; for a photo model, the test/ folder of its photos).")
    IdxDataset dataset;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate the first N test images only (default: all).")
    int limit;

    @Option(names = "--tta", paramLabel = "T", converter = Converters.TestTimeName.class,
            description = "Score with this test-time augmentation instead of the model's own: none or flip.")
    TestTimeAugmentation testTime;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Where to save the report (default: evaluation-<dataset>.json beside the model).")
    Path json;

    @Override
    public Integer call() throws IOException {
        common.apply();
        if (limit < 0) {
            throw new ParameterException(spec.commandLine(), "--limit: expected 0 (all) or a positive number of images, got " + limit);
        }
        SavedModel loaded = model.load();
        SavedModel saved = testTime == null ? loaded
                : new SavedModel(loaded.network(), loaded.normalizer(), loaded.info().withTestTime(testTime));
        LabelledImages test;
        String name;
        if (dataset == null && ImagePreprocessor.isPhotoModel(saved.info())) {
            name = saved.info().dataset();
            InputShape in = saved.info().input();
            Path root = PhotoDataset.root(name, DataDirectory.resolve(common.dataDir));
            test = PhotoDataset.loadTest(root, saved.info().classNames(), in.height(), in.width(), in.channels(),
                    0, limit, 42);
        } else {
            IdxDataset d = dataset != null ? dataset : IdxDataset.byKey(saved.info().dataset()).orElseThrow(
                    () -> new CnnlabException("--dataset: the model was trained on '" + saved.info().dataset()
                            + "'; name an IDX dataset (mnist or fashion) to evaluate on"));
            test = IdxDatasetStore.fetchingInto(DataDirectory.resolve(common.dataDir)).test(d);
            if (limit > 0) {
                test = test.limit(limit);
            }
            name = d.key();
        }
        LOG.debug("acceleration: {}", Acceleration.prepareForInference(saved.network(),
                saved.info().input().toInputType(), acceleration.plainDl4j).applied());
        EvaluationReport report = ModelEvaluator.evaluate(saved, test, name + " test set", !common.noProgress);
        Path out = json != null ? json : model.zip.toAbsolutePath().resolveSibling("evaluation-"
                + name.replaceAll("[^A-Za-z0-9-]+", "_") + ".json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), report.toMap());
        if (saved.info().testTime() != TestTimeAugmentation.NONE) {
            System.out.println("test-time augmentation: " + saved.info().testTime().key());
        }
        System.out.print(report.format());
        System.out.println("report: " + out);
        return 0;
    }
}
