package dev.cnnlab.acceleration.split;

import dev.cnnlab.kernels.OpenBlasThreads;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * A network whose training step works on its batch in parts at once, one part per core, each part on one thread;
 * the parts' gradients are summed before DL4J's updater runs once on the whole batch's gradient.
 *
 * <p>Why: on the small networks cnnlab trains, DL4J spreads each operation over the cores, and a step of LeNet is
 * hundreds of short operations. Between two of them the second core's OpenMP thread goes to sleep and must be woken,
 * and for much of the step the calling thread runs alone while the other core idles ({@code tools/core-overlap.sh
 * --no-batch-split}; docs/performance.md). Two copies of the network, each on one
 * thread with half the batch, have nothing to wait for until the end of the step.
 *
 * <p>What stays the same: the gradient is the sum over the batch's examples whichever part computed them, divided by
 * the whole batch's size by DL4J's updater as before, so the update is the one a whole-batch step makes (up to the
 * order of float additions); the score is the whole batch's. Listeners see this network with the whole batch as its
 * input, except {@code onForwardPass}, which sees the first part's activations. Dropout draws its masks from each
 * thread's own ND4J generator, so a split run's masks differ from an unsplit run's, though a split run repeats
 * itself. Networks whose examples are not independent within a batch are never split: batch normalisation, whose
 * statistics would be a part's instead of the batch's, and truncated backpropagation through time.
 *
 * <p>The copies ({@link #replicas()}) share this network's parameter array; each has its own layers (so
 * {@link BackpropShortcuts} must reach them too), configuration (dropout keeps its mask there) and gradient array.
 * They run on {@link PartThreads}, one OpenMP thread each. While this network trains ({@code fit}), the calling
 * thread too runs one OpenMP thread, and OpenBLAS one thread; both counts are put back when {@code fit} returns, so
 * evaluation and inference keep all the cores.
 *
 * <p>The class name ends in {@code MultiLayerNetwork} because DL4J's training UI recognises a network by that suffix
 * of the class name its {@code StatsListener} reports; with another name the UI's model page fails (HTTP 500).
 */
public final class SplitBatchMultiLayerNetwork extends MultiLayerNetwork {
    /**
     * The fewest examples a part gets. Parts of 8 (LeNet at batch 16 on 2 cores) still trained about 1.2 times as fast
     * as the whole batch here; smaller parts were not measured.
     */
    public static final int MIN_PART_EXAMPLES = 8;

    private final List<MultiLayerNetwork> replicas;

    private SplitBatchMultiLayerNetwork(MultiLayerConfiguration configuration) {
        super(configuration);
        this.replicas = new ArrayList<>();
    }

    /**
     * Why a network cannot be split, if it cannot.
     *
     * @param configuration the network's configuration
     * @return the reason, e.g. {@code "layer 2 is batch normalisation, whose statistics are the batch's"}; empty
     *         when it can be split
     */
    public static Optional<String> unsupported(MultiLayerConfiguration configuration) {
        if (!Nd4j.getEnvironment().isCPU()) {
            return Optional.of("ND4J runs on a GPU, not on CPU cores");
        }
        if (configuration.getBackpropType() == BackpropType.TruncatedBPTT) {
            return Optional.of("truncated backpropagation through time carries state from one part to the next");
        }
        List<NeuralNetConfiguration> layers = configuration.getConfs();
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i).getLayer() instanceof BatchNormalization) {
                return Optional.of("layer " + i + " is batch normalisation, whose statistics are the batch's");
            }
        }
        return Optional.empty();
    }

    /**
     * Makes a network that splits its batch in {@code parts}, from an initialised network: it shares the network's
     * parameter array, configuration and listeners, and starts from a copy of its updater state, so it trains on
     * from where the network is. Use it instead of the network from then on.
     *
     * @param network an initialised network
     * @param parts   how many parts a batch is split into (the cores to use); below 2, nothing is split
     * @return the splitting network, or {@code network} itself when {@code parts} is below 2 or
     *         {@link #unsupported} gives a reason
     */
    public static MultiLayerNetwork of(MultiLayerNetwork network, int parts) {
        MultiLayerConfiguration configuration = network.getLayerWiseConfigurations();
        if (parts < 2 || unsupported(configuration).isPresent()) {
            return network;
        }
        SplitBatchMultiLayerNetwork split = new SplitBatchMultiLayerNetwork(configuration);
        split.init(network.params(), false);
        Updater updater = network.getUpdater(false);
        if (updater != null && updater.getStateViewArray() != null) {
            split.getUpdater().getStateViewArray().assign(updater.getStateViewArray());
        }
        split.setListeners(network.getListeners());
        for (int part = 1; part < parts; part++) {
            // A configuration of its own: DL4J's dropout keeps the step's mask in the layer configuration.
            MultiLayerNetwork replica = new MultiLayerNetwork(configuration.clone());
            replica.init(split.params(), false);
            split.replicas.add(replica);
        }
        return split;
    }

    /** @return how many parts a batch is split into */
    public int parts() {
        return replicas.size() + 1;
    }

    /** @return the copies that compute the second and later parts, in order; they share this network's parameters */
    public List<MultiLayerNetwork> replicas() {
        return Collections.unmodifiableList(replicas);
    }

    /** Trains on the batches, with one thread for each part of a batch (see the class comment). */
    @Override
    public void fit(DataSetIterator batches) {
        try (OneThreadEach ignored = OneThreadEach.onThisThread()) {
            super.fit(batches);
        }
    }

    /** Trains on one batch, with one thread for each part of it (see the class comment). */
    @Override
    public void fit(INDArray features, INDArray labels, INDArray featuresMask, INDArray labelsMask) {
        try (OneThreadEach ignored = OneThreadEach.onThisThread()) {
            super.fit(features, labels, featuresMask, labelsMask);
        }
    }

    /**
     * Computes the gradient and score of the batch set as input, in parts at once: as many as {@link #parts()}, or
     * fewer so that each gets {@link #MIN_PART_EXAMPLES} examples. A batch too small for two parts, or with mask
     * arrays, is computed whole. DL4J calls this from {@code fit}, which has given each thread one OpenMP and one
     * OpenBLAS thread.
     */
    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        INDArray features = getInput();
        INDArray labels = getLabels();
        int parts = features == null || labels == null ? 1
                : (int) Math.min(parts(), features.size(0) / MIN_PART_EXAMPLES);
        if (parts < 2 || getMask() != null || getOutputLayer().getMaskArray() != null) {
            super.computeGradientAndScore(workspaceMgr);
            return;
        }
        long examples = features.size(0);
        long[] bounds = new long[parts + 1];
        for (int part = 0; part <= parts; part++) {
            bounds[part] = examples * part / parts;
        }
        List<Future<Double>> others = new ArrayList<>();
        try {
            for (int part = 1; part < parts; part++) {
                MultiLayerNetwork replica = replicas.get(part - 1);
                INDArray f = rows(features, bounds[part], bounds[part + 1]);
                INDArray l = rows(labels, bounds[part], bounds[part + 1]);
                long seed = seedOf(part);
                int iteration = getIterationCount();
                int epoch = getEpochCount();
                others.add(PartThreads.submit(part - 1, replica, seed,
                        () -> partScore(replica, f, l, iteration, epoch)));
            }
            setInput(rows(features, 0, bounds[1]));
            setLabels(rows(labels, 0, bounds[1]));
            try {
                super.computeGradientAndScore(workspaceMgr);
            } finally {
                setInput(features);
                setLabels(labels);
            }
            double sum = score() * bounds[1];
            INDArray gradient = getFlattenedGradients();
            for (int part = 1; part < parts; part++) {
                sum += others.get(part - 1).get() * (bounds[part + 1] - bounds[part]);
                gradient.addi(replicas.get(part - 1).getFlattenedGradients());
            }
            setScore(sum / examples);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the batch's other parts were computed", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("a part of the batch failed: " + e.getCause(), e.getCause());
        } finally {
            // The copies share the parameters, which the updater changes next: no part may still be running.
            PartThreads.awaitAll(others);
        }
    }

    private long seedOf(int part) {
        return getLayerWiseConfigurations().getConf(0).getSeed() + 7919L * part + getIterationCount();
    }

    private static double partScore(MultiLayerNetwork replica, INDArray features, INDArray labels, int iteration,
                                    int epoch) {
        // The counts drive learning-rate and dropout schedules, which the copy's layers read.
        replica.getLayerWiseConfigurations().setIterationCount(iteration);
        replica.getLayerWiseConfigurations().setEpochCount(epoch);
        replica.setInput(features);
        replica.setLabels(labels);
        replica.computeGradientAndScore();
        return replica.score();
    }

    private static INDArray rows(INDArray array, long from, long to) {
        return array.get(NDArrayIndex.interval(from, to));
    }

    /**
     * One OpenMP and one OpenBLAS thread for the calling thread until closed, when the previous counts come back.
     * OpenMP's count is the calling thread's own; OpenBLAS's is the process's, which is why the other parts must be
     * done before it is put back.
     */
    private record OneThreadEach(int openMp, int openBlas) implements AutoCloseable {
        static OneThreadEach onThisThread() {
            NativeOps ops = NativeOpsHolder.getInstance().getDeviceNativeOps();
            OneThreadEach previous = new OneThreadEach(ops.ompGetMaxThreads(), OpenBlasThreads.get());
            ops.setOmpNumThreads(1);
            OpenBlasThreads.set(1);
            return previous;
        }

        @Override
        public void close() {
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(openMp);
            OpenBlasThreads.set(openBlas);
        }
    }
}
