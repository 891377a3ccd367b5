package dev.cnnlab.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * {@code scripts/gpu-check.sh}: valid bash, and on a machine without an NVIDIA GPU one line and exit code 2 before it
 * builds anything. Needs no ND4J, so it runs in the CUDA build too.
 */
class GpuCheckScriptTest {
    private static final Path SCRIPT = Path.of("scripts", "gpu-check.sh");

    @Test
    void isValidBash() throws Exception {
        Run run = bash("-n", SCRIPT.toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(Files.isExecutable(SCRIPT)).isTrue();
    }

    @Test
    void withoutAGpuItSaysSoInOneLineAndExitsWithTwo() throws Exception {
        assumeFalse(Files.exists(Path.of("/proc/driver/nvidia/version")), "this machine has an NVIDIA driver");
        assumeFalse(bash("-c", "command -v nvidia-smi").exitCode() == 0, "this machine has nvidia-smi");
        Run run = bash(SCRIPT.toString());
        assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
        List<String> lines = run.output().lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("gpu-check: no NVIDIA GPU here");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run bash(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("bash"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
