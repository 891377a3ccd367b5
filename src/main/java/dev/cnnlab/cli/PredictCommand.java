package dev.cnnlab.cli;

import dev.cnnlab.inference.Prediction;
import dev.cnnlab.inference.Predictor;
import dev.cnnlab.model.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
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
        description = "Classify PNG or JPEG images of any size with a saved model; prints the top classes with probabilities.")
final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, paramLabel = "ZIP", description = "A model zip written by train.")
    Path model;

    @Option(names = "--top", paramLabel = "K", description = "How many classes to show (default: ${DEFAULT-VALUE}).")
    int top = 3;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files.")
    List<Path> images;

    @Override
    public Integer call() {
        common.apply();
        if (top < 1) {
            throw new ParameterException(spec.commandLine(), "--top: expected a positive number of classes, got " + top);
        }
        Predictor predictor = new Predictor(ModelFile.load(model));
        for (Path image : images) {
            Prediction p = predictor.predict(image, top);
            System.out.println(image + ": " + p.top().stream()
                    .map(s -> String.format(Locale.ROOT, "%s %.2f%%", s.name(), 100 * s.probability()))
                    .collect(Collectors.joining(", ")));
        }
        return 0;
    }
}
