package dev.cnnlab.cli;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.report.RecipeResults;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.report.SourceCommit;
import dev.cnnlab.training.TrainingResult;
import dev.cnnlab.training.TrainingRun;
import dev.cnnlab.training.checkpoint.ResumeState;
import dev.cnnlab.zoo.Recipe;
import dev.cnnlab.zoo.Recipes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

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
    private static final Set<String> IGNORED_ON_RESUME = Set.of(Settings.EPOCHS.key(), Settings.SEED.key());

    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "RECIPE", description = "A recipe name (see 'cnnlab recipes').")
    String recipe;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Train fewer epochs than the recipe prescribes, when a full run does not fit; the results file says so.")
    Integer epochs;

    @Mixin
    SeedOption seed;

    @Mixin
    ResumeOption resume;

    @Option(names = "--augment", paramLabel = "LIST",
            description = "Replace the recipe's training augmentation (as train's --augment; none for none), to measure a variant"
                    + " such as tf-lenet-bn without flips; the results file and the tables keep it apart from the recipe's own row.")
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
        TrainingConfig options = r.config();
        if (epochs != null) {
            options = options.with(Settings.EPOCHS, epochs);
        }
        options = options.with(Settings.SEED, seed.seed);
        if (augment != null) {
            options = options.with(Settings.AUGMENT, augment);
        }
        options = options.with(Settings.DATA_DIR, common.dataDir);
        options = options.with(Settings.PROGRESS, !common.noProgress);
        options = options.with(Settings.OUT, Path.of("runs", "reproduce-" + r.name() + "-" + System.currentTimeMillis() / 1000));
        ResumeState resumed = null;
        if (resume.given()) {
            resumed = resume.open();
            requireRunOf(r, options, resumed);
            options = ResumeFlags.apply(spec.commandLine().getParseResult(), options, resumed).validate();
        }
        TrainingRun run = new TrainingRun(options).resumeCommand("cnnlab reproduce " + r.name() + " " + ResumeOption.FLAG);
        if (resumed != null) {
            run.resumeFrom(resumed);
        }
        TrainingResult result = run.run();
        String command = "cnnlab reproduce " + r.name() + (options.get(Settings.EPOCHS) != r.epochs() ? " --epochs " + options.get(Settings.EPOCHS) : "")
                + (augment != null ? " --augment " + augment : "") + " --seed " + options.get(Settings.SEED)
                + (resume.given() ? " " + ResumeOption.FLAG + " " + resume.runDir : "");
        RecipeResults.append(results, RecipeResults.of(r.name(), commit, options.get(Settings.SEED), r.epochs(), result, command));
        System.out.printf(Locale.ROOT, "%s: test accuracy %.2f%% after %d of %d epochs in %.0f s; appended to %s%n",
                r.name(), 100 * result.test().accuracy(), options.get(Settings.EPOCHS), r.epochs(), result.seconds(), results);
        return 0;
    }

    /** A run resumed by {@code reproduce} must have been trained with the recipe's settings (its epochs and seed aside). */
    private static void requireRunOf(Recipe r, TrainingConfig recipe, ResumeState resumed) {
        Map<String, Object> ours = recipe.toMap();
        Map<String, Object> theirs = resumed.options().toMap();
        ResumeState.firstDifference(ours, theirs, IGNORED_ON_RESUME).ifPresent(key -> {
            throw new CnnlabException(ResumeOption.FLAG + ": " + resumed.runDir() + " is not a run of recipe " + r.name()
                    + ": it was trained with " + key + " = " + theirs.get(key) + ", the recipe uses " + ours.get(key));
        });
    }
}
