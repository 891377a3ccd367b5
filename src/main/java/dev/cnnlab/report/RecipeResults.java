package dev.cnnlab.report;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.runtime.CpuInfo;
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
    public static final String HEADER = "recipe,date,commit,seed,epochs,full_epochs,train_images,test_images,"
            + "test_accuracy,wall_seconds,train_img_s,threads,cpu,command";
    /** The header of files written before rows named their CPU; such rows are still read. */
    static final String HEADER_WITHOUT_CPU = "recipe,date,commit,seed,epochs,full_epochs,train_images,test_images,"
            + "test_accuracy,wall_seconds,train_img_s,threads,command";
    /** The header of files written before rows named their commit and seed; such rows are still read. */
    static final String HEADER_WITHOUT_COMMIT = "recipe,date,epochs,full_epochs,train_images,test_images,test_accuracy,"
            + "wall_seconds,train_img_s,threads,command";
    /** The {@link Row#commit()} of a row written before rows named their commit. */
    public static final String NO_COMMIT = "";
    /** The {@link Row#cpu()} of a row written before rows named their CPU. */
    public static final String NO_CPU = "";
    /** The {@link Row#seed()} of an older row whose command names no seed. */
    public static final long NO_SEED = -1;
    /** The seed {@code cnnlab reproduce} trains with unless told otherwise. */
    public static final long DEFAULT_SEED = dev.cnnlab.config.Settings.SEED.defaultValue();
    private static final int FIELDS_WITHOUT_COMMIT = 10;
    private static final int FIELDS_WITHOUT_CPU = 12;
    private static final Pattern AUGMENT_FLAG = Pattern.compile(" --augment (\\S+)");
    private static final Pattern SEED_FLAG = Pattern.compile(" --seed (-?\\d+)");

    private RecipeResults() {
    }

    /**
     * One reproduction.
     *
     * @param recipe        recipe name
     * @param date          ISO date of the run
     * @param commit        the source's git commit ({@link SourceCommit}), {@link #NO_COMMIT} for older rows
     * @param seed          the run's seed
     * @param epochs        epochs trained
     * @param fullEpochs    epochs the recipe prescribes
     * @param trainImages   training images per epoch
     * @param testImages    test images evaluated
     * @param testAccuracy  final test accuracy, as a fraction
     * @param wallSeconds   wall time of the whole run
     * @param trainImgPerS  median training throughput over the epochs
     * @param threads       the OpenMP threads the run's native operations used
     * @param cpu           the processor ({@link CpuInfo#kind()}), {@link #NO_CPU} for older rows: the same source
     *                      may round differently, and so end elsewhere, on processors whose native kernels differ
     * @param command       the command that reproduces it
     */
    public record Row(String recipe, String date, String commit, long seed, int epochs, int fullEpochs,
                      int trainImages, int testImages, double testAccuracy, double wallSeconds, double trainImgPerS,
                      int threads, String cpu, String command) {

        String toCsv() {
            return String.format(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%d,%d,%.4f,%.0f,%.0f,%d,%s,\"%s\"", recipe, date,
                    commit, seed, epochs, fullEpochs, trainImages, testImages, testAccuracy, wallSeconds, trainImgPerS,
                    threads, cpu.replace(",", " "), command.replace("\"", "'"));
        }

        /**
         * @return the row's key among the results: the recipe's name, followed by {@code --augment LIST} when the
         *         run replaced the recipe's augmentation and by {@code --seed N} for a seed other than the default,
         *         so that neither a variant nor another seed hides the recipe's own row
         */
        public String key() {
            Matcher m = AUGMENT_FLAG.matcher(command);
            String key = m.find() ? recipe + " --augment " + m.group(1) : recipe;
            return seed == DEFAULT_SEED || seed == NO_SEED ? key : key + " --seed " + seed;
        }

        /**
         * Reads a row in any of the layouts: an older row may lack the CPU, or the commit as well and then takes its
         * seed from its command.
         */
        static Row parse(String line) {
            int quote = line.indexOf(",\"");
            String[] f = line.substring(0, quote).split(",", -1);
            String command = line.substring(quote + 2, line.length() - 1);
            if (f.length == FIELDS_WITHOUT_COMMIT) {
                Matcher seed = SEED_FLAG.matcher(command);
                return new Row(f[0], f[1], NO_COMMIT, seed.find() ? Long.parseLong(seed.group(1)) : NO_SEED,
                        Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                        Double.parseDouble(f[6]), Double.parseDouble(f[7]), Double.parseDouble(f[8]),
                        Integer.parseInt(f[9]), NO_CPU, command);
            }
            return new Row(f[0], f[1], f[2], Long.parseLong(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                    Integer.parseInt(f[6]), Integer.parseInt(f[7]), Double.parseDouble(f[8]),
                    Double.parseDouble(f[9]), Double.parseDouble(f[10]), Integer.parseInt(f[11]),
                    f.length == FIELDS_WITHOUT_CPU ? NO_CPU : f[12], command);
        }
    }

    /**
     * @param recipe     the recipe's name
     * @param commit     the source's commit when the run started ({@link SourceCommit#ofBuild})
     * @param seed       the run's seed
     * @param fullEpochs the epochs the recipe prescribes
     * @param result     the finished run
     * @param command    the command that reproduces it
     * @return the row describing the run
     */
    public static Row of(String recipe, String commit, long seed, int fullEpochs, TrainingResult result,
                         String command) {
        List<MetricsHistory.EpochMetrics> epochs = result.history().epochs();
        double[] speeds = epochs.stream().mapToDouble(MetricsHistory.EpochMetrics::imagesPerSecond).sorted().toArray();
        double median = speeds.length == 0 ? Double.NaN : speeds.length % 2 == 1 ? speeds[speeds.length / 2]
                : (speeds[speeds.length / 2 - 1] + speeds[speeds.length / 2]) / 2;
        int trainImages = (int) Math.round(epochs.isEmpty() ? 0 : epochs.get(0).imagesPerSecond() * epochs.get(0).seconds());
        return new Row(recipe, LocalDate.now().toString(), commit, seed, epochs.size(), fullEpochs, trainImages,
                result.test().count(),
                result.test().accuracy(), result.seconds(), median, NativeSetup.openMpThreads(),
                CpuInfo.current().kind(), command);
    }

    /**
     * @param recipes  the recipes, in table order
     * @param measured the latest result of each recipe and variant, by {@link Row#key()}
     * @return a Markdown table: kind, tutorial figure against ours, with seed, epochs, training images, wall time,
     *         images/s, threads, CPU and commit; a recipe's variants and other seeds follow its own row
     */
    public static String markdown(List<Recipe> recipes, Map<String, Row> measured) {
        StringBuilder sb = new StringBuilder();
        sb.append("| recipe | kind | tutorial | ours: test accuracy | seed | epochs (of the recipe's) | train images"
                + " | wall time | train img/s | threads | cpu | commit | command |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Recipe r : recipes) {
            String tutorial = r.tutorialAccuracy() == null ? "" : String.format(Locale.ROOT, "%.2f%%", 100 * r.tutorialAccuracy());
            measured.values().stream().filter(row -> row.recipe().equals(r.name()))
                    .sorted(Comparator.comparing((Row row) -> !row.key().equals(row.recipe())))
                    .forEach(row -> sb.append(String.format(Locale.ROOT,
                            "| `%s` | %s | %s | %.2f%% | %d | %d (%d) | %,d | %.0f s | %.0f | %d | %s | %s | `%s` |%n",
                            row.key(), r.kind().key(), tutorial, 100 * row.testAccuracy(), row.seed(), row.epochs(),
                            row.fullEpochs(), row.trainImages(), row.wallSeconds(), row.trainImgPerS(), row.threads(),
                            row.cpu().isEmpty() ? "not recorded" : row.cpu(),
                            row.commit().isEmpty() ? "older build" : row.commit(), row.command())));
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
            } else {
                upgrade(file);
            }
            Files.writeString(file, row.toCsv() + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new CnnlabException(file + ": cannot append the result: " + e.getMessage(), e);
        }
    }

    /**
     * Rewrites a file of an older layout in today's, its rows' values unchanged: no CPU, and for the oldest no
     * commit and the seed their command names.
     */
    private static void upgrade(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !(lines.get(0).strip().equals(HEADER_WITHOUT_COMMIT)
                || lines.get(0).strip().equals(HEADER_WITHOUT_CPU))) {
            return;
        }
        List<String> upgraded = new ArrayList<>();
        upgraded.add(HEADER);
        lines.stream().skip(1).filter(line -> !line.isBlank()).map(line -> Row.parse(line).toCsv()).forEach(upgraded::add);
        Files.write(file, upgraded, StandardCharsets.UTF_8);
    }

    /**
     * @param file the results CSV
     * @return how many of its rows name no commit ({@link #NO_COMMIT}); 0 if the file does not exist
     */
    public static int rowsWithoutCommit(Path file) {
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            return (int) Files.readAllLines(file, StandardCharsets.UTF_8).stream().skip(1).filter(line -> !line.isBlank())
                    .map(Row::parse).filter(row -> row.commit().equals(NO_COMMIT)).count();
        } catch (IOException | RuntimeException e) {
            throw new CnnlabException(file + ": not a recipe results file (" + e.getMessage() + ")", e);
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
