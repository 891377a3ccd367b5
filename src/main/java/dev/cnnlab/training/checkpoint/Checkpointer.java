package dev.cnnlab.training.checkpoint;

import dev.cnnlab.model.ModelInfo;
import dev.cnnlab.model.SavedModel;
import dev.cnnlab.training.MetricsHistory;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Tracks the training position iteration by iteration and writes checkpoints: on the
 * {@link CheckpointSchedule}, at every epoch's end, and once more when a stop is requested (Ctrl-C,
 * SIGTERM), after which it holds the training thread until the JVM exits.
 *
 * <p>DL4J calls {@code iterationDone} after the update of the parameters and of the updater state, so a
 * checkpoint written there is a consistent state between two iterations.
 */
public final class Checkpointer extends BaseTrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final CheckpointStore store;
    private final CheckpointSchedule schedule;
    private final DataNormalization normalizer;
    private final ModelInfo info;
    private final MetricsHistory history;
    private final Map<String, Object> options;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile TrainingPosition position;
    private volatile TrainingPosition saved;
    private volatile Path lastFile;
    private volatile boolean stopRequested;
    private volatile boolean finished;
    private long lastNanos = System.nanoTime();
    private final double secondsBefore;
    private final long segmentStart;

    /**
     * @param store      where checkpoints go
     * @param schedule   when they are written
     * @param normalizer the run's normaliser, saved with each checkpoint
     * @param info       the model's description
     * @param history    the run's metrics, saved with each checkpoint
     * @param options    the run's options ({@link TrainingConfig#toMap()})
     * @param start      where training starts (or resumes)
     * @param startFile  the checkpoint resumed from, or null
     * @param secondsBefore the wall time of the run's earlier segments (0 for a new run)
     * @param segmentStart  {@link System#nanoTime()} when this segment started
     */
    public Checkpointer(CheckpointStore store, CheckpointSchedule schedule, DataNormalization normalizer, ModelInfo info,
                 MetricsHistory history, Map<String, Object> options, TrainingPosition start, Path startFile,
                 double secondsBefore, long segmentStart) {
        this.store = store;
        this.schedule = schedule;
        this.normalizer = normalizer;
        this.info = info;
        this.history = history;
        this.options = options;
        this.position = start;
        this.saved = startFile != null ? start : null;
        this.lastFile = startFile;
        this.secondsBefore = secondsBefore;
        this.segmentStart = segmentStart;
    }

    /** @return the run's wall time so far, over all its segments */
    public double seconds() {
        return secondsBefore + (System.nanoTime() - segmentStart) / 1e9;
    }

    /** @return where training stands now */
    public TrainingPosition position() {
        return position;
    }

    /** @return the newest checkpoint written or resumed from, if any */
    Optional<Path> lastCheckpoint() {
        return Optional.ofNullable(lastFile);
    }

    /**
     * Moves to the start of an epoch, unless the position is already inside it (a resumed epoch).
     *
     * @param epoch the epoch about to be trained, from 1
     */
    public void startEpoch(int epoch) {
        if (position.epoch() != epoch) {
            position = new TrainingPosition(epoch, 0, position.iteration());
        }
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        TrainingPosition p = position;
        position = new TrainingPosition(p.epoch(), p.batchesDone() + 1, p.iteration() + 1);
        if (stopRequested) {
            try {
                write((MultiLayerNetwork) model);
            } finally {
                holdUntilExit();
            }
        }
        if (schedule.due(position.iteration() - savedIteration(), System.nanoTime() - lastNanos)) {
            write((MultiLayerNetwork) model);
        }
    }

    /**
     * Writes the checkpoint of a finished (and evaluated) epoch.
     *
     * @param network the network
     */
    public void endEpoch(MultiLayerNetwork network) {
        position = new TrainingPosition(position.epoch() + 1, 0, position.iteration());
        try {
            write(network);
        } finally {
            if (stopRequested) {
                holdUntilExit();
            }
        }
    }

    /** Marks training as over: a stop request no longer waits for a checkpoint. */
    public void finish() {
        finished = true;
    }

    /**
     * Asks the training thread to write a checkpoint at its next iteration boundary and stop there. Called
     * from a shutdown hook; returns at once when the newest checkpoint is already current.
     *
     * @param timeoutSeconds how long to wait for the checkpoint
     * @return whether the newest checkpoint holds the current position
     */
    boolean requestStopAndWait(long timeoutSeconds) {
        stopRequested = true;
        if (finished || isCurrent()) {
            return isCurrent();
        }
        try {
            return stopped.await(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** @return whether training stopped and what was written covers everything trained */
    boolean isCurrent() {
        TrainingPosition s = saved;
        return s != null && s.iteration() == position.iteration();
    }

    private void write(MultiLayerNetwork network) {
        TrainingPosition p = position;
        DivergenceGuard.requireFiniteWeights(network, p, lastFile, options);
        Path file = store.write(new SavedModel(network, normalizer, info), p, history, options, seconds());
        saved = p;
        lastFile = file;
        lastNanos = System.nanoTime();
        LOG.debug("checkpoint {} at {}", file, p.describe());
    }

    private int savedIteration() {
        TrainingPosition s = saved;
        return s == null ? 0 : s.iteration();
    }

    /** The JVM is shutting down: more training would be lost anyway, and must not overwrite anything. */
    private void holdUntilExit() {
        stopped.countDown();
        while (true) {
            LockSupport.park(this);
        }
    }
}
