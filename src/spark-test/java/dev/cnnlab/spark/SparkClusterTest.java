package dev.cnnlab.spark;

import dev.cnnlab.TestData;
import dev.cnnlab.data.LabelledImages;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Spark 3.1.2 standalone cluster on this machine, every part its own JVM bound to 127.0.0.1: a master, two
 * workers of one core each and {@code spark-submit} of {@code target/cnnlab-spark.jar} in client mode, all started
 * with the commands of {@code docs/scale-out.md}. LeNet trains with gradient sharing on 12,000 MNIST images for three
 * epochs; during the second epoch one worker and its executor are killed. Required: both executors trained in the
 * first epoch; the driver stops with one line naming the loss (exit 1) and keeps the first epoch's checkpoint; the
 * same command with {@code --resume} finishes on the remaining worker; the model reaches 95% on 1,000 test images;
 * no process of the cluster is left afterwards. {@code scripts/test-spark.sh} then loads the zip in the main build.
 */
class SparkClusterTest {
    private static final Path DOC = Path.of("docs/scale-out.md");
    private static final Path JAR = Path.of("target/cnnlab-spark.jar");
    private static final Path STATS = Path.of("target/spark/spark-cluster-stats.json");
    private static final Path MODEL = Path.of("target/spark/spark-cluster-lenet.zip");
    /** The cluster's scratch directory (RUN in the recipe): logs, work directories, shards; kept for a look after. */
    private static final Path RUN = Path.of("target/spark/cluster-run");
    private static final Path DIGITS = Path.of("target/spark/digits");
    private static final int MASTER_PORT = 7077;
    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration TRAINING = Duration.ofMinutes(15);

