package dev.cnnlab.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The JVM options cnnlab starts with: one declaration, read the same way by the Java relaunch and by
 * {@code scripts/jvm-options.sh}, and never in the way of an option the user chose.
 */
class RecommendedJvmOptionsTest {

    @Test
    void theDeclarationNamesTheSerialCollectorAndTheHeapSizes() {
        assertThat(RecommendedJvmOptions.all()).containsExactly("-XX:+UseSerialGC", "-Xms160m", "-Xmn64m");
    }

    @Test
    void commentsAndBlankLinesAreNotOptions() {
        assertThat(RecommendedJvmOptions.parse("# why\n\n  -Xmn8m  \n#-Xms1g\n-XX:+UseSerialGC"))
                .containsExactly("-Xmn8m", "-XX:+UseSerialGC");
    }

    @Test
    void theUsersChoiceOfEachKindWins() {
        assertThat(RecommendedJvmOptions.missing(List.of())).isEqualTo(RecommendedJvmOptions.all());
        assertThat(RecommendedJvmOptions.missing(List.of("-XX:+UseG1GC", "-Xms1g"))).containsExactly("-Xmn64m");
        assertThat(RecommendedJvmOptions.missing(List.of("-Xmx64m"))).containsExactly("-XX:+UseSerialGC");
        assertThat(RecommendedJvmOptions.missing(List.of("-Xms2g", "-XX:MaxNewSize=32m", "-ea")))
                .containsExactly("-XX:+UseSerialGC");
        assertThat(RecommendedJvmOptions.missing(List.of("-Dcnnlab.native-gc-budget-mb=0", "-XX:+UseCompressedOops")))
                .isEqualTo(RecommendedJvmOptions.all());
    }

    @Test
    void theJvmsOwnOptionVariablesCountAsTheUsersChoice() {
        assertThat(RecommendedJvmOptions.fromEnvironment(Map.of("JDK_JAVA_OPTIONS", " -Xmx64m  -ea ",
                "JAVA_TOOL_OPTIONS", "-XX:+UseG1GC", "JAVA_OPTS", "-Xms1g")))
                .containsExactly("-Xmx64m", "-ea", "-XX:+UseG1GC");
        assertThat(RecommendedJvmOptions.fromEnvironment(Map.of())).isEmpty();
    }

    @Test
    void theLauncherScriptLeavesOutTheSameOptionsAsTheRelaunch() throws Exception {
        for (String javaOpts : List.of("", "-XX:+UseG1GC -Xmx8g", "-XX:+UseG1GC -Xms1g", "-Xms2g -XX:MaxNewSize=32m -ea",
                "-Dcnnlab.native-gc-budget-mb=0 -XX:+UseCompressedOops")) {
            List<String> user = javaOpts.isEmpty() ? List.of() : List.of(javaOpts.split(" "));
            assertThat(scriptOptions("JAVA_OPTS", javaOpts)).as("JAVA_OPTS='%s'", javaOpts)
                    .isEqualTo(RecommendedJvmOptions.missing(user));
        }
        for (String variable : RecommendedJvmOptions.ENVIRONMENT_VARIABLES.split(" ")) {
            assertThat(scriptOptions(variable, "-Xmx64m")).as("%s=-Xmx64m", variable)
                    .isEqualTo(RecommendedJvmOptions.missing(List.of("-Xmx64m")));
        }
    }

    private static List<String> scriptOptions(String variable, String value) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; source scripts/jvm-options.sh; printf '%s\\n' \"${cnnlab_jvm_options[@]}\"")
                .redirectErrorStream(true);
        builder.environment().remove("JDK_JAVA_OPTIONS");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().put(variable, value);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().filter(line -> !line.isBlank()).toList();
    }
}
