package dev.cnnlab.report;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.zoo.Recipes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecipeResultsTest {
    @TempDir
    Path dir;

    private static RecipeResults.Row row(String recipe, double accuracy, String command) {
        return new RecipeResults.Row(recipe, "2026-12-04", 29, 29, 360_000, 10_000, accuracy, 8_096, 1_718, 2, command);
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
                "| `tf-lenet-bn` | 99.50% | 99.35% | 29 (29) | 8096 s | 1718 | 2 | `cnnlab reproduce tf-lenet-bn --seed 42` |",
                "| `tf-lenet-bn --augment shift` | 99.50% | 99.42% | 29 (29) | 8096 s | 1718 | 2"
                        + " | `cnnlab reproduce tf-lenet-bn --augment shift --seed 42` |");
    }

    @Test
    void aFileThatIsNotAResultsFileIsNamedInTheError() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.csv"), "recipe,date\nlenet;2026-12-04\n");

        assertThatThrownBy(() -> RecipeResults.latest(file)).isInstanceOf(CnnlabException.class)
                .hasMessageStartingWith(file + ": not a recipe results file");
    }
}
