package dev.cnnlab.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --top K} option of the commands that print a model's most probable classes.
 */
final class TopClassesOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--top", paramLabel = "K", description = "How many classes to show (default: ${DEFAULT-VALUE}).")
    int top = 3;

    /** @return the number of classes to show, checked to be positive (else a usage error naming the flag) */
    int value() {
        if (top < 1) {
            throw new ParameterException(spec.commandLine(), "--top: expected a positive number of classes, got " + top);
        }
        return top;
    }
}
