package dev.cnnlab.training;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.parallelism.ParallelWrapper;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;
import java.util.Map;

/**
 * One pass over the training set on one or more workers: a plain {@code fit} for one worker, DL4J's
 * {@link ParallelWrapper} in parameter-averaging mode for several (CPU threads here, one per GPU under CUDA).
 *
 * <p>Each worker trains its own copy of the network on its share of the batches; every
 * {@link #AVERAGING_FREQUENCY} iterations the copies' parameters and updater states are averaged, and the
 * averaged parameters land in the caller's network when the pass ends.
 */
final class ParallelTraining {
    /** Iterations each worker runs between two averagings (the DL4J examples use 3). */
    static final int AVERAGING_FREQUENCY = 3;
    /** Batches prefetched per worker. */
    private static final int PREFETCH_PER_WORKER = 4;

    private ParallelTraining() {
    }

    /**
     * Trains one pass.
     *
     * @param network   the network; holds the trained parameters afterwards
     * @param batches   the pass's training batches
     * @param workers   how many workers train in parallel (1: a plain fit)
     * @param listeners the listeners the network already has; with several workers they are called from every
     *                  worker's thread, one call at a time
     */
    static void fitEpoch(MultiLayerNetwork network, DataSetIterator batches, int workers, List<TrainingListener> listeners) {
        if (workers <= 1) {
            network.fit(batches);
            return;
        }
        // The workers' copies, made when the wrapper is built, would inherit the network's own listeners on top of the
        // wrapper's and call each twice: during the pass the listeners belong to the wrapper only.
        network.setListeners();
        // A new wrapper per pass: reusing one across fit() calls deadlocked in shared-gradient mode on M2.1 (two
        // trainer threads waiting on each other, DL4J-NOTES "Scale-out"); a fresh one carries no state between passes.
        ParallelWrapper wrapper = null;
        try {
            wrapper = new ParallelWrapper.Builder<>(network)
                    .workers(workers)
                    .prefetchBuffer(PREFETCH_PER_WORKER * workers)
                    .trainingMode(ParallelWrapper.TrainingMode.AVERAGING)
                    .averagingFrequency(AVERAGING_FREQUENCY)
                    .averageUpdaters(true)
                    .reportScoreAfterAveraging(true)
                    .build();
            Object lock = new Object();
            wrapper.setListeners(listeners.stream().map(l -> (TrainingListener) new OneAtATime(l, lock)).toList());
            wrapper.fit(batches);
        } finally {
            if (wrapper != null) {
                wrapper.shutdown();
            }
            network.setListeners(listeners);
        }
    }

    /** Serialises a listener's calls: the workers' threads call listeners written for one thread. */
    private record OneAtATime(TrainingListener delegate, Object lock) implements TrainingListener {
        @Override
        public void iterationDone(Model model, int iteration, int epoch) {
            synchronized (lock) {
                delegate.iterationDone(model, iteration, epoch);
            }
        }

        @Override
        public void onEpochStart(Model model) {
            synchronized (lock) {
                delegate.onEpochStart(model);
            }
        }

        @Override
        public void onEpochEnd(Model model) {
            synchronized (lock) {
                delegate.onEpochEnd(model);
            }
        }

        @Override
        public void onForwardPass(Model model, List<INDArray> activations) {
            synchronized (lock) {
                delegate.onForwardPass(model, activations);
            }
        }

        @Override
        public void onForwardPass(Model model, Map<String, INDArray> activations) {
            synchronized (lock) {
                delegate.onForwardPass(model, activations);
            }
        }

        @Override
        public void onGradientCalculation(Model model) {
            synchronized (lock) {
                delegate.onGradientCalculation(model);
            }
        }

        @Override
        public void onBackwardPass(Model model) {
            synchronized (lock) {
                delegate.onBackwardPass(model);
            }
        }
    }
}
