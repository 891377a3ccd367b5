package dev.cnnlab.spark;

import dev.cnnlab.TestData;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.model.SavedModel;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.spark.util.SparkUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LeNet trained by DL4J's Spark training in {@code local[2]} on 6,000 real MNIST images exported as shards, then
 * tested on 1,000 real test images: 3 epochs of gradient sharing, whose model zip is left at {@code cnnlab.sparkModel}
 * for the main build, and 2 epochs of parameter averaging from the same shards.
 */
class SparkTrainingTest {
    @TempDir
    static Path dir;
    private static JavaSparkContext sc;
    private static SparkTrainingResult result;

    @BeforeAll
    static void train() {
        sc = new JavaSparkContext(SparkSetup.conf("local[2]"));
        sc.setLogLevel("WARN");
        SparkTrainingOptions options = new SparkTrainingOptions();
        options.recipe = "lenet";
        options.shards = dir.resolve("shards").toUri().toString();
        options.out = Path.of(System.getProperty("cnnlab.sparkModel", dir.resolve("spark-lenet.zip").toString()));
        options.limit = 6000;
        options.testLimit = 1000;
        options.epochs = 3;
        options.dataDir = TestData.dataDir();
        result = SparkTraining.run(sc, options);
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.close();
        }
    }

    @Test
    void reachesNinetyPercentOnRealTestDigits() {
        assertThat(result.test().count()).isEqualTo(1000);
        assertThat(result.test().accuracy()).isGreaterThanOrEqualTo(0.90);
        assertThat(result.epochAccuracy()).hasSize(3);
    }

    @Test
    void exportedTheTrainingSetOnceAsShardsOfOneBatch() throws Exception {
        // LeNet's recipe trains in batches of 64: 6,000 images make 94 shards.
        assertThat(result.shards().images()).isEqualTo(6000);
        assertThat(result.shards().shards()).isEqualTo(94);
        try (var files = Files.list(dir.resolve("shards"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".bin") && f.getFileName().toString().startsWith("part-")))
                    .hasSize(94);
        }
    }

    @Test
    void parameterAveragingTrainsFromTheSameShardsWithoutExportingAgain() throws Exception {
        Path firstShard = dir.resolve("shards").resolve("part-00000.bin");
        var exported = Files.getLastModifiedTime(firstShard);
        SparkTrainingOptions options = new SparkTrainingOptions();
        options.shards = dir.resolve("shards").toUri().toString();
        options.out = dir.resolve("averaging.zip");
        options.limit = 6000;
        options.testLimit = 1000;
        options.epochs = 2;
        options.mode = SparkMode.AVERAGING;
        options.dataDir = TestData.dataDir();
        SparkTrainingResult averaged = SparkTraining.run(sc, options);
        assertThat(Files.getLastModifiedTime(firstShard)).isEqualTo(exported);
        assertThat(averaged.shards()).isEqualTo(result.shards());
        assertThat(averaged.test().accuracy()).isGreaterThanOrEqualTo(0.88);
    }

    @Test
    void dl4jStillCannotListShardsByExtension() throws Exception {
        // DataSetShards.paths() lists the shards itself because of this M2 bug (deeplearning4j issue 9436).
        String shards = dir.resolve("shards").toUri().toString();
        assertThat(SparkUtils.listPaths(sc, shards, false, Set.of(DataSetShards.EXTENSION)).collect()).isEmpty();
        assertThat(new DataSetShards(shards, sc.hadoopConfiguration()).paths()).hasSize(94);
    }

    @Test
    void writesACnnlabModelZip() {
        SavedModel model = ModelFile.load(result.modelFile());
        assertThat(model.info().architecture()).isEqualTo("lenet");
        assertThat(model.info().classNames()).hasSize(10);
        assertThat(model.normalizer()).isNotNull();
    }
}
