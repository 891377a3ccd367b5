package dev.cnnlab.cli;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.explain.RecipeResults;
import dev.cnnlab.explain.SourceCommit;
import dev.cnnlab.training.ResumeState;
import dev.cnnlab.training.TrainingOptions;
import dev.cnnlab.training.TrainingResult;
import dev.cnnlab.training.TrainingRun;
import dev.cnnlab.zoo.Recipe;
import dev.cnnlab.zoo.Recipes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code cnnlab reproduce}: trains a recipe with its full settings and appends the result to the results file.
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Train a recipe with its own settings, then append test accuracy, epochs, wall time and images/s to the results file.")
final class ReproduceCommand implements Callable<Integer> {
    /** Settings a resumed run keeps as it was started with: the recipe fixes all the others. */
    private static final Set<String> IGNORED_ON_RESUME = Set.of("epochs", "seed");

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "RECIPE", description = "A recipe name (see 'cnnlab recipes').")
    String recipe;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Train fewer epochs than the recipe prescribes, when a full run does not fit; the results file says so.")
    Integer epochs;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = new TrainingOptions().seed;

    @Option(names = "--resume", paramLabel = "RUN_DIR",
            description = "Continue an interrupted 'reproduce' run of this recipe (stopped with Ctrl-C or SIGTERM) from its newest"
                    + " checkpoint, then append its result; --epochs may raise its total.")
    Path resume;

    @Option(names = "--augment", paramLabel = "LIST",
            description = "Replace the recipe's training augmentation (as train's --augment; none for none), to measure a variant"
                    + " such as tf-lenet-bn without flips; the results file and the README table keep it apart from the recipe's own row.")
    String augment;

    @Spec
    CommandSpec spec;

    @Option(names = "--results", paramLabel = "FILE", description = "Results file (default: scripts/recipe-results.csv).")
    Path results = RecipesCommand.DEFAULT_RESULTS;

    @Override
    public Integer call() {
        common.apply();
        Recipe r = Recipes.require(recipe);
        String commit = SourceCommit.ofBuild();
        TrainingOptions options = TrainingOptions.fromRecipe(r);
        if (epochs != null) {
            options.epochs = epochs;
        }
        options.seed = seed;
        if (augment != null) {
            options.augment = augment;
        }
        options.dataDir = common.dataDir;
        options.progress = !common.noProgress;
        options.outDir = Path.of("runs", "reproduce-" + r.name() + "-" + System.currentTimeMillis() / 1000);
        ResumeState resumed = null;
        if (resume != null) {
            resumed = ResumeState.open(resume);
            requireRunOf(r, options, resumed);
            options = ResumeFlags.apply(spec.commandLine().getParseResult(), options, resumed).validate();
        }
        TrainingRun run = new TrainingRun(options).resumeCommand("cnnlab reproduce " + r.name() + " --resume");
        if (resumed != null) {
            run.resumeFrom(resumed);
        }
        TrainingResult result = run.run();
        String command = "cnnlab reproduce " + r.name() + (options.epochs != r.epochs() ? " --epochs " + options.epochs : "")
                + (augment != null ? " --augment " + augment : "") + " --seed " + options.seed
                + (resume != null ? " --resume " + resume : "");
        RecipeResults.append(results, RecipeResults.of(r.name(), commit, options.seed, r.epochs(), result, command));
        System.out.printf(Locale.ROOT, "%s: test accuracy %.2f%% after %d of %d epochs in %.0f s; appended to %s%n",
                r.name(), 100 * result.test().accuracy(), options.epochs, r.epochs(), result.seconds(), results);
        return 0;
    }

    /** A run resumed by {@code reproduce} must have been trained with the recipe's settings (its epochs and seed aside). */
    private static void requireRunOf(Recipe r, TrainingOptions recipe, ResumeState resumed) {
        Map<String, Object> ours = recipe.toMap();
        Map<String, Object> theirs = resumed.options().toMap();
        ResumeState.firstDifference(ours, theirs, IGNORED_ON_RESUME).ifPresent(key -> {
            throw new CnnlabException("--resume: " + resumed.runDir() + " is not a run of recipe " + r.name()
                    + ": it was trained with " + key + " = " + theirs.get(key) + ", the recipe uses " + ours.get(key));
        });
    }
}
