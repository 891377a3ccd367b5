package dev.cnnlab.ui;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.TestData;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import dev.cnnlab.training.TrainingRun;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The UI's lifecycle, statistics file and remote router, in this JVM. */
class TrainingUiTest {
    @TempDir
    Path work;

    @Test
    void closingStopsEveryVertxThreadSoTheJvmCanExit() throws Exception {
        try (TrainingUi ui = TrainingUi.start(UiOptions.LOOPBACK, 0)) {
            assertThat(liveNonDaemonVertxThreads()).isNotEmpty();
        }
        assertThat(vertxThreadsAfterShutdown()).isEmpty();
    }

    @Test
    void aPortInUseNamesTheFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(UiOptions.LOOPBACK))) {
            assertThatThrownBy(() -> TrainingUi.start(UiOptions.LOOPBACK, taken.getLocalPort()))
                    .isInstanceOf(CnnlabException.class)
                    .hasMessageStartingWith("ui_port: port " + taken.getLocalPort() + " on 127.0.0.1 is in use")
                    .hasMessageNotContaining("\n");
        }
        assertThat(vertxThreadsAfterShutdown()).as("a failed start leaves no server behind").isEmpty();
    }

    @Test
    void trainingStoresStatisticsInTheRunAndSendsThemToARemoteUi() throws Exception {
        Path runDir = work.resolve("run");
        UiOptions options = new UiOptions();
        options.serve = false;
        options.frequency = 1;
        try (TrainingUi receiver = TrainingUi.start(UiOptions.LOOPBACK, 0)) {
            receiver.receiveRemote(new org.deeplearning4j.ui.model.storage.InMemoryStatsStorage());
            options.remote = UiOptions.parseRemote("http://127.0.0.1:" + receiver.port());
            TrainingConfig training = tinyTraining(runDir);
            try (LiveTraining live = LiveTraining.start(options, runDir)) {
                assertThat(live.listeners()).hasSize(1);
                TrainingRun run = new TrainingRun(training);
                live.listeners().forEach(run::addListener);
                run.run();
            }
            String sessions = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + receiver.port() + "/train/sessions/info")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(sessions).contains("\"run\"").contains("\"numParams\" : 431080");
        }

        // The same run with the local UI: its statistics stay in the run directory, readable later.
        Path second = work.resolve("local");
        options.remote = null;
        options.serve = true;
        options.port = 0;
        try (LiveTraining live = LiveTraining.start(options, second)) {
            TrainingRun run = new TrainingRun(tinyTraining(second));
            live.listeners().forEach(run::addListener);
            run.run();
        }
        FileStatsStorage saved = RunStatsFile.open(second);
        try {
            assertThat(saved.listSessionIDs()).containsExactly("local");
            assertThat(saved.getAllUpdatesAfter("local", "StatsListener", 0)).hasSize(10); // 640 / 64, every iteration
        } finally {
            saved.close();
        }
    }

    @Test
    void aRunWithoutStatisticsSaysSo() {
        assertThatThrownBy(() -> RunStatsFile.open(work))
                .isInstanceOf(CnnlabException.class)
                .hasMessage(work + ": no " + RunStatsFile.NAME + " (expected a run directory trained with 'train --ui')");
    }

    private static TrainingConfig tinyTraining(Path runDir) {
        TrainingConfig o = TrainingConfig.defaults();
        o = o.with(Settings.LIMIT, 640);
        o = o.with(Settings.TEST_LIMIT, 100);
        o = o.with(Settings.EPOCHS, 1);
        o = o.with(Settings.PROGRESS, false);
        o = o.with(Settings.OUT, runDir);
        o = o.with(Settings.DATA_DIR, TestData.dataDir());
        return o;
    }

    /** Netty's event loops end shortly after Vert.x reports it closed (a quiet period): allow them 10 s. */
    private static List<Thread> vertxThreadsAfterShutdown() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!liveNonDaemonVertxThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return liveNonDaemonVertxThreads();
    }

    private static List<Thread> liveNonDaemonVertxThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !t.isDaemon() && t.getName().startsWith("vert.x-")).toList();
    }
}
