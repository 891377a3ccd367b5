package dev.cnnlab.report;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.photo.PhotoDataset;
import dev.cnnlab.data.store.DataDirectory;
import dev.cnnlab.data.store.IdxDatasetStore;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.zoo.InputShape;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The pictures and the HTML report of a finished run, written into its run directory:
 * <ul>
 *   <li>{@code loss-iterations.png}, {@code loss-epochs.png}: loss per mini-batch, raw and smoothed, and per
 *       epoch, training against evaluation</li>
 *   <li>{@code accuracy.png}: evaluation accuracy per epoch</li>
 *   <li>{@code recall.png}, {@code confusion.png}: per-class recall and the confusion matrix of the final
 *       test evaluation</li>
 *   <li>{@code predictions.png}, {@code mistakes.png}: test images with true and predicted classes</li>
 *   <li>{@code filters.png}: the first convolution layer's filters</li>
 *   <li>{@code report.html}: all of them, embedded, with the run's configuration and metrics</li>
 * </ul>
 */
public final class RunReport {
    /** File name of the HTML report inside the run directory. */
    public static final String HTML_FILE = "report.html";
    /** Test images shown in the prediction grid, in test-set order. */
    static final int GRID_IMAGES = 32;
    /** Most mistakes shown. */
    static final int MISTAKE_IMAGES = 16;
    /**
     * Test images searched for mistakes: enough to find telling ones, few enough that a slow network on a
     * full 10,000-image test set does not make the report take minutes.
     */
    static final int PREDICTION_LIMIT = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(RunReport.class);

    private RunReport() {
    }

    /**
     * What a report wrote.
     *
     * @param html     the HTML report
     * @param pictures the PNG files by name, in report order
     * @param notes    parts left out and why, one line each
     */
    public record Output(Path html, Map<String, Path> pictures, List<String> notes) {
    }

    /**
     * Writes every picture and {@code report.html} into a run directory, replacing earlier ones.
     *
     * <p>The prediction grids need the run's test images: they are read from the data directory (fetched if
     * missing), or from the test folder of the run's photo tree; when that fails, the rest of the report is still written and the HTML says what is missing.
     *
     * @param runDir  a run directory written by {@code cnnlab train}
     * @param dataDir the data directory, or null for the default
     * @return the files written
     * @throws CnnlabException naming the file when the run directory is incomplete or not writable
     */
    public static Output write(Path runDir, Path dataDir) {
        RunFiles run = RunFiles.read(runDir);
        SavedModel model = ModelFile.load(run.modelFile());
        List<String> notes = new ArrayList<>();
        Map<String, BufferedImage> pictures = new LinkedHashMap<>();
        pictures.put("loss-iterations.png", LossChart.perIteration(run.iterations()));
        pictures.put("loss-epochs.png", LossChart.perEpoch(run.epochs()));
        pictures.put("accuracy.png", AccuracyChart.perEpoch(run.epochs(), run.evaluation().path("accuracy").asDouble(Double.NaN)));
        pictures.put("confusion.png", new ConfusionHeatmap(run.confusion(), run.classNames(), "test images").render());
        pictures.put("recall.png", RecallChart.of(run.perClass(), run.evaluatedImages()));
        predictions(run, model, dataDir, pictures, notes);
        Optional<TileGrid> filters = FilterTiles.firstLayer(model.network());
        if (filters.isPresent()) {
            pictures.put("filters.png", filters.get().render());
        } else {
            notes.add("First-layer filters: the network has no plain 2-D convolution layer.");
        }

        Map<String, Path> files = new LinkedHashMap<>();
        Map<String, byte[]> encoded = new LinkedHashMap<>();
        for (Map.Entry<String, BufferedImage> e : pictures.entrySet()) {
            byte[] png = Pictures.png(e.getValue());
            encoded.put(e.getKey(), png);
            Path file = runDir.resolve(e.getKey());
            write(file, png);
            files.put(e.getKey(), file);
        }
        Path html = runDir.resolve(HTML_FILE);
        write(html, new ReportPage(run, encoded, notes).html().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        notes.forEach(n -> LOG.warn("report: {}", n));
        return new Output(html, files, List.copyOf(notes));
    }

    /**
     * The run's test images: an IDX test set, or the test photos of the run's photo tree (its test folder, or the
     * split the run made of a single tree) decoded as the model expects.
     */
    private static LabelledImages testImages(RunFiles run, SavedModel model, String key, Path dataDir) {
        Path data = DataDirectory.resolve(dataDir);
        Optional<IdxDataset> idx = IdxDataset.byKey(key);
        if (idx.isPresent()) {
            return IdxDatasetStore.fetchingInto(data).test(idx.get());
        }
        InputShape input = model.info().input();
        return PhotoDataset.loadTest(PhotoDataset.root(key, data), model.info().classNames(), input.height(),
                input.width(), input.channels(), run.config().path("test_split").asDouble(0),
                run.config().path("test_limit").asInt(0), run.config().path("seed").asLong());
    }

    private static void predictions(RunFiles run, SavedModel model, Path dataDir, Map<String, BufferedImage> pictures,
                                    List<String> notes) {
        String key = run.config().path("dataset").asText("");
        LabelledImages test;
        try {
            test = testImages(run, model, key, dataDir);
        } catch (CnnlabException e) {
            notes.add("Prediction grids: the " + key + " test images are not available: " + e.getMessage());
            return;
        }
        int limit = run.config().path("test_limit").asInt(0);
        int shown = Math.min(limit > 0 ? limit : test.count(), PREDICTION_LIMIT);
        TestPredictions p = TestPredictions.of(model, test.limit(shown));
        List<String> names = model.info().classNames();
        pictures.put("predictions.png", PredictionGrid.render("Predictions on the first " + Math.min(GRID_IMAGES, p.count())
                + " test images", p.first(GRID_IMAGES), names));
        if (p.mistakes() == 0) {
            notes.add("Mistakes: none among the first " + p.count() + " test images.");
        } else {
            pictures.put("mistakes.png", PredictionGrid.render("The " + Math.min(MISTAKE_IMAGES, p.mistakes())
                    + " surest mistakes among the first " + p.count() + " test images ("
                    + p.mistakes() + " wrong)", p.surestMistakes(MISTAKE_IMAGES), names));
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new CnnlabException(file + ": cannot write the report: " + e.getMessage(), e);
        }
    }
}
