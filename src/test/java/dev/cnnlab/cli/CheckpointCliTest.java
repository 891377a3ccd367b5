package dev.cnnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.TestData;
import dev.cnnlab.runtime.RecommendedEnvironment;
import dev.cnnlab.runtime.Relauncher;
import dev.cnnlab.training.checkpoint.Checkpoint;
import dev.cnnlab.training.checkpoint.CheckpointStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs are killed as a user or a machine would kill them: SIGKILL mid-epoch, SIGTERM (with and without the
 * relaunched child JVM), and a divergence; then resumed with {@code train --resume}.
 */
class CheckpointCliTest {
    /** 1,280 images in batches of 32: 40 iterations per epoch. */
    private static final int PER_EPOCH = 40;
    private static final String[] RUN = {"train", "--limit", "1280", "--test-limit", "300", "--batch-size", "32",
            "--no-report"};
    /**
     * 6,400 images in batches of 32: 200 iterations, an epoch of several seconds even on a quiet machine, so that a
     * signal sent once training is under way lands mid-epoch.
     */
    private static final String[] LONG_EPOCH = {"train", "--limit", "6400", "--test-limit", "300", "--batch-size", "32",
            "--no-report"};
    private static final int LONG_PER_EPOCH = 200;

    @TempDir
    Path work;

    /** The child environment the relaunch would give, in this JVM directly (faster, and signals go straight to it). */
    private static Map<String, String> sameJvm() {
        Map<String, String> env = new HashMap<>(RecommendedEnvironment.missingHere());
        env.put(Relauncher.NO_RELAUNCH_ENV, "1");
        return env;
    }

