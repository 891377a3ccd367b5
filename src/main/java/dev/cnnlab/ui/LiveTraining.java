package dev.cnnlab.ui;

import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.impl.RemoteUIStatsStorageRouter;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training UI around one training run: the statistics listeners to attach to the network, the run's
 * statistics file and the local web UI ({@code --ui}), or a remote UI ({@code --ui-remote}).
 *
 * <pre>{@code
 * try (LiveTraining live = LiveTraining.start(uiOptions, runDir)) {
 *     live.listeners().forEach(trainingRun::addListener);
 *     trainingRun.run();
 *     live.trainingFinished();   // with --ui-keep: serves until Ctrl-C
 * }
 * }</pre>
 */
public final class LiveTraining implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveTraining.class);
    /** The remote router posts from a background thread it cannot be asked to flush: give it this long. */
    private static final long REMOTE_GRACE_MILLIS = 2000;

    private final UiOptions options;
    private final List<TrainingListener> listeners = new ArrayList<>();
    private TrainingUi ui;
    private RemoteUIStatsStorageRouter remote;

    private LiveTraining(UiOptions options) {
        this.options = options;
    }

    /**
     * Starts what the options ask for: nothing, a local UI showing the run's statistics file, a remote router, or
     * both.
     *
     * @param options the UI settings; validated here
     * @param runDir  the run directory, where the statistics file goes
     * @return the started UI parts; close them when training ends
     */
    public static LiveTraining start(UiOptions options, Path runDir) {
        LiveTraining live = new LiveTraining(options.validate());
        String session = runDir.toAbsolutePath().normalize().getFileName().toString();
        try {
            if (options.serve) {
                FileStatsStorage storage = RunStatsFile.create(runDir);
                try {
                    live.ui = TrainingUi.start(options.host, options.port);
                } catch (RuntimeException e) {
                    storage.close();
                    throw e;
                }
                live.ui.attach(storage);
                live.listeners.add(live.listener(storage, session));
                if (options.exposed()) {
                    LOG.warn("UI address {}: the training UI is open to other machines, without a password:"
                            + " anyone who can reach port {} can watch this training", options.host, live.ui.port());
                }
                LOG.info("training UI: {}  (statistics in {})", live.ui.url(), RunStatsFile.in(runDir));
            }
            if (options.remote != null) {
                live.remote = new RemoteUIStatsStorageRouter(options.remote.toString());
                live.listeners.add(live.listener(live.remote, session));
                LOG.info("sending training statistics to the UI at {}", options.remote);
            }
            return live;
        } catch (RuntimeException e) {
            live.close();
            throw e;
        }
    }

    private TrainingListener listener(StatsStorageRouter router, String session) {
        return new StatsListener(new ShutdownTolerantRouter(router), options.frequency, session);
    }

    /** @return the statistics listeners to add to the network (none when the UI is off) */
    public List<TrainingListener> listeners() {
        return List.copyOf(listeners);
    }

    /** @return the local UI, or null without {@code --ui} */
    public TrainingUi ui() {
        return ui;
    }

    /** Call when training has ended: with {@code --ui-keep}, keeps serving until the process is interrupted. */
    public void trainingFinished() {
        if (ui != null && options.keep) {
            LOG.info("training finished; the UI stays at {} until Ctrl-C", ui.url());
            ui.awaitShutdown();
        }
    }

    /** Stops the local UI and the remote router. */
    @Override
    public void close() {
        if (ui != null) {
            ui.close();
        }
        if (remote != null) {
            try {
                Thread.sleep(REMOTE_GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            remote.close();
        }
    }
}
