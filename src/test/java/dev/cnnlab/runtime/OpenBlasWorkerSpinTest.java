package dev.cnnlab.runtime;

import dev.cnnlab.kernels.RowMajorSgemm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link RecommendedEnvironment#OPENBLAS_THREAD_TIMEOUT} is in force in the test JVM (the pom's surefire
 * configuration sets it, as {@code scripts/cnnlab} and {@link Relauncher} do for the program): after a multi-threaded
 * {@code cblas_sgemm}, no thread of this process keeps a core busy while the process idles. With OpenBLAS's default
 * (28: about 0.1 s of {@code sched_yield} per worker after each product) a worker keeps burning CPU well into the
 * idle window below; with 18 it sleeps within a fraction of a millisecond.
 */
class OpenBlasWorkerSpinTest {

    private static final Path TASKS = Path.of("/proc/self/task");
    /** Linux's clock ticks per second, the unit of the CPU times in {@code /proc/.../stat}. */
    private static final int TICKS_PER_SECOND = 100;

    @BeforeAll
    static void natives() {
        NativeSetup.configure();
    }

    @Test
    void noThreadSpinsAfterAMatrixProduct() throws Exception {
        assumeThat(Files.isDirectory(TASKS)).as("per-thread CPU times from /proc").isTrue();
        // LeNet's dense layer at batch 64: large enough for OpenBLAS to hand half of it to a worker thread
        INDArray a = Nd4j.rand(DataType.FLOAT, 64, 800);
        INDArray b = Nd4j.rand(DataType.FLOAT, 800, 500);
        INDArray c = Nd4j.create(DataType.FLOAT, 64, 500);
        for (int i = 0; i < 50; i++) {
            RowMajorSgemm.multiply(a, b, c);
        }
        Thread.sleep(20);
        Map<String, Long> before = cpuTicksByThread();
        Thread.sleep(400);
        Map<String, Long> after = cpuTicksByThread();

        long busiestMillis = after.entrySet().stream()
                .mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), e.getValue()))
                .max().orElse(0) * 1000 / TICKS_PER_SECOND;
        assertThat(busiestMillis).as("CPU time of this JVM's busiest thread in 400 ms of idling, ms")
                .isLessThan(40);
    }

    /** User + system CPU ticks of each thread named {@code java} (native threads, OpenBLAS's among them). */
    private static Map<String, Long> cpuTicksByThread() throws IOException {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(TASKS)) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (name.equals("java")) {
                        // fields[0] is the state (stat's 3rd field); utime and stime are stat's 14th and 15th
                        ticks.put(task.getFileName().toString(),
                                Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                    }
                } catch (IOException threadEnded) {
                    // a thread that ended between the listing and the read is not spinning
                }
            }
        }
        return ticks;
    }
}
