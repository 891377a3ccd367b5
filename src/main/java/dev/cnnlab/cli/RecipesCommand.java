package dev.cnnlab.cli;

import dev.cnnlab.report.RecipeResults;
import dev.cnnlab.zoo.Recipe;
import dev.cnnlab.zoo.Recipes;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code cnnlab recipes}: the named recipes with their tutorial figures and the figures measured here.
 */
@Command(name = "recipes", mixinStandardHelpOptions = true,
        description = "List the recipes: kind (tutorial: the tutorial's own settings; improved: cnnlab's), dataset, parameters,"
                + " the tutorial's accuracy and the accuracy measured by 'cnnlab reproduce'.")
final class RecipesCommand implements Callable<Integer> {
    /** Where {@code reproduce} appends its results, relative to the working directory. */
    static final Path DEFAULT_RESULTS = Path.of("scripts", "recipe-results.csv");

    @Mixin
    CommonOptions common;

    @Option(names = "--results", paramLabel = "FILE", description = "Results file (default: ${DEFAULT-VALUE}).")
    Path results = DEFAULT_RESULTS;

    @Option(names = "--markdown", description = "Print the measured results (rows that name their commit) as a Markdown table, with a line counting"
            + " the older rows it leaves out.")
    boolean markdown;

    @Override
    public Integer call() {
        common.apply();
        // Rows without a commit come from builds whose recipes may have had other settings: they stay in the file.
        Map<String, RecipeResults.Row> measured = new java.util.LinkedHashMap<>(RecipeResults.latest(results));
        measured.values().removeIf(row -> row.commit().equals(RecipeResults.NO_COMMIT));
        if (markdown) {
            System.out.print(RecipeResults.markdown(Recipes.all(), measured));
            int older = RecipeResults.rowsWithoutCommit(results);
            if (older > 0) {
                System.out.printf(Locale.ROOT, "%n%d older rows of `%s` name no commit: they come from builds from before"
                        + " rows named one, several with other recipe settings, and are kept there, not shown.%n",
                        older, DEFAULT_RESULTS.equals(results) ? "scripts/recipe-results.csv" : results.getFileName());
            }
            return 0;
        }
        String format = "%-17s %-9s %-10s %11s %9s  %-28s%n";
        System.out.printf(Locale.ROOT, format, "recipe", "kind", "dataset", "parameters", "tutorial", "measured here");
        for (Recipe r : Recipes.all()) {
            MultiLayerNetwork net = r.buildNetwork(0);
            RecipeResults.Row row = measured.get(r.name());
            String ours = row == null ? "-" : String.format(Locale.ROOT, "%.2f%% (%d of %d epochs)",
                    100 * row.testAccuracy(), row.epochs(), row.fullEpochs());
            String tutorial = r.tutorialAccuracy() == null ? "-"
                    : String.format(Locale.ROOT, "%.2f%%", 100 * r.tutorialAccuracy());
            System.out.printf(Locale.ROOT, format, r.name(), r.kind().key(), r.dataset(), String.format(Locale.ROOT, "%,d", net.numParams()),
                    tutorial, ours);
        }
        return 0;
    }
}
