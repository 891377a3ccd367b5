package dev.cnnlab.cli;

import dev.cnnlab.training.TrainingOptions;
import dev.cnnlab.zoo.Optimizer;
import dev.cnnlab.zoo.TestTimeAugmentation;
import dev.cnnlab.zoo.Recipes;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train --lr-decay}, {@code --optimizer}, {@code --no-bn-recalibration}: applied over a recipe only when given;
 * {@code --no-batch-split}.
 */
class TrainFlagsOverRecipeTest {
    private static TrainCommand parse(String... args) {
        TrainCommand command = new TrainCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void theFlagOverridesTheRecipeAndItsAbsenceKeepsTheRecipes() {
        double recipes = Recipes.require("catsdogs").lrDecay();
        assertThat(parse("--recipe", "catsdogs").toOptions().lrDecay).isEqualTo(recipes);
        assertThat(parse("--recipe", "catsdogs", "--lr-decay", "0.8").toOptions().lrDecay).isEqualTo(0.8);
        assertThat(parse("--recipe", "catsdogs", "--lr-decay", "1").toOptions().lrDecay).isEqualTo(1.0);
        assertThat(parse().toOptions().lrDecay).isEqualTo(1.0);
        assertThat(parse("--lr-decay", "0.9").toOptions().lrDecay).isEqualTo(0.9);
    }

    @Test
    void theOptimizerFlagOverridesTheRecipeAndItsAbsenceKeepsTheRecipes() {
        assertThat(parse("--recipe", "scratch-2conv").toOptions().optimizer).isEqualTo(Optimizer.ADAM_PER_BATCH);
        assertThat(parse("--recipe", "scratch-2conv", "--optimizer", "adam").toOptions().optimizer).isEqualTo(Optimizer.ADAM);
        assertThat(parse().toOptions().optimizer).isEqualTo(Optimizer.ADAM);
        assertThat(parse("--optimizer", "adam-per-batch").toOptions().optimizer).isEqualTo(Optimizer.ADAM_PER_BATCH);
    }

    @Test
    void theRecipesTrainingImagesAndBatchNormChoiceHoldUnlessAFlagSaysOtherwise() {
        assertThat(parse("--recipe", "scratch-2conv").toOptions().limit).isEqualTo(50_000);
        assertThat(parse("--recipe", "scratch-2conv", "--limit", "640").toOptions().limit).isEqualTo(640);
        assertThat(parse("--recipe", "tf-lenet").toOptions().limit).isZero();
        assertThat(parse("--recipe", "tf-lenet-bn").toOptions().recalibrateBatchNorm).as("a tutorial recipe").isFalse();
        assertThat(parse("--recipe", "catsdogs").toOptions().recalibrateBatchNorm).as("an improved recipe").isTrue();
        assertThat(parse("--recipe", "catsdogs", "--no-bn-recalibration").toOptions().recalibrateBatchNorm).isFalse();
    }

    @Test
    void theCatsDogsRecipeScoresWithFlipsUnlessTheFlagSaysOtherwise() {
        assertThat(parse("--recipe", "catsdogs").toOptions().testTime).isEqualTo(TestTimeAugmentation.FLIP);
        assertThat(parse("--recipe", "catsdogs", "--tta", "none").toOptions().testTime).isEqualTo(TestTimeAugmentation.NONE);
        assertThat(parse().toOptions().testTime).isEqualTo(TestTimeAugmentation.NONE);
        assertThat(parse("--recipe", "tf-lenet-bn").toOptions().testTime).as("digits have a handedness")
                .isEqualTo(TestTimeAugmentation.NONE);
        assertThat(TrainingOptions.fromMap(parse("--tta", "flip").toOptions().toMap()).testTime)
                .isEqualTo(TestTimeAugmentation.FLIP);
        Map<String, Object> older = new TrainingOptions().toMap();
        older.remove("tta");
        assertThat(TrainingOptions.fromMap(older).testTime).as("a run from before the option").isEqualTo(TestTimeAugmentation.NONE);
    }

    @Test
    void batchesAreSplitUnlessTurnedOffAndTheChoiceIsSavedWithTheRun() {
        assertThat(parse().toOptions().splitBatch).isTrue();
        assertThat(parse("--no-batch-split").toOptions().splitBatch).isFalse();
        assertThat(TrainingOptions.fromMap(parse("--no-batch-split").toOptions().toMap()).splitBatch).isFalse();
        Map<String, Object> older = new TrainingOptions().toMap();
        older.remove("split_batch");
        assertThat(TrainingOptions.fromMap(older).splitBatch).as("a run from before the option resumes split").isTrue();
    }

    @Test
    void batchNormRecalibrationIsOnUnlessTurnedOff() {
        assertThat(parse("--recipe", "catsdogs").toOptions().recalibrateBatchNorm).isTrue();
        assertThat(parse("--recipe", "catsdogs", "--no-bn-recalibration").toOptions().recalibrateBatchNorm).isFalse();
    }
}
