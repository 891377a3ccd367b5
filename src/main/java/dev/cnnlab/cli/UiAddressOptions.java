package dev.cnnlab.cli;

import dev.cnnlab.ui.UiOptions;
import picocli.CommandLine.Option;

/**
 * Where the training UI listens: {@code --ui-port} and {@code --ui-host}, shared by {@code train --ui} and
 * {@code cnnlab ui}.
 */
final class UiAddressOptions {
    @Option(names = "--ui-port", paramLabel = "P", description = "The UI's port; 0 picks a free one (default: " + UiOptions.DEFAULT_PORT + ").")
    int port = UiOptions.DEFAULT_PORT;

    @Option(names = "--ui-host", paramLabel = "ADDR",
            description = "Listen on this address instead of 127.0.0.1 (e.g. 0.0.0.0): opens the UI to the network, with a warning.")
    String host = UiOptions.LOOPBACK;

    /**
     * @param options the UI options to set the address of
     * @return {@code options}
     */
    UiOptions applyTo(UiOptions options) {
        options.port = port;
        options.host = host;
        return options;
    }
}
