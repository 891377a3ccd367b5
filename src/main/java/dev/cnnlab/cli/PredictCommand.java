package dev.cnnlab.cli;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.inference.Prediction;
import dev.cnnlab.inference.Predictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code cnnlab predict}: classifies image files with a saved model.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Classify PNG or JPEG images of any size with a saved model; prints the top classes with probabilities. An unreadable file is named in one line and skipped; the exit code is then 1.")
final class PredictCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ModelZipOption model;

    @Mixin
    TopClassesOption top;

    @Mixin
    AccelerationOption acceleration;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files.")
    List<Path> images;

    @Override
    public Integer call() {
        common.apply();
        int k = top.value();
        Predictor predictor = new Predictor(model.load(), acceleration.plainDl4j);
        int unreadable = 0;
        for (Path image : images) {
            Prediction p;
            try {
                p = predictor.predict(image, k);
            } catch (CnnlabException e) {
                System.err.println("cnnlab: " + e.getMessage() + "; skipped");
                unreadable++;
                continue;
            }
            System.out.println(image + ": " + p.top().stream()
                    .map(s -> String.format(Locale.ROOT, "%s %.2f%%", s.name(), 100 * s.probability()))
                    .collect(Collectors.joining(", ")));
        }
        return unreadable == 0 ? 0 : 1;
    }
}
