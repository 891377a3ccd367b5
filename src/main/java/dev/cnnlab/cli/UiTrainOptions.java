package dev.cnnlab.cli;

import dev.cnnlab.ui.UiOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code train}'s training-UI flags.
 */
final class UiTrainOptions {
    @Option(names = "--ui", description = "Watch training live in DL4J's training UI; prints its address. Statistics are also kept in the run directory (see 'cnnlab ui').")
    boolean serve;

    @Mixin
    UiAddressOptions address;

    @Option(names = "--ui-frequency", paramLabel = "N",
            description = "Collect UI statistics every N iterations; smaller costs more training speed (default: " + UiOptions.DEFAULT_FREQUENCY + ").")
    int frequency = UiOptions.DEFAULT_FREQUENCY;

    @Option(names = "--ui-keep", description = "Keep serving the UI after training ends, until Ctrl-C.")
    boolean keep;

    @Option(names = "--ui-remote", paramLabel = "URL",
            description = "Send statistics to a training UI on another machine, e.g. http://localhost:9000 (see 'cnnlab ui --receive').")
    String remote;

    /** @return the options, not yet validated */
    UiOptions toOptions() {
        UiOptions o = address.applyTo(new UiOptions());
        o.serve = serve;
        o.frequency = frequency;
        o.keep = keep;
        o.remote = remote == null ? null : UiOptions.parseRemote(remote);
        return o;
    }
}