    @Test
    @Timeout(value = 25, unit = TimeUnit.MINUTES)
    void trainsOnTwoExecutorsAndFinishesWhenAWorkerIsLost() throws Exception {
        assertThat(JAR).as("build the jar first: mvn -Pspark package (mvn -Pspark verify runs this test after it)")
                .exists();
        assertThat(portFree(MASTER_PORT)).as("port %d (the cluster's master) is taken", MASTER_PORT).isTrue();
        ClusterRecipe recipe = ClusterRecipe.read(DOC);
        List<String> masters = recipe.running("org.apache.spark.deploy.master.Master");
        List<String> workers = recipe.running("org.apache.spark.deploy.worker.Worker");
        List<String> submits = recipe.running("org.apache.spark.deploy.SparkSubmit");
        assertThat(masters).hasSize(1);
        assertThat(workers).hasSize(2);
        assertThat(submits).hasSize(1);
        Files.deleteIfExists(STATS);
        Files.deleteIfExists(MODEL);

        Path run = RUN.toAbsolutePath();
        FileUtils.deleteDirectory(run.toFile());
        Files.createDirectories(run);
        Map<String, String> env = Map.of("RUN", run.toString());
        ClusterProcesses cluster = new ClusterProcesses(run);
        RunFigures beforeLoss;
        try (cluster) {
            cluster.start("master", recipe.script(masters.get(0)), env);
            awaitLog(cluster, "master", "Starting Spark master at spark://127.0.0.1:" + MASTER_PORT, 1);
            cluster.start("worker-1", recipe.script(workers.get(0)), env);
            cluster.start("worker-2", recipe.script(workers.get(1)), env);
            awaitLog(cluster, "master", "Registering worker", 2);

            Process driver = cluster.start("driver", recipe.script(submits.get(0)), env);
            await("the first epoch", () -> epochsDone() >= 1 || !driver.isAlive(), TRAINING);
            assertThat(driver.isAlive()).as("the driver ended before the second epoch:%n%s", tail(cluster, "driver"))
                    .isTrue();
            beforeLoss = RunFigures.read(STATS);
            // Into the second epoch's training: its tasks start at once, and an epoch takes several seconds.
            Thread.sleep(Math.max(3000, (long) (1000 * beforeLoss.epochs().get(0).seconds() / 3)));
            assertThat(epochsDone()).as("the second epoch was still running when the worker was killed").isEqualTo(1);
            assertThat(cluster.kill("worker-2")).as("worker 2 and its executor").hasSizeGreaterThanOrEqualTo(2);

            assertThat(ClusterProcesses.waitFor(driver, TRAINING)).as("the driver stopped within %s", TRAINING).isTrue();
            assertThat(driver.exitValue()).as("spark-submit's exit code after the loss").isEqualTo(1);
            assertThat(lines(cluster.log("driver"), "cnnlab-spark: ")).as("the driver's message").singleElement()
                    .asString().matches("cnnlab-spark: lost executor \\d+ \\(.+\\) during epoch 2; .*"
                            + "run the same command with --resume to continue");
            assertThat(epochsDone()).isEqualTo(1);

            Process resumed = cluster.start("driver-resume", recipe.script(submits.get(0) + " --resume"), env);
            assertThat(ClusterProcesses.waitFor(resumed, TRAINING)).as("the resumed run finished within %s", TRAINING)
                    .isTrue();
            assertThat(resumed.exitValue()).as("the resumed spark-submit's exit code; its log ends:%n%s",
                    tail(cluster, "driver-resume")).isZero();

            Map<String, Integer> first = beforeLoss.epochs().get(0).minibatchesPerExecutor();
            assertThat(first).as("minibatches per executor in the first epoch").hasSize(2)
                    .allSatisfy((id, n) -> assertThat(n).isPositive());
            assertThat(first.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(beforeLoss.shards());
        }
        assertThat(cluster.alive()).as("processes of the cluster left behind").isEmpty();

        RunFigures resumed = RunFigures.read(STATS);
        assertThat(resumed.master()).isEqualTo("spark://127.0.0.1:" + MASTER_PORT);
        assertThat(resumed.epochs()).extracting(EpochFigures::epoch).containsExactly(2, 3);
        for (EpochFigures epoch : resumed.epochs()) {
            assertThat(epoch.minibatchesPerExecutor()).as("minibatches per executor, one worker left").hasSize(1)
                    .containsValue(resumed.shards());
        }
        assertThat(resumed.epochs().get(1).accuracy()).as("test accuracy on 1,000 images").isGreaterThanOrEqualTo(0.95);
        assertThat(resumed.epochs().get(1).loss()).as("the resumed epochs changed the model (test loss)")
                .isLessThan(beforeLoss.epochs().get(0).loss());
        assertThat(MODEL).exists();
        writeDigits(DIGITS);
    }

    /** The first test image of each digit as a PNG, for scripts/test-spark.sh to predict in the main build. */
    private static void writeDigits(Path dir) throws IOException {
        LabelledImages test = TestData.mnistTest();
        Files.createDirectories(dir);
        int side = test.width();
        for (int digit = 0; digit < 10; digit++) {
            int index = 0;
            while (test.labels()[index] != digit) {
                index++;
            }
            BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    img.getRaster().setSample(x, y, 0, test.pixels()[index * side * side + y * side + x] & 0xff);
                }
            }
            ImageIO.write(img, "png", dir.resolve("digit-" + digit + ".png").toFile());
        }
    }

    private static List<String> lines(Path log, String prefix) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(prefix)).toList();
    }

    private static int epochsDone() {
        try {
            return Files.exists(STATS) ? RunFigures.read(STATS).epochs().size() : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void awaitLog(ClusterProcesses cluster, String name, String text, int times) throws Exception {
        await(times + " x '" + text + "' in the " + name + " log", () -> count(cluster.log(name), text) >= times, START);
    }

    private static int count(Path log, String text) {
        try {
            return (int) Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.contains(text)).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void await(String what, BooleanSupplier done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout + " for " + what);
            }
            Thread.sleep(500);
        }
    }

    private static String tail(ClusterProcesses cluster, String name) throws IOException {
        List<String> lines = Files.readAllLines(cluster.log(name), StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private static boolean portFree(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
