package dev.cnnlab.training;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Recomputes every batch-norm layer's running mean and variance from un-augmented training images, as
 * "precise batch norm" does.
 *
 * <p>DL4J moves those averages by its decay over the last few training batches. Those batches are
 * augmented (rotated corners, crops) and were seen by earlier weights, so at the end of an epoch the averages
 * describe neither clean images nor the current network. Measured on trained cats-vs-dogs models
 * ({@code tools/BatchNormDrift.java}; figures in docs/photographs.md): every layer had channels whose stored
 * variance was far off, and recomputing the averages lifted test accuracy. Training itself is unchanged: in
 * training mode batch norm uses each batch's own statistics.
 */
public final class BatchNormRecalibration {
    /**
     * How much memory a pass may keep of one batch-norm layer's inputs, so the next layer's pass starts there
     * instead of at the images; 1,000 cats-vs-dogs photos at 64x64 enter the first layer as a few hundred MB of floats.
     */
    static final long CACHE_BYTES = 512L << 20;

    private BatchNormRecalibration() {
    }

    /**
     * Layer by layer from the input, so each layer's statistics are those of its input as the already
     * recalibrated layers below it produce it. Each layer's pass starts from the inputs the previous pass kept
     * (within {@link #CACHE_BYTES}), so a network with many batch-norm layers is not run from its input again
     * for every one of them.
     *
     * @param network the network, changed in place
     * @param images  un-augmented, normalised training images; read at least once, then reset
     * @return the number of batch-norm layers recalibrated (0: the network has none, nothing changed)
     */
    public static int recalibrate(MultiLayerNetwork network, DataSetIterator images) {
        return recalibrate(network, images, CACHE_BYTES);
    }

    /**
     * @param cacheBytes the most memory one pass may keep of a layer's inputs (0: every pass starts at the images)
     */
    static int recalibrate(MultiLayerNetwork network, DataSetIterator images, long cacheBytes) {
        Source source = Source.images(images);
        int done = 0;
        try {
            for (int i = 0; i < network.getnLayers(); i++) {
                if (network.getLayer(i).conf().getLayer() instanceof BatchNormalization conf) {
                    Pass pass = new Pass(cacheBytes);
                    Moments moments = momentsOfInput(network, source, i, conf, pass);
                    store(network.getLayer(i), conf, moments);
                    if (pass.kept() != null) {
                        source.close();
                        source = Source.cached(pass.kept(), i);
                    }
                    done++;
                }
            }
        } finally {
            source.close();
            images.reset();
        }
        return done;
    }

    private static Moments momentsOfInput(MultiLayerNetwork network, Source source, int layer,
                                          BatchNormalization conf, Pass pass) {
        Moments total = null;
        InputPreProcessor pre = network.getLayerWiseConfigurations().getInputPreProcess(layer);
        for (INDArray x : source.batches()) {
            INDArray raw = forward(network, source.from(), layer, x);
            INDArray input = pre == null ? raw
                    : pre.preProcess(raw, (int) raw.size(0), LayerWorkspaceMgr.noWorkspaces());
            Moments m = Moments.of(input, conf);
            total = total == null ? m : total.merge(m);
            if (input != raw && !input.isView()) {
                release(input);
            }
            // An array that is the batch itself, or a view into memory something else owns, is copied to be kept.
            boolean owned = raw != x && !raw.isView();
            if (!owned && pass.open()) {
                raw = raw.dup();
                owned = true;
            }
            if (owned && !pass.keep(raw)) {
                release(raw);
            }
        }
        if (total == null) {
            throw new IllegalArgumentException("no images to recalibrate batch norm with");
        }
        return total;
    }

    /**
     * Runs layers {@code from} to {@code to - 1} in inference mode, as {@code feedForwardToLayer} does, and
     * returns what enters layer {@code to} (before its input preprocessor).
     */
    private static INDArray forward(MultiLayerNetwork network, int from, int to, INDArray x) {
        INDArray a = x;
        for (int j = from; j < to; j++) {
            INDArray in = a;
            InputPreProcessor pre = network.getLayerWiseConfigurations().getInputPreProcess(j);
            if (pre != null) {
                in = pre.preProcess(in, (int) in.size(0), LayerWorkspaceMgr.noWorkspaces());
            }
            INDArray out = network.getLayer(j).activate(in, false, LayerWorkspaceMgr.noWorkspaces());
            network.getLayer(j).clear();
            // A view may read the memory of what it came from, so nothing is freed under one.
            if (!out.isView() && !in.isView()) {
                for (INDArray spent : new INDArray[] {in, a}) {
                    if (spent != x && spent != out) {
                        release(spent);
                    }
                }
            }
            a = out;
        }
        return a;
    }

