package dev.cnnlab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.CnnlabException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON shape shared with bench-pytorch.py and bench-compare.sh, and the table. */
class BenchReportTest {
    private static final List<BenchResult> RESULTS = List.of(
            new BenchResult("lenet", 1432.456, 801.04, 9876.55, OptionalDouble.of(612.34), OptionalDouble.of(640.0)),
            new BenchResult("keras-mnist", 480.0, 300.0, 2200.0, OptionalDouble.empty(), OptionalDouble.empty()));

    @TempDir
    Path dir;

    @Test
    void jsonHasOneObjectPerModelWithTheFourKeysAndDl4jsBatch1WhenMeasured() throws Exception {
        Path file = dir.resolve("sub/bench.json");
        BenchReport.write(RESULTS, file);

        JsonNode root = new ObjectMapper().readTree(file.toFile());
        assertThat(root.fieldNames()).toIterable().containsExactly("lenet", "keras-mnist");
        JsonNode lenet = root.get("lenet");
        assertThat(lenet.fieldNames()).toIterable()
                .containsExactly("train_img_s", "infer_b1_img_s", "infer_b256_img_s", "peak_rss_mb",
                        "infer_b1_dl4j_img_s");
        assertThat(root.get("keras-mnist").fieldNames()).toIterable()
                .containsExactly("train_img_s", "infer_b1_img_s", "infer_b256_img_s", "peak_rss_mb");
        assertThat(lenet.get("train_img_s").asDouble()).isEqualTo(1432.5);
        assertThat(lenet.get("infer_b256_img_s").asDouble()).isEqualTo(9876.6);
        assertThat(lenet.get("peak_rss_mb").asDouble()).isEqualTo(612.3);
        assertThat(root.get("keras-mnist").get("peak_rss_mb").isNull()).isTrue();
    }

    @Test
    void readsBackWhatItWrote() {
        Path file = dir.resolve("bench.json");
        BenchReport.write(RESULTS, file);

        List<BenchResult> back = BenchReport.read(file);

        assertThat(back).extracting(BenchResult::model).containsExactly("lenet", "keras-mnist");
        assertThat(back.get(0).inferBatch1ImgPerSec()).isEqualTo(801.0);
        assertThat(back.get(0).peakRssMb()).hasValue(612.3);
        assertThat(back.get(1).peakRssMb()).isEmpty();
        assertThat(back.get(0).inferBatch1Dl4jImgPerSec()).hasValue(640.0);
        assertThat(back.get(1).inferBatch1Dl4jImgPerSec()).isEmpty();
    }

    @Test
    void aFileOfAnotherShapeIsNamedInOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("other.json"), "{\"lenet\": {\"train_img_s\": 1}}");

        assertThatThrownBy(() -> BenchReport.read(file)).isInstanceOf(CnnlabException.class)
                .hasMessageContaining("other.json").hasMessageContaining("infer_b1_img_s");
    }

    @Test
    void tableHasAHeaderAndOneRowPerModel() {
        String table = BenchReport.table(RESULTS, 64);

        assertThat(table.lines()).hasSize(4);
        assertThat(table).contains("train img/s").contains("(batch 64)");
        assertThat(table.lines().toList().get(2)).startsWith("lenet").contains("1,432").contains("801")
                .contains(" 640 ").contains("9,877").endsWith("612");
        assertThat(table.lines().toList().get(3)).startsWith("keras-mnist").endsWith("n/a");
    }
}
