package dev.cnnlab.report;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.zoo.Recipes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecipeResultsTest {
    @TempDir
    Path dir;

    private static RecipeResults.Row row(String recipe, double accuracy, String command) {
        return new RecipeResults.Row(recipe, "2026-12-04", "5ae0b41a1b2c", 42, 29, 29, 360_000, 10_000, accuracy, 8_096,
                1_718, 2, "AuthenticAMD family 26 model 2 AVX-512", command);
    }

    @Test
    void aVariantKeepsItsOwnRowBesideTheRecipes() {
        Path file = dir.resolve("results.csv");
        RecipeResults.append(file, row("tf-lenet-bn", 0.9921, "cnnlab reproduce tf-lenet-bn --epochs 5 --seed 42"));
        RecipeResults.append(file, row("tf-lenet-bn", 0.9942, "cnnlab reproduce tf-lenet-bn --augment shift --seed 42"));
        RecipeResults.append(file, row("tf-lenet-bn", 0.9935, "cnnlab reproduce tf-lenet-bn --seed 42"));

        Map<String, RecipeResults.Row> latest = RecipeResults.latest(file);

        assertThat(latest).containsOnlyKeys("tf-lenet-bn", "tf-lenet-bn --augment shift");
        assertThat(latest.get("tf-lenet-bn").testAccuracy()).isEqualTo(0.9935);
        assertThat(latest.get("tf-lenet-bn --augment shift").testAccuracy()).isEqualTo(0.9942);
    }

    @Test
    void theMarkdownTableListsAVariantAfterItsRecipe() {
        Path file = dir.resolve("results.csv");
        RecipeResults.append(file, row("tf-lenet-bn", 0.9942, "cnnlab reproduce tf-lenet-bn --augment shift --seed 42"));
        RecipeResults.append(file, row("tf-lenet-bn", 0.9935, "cnnlab reproduce tf-lenet-bn --seed 42"));

        String table = RecipeResults.markdown(Recipes.all(), RecipeResults.latest(file));

        assertThat(table.lines().skip(2)).containsExactly(
                "| `tf-lenet-bn` | tutorial | 99.50% | 99.35% | 42 | 29 (29) | 360,000 | 8096 s | 1718 | 2"
                        + " | AuthenticAMD family 26 model 2 AVX-512 | 5ae0b41a1b2c"
                        + " | `cnnlab reproduce tf-lenet-bn --seed 42` |",
                "| `tf-lenet-bn --augment shift` | tutorial | 99.50% | 99.42% | 42 | 29 (29) | 360,000 | 8096 s | 1718 | 2"
                        + " | AuthenticAMD family 26 model 2 AVX-512 | 5ae0b41a1b2c | `cnnlab reproduce tf-lenet-bn --augment shift --seed 42` |");
    }

    @Test
    void everyRowNamesItsCommitSeedEpochsImagesAccuracyWallTimeSpeedAndCpu() throws IOException {
        Path file = dir.resolve("results.csv");
        RecipeResults.append(file, row("tf-lenet-bn", 0.9935, "cnnlab reproduce tf-lenet-bn --seed 7"));

        List<String> lines = Files.readAllLines(file);

        assertThat(lines.get(0)).isEqualTo(RecipeResults.HEADER);
        assertThat(List.of(lines.get(0).split(","))).contains("commit", "seed", "epochs", "train_images",
                "test_accuracy", "wall_seconds", "train_img_s", "cpu");
        assertThat(lines.get(1)).startsWith("tf-lenet-bn,2026-12-04,5ae0b41a1b2c,42,29,29,360000,10000,0.9935,8096,1718,2,"
                + "AuthenticAMD family 26 model 2 AVX-512,\"");
        assertThat(RecipeResults.latest(file).get("tf-lenet-bn").cpu()).isEqualTo("AuthenticAMD family 26 model 2 AVX-512");
    }

    @Test
    void rowsWithoutACpuAreReadAndKeptWhenANewRowIsAppended() throws IOException {
        Path file = Files.writeString(dir.resolve("results.csv"), RecipeResults.HEADER_WITHOUT_CPU + "\n"
                + "lenet,2026-12-07,46adc0ed7a84,42,2,2,60000,10000,0.9907,49,2895,2,\"cnnlab reproduce lenet --seed 42\"\n");

        assertThat(RecipeResults.latest(file).get("lenet").cpu()).isEqualTo(RecipeResults.NO_CPU);

        RecipeResults.append(file, row("tf-lenet-bn", 0.9935, "cnnlab reproduce tf-lenet-bn --seed 42"));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).containsExactly(RecipeResults.HEADER,
                "lenet,2026-12-07,46adc0ed7a84,42,2,2,60000,10000,0.9907,49,2895,2,,\"cnnlab reproduce lenet --seed 42\"",
                row("tf-lenet-bn", 0.9935, "cnnlab reproduce tf-lenet-bn --seed 42").toCsv());
        String table = RecipeResults.markdown(Recipes.all(), RecipeResults.latest(file));
        assertThat(table).contains("| 2895 | 2 | not recorded | 46adc0ed7a84 |");
    }


    @Test
    void rowsWithoutACommitAreReadAndKeptWhenANewRowIsAppended() throws IOException {
        Path file = Files.writeString(dir.resolve("results.csv"), RecipeResults.HEADER_WITHOUT_COMMIT + "\n"
                + "lenet,2026-11-21,2,2,60000,10000,0.9898,168,808,2,\"cnnlab reproduce lenet --seed 42\"\n"
                + "tf-lenet,2026-11-21,5,19,60000,10000,0.9853,312,1234,2,\"cnnlab reproduce tf-lenet --epochs 5 --seed 9\"\n");

        RecipeResults.Row old = RecipeResults.latest(file).get("tf-lenet --seed 9");
        assertThat(old.commit()).isEqualTo(RecipeResults.NO_COMMIT);
        assertThat(old.seed()).isEqualTo(9);
        assertThat(old.testAccuracy()).isEqualTo(0.9853);
        assertThat(old.wallSeconds()).isEqualTo(312);

        RecipeResults.append(file, row("tf-lenet-bn", 0.9935, "cnnlab reproduce tf-lenet-bn --seed 42"));

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo(RecipeResults.HEADER);
        assertThat(lines.get(1)).isEqualTo("lenet,2026-11-21,,42,2,2,60000,10000,0.9898,168,808,2,,"
                + "\"cnnlab reproduce lenet --seed 42\"");
        assertThat(RecipeResults.latest(file)).containsOnlyKeys("lenet", "tf-lenet --seed 9", "tf-lenet-bn");
        assertThat(RecipeResults.latest(file).get("lenet").testAccuracy()).isEqualTo(0.9898);
    }

    @Test
    void otherSeedsKeepTheirOwnRowsForTheSpread() {
        Path file = dir.resolve("results.csv");
        RecipeResults.append(file, row("tf-lenet", 0.9901, "cnnlab reproduce tf-lenet --seed 42"));
        RecipeResults.Row seven = new RecipeResults.Row("tf-lenet", "2026-12-04", "5ae0b41a1b2c", 7, 20, 20, 60_000,
                10_000, 0.9893, 900, 1_300, 2, "GenuineIntel family 6 model 207 AVX-512", "cnnlab reproduce tf-lenet --seed 7");
        RecipeResults.append(file, seven);

        Map<String, RecipeResults.Row> latest = RecipeResults.latest(file);

        assertThat(latest).containsOnlyKeys("tf-lenet", "tf-lenet --seed 7");
        assertThat(latest.get("tf-lenet --seed 7").testAccuracy()).isEqualTo(0.9893);
    }

    @Test
    void theBuildNamesItsCommit() {
        // Written by the build (pom.xml, record-source-commit); "unknown" only outside a git working tree.
        assertThat(SourceCommit.ofBuild()).matches("[0-9a-f]{12}(\\+modified)?|unknown");
        assertThat(getClass().getResource("/dev/cnnlab/report/" + SourceCommit.RESOURCE)).isNotNull();
    }

    @Test
    void aFileThatIsNotAResultsFileIsNamedInTheError() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.csv"), "recipe,date\nlenet;2026-12-04\n");

        assertThatThrownBy(() -> RecipeResults.latest(file)).isInstanceOf(CnnlabException.class)
                .hasMessageStartingWith(file + ": not a recipe results file");
    }
}
