package dev.cnnlab.ui;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.InvalidValueException;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.deeplearning4j.core.storage.StatsStorage;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.ui.VertxUIServer;
import org.deeplearning4j.config.DL4JSystemProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * DL4J's training UI web server, listening on one address and port, with the statistics it shows.
 *
 * <p>Vert.x threads are not daemons: a started UI keeps the JVM alive until {@link #close()}. So the UI also
 * closes itself in a shutdown hook (Ctrl-C, SIGTERM), which stops the server and closes the attached storages.
 * DL4J keeps one UI server per JVM (a static instance), so start at most one at a time.
 */
public final class TrainingUi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingUi.class);
    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long EVENT_LOOP_LIMIT_SECONDS = 60;

    private final Vertx vertx;
    private final HostBoundUiServer server;
    private final String host;
    private final List<StatsStorage> storages = new ArrayList<>();
    private final Thread shutdownHook;
    private boolean closed;

    private TrainingUi(Vertx vertx, HostBoundUiServer server, String host) {
        this.vertx = vertx;
        this.server = server;
        this.host = host;
        this.shutdownHook = new Thread(this::close, "cnnlab-ui-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the web server.
     *
     * @param host the address to listen on ({@link UiOptions#LOOPBACK} keeps it to this machine)
     * @param port the port; 0 picks a free one
     * @return the running UI
     * @throws CnnlabException if the port is in use or the server cannot start
     */
    public static TrainingUi start(String host, int port) {
        // Vert.x logs through java.util.logging unless told otherwise; send it to SLF4J / Logback like the rest.
        System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
        // DL4J builds the UI's modules on the event loop, which takes seconds on a busy machine; Vert.x would warn
        // (with stack traces) that its event loop is blocked. Raise the limit so that only a real hang warns.
        Vertx vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(EVENT_LOOP_LIMIT_SECONDS)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.SECONDS));
        HostBoundUiServer server = new HostBoundUiServer(host);
        CompletableFuture<String> deployed = new CompletableFuture<>();
        String portProperty = DL4JSystemProperties.UI_SERVER_PORT_PROPERTY;
        String previousPort = System.getProperty(portProperty);
        // VertxUIServer reads the port from this property when it is deployed directly (its static getInstance
        // would deploy a second server of its own, on every interface).
        System.setProperty(portProperty, Integer.toString(port));
        try {
            vertx.deployVerticle(server, ar -> {
                if (ar.succeeded()) {
                    deployed.complete(ar.result());
                } else {
                    deployed.completeExceptionally(ar.cause());
                }
            });
            deployed.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            closeAndWait(vertx);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw startFailure(host, port, e instanceof ExecutionException ? e.getCause() : e);
        } finally {
            if (previousPort == null) {
                System.clearProperty(portProperty);
            } else {
                System.setProperty(portProperty, previousPort);
            }
        }
        TrainingUi ui = new TrainingUi(vertx, server, host);
        if (ui.port() <= 0) {
            ui.close();
            throw new InvalidValueException("ui_port", "the UI did not start listening on " + host + ":" + port);
        }
        return ui;
    }

    /** Turns a failed start into one line; a port in use names the port as what to change. */
    static CnnlabException startFailure(String host, int port, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return new InvalidValueException("ui_port", "port " + port + " on " + host + " is in use ("
                        + t.getMessage() + "); choose another with --ui-port P, or --ui-port 0 for a free one", cause);
            }
        }
        return new CnnlabException("the training UI could not start on " + host + ":" + port + ": " + cause, cause);
    }

    /**
     * Shows a storage's sessions in the UI; the UI closes it when it closes.
     *
     * @param storage statistics written by a {@code StatsListener}
     */
    public synchronized void attach(StatsStorage storage) {
        server.attach(storage);
        storages.add(storage);
    }

    /**
     * Lets remote training processes send their statistics here ({@code train --ui-remote URL}).
     *
     * @param storage where received statistics go; shown in the UI and closed with it
     */
    public synchronized void receiveRemote(StatsStorage storage) {
        server.enableRemoteListener((StatsStorageRouter) storage, true);
        storages.add(storage);
    }

    /** @return the port the server listens on */
    public int port() {
        return server.getPort();
    }

    /** @return the address the server listens on */
    public String host() {
        return host;
    }

    /** @return the training overview page, as a browser on this machine opens it */
    public String url() {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port() + "/train/overview";
    }

    /** Blocks until the process is interrupted (Ctrl-C); the shutdown hook then closes the UI. */
    public void awaitShutdown() {
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the server and closes the attached storages; safe to call twice and from the shutdown hook. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (VertxUIServer.getInstance() == server) {
                VertxUIServer.stopInstance(); // also clears DL4J's static instance
            } else {
                server.stop();
            }
        } catch (Exception e) {
            LOG.warn("the training UI did not stop cleanly: {}", e.toString());
            closeAndWait(vertx);
        }
        for (StatsStorage storage : storages) {
            closeQuietly(storage);
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // Called from the hook itself, or during shutdown: nothing to remove.
        }
    }

    /** On Ctrl-C, MapDB's own shutdown hook may close a file storage first; every report is committed already. */
    private static void closeQuietly(StatsStorage storage) {
        try {
            if (!storage.isClosed()) {
                storage.close();
            }
        } catch (Exception | IllegalAccessError alreadyClosedByMapDb) {
            LOG.debug("UI statistics {} were closed already: {}", storage, alreadyClosedByMapDb.toString());
        }
    }

    /** Closes Vert.x and waits for it, so that a failed start leaves no non-daemon thread behind. */
    private static void closeAndWait(Vertx vertx) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        vertx.close(ar -> closed.complete(null));
        try {
            closed.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Vert.x did not close: {}", e.toString());
        }
    }
}
