package dev.cnnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.TestData;
import dev.cnnlab.data.LabelledImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code --plain-dl4j} as a user runs it: the same training from the same seed with and without the acceleration
 * layer reaches the same accuracy, and one saved model predicts the same probabilities either way.
 */
class PlainDl4jEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;
    private static CliProcess.Result accelerated;
    private static CliProcess.Result plain;

    @BeforeAll
    static void trainBothWays() throws Exception {
        accelerated = train("accelerated");
        plain = train("plain", AccelerationOption.FLAG);
    }

    private static CliProcess.Result train(String out, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("train", "--model", "lenet", "--limit", "3000", "--test-limit",
                "1000", "--epochs", "1", "--batch-size", "32", "--seed", "7", "--no-report", "--no-progress",
                "--out", work.resolve(out).toString()));
        args.addAll(List.of(extra));
        return CliProcess.run(work, args.toArray(String[]::new));
    }

    @Test
    void bothWaysReachTheSameAccuracyAndConfigJsonSaysWhatWasApplied() throws Exception {
        assertThat(accelerated.exitCode()).as(accelerated.stderr()).isZero();
        assertThat(plain.exitCode()).as(plain.stderr()).isZero();
        double fast = JSON.readTree(work.resolve("accelerated/evaluation.json").toFile()).get("accuracy").asDouble();
        double dl4j = JSON.readTree(work.resolve("plain/evaluation.json").toFile()).get("accuracy").asDouble();
        System.out.printf(java.util.Locale.ROOT, "LeNet, 3000 images, 1 epoch, seed 7: test accuracy %.2f%% accelerated,"
                + " %.2f%% plain DL4J%n", 100 * fast, 100 * dl4j);
        assertThat(fast).as("it learned").isGreaterThan(0.8);
        assertThat(100 * fast).as("test accuracy, accelerated against plain DL4J").isCloseTo(100 * dl4j, within(1.5));

        JsonNode fastConfig = JSON.readTree(work.resolve("accelerated/config.json").toFile());
        JsonNode plainConfig = JSON.readTree(work.resolve("plain/config.json").toFile());
        assertThat(names(fastConfig.get("acceleration"))).contains("batch-split", "first-layer-backprop",
                "vectorised-adam", "onednn-layer-helpers");
        assertThat(fastConfig.get("plain_dl4j").asBoolean()).isFalse();
        assertThat(plainConfig.get("acceleration").isArray()).isTrue();
        assertThat(plainConfig.get("acceleration")).isEmpty();
        assertThat(plainConfig.get("plain_dl4j").asBoolean()).isTrue();
        assertThat(plain.stderr()).contains("acceleration: none, plain DL4J");
    }

    @Test
    void predictGivesTheSameProbabilitiesBothWays() throws Exception {
        LabelledImages test = TestData.mnistTest();
        List<String> args = new ArrayList<>(List.of("predict", "--model",
                work.resolve("accelerated/model.zip").toString(), "--top", "10"));
        for (int i = 0; i < 12; i++) {
            Path png = work.resolve("test-" + i + ".png");
            ImageIO.write(image(test, i), "png", png.toFile());
            args.add(png.toString());
        }
        CliProcess.Result fast = CliProcess.run(work, args.toArray(String[]::new));
        args.add(AccelerationOption.FLAG);
        CliProcess.Result dl4j = CliProcess.run(work, args.toArray(String[]::new));
        assertThat(fast.exitCode()).as(fast.stderr()).isZero();
        assertThat(dl4j.exitCode()).as(dl4j.stderr()).isZero();
        List<String> fastLines = fast.stdout().lines().toList();
        List<String> dl4jLines = dl4j.stdout().lines().toList();
        assertThat(fastLines).hasSize(12);
        assertThat(dl4jLines).hasSize(12);
        for (int i = 0; i < fastLines.size(); i++) {
            Map<String, Double> a = percentages(fastLines.get(i));
            Map<String, Double> b = percentages(dl4jLines.get(i));
            assertThat(a.keySet()).hasSize(10).isEqualTo(b.keySet());
            // Printed in percent to two decimals: 1e-4 in probability is one printed step.
            for (String digit : a.keySet()) {
                assertThat(a.get(digit)).as("%s, class %s", fastLines.get(i), digit)
                        .isCloseTo(b.get(digit), within(0.01 + 1e-9));
            }
        }
    }

    @Test
    void evaluateGivesTheSameAccuracyBothWays() throws Exception {
        String zip = work.resolve("accelerated/model.zip").toString();
        CliProcess.Result fast = CliProcess.run(work, "evaluate", "--model", zip, "--limit", "500", "--no-progress",
                "--json", work.resolve("fast-eval.json").toString());
        CliProcess.Result dl4j = CliProcess.run(work, "evaluate", "--model", zip, "--limit", "500", "--no-progress",
                AccelerationOption.FLAG, "--json", work.resolve("plain-eval.json").toString());
        assertThat(fast.exitCode()).as(fast.stderr()).isZero();
        assertThat(dl4j.exitCode()).as(dl4j.stderr()).isZero();
        JsonNode a = JSON.readTree(work.resolve("fast-eval.json").toFile());
        JsonNode b = JSON.readTree(work.resolve("plain-eval.json").toFile());
        assertThat(a.get("images").asInt()).isEqualTo(500);
        // One image in 500 may fall either side of a tie in float rounding.
        assertThat(a.get("accuracy").asDouble()).isCloseTo(b.get("accuracy").asDouble(), within(0.0021));
        assertThat(a.get("loss").asDouble()).isCloseTo(b.get("loss").asDouble(), within(1e-3));
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    private static Map<String, Double> percentages(String line) {
        Map<String, Double> byClass = new TreeMap<>();
        Matcher m = Pattern.compile("(\\S+) ([0-9.]+)%").matcher(line.substring(line.indexOf(": ") + 2));
        while (m.find()) {
            byClass.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return byClass;
    }

    private static BufferedImage image(LabelledImages images, int index) throws IOException {
        int side = images.width();
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                img.getRaster().setSample(x, y, 0, images.pixels()[index * side * side + y * side + x] & 0xff);
            }
        }
        return img;
    }
}
