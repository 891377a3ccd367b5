package dev.cnnlab.acceleration.layers;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Puts a subclass's object in place of one of a network's DL4J layer objects, sharing its configuration, parameters
 * and gradient arrays, for {@link BlasDenseLayer} and {@link BlasOutputLayer}. The configuration, and so saved models,
 * stay DL4J's.
 */
final class LayerReplacement {
    private LayerReplacement() {
    }

    /**
     * Replaces every layer object of exactly {@code plainClass} that {@code takesOver} accepts.
     *
     * @param network an initialised network
     * @param plainClass DL4J's layer class; subclasses (replacements among them) are left alone
     * @param takesOver which of those layers to replace
     * @param replacement the replacement's constructor: the layer's configuration and its weights' data type
     * @param <P> DL4J's layer class
     * @return how many layers were replaced
     */
    static <P extends BaseLayer<?>> int replaceAll(MultiLayerNetwork network, Class<P> plainClass,
            Predicate<P> takesOver, BiFunction<NeuralNetConfiguration, DataType, BaseLayer<?>> replacement) {
        Layer[] layers = network.getLayers();
        int replaced = 0;
        for (int i = 0; i < layers.length; i++) {
            if (layers[i].getClass() != plainClass) {
                continue;
            }
            P plain = plainClass.cast(layers[i]);
            if (takesOver.test(plain)) {
                DataType dataType = plain.getParam(DefaultParamInitializer.WEIGHT_KEY).dataType();
                replace(network, i, plain, replacement.apply(plain.conf(), dataType));
                replaced++;
            }
        }
        return replaced;
    }

    /**
     * @param network a network
     * @param type a layer class
     * @return how many of the network's layers are of that class
     */
    static long count(MultiLayerNetwork network, Class<?> type) {
        return Arrays.stream(network.getLayers()).filter(type::isInstance).count();
    }

    /**
     * Gives {@code replacement} the state of {@code plain}, then puts it in {@code plain}'s place.
     *
     * @param network the network {@code plain} is the {@code index}-th layer of
     * @param index the layer's index
     * @param plain DL4J's layer object
     * @param replacement a new layer object built on {@code plain}'s configuration
     */
    private static void replace(MultiLayerNetwork network, int index, BaseLayer<?> plain, BaseLayer<?> replacement) {
        replacement.setParamTable(new LinkedHashMap<>(plain.paramTable()));
        replacement.setParamsViewArray(plain.params());
        if (plain.getGradientsViewArray() != null) { // else the network's first fit() hands it one
            replacement.setBackpropGradientsViewArray(plain.getGradientsViewArray());
        }
        replacement.setIndex(plain.getIndex());
        replacement.setListeners(plain.getListeners());
        replacement.setIterationCount(plain.getIterationCount());
        replacement.setEpochCount(plain.getEpochCount());
        replaceInLayerMap(network, plain, replacement);
        network.getLayers()[index] = replacement;
    }

    /** {@code network.getLayer(name)} reads a map DL4J fills in {@code init()} and offers no setter for. */
    @SuppressWarnings("unchecked")
    private static void replaceInLayerMap(MultiLayerNetwork network, Layer old, Layer replacement) {
        try {
            Field field = MultiLayerNetwork.class.getDeclaredField("layerMap");
            field.setAccessible(true);
            Map<String, Layer> layerMap = (Map<String, Layer>) field.get(network);
            layerMap.replaceAll((name, layer) -> layer == old ? replacement : layer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("MultiLayerNetwork has no 'layerMap' field in this DL4J", e);
        }
    }
}
