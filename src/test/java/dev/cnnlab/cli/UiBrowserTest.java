package dev.cnnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.ui.RunStatsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The training UI as a user sees it: {@code train --ui} on a small MNIST subset, its pages opened in headless
 * Chromium (the JSON the page reads, the DOM its scripts built, and a screenshot that must show charts), then
 * Ctrl-C-like termination, and the saved run served again by {@code cnnlab ui}. Screenshots are kept in
 * {@code target/ui-screenshots/}.
 */
class UiBrowserTest {
    private static final Pattern URL = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/train/overview");
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void trainingShowsScoresAndLayersInTheBrowserThenTheSavedRunIsServedAgain() throws Exception {
        Path run = work.resolve("run");
        Process training = CliProcess.start(work, "train", "--limit", "1280", "--test-limit", "200", "--epochs", "1",
                "--no-report", "--out", run.toString(), "--ui", "--ui-port", "0", "--ui-frequency", "1", "--ui-keep");
        try {
            String base = awaitUrl(training, work.resolve("stderr.txt"), "the UI stays at");
            checkPages(base, "training", true);
        } finally {
            training.destroy(); // SIGTERM, as Ctrl-C: the shutdown hook must stop the UI and let the JVM exit
        }
        assertThat(training.waitFor(30, TimeUnit.SECONDS)).as("the JVM exits once the UI is stopped").isTrue();
        assertThat(run.resolve("model.zip")).isNotEmptyFile();
        assertThat(RunStatsFile.in(run)).isNotEmptyFile();

        Path later = Files.createDirectories(work.resolve("later"));
        Process served = CliProcess.start(later, "ui", run.toString(), "--ui-port", "0");
        try {
            String base = awaitUrl(served, later.resolve("stdout.txt"), "/train/overview");
            JsonNode sessions = getJson(base + "/train/sessions/info");
            assertThat(sessions.has("run")).as(sessions.toString()).isTrue();
            checkPages(base, "saved-run", false);
        } finally {
            served.destroy();
        }
        assertThat(served.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aPortInUseIsOneLineNamingTheFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliProcess.Result r = CliProcess.run(work, "train", "--limit", "640", "--epochs", "1", "--no-report",
                    "--out", work.resolve("run").toString(), "--ui", "--ui-port", Integer.toString(taken.getLocalPort()));
            assertThat(r.exitCode()).isEqualTo(Main.EXIT_FAILURE);
            assertThat(r.stderrLines()).hasSize(1);
            assertThat(r.stderrLines().get(0)).startsWith("cnnlab: --ui-port: port " + taken.getLocalPort())
                    .contains("is in use").contains("--ui-port 0");
        }
    }

    /**
     * Checks the overview and model pages: their JSON, and (all, or only the overview's screenshot, to keep the
     * test short) their rendered DOM and screenshots that show charts.
     */
    private void checkPages(String base, String name, boolean all) throws Exception {
        JsonNode overview = getJson(base + "/train/overview/data");
        assertThat(overview.get("scores").size()).as("score series").isEqualTo(20); // 1280 images / batch 64
        assertThat(overview.get("scores").get(19).asDouble()).isLessThan(overview.get("scores").get(0).asDouble());
        JsonNode graph = getJson(base + "/train/model/graph");
        List<String> types = new ArrayList<>();
        graph.get("vertexTypes").forEach(t -> types.add(t.asText()));
        assertThat(types).containsExactly("Input", "Convolution", "Subsampling", "Convolution", "Subsampling", "Dense",
                "Output");

        HeadlessChromium chromium = new HeadlessChromium(work);
        Files.createDirectories(SCREENSHOTS);
        Path overviewPng = SCREENSHOTS.resolve(name + "-overview.png");
        chromium.screenshot(base + "/train/overview", overviewPng);
        // Calibrated on this UI: empty charts give about 1,300 colours and 700 coloured pixels, drawn charts
        // about 8,800 and 14,600; an empty model graph 970 and 40, LeNet's graph 2,700 and 8,300.
        ScreenshotCheck overviewShot = ScreenshotCheck.of(overviewPng);
        assertThat(overviewShot.colours()).as(overviewPng + " " + overviewShot).isGreaterThan(3000);
        assertThat(overviewShot.coloured()).as(overviewPng + " " + overviewShot).isGreaterThan(4000);
        if (!all) {
            return;
        }
        String overviewDom = chromium.dumpDom(base + "/train/overview");
        assertThat(overviewDom).contains("id=\"nLayers\">6<", "id=\"nParams\">431080<", "id=\"totalParamUpdates\">20<",
                "class=\"flot-base\"");
        String modelDom = chromium.dumpDom(base + "/train/model");
        assertThat(modelDom).contains("data-id=\"layer2-node\"").contains("cytoscape");

        Path modelPng = SCREENSHOTS.resolve(name + "-model.png");
        chromium.screenshot(base + "/train/model", modelPng);
        ScreenshotCheck modelShot = ScreenshotCheck.of(modelPng);
        assertThat(modelShot.colours()).as(modelPng + " " + modelShot).isGreaterThan(1500);
        assertThat(modelShot.coloured()).as(modelPng + " " + modelShot).isGreaterThan(3000);
    }

    /** Waits for the UI's address in a log file; fails if the process ends first. */
    private static String awaitUrl(Process p, Path log, String marker) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = URL.matcher(text);
            if (text.contains(marker) && m.find()) {
                return "http://127.0.0.1:" + m.group(1);
            }
            if (!p.isAlive()) {
                throw new AssertionError("cnnlab ended with " + p.exitValue() + " before the UI was up: " + text);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no UI address in " + log + " after 3 min: " + Files.readString(log));
    }

    private JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}
