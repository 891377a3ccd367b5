package dev.cnnlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.TestData;
import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.Recipes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cnnlab bench} as a user runs it: very short measurements, no timing thresholds. */
class BenchCommandTest {
    @TempDir
    Path work;

    @Test
    void writesTheJsonAndPrintsTheTableAndTheNativeSetup() throws Exception {
        Path json = work.resolve("bench.json");

        CliProcess.Result r = CliProcess.run(work, "bench", "--models", "lenet", "--seconds", "1", "--windows", "2",
                "--json", json.toString());

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("natives: ").contains("layer helpers: ").contains("batches: ").contains("train img/s")
                .contains("b1 DL4J output").containsPattern("(?m)^lenet +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+$");
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertThat(root.fieldNames()).toIterable().containsExactly("lenet");
        JsonNode lenet = root.get("lenet");
        assertThat(lenet.fieldNames()).toIterable()
                .containsExactly("train_img_s", "infer_b1_img_s", "infer_b256_img_s", "peak_rss_mb",
                        "infer_b1_dl4j_img_s");
        for (JsonNode value : lenet) {
            assertThat(value.isNumber()).as(lenet.toString()).isTrue();
            assertThat(value.asDouble()).as(lenet.toString()).isPositive();
        }
    }

    @Test
    void aPhotoNetworkIsMeasuredOnPhotosAtItsRecipesSize() throws Exception {
        Path json = work.resolve("bench.json");

        CliProcess.Result r = CliProcess.start(work, TestData.dataDir(),
                Map.of("CNNLAB_CATS_DOGS", TestData.catsDogsDir().toString()),
                "bench", "--models", "catsdogs", "--seconds", "1", "--windows", "2", "--json", json.toString()).await();

        assertThat(r.exitCode()).as(r.stderr()).isZero();
        InputShape recipeInput = Recipes.require("catsdogs").input();
        assertThat(r.stdout()).contains("catsdogs on " + recipeInput + " images:")
                .containsPattern("(?m)^catsdogs +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+$");
        assertThat(new ObjectMapper().readTree(json.toFile()).get("catsdogs").get("train_img_s").asDouble()).isPositive();
    }

    @Test
    void aPhotoNetworkWithoutPhotosIsAOneLineError() throws Exception {
        Path emptyData = Files.createDirectories(work.resolve("no-data"));

        CliProcess.Result r = CliProcess.start(work, emptyData, Collections.singletonMap("CNNLAB_CATS_DOGS", null),
                "bench", "--models", "catsdogs", "--seconds", "1").await();

        assertThat(r.exitCode()).as(r.stderr()).isNotZero();
        assertThat(r.stderrLines()).as(r.stderr()).hasSize(1);
        assertThat(r.stderr()).contains("--models catsdogs").contains("fetch cats-dogs");
    }

    @Test
    void badValuesAreOneLineAndExitCodeTwo() throws Exception {
        assertUsageError(CliProcess.run(work, "bench", "--seconds", "0"), "--seconds");
        assertUsageError(CliProcess.run(work, "bench", "--models", "lenet,alexnet"), "alexnet");
        assertUsageError(CliProcess.run(work, "bench", "--batch-size", "0"), "--batch-size");
        assertUsageError(CliProcess.run(work, "bench", "--windows", "x"), "--windows");
    }

    private static void assertUsageError(CliProcess.Result r, String mention) {
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(2);
        assertThat(r.stderrLines()).as(r.stderr()).hasSize(1);
        assertThat(r.stderr()).contains(mention);
    }
}
