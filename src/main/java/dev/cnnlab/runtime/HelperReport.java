package dev.cnnlab.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.LayerHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Which layers of an initialised network run on a platform helper (oneDNN on the CPU) and which could but do not.
 *
 * <p>DL4J falls back to its generic (im2col + GEMM) code silently when a helper is missing; asking each layer for its
 * helper after {@code init()} is the only reliable way to know.
 *
 * @param withHelper layers that have a helper, e.g. {@code 0 ConvolutionLayer (MKLDNNConvHelper)}
 * @param withoutHelper helper-capable layers (convolution, subsampling, batch norm, LRN, LSTM) that have none
 */
public record HelperReport(List<String> withHelper, List<String> withoutHelper) {

    /** Implementation classes in DL4J 1.0.0-M2.1 that create a helper when one is available. */
    private static final Set<String> HELPER_CAPABLE = Set.of(
            "ConvolutionLayer", "SubsamplingLayer", "BatchNormalization", "LocalResponseNormalization", "LSTM");

    /**
     * Copies both lists so the report cannot change after it was made.
     *
     * @param withHelper layers that have a helper
     * @param withoutHelper helper-capable layers that have none
     */
    public HelperReport {
        withHelper = List.copyOf(withHelper);
        withoutHelper = List.copyOf(withoutHelper);
    }

    /**
     * Inspects an initialised network.
     *
     * @param model a {@link MultiLayerNetwork} or {@link ComputationGraph} after {@code init()}
     * @return the report; empty lists for other models or uninitialised networks
     */
    public static HelperReport of(Model model) {
        Layer[] layers = null;
        if (model instanceof MultiLayerNetwork net) {
            layers = net.getLayers();
        } else if (model instanceof ComputationGraph graph) {
            layers = graph.getLayers();
        }
        if (layers == null) {
            return new HelperReport(Collections.emptyList(), Collections.emptyList());
        }
        List<String> with = new ArrayList<>();
        List<String> without = new ArrayList<>();
        for (Layer layer : layers) {
            String name = layer.getIndex() + " " + layer.getClass().getSimpleName();
            LayerHelper helper = layer.getHelper();
            if (helper != null) {
                with.add(name + " (" + helper.getClass().getSimpleName() + ")");
            } else if (HELPER_CAPABLE.contains(layer.getClass().getSimpleName())) {
                without.add(name);
            }
        }
        return new HelperReport(with, without);
    }

    /**
     * One line such as {@code oneDNN helpers on 0 ConvolutionLayer (MKLDNNConvHelper); none on 3 LSTM}.
     *
     * @return the summary
     */
    @Override
    public String toString() {
        if (withHelper.isEmpty() && withoutHelper.isEmpty()) {
            return "no layer that can use a helper";
        }
        StringBuilder s = new StringBuilder();
        s.append(withHelper.isEmpty() ? "no layer on helpers" : "on helpers: " + String.join(", ", withHelper));
        if (!withoutHelper.isEmpty()) {
            s.append("; without: ").append(String.join(", ", withoutHelper));
        }
        return s.toString();
    }
}
