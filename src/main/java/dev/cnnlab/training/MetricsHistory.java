package dev.cnnlab.training;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run measured: the loss of every iteration and a summary of every epoch.
 */
public final class MetricsHistory {
    private final List<IterationLoss> iterations = new ArrayList<>();
    private final List<EpochMetrics> epochs = new ArrayList<>();

    /**
     * One training iteration's loss.
     *
     * @param iteration iteration number, from 0, across epochs
     * @param epoch     epoch number, from 1
     * @param loss      the mini-batch loss
     */
    public record IterationLoss(int iteration, int epoch, double loss) {
    }

    /**
     * One epoch's summary.
     *
     * @param epoch          epoch number, from 1
     * @param trainLoss      mean mini-batch loss over the epoch
     * @param trainAccuracy  accuracy after the epoch on a fixed sample of up to 1,000 training images
     * @param evalLoss       loss on the evaluation set (validation if split, else test)
     * @param evalAccuracy   accuracy on the evaluation set
     * @param evalSet        {@code validation} or {@code test}
     * @param seconds        training time of the epoch, without evaluation
     * @param imagesPerSecond training throughput
     */
    public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double evalLoss, double evalAccuracy, String evalSet,
                               double seconds, double imagesPerSecond) {
    }

    /** @param loss one iteration's loss */
    public void add(IterationLoss loss) {
        iterations.add(loss);
    }

    /** @param metrics one epoch's summary */
    public void add(EpochMetrics metrics) {
        epochs.add(metrics);
    }

    /** @return every iteration's loss, in order */
    public List<IterationLoss> iterations() {
        return List.copyOf(iterations);
    }

    /** @return every epoch's summary, in order */
    public List<EpochMetrics> epochs() {
        return List.copyOf(epochs);
    }

    /**
     * @param epoch an epoch number, from 1
     * @return the mean loss of that epoch's iterations
     */
    public double meanLoss(int epoch) {
        return iterations.stream().filter(i -> i.epoch() == epoch).mapToDouble(IterationLoss::loss).average()
                .orElse(Double.NaN);
    }

    /** @return epochs and iterations, as {@code metrics.json} holds them */
    public Map<String, Object> toMap() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("epochs", List.copyOf(epochs));
        json.put("iterations", List.copyOf(iterations));
        return json;
    }

    /**
     * Reads a history back, so that a resumed run continues it.
     *
     * @param json what {@link #toMap()} gave, as JSON
     * @return the history
     * @throws IllegalArgumentException if the JSON does not hold a history
     */
    public static MetricsHistory fromJson(JsonNode json) {
        ObjectMapper mapper = new ObjectMapper();
        MetricsHistory history = new MetricsHistory();
        try {
            for (JsonNode e : json.path("epochs")) {
                history.add(mapper.treeToValue(e, EpochMetrics.class));
            }
            for (JsonNode i : json.path("iterations")) {
                history.add(mapper.treeToValue(i, IterationLoss.class));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a metrics history: " + e.getOriginalMessage(), e);
        }
        return history;
    }

    /**
     * Writes {@code metrics.json} (epochs and iterations) and {@code iterations.csv}.
     *
     * @param dir the run directory
     * @throws IOException if writing fails
     */
    public void write(Path dir) throws IOException {
        Map<String, Object> json = toMap();
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("metrics.json").toFile(), json);
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(dir.resolve("iterations.csv")))) {
            out.println("iteration,epoch,loss");
            for (IterationLoss i : iterations) {
                out.printf(Locale.ROOT, "%d,%d,%.6f%n", i.iteration(), i.epoch(), i.loss());
            }
        }
    }
}
