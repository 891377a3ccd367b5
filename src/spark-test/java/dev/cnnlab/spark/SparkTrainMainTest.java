package dev.cnnlab.spark;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.TestData;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.Scaling;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input to the Spark entry point and the shard export: one line, the right exit code, no Spark started. */
class SparkTrainMainTest {
    @TempDir
    Path dir;

    @Test
    void anUnknownModeIsAUsageErrorOfOneLine() {
        Output out = run("--shards", dir.toString(), "--out", dir.resolve("m.zip").toString(), "--mode", "ring");
        assertThat(out.code).isEqualTo(SparkTrainMain.EXIT_USAGE);
        assertThat(out.err.strip()).isEqualTo("cnnlab-spark: --mode: expected shared or averaging, got ring (see 'cnnlab-spark --help')");
    }

    @Test
    void theShardDirectoryIsRequired() {
        Output out = run("--out", dir.resolve("m.zip").toString());
        assertThat(out.code).isEqualTo(SparkTrainMain.EXIT_USAGE);
        assertThat(out.err).contains("--shards").doesNotContain("Exception");
    }

    @Test
    void aDirectoryHoldingAnotherExportIsNotOverwritten() {
        LabelledImages train = TestData.mnistTrain();
        DataSetShards shards = new DataSetShards(dir.resolve("shards").toString(), new Configuration());
        DataSetShards.Manifest first = shards.ensure(train.limit(100), "mnist", Scaling.UNIT, 32, 1, false);
        assertThat(first.shards()).isEqualTo(4);
        assertThat(shards.paths()).hasSize(4);
        assertThat(shards.ensure(train.limit(100), "mnist", Scaling.UNIT, 32, 1, false)).isEqualTo(first);
        assertThatThrownBy(() -> shards.ensure(train.limit(200), "mnist", Scaling.UNIT, 32, 1, false))
                .isInstanceOf(CnnlabException.class)
                .hasMessageContaining("holds another export (mnist, 100 images, batch 32, unit scaling, seed 1, wanted mnist, "
                        + "200 images")
                .hasMessageEndingWith("pick another directory or add --reexport");
        assertThat(shards.ensure(train.limit(200), "mnist", Scaling.UNIT, 32, 1, true).shards()).isEqualTo(7);
        assertThat(shards.paths()).hasSize(7);
    }

    private record Output(int code, String err) {
    }

    private static Output run(String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = SparkTrainMain.run(args);
            return new Output(code, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }
}
