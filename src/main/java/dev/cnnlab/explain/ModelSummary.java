package dev.cnnlab.explain;

import dev.cnnlab.zoo.InputShape;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Keras-style {@code model.summary()}: every layer with its output shape and parameter count.
 *
 * @param input  the input shape
 * @param layers one row per layer
 */
public record ModelSummary(InputShape input, List<LayerRow> layers) {

    /**
     * One layer.
     *
     * @param index       position in the network, from 0
     * @param type        the DL4J layer type, such as {@code ConvolutionLayer}
     * @param detail      kernel, stride and activation where they apply
     * @param outputShape height x width x channels for image-shaped outputs, else the vector size
     * @param params      number of trainable parameters
     */
    public record LayerRow(int index, String type, String detail, String outputShape, long params) {
    }

    /**
     * @param network an initialised network
     * @param input   its input shape
     * @return the summary
     */
    public static ModelSummary of(MultiLayerNetwork network, InputShape input) {
        List<InputType> outputs = network.getLayerWiseConfigurations().getLayerActivationTypes(input.toInputType());
        List<LayerRow> rows = new ArrayList<>();
        for (int i = 0; i < network.getnLayers(); i++) {
            Layer conf = network.getLayer(i).conf().getLayer();
            rows.add(new LayerRow(i, conf.getClass().getSimpleName(), detail(conf), shape(outputs.get(i)),
                    network.getLayer(i).numParams()));
        }
        return new ModelSummary(input, rows);
    }

    /** @return the sum of all layers' parameters */
    public long totalParams() {
        return layers.stream().mapToLong(LayerRow::params).sum();
    }

    /** @return the table as text */
    public String format() {
        StringBuilder sb = new StringBuilder();
        String row = "%-3s %-18s %-32s %-10s %12s%n";
        sb.append(String.format(Locale.ROOT, row, "#", "layer", "detail", "output", "parameters"));
        sb.append(String.format(Locale.ROOT, row, "", "input", "", input.toString(), ""));
        for (LayerRow r : layers) {
            sb.append(String.format(Locale.ROOT, row, r.index(), r.type(), r.detail(), r.outputShape(),
                    String.format(Locale.ROOT, "%,d", r.params())));
        }
        sb.append(String.format(Locale.ROOT, "total parameters: %,d%n", totalParams()));
        return sb.toString();
    }

    private static String shape(InputType type) {
        if (type instanceof InputType.InputTypeConvolutional c) {
            return c.getHeight() + "x" + c.getWidth() + "x" + c.getChannels();
        }
        if (type instanceof InputType.InputTypeFeedForward f) {
            return Long.toString(f.getSize());
        }
        return type.toString();
    }

    private static String detail(Layer conf) {
        if (conf instanceof SubsamplingLayer s) {
            return String.format(Locale.ROOT, "%s %dx%d stride %d", s.getPoolingType().name().toLowerCase(Locale.ROOT),
                    s.getKernelSize()[0], s.getKernelSize()[1], s.getStride()[0]);
        }
        String activation = "";
        if (conf instanceof org.deeplearning4j.nn.conf.layers.BaseLayer b && b.getActivationFn() != null) {
            activation = b.getActivationFn().toString().toLowerCase(Locale.ROOT);
        }
        if (conf instanceof ConvolutionLayer c) {
            return String.format(Locale.ROOT, "%dx%d stride %d %s %s", c.getKernelSize()[0], c.getKernelSize()[1],
                    c.getStride()[0], c.getConvolutionMode().name().toLowerCase(Locale.ROOT), activation).strip();
        }
        return activation;
    }
}
