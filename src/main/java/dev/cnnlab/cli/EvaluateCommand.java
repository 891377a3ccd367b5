package dev.cnnlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.cnnlab.CnnlabException;
import dev.cnnlab.acceleration.Acceleration;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.photo.EvaluationFolder;
import dev.cnnlab.data.photo.PhotoDataset;
import dev.cnnlab.data.store.DataDirectory;
import dev.cnnlab.data.store.IdxDatasetStore;
import dev.cnnlab.evaluation.EvaluationReport;
import dev.cnnlab.evaluation.ModelEvaluator;
import dev.cnnlab.inference.ImagePreprocessor;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.report.Pictures;
import dev.cnnlab.report.PredictionGrid;
import dev.cnnlab.report.TestPredictions;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code cnnlab evaluate}: measures a saved model on a dataset's test set.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a saved model on a dataset's test set or a folder of photos: accuracy, top-3 accuracy, per-class precision / recall / F1, confusion matrix.")
final class EvaluateCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(EvaluateCommand.class);
    private static final int MISTAKES_SHOWN = 16;

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ModelZipOption model;

    @Mixin
    AccelerationOption acceleration;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "mnist, fashion, or for a photo model folder:PATH, a class-per-folder tree of photos named after"
                    + " the model's classes (default: the dataset the model was trained on; for a photo model, the test/"
                    + " folder of its photos).")
    String dataset;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate the first N test images only (default: all).")
    int limit;

    @Option(names = "--tta", paramLabel = "T", converter = Converters.TestTimeName.class,
            description = "Score with this test-time augmentation instead of the model's own: none, or flip"
                    + " and/or centre:N (the middle, N pixels cut from each side and scaled back).")
    TestTimeAugmentation testTime;

    @Option(names = "--json", paramLabel = "FILE",
            description = "Where to save the report (default: evaluation-<dataset>.json in --out, or beside the model).")
    Path json;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where to write the report and, for a folder of photos, the picture of its surest"
                    + " mistakes (default: beside the model).")
    Path out;

    @Override
    public Integer call() throws IOException {
        common.apply();
        if (limit < 0) {
            throw new ParameterException(spec.commandLine(), "--limit: expected 0 (all) or a positive number of images, got " + limit);
        }
        SavedModel loaded = model.load();
        SavedModel saved = testTime == null ? loaded
                : new SavedModel(loaded.network(), loaded.normalizer(), loaded.info().withTestTime(testTime));
        try {
            saved.info().testTime().requireFits(saved.info().input().height(), saved.info().input().width());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--tta: " + e.getMessage() + ", the model's input");
        }
        if (dataset != null && dataset.startsWith("folder:")) {
            return evaluateFolder(saved, Path.of(dataset.substring("folder:".length())));
        }
        LabelledImages test;
        String name;
        if (dataset == null && ImagePreprocessor.isPhotoModel(saved.info())) {
            name = saved.info().dataset();
            InputShape in = saved.info().input();
            Path root = PhotoDataset.root(name, DataDirectory.resolve(common.dataDir));
            test = PhotoDataset.loadTest(root, saved.info().classNames(), in.height(), in.width(), in.channels(),
                    0, limit, 42);
        } else {
            IdxDataset d = dataset != null ? idxDataset(dataset) : IdxDataset.byKey(saved.info().dataset()).orElseThrow(
                    () -> new CnnlabException("--dataset: the model was trained on '" + saved.info().dataset()
                            + "'; name an IDX dataset (mnist or fashion) or a photo folder (folder:PATH) to evaluate on"));
            test = IdxDatasetStore.fetchingInto(DataDirectory.resolve(common.dataDir)).test(d);
            if (limit > 0) {
                test = test.limit(limit);
            }
            name = d.key();
        }
        LOG.debug("acceleration: {}", Acceleration.prepareForInference(saved.network(),
                saved.info().input().toInputType(), acceleration.plainDl4j).applied());
        EvaluationReport report = ModelEvaluator.evaluate(saved, test, name + " test set", !common.noProgress);
        Path jsonFile = json != null ? json : reportDir().resolve("evaluation-"
                + name.replaceAll("[^A-Za-z0-9-]+", "_") + ".json");
        print(saved, report, jsonFile);
        return 0;
    }

    private IdxDataset idxDataset(String key) {
        return IdxDataset.byKey(key).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "--dataset: expected mnist, fashion or folder:PATH, got '" + key + "'"));
    }

    /** New photos in a class-per-folder tree: screened, decoded at the model's size, scored, and their mistakes drawn. */
    private Integer evaluateFolder(SavedModel saved, Path tree) throws IOException {
        if (!ImagePreprocessor.isPhotoModel(saved.info())) {
            throw new CnnlabException("--dataset: folder:PATH is for photo models; this model was trained on "
                    + saved.info().dataset() + " (evaluate it with --dataset mnist or fashion)");
        }
        InputShape in = saved.info().input();
        EvaluationFolder folder = EvaluationFolder.load(tree, saved.info().classNames(), in.height(), in.width(),
                in.channels(), limit);
        EvaluationReport report = ModelEvaluator.evaluate(saved, folder.images(), folder.root() + " photos",
                !common.noProgress);
        Path dir = reportDir();
        Path named = tree.toAbsolutePath().normalize().getFileName();
        String stem = "evaluation-" + (named == null ? "folder" : named.toString()).replaceAll("[^A-Za-z0-9-]+", "_");
        print(saved, report, json != null ? json : dir.resolve(stem + ".json"));
        for (String missing : folder.missing()) {
            System.out.println("note: no photos of class " + missing + " in " + folder.root()
                    + "; its recall and F1 are not measured");
        }
        TestPredictions predictions = TestPredictions.of(saved, folder.images());
        if (predictions.mistakes() == 0) {
            System.out.println("mistakes: none among " + predictions.count() + " photos");
        } else {
            int shown = Math.min(MISTAKES_SHOWN, predictions.mistakes());
            Path picture = Pictures.writePng(PredictionGrid.render("The " + shown + " surest mistakes among "
                    + predictions.count() + " photos (" + predictions.mistakes() + " wrong)",
                    predictions.surestMistakes(shown), saved.info().classNames()), dir.resolve(stem + "-mistakes.png"));
            System.out.println("mistakes: " + picture);
        }
        return 0;
    }

    /** The --out folder, created if needed, or the model's own folder. */
    private Path reportDir() throws IOException {
        if (out == null) {
            return model.zip.toAbsolutePath().getParent();
        }
        try {
            return Files.createDirectories(out);
        } catch (IOException e) {
            throw new CnnlabException("--out: cannot create " + out + ": " + e.getMessage(), e);
        }
    }

    private static void print(SavedModel saved, EvaluationReport report, Path jsonFile) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(jsonFile.toFile(), report.toMap());
        if (!saved.info().testTime().equals(TestTimeAugmentation.NONE)) {
            System.out.println("test-time augmentation: " + saved.info().testTime().key());
        }
        System.out.print(report.format());
        System.out.println("report: " + jsonFile);
    }
}
