package dev.cnnlab.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.CnnlabException;
import dev.cnnlab.evaluation.EvaluationReport.ClassMetrics;
import dev.cnnlab.training.MetricsHistory.EpochMetrics;
import dev.cnnlab.training.MetricsHistory.IterationLoss;
import dev.cnnlab.training.TrainingRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files of a finished run directory, read back: what a report is made from.
 *
 * @param dir        the run directory
 * @param config     {@code config.json}: the run's options
 * @param epochs     per-epoch metrics from {@code metrics.json}
 * @param iterations per-iteration losses from {@code metrics.json}
 * @param evaluation {@code evaluation.json}: the final test evaluation
 */
public record RunFiles(Path dir, JsonNode config, List<EpochMetrics> epochs, List<IterationLoss> iterations,
                       JsonNode evaluation) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String[] REQUIRED = {"config.json", "metrics.json", "evaluation.json", TrainingRun.MODEL_FILE};

    /**
     * @param dir a run directory written by {@code cnnlab train}
     * @return its files
     * @throws CnnlabException naming the directory or file when it is missing or unreadable
     */
    public static RunFiles read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CnnlabException(dir + ": no such run directory");
        }
        for (String name : REQUIRED) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                throw new CnnlabException(dir + ": not a finished run directory (no " + name
                        + "; 'cnnlab train' writes one)");
            }
        }
        JsonNode metrics = readJson(dir.resolve("metrics.json"));
        try {
            List<EpochMetrics> epochs = new ArrayList<>();
            for (JsonNode e : metrics.path("epochs")) {
                epochs.add(JSON.treeToValue(e, EpochMetrics.class));
            }
            if (epochs.isEmpty()) {
                throw new CnnlabException(dir.resolve("metrics.json") + ": no finished epoch recorded");
            }
            List<IterationLoss> iterations = new ArrayList<>();
            for (JsonNode i : metrics.path("iterations")) {
                iterations.add(JSON.treeToValue(i, IterationLoss.class));
            }
            return new RunFiles(dir, readJson(dir.resolve("config.json")), List.copyOf(epochs), List.copyOf(iterations),
                    readJson(dir.resolve("evaluation.json")));
        } catch (IOException e) {
            throw new CnnlabException(dir.resolve("metrics.json") + ": unexpected content: " + e.getMessage(), e);
        }
    }

    /** @return the path of the run's model zip */
    public Path modelFile() {
        return dir.resolve(TrainingRun.MODEL_FILE);
    }

    /** @return class names, indexed by label, from the evaluation */
    public List<String> classNames() {
        List<String> names = new ArrayList<>();
        evaluation.path("classes").forEach(n -> names.add(n.asText()));
        return names;
    }

    /** @return the final evaluation's confusion matrix, {@code [actual][predicted]} */
    public int[][] confusion() {
        JsonNode rows = evaluation.path("confusion_matrix");
        int[][] m = new int[rows.size()][];
        for (int a = 0; a < rows.size(); a++) {
            m[a] = new int[rows.get(a).size()];
            for (int p = 0; p < m[a].length; p++) {
                m[a][p] = rows.get(a).get(p).asInt();
            }
        }
        return m;
    }

    /** @return per-class precision, recall, F1 and support from the final evaluation */
    public List<ClassMetrics> perClass() {
        try {
            List<ClassMetrics> rows = new ArrayList<>();
            for (JsonNode c : evaluation.path("per_class")) {
                rows.add(JSON.treeToValue(c, ClassMetrics.class));
            }
            return rows;
        } catch (IOException e) {
            throw new CnnlabException(dir.resolve("evaluation.json") + ": unexpected per_class entry: " + e.getMessage(), e);
        }
    }

    /** @return the number of images of the final evaluation */
    public int evaluatedImages() {
        return evaluation.path("images").asInt();
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new CnnlabException(file + ": not readable JSON: " + e.getMessage(), e);
        }
    }
}
