package dev.cnnlab.ui;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.InvalidValueException;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Settings of the training UI: where the web server listens, how often statistics are collected, whether the
 * server outlives the training, and where a remote UI is.
 */
public final class UiOptions {
    /** The address the UI listens on unless told otherwise: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";
    /** DL4J's usual UI port. */
    public static final int DEFAULT_PORT = 9000;
    /** Statistics every this many iterations unless told otherwise (docs/training-ui.md: the listener's cost). */
    public static final int DEFAULT_FREQUENCY = 10;

    /** Start the local web UI. */
    public boolean serve;
    /** The address to listen on; anything but loopback exposes the UI to the network. */
    public String host = LOOPBACK;
    /** The port to listen on; 0 picks a free one. */
    public int port = DEFAULT_PORT;
    /** Collect statistics every this many iterations. */
    public int frequency = DEFAULT_FREQUENCY;
    /** Keep serving after training ends, until the process is interrupted. */
    public boolean keep;
    /** A UI on another machine to send statistics to (its base URL), or null. */
    public URI remote;

    /** @return whether any statistics are to be collected (a local UI or a remote one) */
    public boolean enabled() {
        return serve || remote != null;
    }

    /** @return whether the UI is reachable from other machines */
    public boolean exposed() {
        return !host.equals(LOOPBACK) && !host.equals("localhost") && !host.equals("::1");
    }

    /**
     * Checks the settings.
     *
     * @return this
     * @throws InvalidValueException naming the option that is wrong
     */
    public UiOptions validate() {
        if (port < 0 || port > 65535) {
            throw new InvalidValueException("ui_port", "expected 0 to 65535 (0 picks a free port), got " + port);
        }
        if (frequency < 1) {
            throw new InvalidValueException("ui_frequency", "expected a number of iterations of 1 or more, got "
                    + frequency);
        }
        if (host == null || host.isBlank()) {
            throw new InvalidValueException("ui_host", "expected an address such as 127.0.0.1 or 0.0.0.0");
        }
        if (keep && !serve) {
            throw new InvalidValueException("ui_keep", "only with --ui (there is no local UI to keep)");
        }
        return this;
    }

    /**
     * Parses a remote UI's address.
     *
     * @param url such as {@code http://laptop:9000}
     * @return the URL
     * @throws CnnlabException if it is not an http(s) URL with a host
     */
    public static URI parseRemote(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
                throw new URISyntaxException(url, "expected http://HOST:PORT");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidValueException("ui_remote",
                    "expected the remote UI's address such as http://localhost:9000, got '" + url + "'");
        }
    }
}
