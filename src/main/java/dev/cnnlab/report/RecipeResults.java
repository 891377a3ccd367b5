package dev.cnnlab.report;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.runtime.NativeSetup;
import dev.cnnlab.training.MetricsHistory;
import dev.cnnlab.training.TrainingResult;
import dev.cnnlab.zoo.Recipe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The measured results of recipes, one CSV row per reproduction, appended by {@code cnnlab reproduce} and
 * read back by {@code cnnlab recipes} and {@code scripts/recipes-table.py}, which writes the tables of README.md and docs/recipes.md.
 */
public final class RecipeResults {
    /** The CSV header. */
    public static final String HEADER = "recipe,date,epochs,full_epochs,train_images,test_images,test_accuracy,"
            + "wall_seconds,train_img_s,threads,command";
    private static final Pattern AUGMENT_FLAG = Pattern.compile(" --augment (\\S+)");

    private RecipeResults() {
    }

    /**
     * One reproduction.
     *
     * @param recipe        recipe name
     * @param date          ISO date of the run
     * @param epochs        epochs trained
     * @param fullEpochs    epochs the recipe prescribes
     * @param trainImages   training images per epoch
     * @param testImages    test images evaluated
     * @param testAccuracy  final test accuracy, as a fraction
     * @param wallSeconds   wall time of the whole run
     * @param trainImgPerS  median training throughput over the epochs
     * @param threads       the OpenMP threads the run's native operations used
     * @param command       the command that reproduces it
     */
    public record Row(String recipe, String date, int epochs, int fullEpochs, int trainImages, int testImages,
                      double testAccuracy, double wallSeconds, double trainImgPerS, int threads, String command) {

        String toCsv() {
            return String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%d,%.4f,%.0f,%.0f,%d,\"%s\"", recipe, date, epochs,
                    fullEpochs, trainImages, testImages, testAccuracy, wallSeconds, trainImgPerS, threads,
                    command.replace("\"", "'"));
        }

        /**
         * @return the row's key among the results: the recipe's name, followed by {@code --augment LIST} when the
         *         run replaced the recipe's augmentation, so that a variant never hides the recipe's own row
         */
        public String key() {
            Matcher m = AUGMENT_FLAG.matcher(command);
            return m.find() ? recipe + " --augment " + m.group(1) : recipe;
        }

        static Row parse(String line) {
            int quote = line.indexOf(",\"");
            String[] f = line.substring(0, quote).split(",");
            String command = line.substring(quote + 2, line.length() - 1);
            return new Row(f[0], f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                    Integer.parseInt(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7]),
                    Double.parseDouble(f[8]), Integer.parseInt(f[9]), command);
        }
    }

    /**
     * @param recipe     the recipe's name
     * @param fullEpochs the epochs the recipe prescribes
     * @param result     the finished run
     * @param command    the command that reproduces it
     * @return the row describing the run
     */
    public static Row of(String recipe, int fullEpochs, TrainingResult result, String command) {
        List<MetricsHistory.EpochMetrics> epochs = result.history().epochs();
        double[] speeds = epochs.stream().mapToDouble(MetricsHistory.EpochMetrics::imagesPerSecond).sorted().toArray();
        double median = speeds.length == 0 ? Double.NaN : speeds.length % 2 == 1 ? speeds[speeds.length / 2]
                : (speeds[speeds.length / 2 - 1] + speeds[speeds.length / 2]) / 2;
        int trainImages = (int) Math.round(epochs.isEmpty() ? 0 : epochs.get(0).imagesPerSecond() * epochs.get(0).seconds());
        return new Row(recipe, LocalDate.now().toString(), epochs.size(), fullEpochs, trainImages, result.test().count(),
                result.test().accuracy(), result.seconds(), median, NativeSetup.openMpThreads(), command);
    }

    /**
     * @param recipes  the recipes, in table order
     * @param measured the latest result of each recipe and variant, by {@link Row#key()}
     * @return a Markdown table: tutorial figure against ours, with epochs, wall time, images/s and threads; a
     *         recipe's variants follow its own row
     */
    public static String markdown(List<Recipe> recipes, Map<String, Row> measured) {
        StringBuilder sb = new StringBuilder();
        sb.append("| recipe | tutorial | ours: test accuracy | epochs (of the recipe's) | wall time | train img/s | threads | command |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (Recipe r : recipes) {
            String tutorial = r.tutorialAccuracy() == null ? "" : String.format(Locale.ROOT, "%.2f%%", 100 * r.tutorialAccuracy());
            measured.values().stream().filter(row -> row.recipe().equals(r.name()))
                    .sorted(Comparator.comparing((Row row) -> !row.key().equals(row.recipe())))
                    .forEach(row -> sb.append(String.format(Locale.ROOT,
                            "| `%s` | %s | %.2f%% | %d (%d) | %.0f s | %.0f | %d | `%s` |%n", row.key(), tutorial,
                            100 * row.testAccuracy(), row.epochs(), row.fullEpochs(), row.wallSeconds(),
                            row.trainImgPerS(), row.threads(), row.command())));
        }
        return sb.toString();
    }

    /**
     * @param file the results CSV; created with its header if missing
     * @param row  the row to append
     */
    public static void append(Path file, Row row) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (!Files.exists(file)) {
                Files.writeString(file, HEADER + System.lineSeparator(), StandardCharsets.UTF_8);
            }
            Files.writeString(file, row.toCsv() + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new CnnlabException(file + ": cannot append the result: " + e.getMessage(), e);
        }
    }

    /**
     * @param file the results CSV
     * @return the latest row of each recipe and variant, by {@link Row#key()}; empty if the file does not exist
     */
    public static Map<String, Row> latest(Path file) {
        Map<String, Row> latest = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return latest;
        }
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            for (int i = 1; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    Row row = Row.parse(lines.get(i));
                    latest.put(row.key(), row);
                }
            }
            return latest;
        } catch (IOException | RuntimeException e) {
            throw new CnnlabException(file + ": not a recipe results file (" + e.getMessage() + ")", e);
        }
    }
}
