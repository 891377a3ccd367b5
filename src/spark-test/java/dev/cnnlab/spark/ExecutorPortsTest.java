package dev.cnnlab.spark;

import dev.cnnlab.CnnlabException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-executor gradient-sharing ports and the checkpoint's place and absence, without Spark. */
class ExecutorPortsTest {
    @TempDir
    Path dir;

    @Test
    void theDriverTakesTheBasePortAndExecutorNTheBasePlusOnePlusN() {
        ExecutorPorts ports = new ExecutorPorts(40123);
        assertThat(ports.portOf("driver")).isEqualTo(40123);
        assertThat(ports.portOf("0")).isEqualTo(40124);
        assertThat(ports.portOf("1")).isEqualTo(40125);
        // Outside Spark (no SparkEnv) it is the driver's.
        assertThat(ports.getPort()).isEqualTo(40123);
    }

    @Test
    void theCheckpointLivesBesideTheModelAndItsAbsenceIsOneLineNamingResume() {
        Path out = dir.resolve("lenet.zip");
        assertThat(SparkCheckpoint.of(out)).isEqualTo(dir.resolve("lenet.checkpoint.zip"));
        assertThatThrownBy(() -> SparkCheckpoint.load(SparkCheckpoint.of(out)))
                .isInstanceOf(CnnlabException.class)
                .hasMessage("--resume: no checkpoint at " + dir.resolve("lenet.checkpoint.zip")
                        + " (a run writes it after its first epoch)");
    }
}
