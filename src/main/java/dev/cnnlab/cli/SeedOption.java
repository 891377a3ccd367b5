package dev.cnnlab.cli;

import dev.cnnlab.config.Settings;
import picocli.CommandLine.Option;

/**
 * The {@code --seed} option of the commands that train without the whole set of training flags ({@code reproduce},
 * {@code bench}); {@code train} takes it with its other settings.
 */
final class SeedOption {
    @Option(names = "--seed", paramLabel = "S",
            description = "Seed for weights, shuffling and splits (default: ${DEFAULT-VALUE}).")
    long seed = Settings.SEED.defaultValue();
}