    /**
     * Frees an intermediate array's native memory now. Left to the garbage collector, which seldom runs while the
     * Java heap is nearly empty, these copies multiplied a short run's peak memory; freed here (and with passes
     * started from kept inputs), recalibration adds little to it.
     */
    private static void release(INDArray a) {
        if (!a.wasClosed() && a.closeable()) {
            a.close();
        }
    }

    /** Where a pass reads its batches: the images themselves, or the inputs of an earlier batch-norm layer. */
    private record Source(DataSetIterator images, List<INDArray> cached, int from) {
        static Source images(DataSetIterator images) {
            return new Source(images, null, 0);
        }

        static Source cached(List<INDArray> inputs, int layer) {
            return new Source(null, inputs, layer);
        }

        Iterable<INDArray> batches() {
            if (cached != null) {
                return cached;
            }
            images.reset();
            return () -> new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return images.hasNext();
                }

                @Override
                public INDArray next() {
                    DataSet batch = images.next();
                    return batch.getFeatures();
                }
            };
        }

        void close() {
            if (cached != null) {
                cached.forEach(BatchNormRecalibration::release);
            }
        }
    }

    /** The inputs one pass keeps for the next, until they would pass the memory budget. */
    private static final class Pass {
        private final long budget;
        private List<INDArray> kept = new ArrayList<>();
        private long bytes;

        Pass(long budget) {
            this.budget = budget;
        }

        /** @return whether the pass still keeps what it is given */
        boolean open() {
            return kept != null;
        }

        /** @return whether {@code a} is kept (its owner must not free it) */
        boolean keep(INDArray a) {
            if (kept == null) {
                return false;
            }
            bytes += a.length() * a.dataType().width();
            if (bytes > budget) {
                kept.forEach(BatchNormRecalibration::release);
                kept = null;
                return false;
            }
            kept.add(a);
            return true;
        }

        /** @return every batch's input, in order, or null when they did not fit */
        List<INDArray> kept() {
            return kept;
        }
    }

    private static void store(Layer layer, BatchNormalization conf, Moments m) {
        INDArray mean = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
        mean.assign(Nd4j.createFromArray(m.mean()).reshape(mean.shape()).castTo(mean.dataType()));
        double[] stored = new double[m.count()];
        boolean logStd = conf.isUseLogStd();
        for (int c = 0; c < stored.length; c++) {
            // With useLogStd DL4J keeps log10 of the standard deviation it divides by, sqrt(var + eps).
            stored[c] = logStd ? Math.log10(Math.sqrt(m.variance()[c] + conf.getEps())) : m.variance()[c];
        }
        INDArray target = layer.getParam(logStd ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                : BatchNormalizationParamInitializer.GLOBAL_VAR);
        target.assign(Nd4j.createFromArray(stored).reshape(target.shape()).castTo(target.dataType()));
    }

    /** Per-channel count, mean and (population) variance, merged batch by batch in double precision. */
    private record Moments(long n, double[] mean, double[] variance) {
        static Moments of(INDArray input, BatchNormalization conf) {
            boolean nhwc = input.rank() == 4 && conf.getCnn2DFormat() == CNN2DFormat.NHWC;
            int channelAxis = nhwc ? 3 : 1;
            int[] over = input.rank() == 4 ? (nhwc ? new int[] {0, 1, 2} : new int[] {0, 2, 3}) : new int[] {0};
            return new Moments(input.length() / input.size(channelAxis), input.mean(over).toDoubleVector(),
                    input.var(false, over).toDoubleVector());
        }

        int count() {
            return mean.length;
        }

        /** Chan et al.'s pairwise combination of two sets' moments. */
        Moments merge(Moments o) {
            long total = n + o.n;
            double[] m = new double[mean.length];
            double[] v = new double[mean.length];
            for (int c = 0; c < m.length; c++) {
                double delta = o.mean[c] - mean[c];
                m[c] = mean[c] + delta * o.n / total;
                v[c] = (variance[c] * n + o.variance[c] * o.n + delta * delta * n * o.n / total) / total;
            }
            return new Moments(total, m, v);
        }
    }
}
