package dev.cnnlab.acceleration;

import dev.cnnlab.acceleration.forward.JavaForwardPass;
import dev.cnnlab.acceleration.layers.BernoulliDropoutHelper;
import dev.cnnlab.acceleration.layers.BlasDenseLayer;
import dev.cnnlab.acceleration.layers.BlasOutputLayer;
import dev.cnnlab.acceleration.split.SplitBatchMultiLayerNetwork;
import dev.cnnlab.acceleration.updater.VectorisedAdamUpdater;
import dev.cnnlab.runtime.HelperReport;
import dev.cnnlab.runtime.NativeSetup;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The acceleration layer's one entry point: everything cnnlab changes in how DL4J computes a network is applied
 * here, and only here, on ND4J's native CPU backend. Training ({@code train}, {@code --workers}, {@code bench}),
 * evaluation and prediction call it; with {@code --plain-dl4j}, or on any other backend (CUDA), it applies nothing
 * and the network runs on DL4J as it ships.
 *
 * <p>What it applied comes back as a list of {@link AppliedSpeedUp}s, which a training run logs and writes to
 * {@code config.json} ({@code acceleration}). The oneDNN layer helpers are the one exception to "only here": they
 * are switched on at start-up, before ND4J loads ({@link NativeSetup#configure(boolean)}), and this layer reports
 * them.
 */
public final class Acceleration {
    private static final Logger LOG = LoggerFactory.getLogger(Acceleration.class);

    private Acceleration() {
    }

    /**
     * A network prepared for training.
     *
     * @param network the network to train: the one given, or a {@link SplitBatchMultiLayerNetwork} made from it
     * @param applied what was applied, empty for plain DL4J
     */
    public record PreparedTraining(MultiLayerNetwork network, List<AppliedSpeedUp> applied) {
        /**
         * @param network the network to train
         * @param applied what was applied
         */
        public PreparedTraining {
            applied = List.copyOf(applied);
        }
    }

    /**
     * A network prepared for inference.
     *
     * @param network  the network
     * @param batchOne computes the class probabilities of a batch of one image, the fastest way applied
     * @param applied  what was applied, empty for plain DL4J
     */
    public record PreparedInference(MultiLayerNetwork network, UnaryOperator<INDArray> batchOne,
                                    List<AppliedSpeedUp> applied) {
        /**
         * @param network  the network
         * @param batchOne the batch-1 forward pass
         * @param applied  what was applied
         */
        public PreparedInference {
            applied = List.copyOf(applied);
        }

        /**
         * @return whether {@link #batchOne()} is not DL4J's own {@code output}
         */
        public boolean javaForwardPass() {
            return applied.stream().anyMatch(a -> a.name().equals(JAVA_FORWARD_PASS));
        }
    }

    /** The {@link AppliedSpeedUp#name()} of the batch split. */
    public static final String BATCH_SPLIT = "batch-split";
    /** The {@link AppliedSpeedUp#name()} of the Java forward pass for batch-1 prediction. */
    public static final String JAVA_FORWARD_PASS = "java-forward-pass";
    /** The {@link AppliedSpeedUp#name()} of DL4J's oneDNN layer helpers, enabled at start-up. */
    public static final String ONEDNN_HELPERS = "onednn-layer-helpers";

    /**
     * Prepares an initialised network for training: on the native CPU backend and unless {@code settings} say plain
     * DL4J, splits each batch over the cores (when allowed and the network allows it) and installs the backward
     * pass's shortcuts and the vectorised Adam updater.
     *
     * @param network  an initialised network, not yet trained in this process
     * @param settings what may be applied
     * @return the network to train and what was applied
     */
    public static PreparedTraining prepareForTraining(MultiLayerNetwork network, AccelerationSettings settings) {
        if (settings.plainDl4j()) {
            LOG.debug("acceleration: none, plain DL4J");
            return new PreparedTraining(network, List.of());
        }
        return prepareForTraining(network, settings, Backends.loaded());
    }

    /** As {@link #prepareForTraining(MultiLayerNetwork, AccelerationSettings)}, on the named backend. */
    static PreparedTraining prepareForTraining(MultiLayerNetwork network, AccelerationSettings settings,
                                               String backend) {
        if (settings.plainDl4j() || !cpuBackend(backend)) {
            return new PreparedTraining(network, List.of());
        }
        List<AppliedSpeedUp> applied = new ArrayList<>();
        MultiLayerNetwork prepared = network;
        if (settings.batchSplit()) {
            prepared = SplitBatchMultiLayerNetwork.of(network, NativeSetup.openMpThreads());
            if (prepared instanceof SplitBatchMultiLayerNetwork split) {
                applied.add(new AppliedSpeedUp(BATCH_SPLIT, split.parts() + " parts trained at once, one per core"));
            } else {
                LOG.debug("batch split: {}", SplitBatchMultiLayerNetwork.unsupported(network.getLayerWiseConfigurations())
                        .orElse("one core"));
            }
        }
        if (settings.backpropShortcuts()) {
            applied.addAll(BackpropShortcuts.applyTo(prepared));
        }
        oneDnnHelpers(prepared).ifPresent(applied::add);
        LOG.debug("acceleration: {}", applied);
        return new PreparedTraining(prepared, applied);
    }

    /**
     * Prepares a trained network for inference: on the native CPU backend and unless {@code plainDl4j}, batch-1
     * prediction runs as a {@link JavaForwardPass} when that computes all the network's layers; otherwise, and at
     * any batch size, DL4J's {@code output(x, false)} computes.
     *
     * @param network   a trained network
     * @param input     the shape of its input
     * @param plainDl4j whether to run DL4J as it ships
     * @return the batch-1 forward pass and what was applied
     */
    public static PreparedInference prepareForInference(MultiLayerNetwork network, InputType input, boolean plainDl4j) {
        if (plainDl4j) {
            return plain(network);
        }
        return prepareForInference(network, input, Backends.loaded());
    }

    /** As {@link #prepareForInference(MultiLayerNetwork, InputType, boolean)}, on the named backend. */
    static PreparedInference prepareForInference(MultiLayerNetwork network, InputType input, String backend) {
        if (!cpuBackend(backend)) {
            return plain(network);
        }
        List<AppliedSpeedUp> applied = new ArrayList<>();
        UnaryOperator<INDArray> batchOne = x -> network.output(x, false);
        Optional<JavaForwardPass> pass = JavaForwardPass.tryCompile(network, input);
        if (pass.isPresent()) {
            batchOne = pass.get()::output;
            int parts = pass.get().parts();
            applied.add(new AppliedSpeedUp(JAVA_FORWARD_PASS, "batch-1 prediction in plain Java"
                    + (parts > 1 ? ", each large layer in " + parts + " parts at once" : "")));
        }
        oneDnnHelpers(network).ifPresent(applied::add);
        LOG.debug("acceleration: {}", applied);
        return new PreparedInference(network, batchOne, applied);
    }

    private static PreparedInference plain(MultiLayerNetwork network) {
        return new PreparedInference(network, x -> network.output(x, false), List.of());
    }

    private static boolean cpuBackend(String backend) {
        if (Backends.isNativeCpu(backend)) {
            return true;
        }
        LOG.info("acceleration: none on ND4J backend {}; plain DL4J computes", backend);
        return false;
    }

    /** The layers start-up gave DL4J's oneDNN helpers, if any. */
    private static Optional<AppliedSpeedUp> oneDnnHelpers(MultiLayerNetwork network) {
        List<String> with = HelperReport.of(network).withHelper();
        return with.isEmpty() ? Optional.empty()
                : Optional.of(new AppliedSpeedUp(ONEDNN_HELPERS, "oneDNN helpers in " + with.size()
                        + (with.size() == 1 ? " layer" : " layers")));
    }

    /**
     * @param applied what was applied
     * @return the names, as {@code config.json} lists them
     */
    public static List<String> names(List<AppliedSpeedUp> applied) {
        return applied.stream().map(AppliedSpeedUp::name).toList();
    }

    /**
     * Two lines for {@code bench}: how the backward pass runs and whether batches are split.
     *
     * @param network a network, prepared or not
     * @return lines starting with {@code backprop:} and {@code batches:}
     */
    public static String describe(MultiLayerNetwork network) {
        CacheMode cache = network.getLayerWiseConfigurations().getCacheMode();
        long inPlace = BackpropShortcuts.inPlaceReLULayers(network);
        long adamBlocks = VectorisedAdamUpdater.count(network);
        String backprop = "backprop: forward pass " + (cache == CacheMode.DEVICE ? "cached" : "recomputed")
                + " (CacheMode." + cache + "), ReLU backward "
                + (inPlace > 0 ? "in place in " + inPlace + " of " + network.getnLayers() + " layers" : "DL4J's")
                + ", dense layers " + (BlasDenseLayer.count(network) > 0
                        ? "on OpenBLAS directly: " + BlasDenseLayer.count(network) : "DL4J's")
                + (BlasOutputLayer.count(network) > 0
                        ? ", output layer's forward product on OpenBLAS: " + BlasOutputLayer.count(network) : "")
                + (BernoulliDropoutHelper.count(network) > 0
                        ? ", dropout masks by the Bernoulli op in " + BernoulliDropoutHelper.count(network) + " layers"
                        : "")
                + (adamBlocks > 0
                        ? ", Adam's loop vectorised in " + adamBlocks + (adamBlocks == 1 ? " updater block" : " updater blocks")
                        : "");
        String batches = "batches: " + (network instanceof SplitBatchMultiLayerNetwork split
                ? "split in " + split.parts() + " parts trained at once, one per core"
                : "trained whole, " + SplitBatchMultiLayerNetwork.unsupported(network.getLayerWiseConfigurations())
                        .map(reason -> "not split: " + reason).orElse("each operation spread over the cores"));
        return backprop + System.lineSeparator() + batches;
    }
}
