package dev.cnnlab.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cnnlab.CnnlabException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Benchmark results as JSON and as a table.
 *
 * <p>The JSON is shared with {@code scripts/bench-pytorch.py} and read by {@code scripts/bench-compare.sh}, so its
 * shape is fixed: {@code {"<model>": {"train_img_s": .., "infer_b1_img_s": .., "infer_b256_img_s": ..,
 * "peak_rss_mb": ..}}}, with {@code null} for a peak memory the operating system does not report. cnnlab adds
 * {@code "infer_b1_dl4j_img_s"} when its batch-1 figure is the Java forward pass's, so DL4J's own stays in view.
 */
public final class BenchReport {
    /** JSON key: training images per second. */
    public static final String TRAIN = "train_img_s";
    /** JSON key: inference images per second at batch 1. */
    public static final String INFER_B1 = "infer_b1_img_s";
    /** JSON key: inference images per second at batch 256. */
    public static final String INFER_B256 = "infer_b256_img_s";
    /** JSON key: DL4J's {@code output} at batch 1, when {@link #INFER_B1} is the Java forward pass's. */
    public static final String INFER_B1_DL4J = "infer_b1_dl4j_img_s";
    /** JSON key: peak resident memory in MiB. */
    public static final String PEAK_RSS = "peak_rss_mb";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private BenchReport() {
    }

    /**
     * @param results the results, in the order to write them
     * @return the JSON object, one member per model
     */
    public static ObjectNode toJson(List<BenchResult> results) {
        ObjectNode root = JSON.createObjectNode();
        for (BenchResult r : results) {
            ObjectNode m = root.putObject(r.model());
            m.put(TRAIN, round(r.trainImgPerSec()));
            m.put(INFER_B1, round(r.inferBatch1ImgPerSec()));
            m.put(INFER_B256, round(r.inferBatch256ImgPerSec()));
            if (r.peakRssMb().isPresent()) {
                m.put(PEAK_RSS, round(r.peakRssMb().getAsDouble()));
            } else {
                m.putNull(PEAK_RSS);
            }
            r.inferBatch1Dl4jImgPerSec().ifPresent(v -> m.put(INFER_B1_DL4J, round(v)));
        }
        return root;
    }

    private static String orNa(OptionalDouble value) {
        return value.isPresent() ? String.format("%,.0f", value.getAsDouble()) : "n/a";
    }

    /** One decimal is far below the noise of any of these measurements. */
    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /**
     * Writes the results' JSON, creating the parent directories.
     *
     * @param results the results
     * @param file where to write
     * @throws CnnlabException naming the file when it cannot be written
     */
    public static void write(List<BenchResult> results, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), toJson(results));
        } catch (IOException e) {
            throw new CnnlabException(file + ": cannot write the benchmark results (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a file {@link #write} wrote.
     *
     * @param file the JSON file
     * @return its results, in file order
     * @throws CnnlabException naming the file when it is missing or not in this shape
     */
    public static List<BenchResult> read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new CnnlabException(file + ": cannot read benchmark results (" + e.getMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new CnnlabException(file + ": expected a JSON object of models, got " + root);
        }
        List<BenchResult> results = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode m = e.getValue();
            for (String key : List.of(TRAIN, INFER_B1, INFER_B256)) {
                if (!m.path(key).isNumber()) {
                    throw new CnnlabException(file + ": model '" + e.getKey() + "' has no number '" + key + "'");
                }
            }
            results.add(new BenchResult(e.getKey(), m.get(TRAIN).asDouble(), m.get(INFER_B1).asDouble(),
                    m.get(INFER_B256).asDouble(), optional(m.path(PEAK_RSS)), optional(m.path(INFER_B1_DL4J))));
        }
        return results;
    }

    private static OptionalDouble optional(JsonNode value) {
        return value.isNumber() ? OptionalDouble.of(value.asDouble()) : OptionalDouble.empty();
    }

    /**
     * A plain-text table, one row per model, numbers right-aligned.
     *
     * @param results the results
     * @param batchSize the training batch size, shown in the header
     * @return the table, ending with a line separator
     */
    public static String table(List<BenchResult> results, int batchSize) {
        String format = "%-14s %14s %16s %16s %18s %14s%n";
        StringBuilder s = new StringBuilder();
        s.append(String.format(format, "model", "train img/s", "infer b1 img/s", "b1 DL4J output", "infer b256 img/s",
                "peak RSS MB"));
        s.append(String.format(format, "", "(batch " + batchSize + ")", "", "", "", ""));
        for (BenchResult r : results) {
            s.append(String.format(format, r.model(), String.format("%,.0f", r.trainImgPerSec()),
                    String.format("%,.0f", r.inferBatch1ImgPerSec()), orNa(r.inferBatch1Dl4jImgPerSec()),
                    String.format("%,.0f", r.inferBatch256ImgPerSec()), orNa(r.peakRssMb())));
        }
        return s.toString();
    }
}
