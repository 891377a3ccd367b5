package dev.cnnlab.cli;

import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.explain.ModelSummary;
import dev.cnnlab.model.ModelFile;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.ModelZoo;
import dev.cnnlab.zoo.NetworkSpec;
import dev.cnnlab.zoo.Recipe;
import dev.cnnlab.zoo.Recipes;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code cnnlab summary}: layer shapes and parameter counts of a zoo network or a saved model.
 */
@Command(name = "summary", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print every layer of a network with its output shape and parameter count, like Keras's model.summary().")
final class SummaryCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "NAME|ZIP", description = "A zoo network name or a model zip.")
    String model;

    @Option(names = "--recipe", paramLabel = "NAME", description = "A recipe, built for its own input and classes.")
    String recipe;

    @Option(names = "--dataset", paramLabel = "NAME", converter = Converters.Dataset.class,
            description = "For a zoo network: the dataset whose input and classes it is built for (default: ${DEFAULT-VALUE}).")
    IdxDataset dataset = IdxDataset.MNIST;

    @Override
    public Integer call() {
        common.apply();
        if ((model == null) == (recipe == null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --model and --recipe");
        }
        ModelSummary summary;
        if (recipe != null) {
            Recipe r = Recipes.require(recipe);
            summary = ModelSummary.of(r.buildNetwork(0), r.input());
        } else if (model.endsWith(".zip") || Files.isRegularFile(Path.of(model))) {
            SavedModel saved = ModelFile.load(Path.of(model));
            summary = ModelSummary.of(saved.network(), saved.info().input());
        } else {
            NetworkSpec spec = new NetworkSpec(InputShape.MNIST, dataset.classNames().size(), 0, new Adam());
            MultiLayerNetwork network = new MultiLayerNetwork(ModelZoo.require(model).configure(spec));
            network.init();
            summary = ModelSummary.of(network, spec.input());
        }
        System.out.print(summary.format());
        return 0;
    }
}
