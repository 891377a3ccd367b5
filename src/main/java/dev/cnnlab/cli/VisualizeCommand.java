package dev.cnnlab.cli;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.inference.ImagePreprocessor;
import dev.cnnlab.inference.Prediction;
import dev.cnnlab.inference.Predictor;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.report.FeatureMaps;
import dev.cnnlab.report.InputPicture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code cnnlab visualize}: the feature maps of one image in every convolution and pooling layer.
 */
@Command(name = "visualize", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Show what each convolution and pooling layer of a saved model makes of one image: one PNG "
                + "per layer with a tile per channel, the input as the model sees it, and the top predictions.")
final class VisualizeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ModelZipOption model;

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "A PNG or JPEG image of any size.")
    Path image;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the pictures; created if missing.")
    Path out;

    @Mixin
    TopClassesOption top;

    @Override
    public Integer call() throws IOException {
        common.apply();
        int k = top.value();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new CnnlabException("--out: " + out + " is a file, not a folder");
        }
        // Check the image before loading the model: it is the cheaper check and the likelier mistake.
        if (!Files.isRegularFile(image)) {
            throw new CnnlabException(image + ": no such image file");
        }
        SavedModel saved = model.load();
        var raw = new ImagePreprocessor(saved.info()).load(image);
        Prediction prediction = new Predictor(saved).predict(image.toString(), raw, k);
        var input = raw.dup();
        if (saved.normalizer() != null) {
            saved.normalizer().transform(input);
        }
        List<FeatureMaps.LayerMaps> maps = FeatureMaps.of(saved.network(), input);
        List<Path> files = new ArrayList<>(FeatureMaps.write(maps, out));
        files.add(0, InputPicture.write(raw, prediction, saved.info().classNames(), out.resolve("input.png")));

        List<String> lines = new ArrayList<>();
        for (Prediction.ClassScore s : prediction.top()) {
            lines.add(String.format(Locale.ROOT, "%s %.2f%%", s.name(), 100 * s.probability()));
        }
        Path text = out.resolve("predictions.txt");
        Files.write(text, lines, StandardCharsets.UTF_8);
        System.out.println(image + ": " + String.join(", ", lines));
        for (int i = 0; i < maps.size(); i++) {
            FeatureMaps.LayerMaps m = maps.get(i);
            System.out.printf(Locale.ROOT, "layer %d %s: %d channels of %dx%d -> %s%n", m.layer(), m.description(),
                    m.channels(), m.height(), m.width(), files.get(i + 1));
        }
        System.out.println("input as the model sees it: " + files.get(0));
        System.out.println("predictions: " + text);
        return 0;
    }
}
