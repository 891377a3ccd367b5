package dev.cnnlab.ui;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Passes the listener's statistics on, and drops them once the destination fails.
 *
 * <p>Why: on Ctrl-C, shutdown hooks (MapDB's own, which {@code FileStatsStorage} registers, and the UI's) close the
 * statistics file while the training thread may still run a few iterations, for instance to save a checkpoint.
 * A closed MapDB throws {@code IllegalAccessError} on every write; statistics must never fail the training.
 */
final class ShutdownTolerantRouter implements StatsStorageRouter {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownTolerantRouter.class);
    private final StatsStorageRouter target;
    private final AtomicBoolean failed = new AtomicBoolean();

    /**
     * @param target where the statistics go
     */
    ShutdownTolerantRouter(StatsStorageRouter target) {
        this.target = target;
    }

    @Override
    public void putStorageMetaData(StorageMetaData storageMetaData) {
        pass(() -> target.putStorageMetaData(storageMetaData));
    }

    @Override
    public void putStorageMetaData(Collection<? extends StorageMetaData> storageMetaData) {
        pass(() -> target.putStorageMetaData(storageMetaData));
    }

    @Override
    public void putStaticInfo(Persistable staticInfo) {
        pass(() -> target.putStaticInfo(staticInfo));
    }

    @Override
    public void putStaticInfo(Collection<? extends Persistable> staticInfo) {
        pass(() -> target.putStaticInfo(staticInfo));
    }

    @Override
    public void putUpdate(Persistable update) {
        pass(() -> target.putUpdate(update));
    }

    @Override
    public void putUpdate(Collection<? extends Persistable> updates) {
        pass(() -> target.putUpdate(updates));
    }

    private void pass(Runnable write) {
        if (failed.get()) {
            return;
        }
        try {
            write.run();
        } catch (RuntimeException | IllegalAccessError e) {
            if (!failed.getAndSet(true)) {
                LOG.warn("training UI statistics stopped: {}", e.toString());
            }
        }
    }
}
