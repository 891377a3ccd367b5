package dev.cnnlab.cli;

import dev.cnnlab.explain.RecipeResults;
import dev.cnnlab.training.TrainingOptions;
import dev.cnnlab.training.TrainingResult;
import dev.cnnlab.training.TrainingRun;
import dev.cnnlab.zoo.Recipe;
import dev.cnnlab.zoo.Recipes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cnnlab reproduce}: trains a recipe with its full settings and appends the result to the results file.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Train a recipe with its own settings, then append test accuracy, epochs, wall time and images/s to the results file.")
final class ReproduceCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "RECIPE", description = "A recipe name (see 'cnnlab recipes').")
    String recipe;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Train fewer epochs than the recipe prescribes, when a full run does not fit; the results file says so.")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = new TrainingOptions().seed;

    @Option(names = "--results", paramLabel = "FILE", description = "Results file (default: scripts/recipe-results.csv).")
    Path results = RecipesCommand.DEFAULT_RESULTS;

    @Override
    public Integer call() {
        common.apply();
        Recipe r = Recipes.require(recipe);
        TrainingOptions options = TrainingOptions.fromRecipe(r);
        if (epochs != null) {
            options.epochs = epochs;
        }
        options.seed = seed;
        options.dataDir = common.dataDir;
        options.progress = !common.noProgress;
        options.outDir = Path.of("runs", "reproduce-" + r.name() + "-" + System.currentTimeMillis() / 1000);
        TrainingResult result = new TrainingRun(options).run();
        String command = "cnnlab reproduce " + r.name() + (epochs != null ? " --epochs " + epochs : "")
                + " --seed " + seed;
        RecipeResults.append(results, RecipeResults.of(r.name(), r.epochs(), result, command));
        System.out.printf(Locale.ROOT, "%s: test accuracy %.2f%% after %d of %d epochs in %.0f s; appended to %s%n",
                r.name(), 100 * result.test().accuracy(), options.epochs, r.epochs(), result.seconds(), results);
        return 0;
    }
}
