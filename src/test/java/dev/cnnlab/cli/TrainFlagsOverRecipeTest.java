package dev.cnnlab.cli;

import dev.cnnlab.config.ImageSize;
import dev.cnnlab.config.Setting;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.zoo.LearningRateSchedule;
import dev.cnnlab.zoo.Optimizer;
import dev.cnnlab.zoo.TestTimeAugmentation;
import dev.cnnlab.zoo.Recipes;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code train --lr-decay}, {@code --lr-schedule}, {@code --warmup-epochs}, {@code --label-smoothing}, {@code --optimizer},
 * {@code --no-bn-recalibration}: applied over a recipe only when given;
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
        double recipes = Recipes.require("fashion").lrDecay();
        assertThat(recipes).isNotEqualTo(1.0);
        assertThat(parse("--recipe", "fashion").toOptions().get(Settings.LR_DECAY)).isEqualTo(recipes);
        assertThat(parse("--recipe", "fashion", "--lr-decay", "0.8").toOptions().get(Settings.LR_DECAY)).isEqualTo(0.8);
        assertThat(parse("--recipe", "fashion", "--lr-decay", "1").toOptions().get(Settings.LR_DECAY)).isEqualTo(1.0);
        assertThat(parse().toOptions().get(Settings.LR_DECAY)).isEqualTo(1.0);
        assertThat(parse("--lr-decay", "0.9").toOptions().get(Settings.LR_DECAY)).isEqualTo(0.9);
    }

    @Test
    void theCatsDogsRecipesScheduleAndSmoothingGiveWayToFlagsAndKeepItsOtherSettings() {
        TrainingConfig recipe = parse("--recipe", "catsdogs").toOptions();
        assertThat(recipe.get(Settings.LR_SCHEDULE)).isEqualTo(LearningRateSchedule.COSINE);
        assertThat(recipe.get(Settings.WARMUP_EPOCHS)).isEqualTo(2);
        assertThat(recipe.get(Settings.LABEL_SMOOTHING)).isEqualTo(0.1);
        TrainingConfig plain = parse("--recipe", "catsdogs", "--lr-schedule", "exponential", "--warmup-epochs", "0",
                "--label-smoothing", "0").toOptions();
        assertThat(plain.get(Settings.LR_SCHEDULE)).isEqualTo(LearningRateSchedule.EXPONENTIAL);
        assertThat(plain.get(Settings.WARMUP_EPOCHS)).isZero();
        assertThat(plain.get(Settings.LABEL_SMOOTHING)).isZero();
        assertThat(plain.with(Settings.LR_SCHEDULE, LearningRateSchedule.COSINE).with(Settings.WARMUP_EPOCHS, 2)
                .with(Settings.LABEL_SMOOTHING, 0.1)).isEqualTo(recipe);
    }

    @Test
    void theOptimizerFlagOverridesTheRecipeAndItsAbsenceKeepsTheRecipes() {
        assertThat(parse("--recipe", "scratch-2conv").toOptions().get(Settings.OPTIMIZER)).isEqualTo(Optimizer.ADAM_PER_BATCH);
        assertThat(parse("--recipe", "scratch-2conv", "--optimizer", "adam").toOptions().get(Settings.OPTIMIZER)).isEqualTo(Optimizer.ADAM);
        assertThat(parse().toOptions().get(Settings.OPTIMIZER)).isEqualTo(Optimizer.ADAM);
        assertThat(parse("--optimizer", "adam-per-batch").toOptions().get(Settings.OPTIMIZER)).isEqualTo(Optimizer.ADAM_PER_BATCH);
    }

    @Test
    void theRecipesTrainingImagesAndBatchNormChoiceHoldUnlessAFlagSaysOtherwise() {
        assertThat(parse("--recipe", "scratch-2conv").toOptions().get(Settings.LIMIT)).isEqualTo(50_000);
        assertThat(parse("--recipe", "scratch-2conv", "--limit", "640").toOptions().get(Settings.LIMIT)).isEqualTo(640);
        assertThat(parse("--recipe", "tf-lenet").toOptions().get(Settings.LIMIT)).isZero();
        assertThat(parse("--recipe", "tf-lenet-bn").toOptions().get(Settings.BN_RECALIBRATION)).as("a tutorial recipe").isFalse();
        assertThat(parse("--recipe", "catsdogs").toOptions().get(Settings.BN_RECALIBRATION)).as("an improved recipe").isTrue();
        assertThat(parse("--recipe", "catsdogs", "--no-bn-recalibration").toOptions().get(Settings.BN_RECALIBRATION)).isFalse();
    }

    @Test
    void theCatsDogsRecipeScoresWithFlipsAtItsCropsScaleUnlessTheFlagSaysOtherwise() {
        assertThat(parse("--recipe", "catsdogs").toOptions().get(Settings.TEST_TIME))
                .isEqualTo(TestTimeAugmentation.byKey("flip,centre"));
        assertThat(parse("--recipe", "catsdogs").toOptions().testTime()).isEqualTo(new TestTimeAugmentation(true, 5));
        assertThat(parse("--recipe", "catsdogs", "--augment", "flip,crop:4").toOptions().testTime())
                .as("the centre follows the crops").isEqualTo(new TestTimeAugmentation(true, 2));
        assertThat(parse("--recipe", "catsdogs", "--tta", "none").toOptions().get(Settings.TEST_TIME)).isEqualTo(TestTimeAugmentation.NONE);
        assertThat(parse().toOptions().get(Settings.TEST_TIME)).isEqualTo(TestTimeAugmentation.NONE);
        assertThat(parse("--recipe", "tf-lenet-bn").toOptions().get(Settings.TEST_TIME)).as("digits have a handedness")
                .isEqualTo(TestTimeAugmentation.NONE);
        assertThat(TrainingConfig.fromMap(parse("--tta", "flip").toOptions().toMap()).get(Settings.TEST_TIME))
                .isEqualTo(TestTimeAugmentation.FLIP);
        Map<String, Object> older = TrainingConfig.defaults().toMap();
        older.remove("tta");
        assertThat(TrainingConfig.fromMap(older).get(Settings.TEST_TIME)).as("a run from before the option").isEqualTo(TestTimeAugmentation.NONE);
    }

    @Test
    void batchesAreSplitUnlessTurnedOffAndTheChoiceIsSavedWithTheRun() {
        assertThat(parse().toOptions().get(Settings.SPLIT_BATCH)).isTrue();
        assertThat(parse("--no-batch-split").toOptions().get(Settings.SPLIT_BATCH)).isFalse();
        assertThat(TrainingConfig.fromMap(parse("--no-batch-split").toOptions().toMap()).get(Settings.SPLIT_BATCH)).isFalse();
        Map<String, Object> older = TrainingConfig.defaults().toMap();
        older.remove("split_batch");
        assertThat(TrainingConfig.fromMap(older).get(Settings.SPLIT_BATCH)).as("a run from before the option resumes split").isTrue();
    }

    @Test
    void batchNormRecalibrationIsOnUnlessTurnedOff() {
        assertThat(parse("--recipe", "catsdogs").toOptions().get(Settings.BN_RECALIBRATION)).isTrue();
        assertThat(parse("--recipe", "catsdogs", "--no-bn-recalibration").toOptions().get(Settings.BN_RECALIBRATION)).isFalse();
    }

    @Test
    void everySettingIsAFlagOfTrainAndNoFlagGivenMeansTheDefaults() {
        CommandLine cli = new CommandLine(new TrainCommand());
        for (Setting<?> s : Settings.ALL) {
            assertThat(cli.getCommandSpec().findOption(s.flag())).as(s.flag()).isNotNull();
        }
        assertThat(parse().toOptions()).isEqualTo(TrainingConfig.defaults());
        assertThat(parse("--seed", "7", "--image-size", "32", "--no-fetch", "--strict").toOptions())
                .isEqualTo(TrainingConfig.defaults().with(Settings.SEED, 7).with(Settings.IMAGE_SIZE, new ImageSize(32, 32))
                        .with(Settings.FETCH, false).with(Settings.STRICT, true));
    }
}
