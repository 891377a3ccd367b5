package dev.cnnlab.cli;

import dev.cnnlab.model.ModelFile;
import dev.cnnlab.model.SavedModel;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The {@code --model ZIP} option of the commands that use a saved model.
 */
final class ModelZipOption {
    @Option(names = "--model", required = true, paramLabel = "ZIP", description = "A model zip written by train.")
    Path zip;

    /** @return the model, or a one-line error naming the file */
    SavedModel load() {
        return ModelFile.load(zip);
    }
}