    private static String[] args(String[] base, String... more) {
        List<String> all = new java.util.ArrayList<>(List.of(base));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void aSigkillMidEpochLosesOnlyTheIterationsSinceTheLastCheckpoint() throws Exception {
        Path run = work.resolve("run");
        CliProcess.Running training = CliProcess.start(work, TestData.dataDir(), sameJvm(),
                args(RUN, "--epochs", "2", "--checkpoint-every", "4", "--out", run.toString()));
        CheckpointStore store = new CheckpointStore(run, 3);
        awaitTrue(() -> newestIteration(store) >= 8, training);
        training.process().destroyForcibly();
        assertThat(training.process().waitFor(1, TimeUnit.MINUTES)).isTrue();

        Checkpoint left = store.latest().orElseThrow();
        assertThat(left.position().epoch()).isEqualTo(1);
        assertThat(left.position().batchesDone()).isBetween(8, PER_EPOCH - 1);
        assertThat(run.resolve("model.zip")).doesNotExist();

        CliProcess.Result resumed = CliProcess.start(work, TestData.dataDir(), sameJvm(),
                "train", "--resume", run.toString(), "--no-report").await();
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        assertThat(resumed.stderr()).contains("Resuming " + run + " at epoch 1, batch " + left.position().batchesDone());
        JsonNode iterations = new ObjectMapper().readTree(run.resolve("metrics.json").toFile()).get("iterations");
        assertThat(iterations).hasSize(2 * PER_EPOCH);
        for (int i = 0; i < iterations.size(); i++) {
            assertThat(iterations.get(i).get("iteration").asInt()).isEqualTo(i);
            assertThat(iterations.get(i).get("epoch").asInt()).isEqualTo(i < PER_EPOCH ? 1 : 2);
        }

        CliProcess.Result evaluated = CliProcess.run(work, "evaluate", "--model", run.resolve("model.zip").toString(),
                "--limit", "300");
        assertThat(evaluated.exitCode()).as(evaluated.stderr()).isZero();

        // The same seed without the kill: the same accuracy (here the losses even match bit for bit).
        Path whole = work.resolve("whole");
        CliProcess.Result uninterrupted = CliProcess.start(work, TestData.dataDir(), sameJvm(),
                args(RUN, "--epochs", "2", "--out", whole.toString())).await();
        assertThat(uninterrupted.exitCode()).as(uninterrupted.stderr()).isZero();
        assertThat(accuracy(run)).isCloseTo(accuracy(whole), org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void sigtermWritesACheckpointSaysHowToResumeAndExits143() throws Exception {
        Path run = work.resolve("run");
        CliProcess.Running training = CliProcess.start(work, TestData.dataDir(), sameJvm(),
                args(LONG_EPOCH, "--epochs", "1", "--checkpoint-minutes", "0", "--out", run.toString()));
        interruptMidEpoch(training, run);
        CliProcess.Result r = training.await();
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(143);
        assertCheckpointedAndResumable(r, run, LONG_PER_EPOCH);
    }

    @Test
    void sigtermToTheRelaunchingParentReachesTheTrainingChild() throws Exception {
        Path run = work.resolve("run");
        Map<String, String> relaunch = new HashMap<>();
        relaunch.put(Relauncher.NO_RELAUNCH_ENV, null);
        relaunch.put("OMP_NUM_THREADS", null);
        CliProcess.Running training = CliProcess.start(work, TestData.dataDir(), relaunch,
                args(LONG_EPOCH, "--epochs", "1", "--checkpoint-minutes", "0", "--out", run.toString()));
        awaitTrue(() -> training.process().descendants().findAny().isPresent(), training);
        List<ProcessHandle> children = training.process().descendants().toList();
        interruptMidEpoch(training, run);
        CliProcess.Result r = training.await();
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(143);
        for (ProcessHandle child : children) {
            assertThat(child.onExit().get(1, TimeUnit.MINUTES).isAlive()).isFalse();
        }
        assertCheckpointedAndResumable(r, run, LONG_PER_EPOCH);
    }

    @Test
    void aNanLossStopsTheRunNamingWhereAndWhyAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path run = work.resolve("run");
        CliProcess.Result r = CliProcess.start(work, TestData.dataDir(), sameJvm(), "train", "--limit", "640",
                "--test-limit", "100", "--epochs", "1", "--lr", "1e20", "--checkpoint-every", "1", "--no-report",
                "--out", run.toString()).await();
        assertThat(r.exitCode()).isEqualTo(1);
        String line = r.stderrLines().get(r.stderrLines().size() - 1);
        assertThat(line).startsWith("cnnlab: training diverged at epoch 1, batch ").contains("(iteration ")
                .contains("the loss is NaN").contains("learning rate (1.0E20)");
        assertThat(r.stderr()).doesNotContain("\tat ");
        assertThat(run.resolve("model.zip")).doesNotExist();
        for (Path checkpoint : new CheckpointStore(run, 3).files()) {
            assertThat(CheckpointStore.read(checkpoint).model().network().params().sumNumber().doubleValue()).isFinite();
        }
    }

    /** Waits until training is under way, then sends SIGTERM. */
    private static void interruptMidEpoch(CliProcess.Running training, Path run) throws Exception {
        awaitTrue(() -> stderr(training).contains("Training lenet"), training);
        Thread.sleep(500);
        assertThat(training.process().isAlive()).as(stderr(training)).isTrue();
        assertThat(run.resolve("model.zip")).doesNotExist();
        training.process().destroy();
    }

    /** A one-epoch run of {@code perEpoch} iterations was interrupted in its epoch, resumed, and completed. */
    private void assertCheckpointedAndResumable(CliProcess.Result r, Path run, int perEpoch) throws Exception {
        assertThat(r.stderr()).containsPattern("cnnlab: interrupted at epoch 1, batch \\d+ \\(iteration \\d+\\); checkpoint ")
                .contains("cnnlab: resume with: cnnlab train --resume " + run);
        Checkpoint saved = new CheckpointStore(run, 3).latest().orElseThrow();
        assertThat(r.stderr()).contains("interrupted at " + saved.position().describe());
        CliProcess.Result resumed = CliProcess.start(work, TestData.dataDir(), sameJvm(),
                "train", "--resume", run.toString(), "--no-report").await();
        assertThat(resumed.exitCode()).as(resumed.stderr()).isZero();
        JsonNode iterations = new ObjectMapper().readTree(run.resolve("metrics.json").toFile()).get("iterations");
        assertThat(iterations).hasSize(perEpoch);
        assertThat(iterations.get(iterations.size() - 1).get("iteration").asInt()).isEqualTo(perEpoch - 1);
        // The run's wall time covers both segments: the checkpoint carried the first one's.
        assertThat(saved.seconds()).isPositive();
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("model: .* \\((\\d+) s in all\\)").matcher(resumed.stderr());
        assertThat(total.find()).as(resumed.stderr()).isTrue();
        assertThat(Double.parseDouble(total.group(1))).isGreaterThanOrEqualTo(Math.floor(saved.seconds()));
    }

    @Test
    void reproduceResumesOnlyARunOfItsRecipe() throws Exception {
        Path run = work.resolve("run");
        CliProcess.Result trained = CliProcess.start(work, TestData.dataDir(), sameJvm(),
                "train", "--limit", "640", "--test-limit", "100", "--epochs", "1", "--no-report", "--out", run.toString())
                .await();
        assertThat(trained.exitCode()).as(trained.stderr()).isZero();
        Path results = work.resolve("results.csv");

        CliProcess.Result r = CliProcess.run(work, "reproduce", "lenet", "--resume", run.toString(),
                "--results", results.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderrLines()).last().asString().isEqualTo("cnnlab: --resume: " + run
                + " is not a run of recipe lenet: it was trained with limit = 640, the recipe uses 0");
        assertThat(results).doesNotExist();
        CliProcess.Result other = CliProcess.run(work, "reproduce", "tf-lenet", "--resume", run.toString(),
                "--results", results.toString());
        assertThat(other.stderrLines()).last().asString().contains("is not a run of recipe tf-lenet: it was trained with model = lenet");
    }

    private static double accuracy(Path run) throws IOException {
        return new ObjectMapper().readTree(run.resolve("evaluation.json").toFile()).get("accuracy").asDouble();
    }

    private static int newestIteration(CheckpointStore store) {
        Optional<Path> newest = store.files().stream().findFirst();
        return newest.map(p -> Integer.parseInt(p.getFileName().toString().replaceAll("\\D", ""))).orElse(-1);
    }

    private static String stderr(CliProcess.Running running) {
        try {
            return running.stderrSoFar();
        } catch (IOException e) {
            return "";
        }
    }

    private static void awaitTrue(BooleanSupplier condition, CliProcess.Running running) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            if (!running.process().isAlive()) {
                throw new AssertionError("cnnlab " + running.args() + " exited early: " + stderr(running));
            }
            Thread.sleep(20);
        }
        running.process().destroyForcibly();
        throw new AssertionError("cnnlab " + running.args() + ": condition not met in 4 min: " + stderr(running));
    }
}
