import dev.cnnlab.acceleration.Acceleration;
import dev.cnnlab.acceleration.AccelerationSettings;
import dev.cnnlab.acceleration.layers.BlasDenseLayer;
import dev.cnnlab.acceleration.layers.BlasOutputLayer;
import dev.cnnlab.acceleration.layers.FirstLayerConvolutionHelper;
import dev.cnnlab.bench.ImagePool;
import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.store.IdxDatasetStore;
import dev.cnnlab.runtime.NativeSetup;
import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.ModelZoo;
import dev.cnnlab.zoo.NetworkSpec;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * What one of cnnlab's training shortcuts saves, side by side in one JVM: two copies of a zoo network get every
 * shortcut ({@code Acceleration.prepareForTraining}, no batch split), one of them then loses the one named, and the
 * two train on the same real MNIST batches in alternating blocks of 8 steps. Alternating in one process spreads the
 * machine's other load over both, which separate runs of {@code bench} do not.
 *
 * <p>Run: {@code java -cp target/cnnlab.jar tools/ShortcutTimes.java MODEL SHORTCUT [ROUNDS]} after
 * {@code mvn package} and with the environment {@code scripts/cnnlab} sets ({@code source scripts/native-env.sh}),
 * where SHORTCUT is {@code dense} ({@code BlasDenseLayer}), {@code output} ({@code BlasOutputLayer}), {@code dropout}
 * ({@code BernoulliDropoutHelper}) or {@code first-forward} (the first layer's forward pass in
 * {@code FirstLayerConvolutionHelper}), or several of them separated by commas; prints the median
 * milliseconds per step of each and the median of the per-round ratios (above 1: the shortcut is faster).
 */
public class ShortcutTimes {
    /** The backprop shortcuts and the Adam loop, no batch split: one network per JVM thread, as measured here. */
    private static final AccelerationSettings SHORTCUTS_ONLY = new AccelerationSettings(false, false, true);
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: ShortcutTimes MODEL dense|output|dropout|first-forward[,...] [ROUNDS]");
            System.exit(2);
        }
        NativeSetup.configure();
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        MultiLayerNetwork without = network(args[0]);
        MultiLayerNetwork with = network(args[0]);
        Acceleration.prepareForTraining(with, SHORTCUTS_ONLY);
        System.out.println("shortcuts: " + Acceleration.prepareForTraining(without, SHORTCUTS_ONLY).applied());
        for (String shortcut : args[1].split(",")) {
            remove(shortcut, without);
        }

        Path data = Path.of(System.getProperty("user.home"), ".cnnlab", "data");
        List<DataSet> batches = new ImagePool(IdxDatasetStore.fetchingInto(data).train(IdxDataset.MNIST))
                .trainingBatches(64).subList(0, 16);
        for (int i = 0; i < 16; i++) { // warm-up
            without.fit(batches.get(i));
            with.fit(batches.get(i));
        }
        List<Double> timesWithout = new ArrayList<>();
        List<Double> timesWith = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            List<DataSet> block = batches.subList(round % 2 * 8, round % 2 * 8 + 8);
            double a = millisPerStep(without, block);
            double b = millisPerStep(with, block);
            timesWithout.add(a);
            timesWith.add(b);
            ratios.add(a / b);
        }
        System.out.printf(Locale.ROOT, "%s, %s: without %.2f ms/step, with %.2f ms/step, median ratio %.3f "
                        + "(quartiles %.3f-%.3f, %d rounds)%n", args[0], args[1], quantile(timesWithout, 0.5),
                quantile(timesWith, 0.5), quantile(ratios, 0.5), quantile(ratios, 0.25), quantile(ratios, 0.75),
                rounds);
        System.exit(0);
    }

    private static MultiLayerNetwork network(String name) {
        MultiLayerNetwork network = new MultiLayerNetwork(ModelZoo.find(name).orElseThrow()
                .configure(new NetworkSpec(InputShape.MNIST, 10, 42, new Adam(1e-3))));
        network.init();
        return network;
    }

    private static void remove(String shortcut, MultiLayerNetwork network) throws ReflectiveOperationException {
        Layer[] layers = network.getLayers();
        switch (shortcut) {
            case "dense" -> putBackPlain(layers, BlasDenseLayer.class, DenseLayer::new);
            case "output" -> putBackPlain(layers, BlasOutputLayer.class, OutputLayer::new);
            case "dropout" -> {
                for (Layer layer : layers) {
                    if (layer.conf().getLayer().getIDropout() instanceof Dropout dropout) {
                        dropout.setHelper(null);
                        dropout.setInitializedHelper(false);
                    }
                }
            }
            case "first-forward" -> {
                var first = (FirstLayerConvolutionHelper) layers[0].getHelper();
                Field oneDnnField = FirstLayerConvolutionHelper.class.getDeclaredField("oneDnn");
                oneDnnField.setAccessible(true);
                Object oneDnn = oneDnnField.get(first);
                Object forwardOnOneDnn = Proxy.newProxyInstance(ShortcutTimes.class.getClassLoader(),
                        new Class<?>[] {ConvolutionHelper.class}, (proxy, method, arguments) ->
                                method.invoke(method.getName().equals("preOutput") ? oneDnn : first, arguments));
                Field helper = ConvolutionLayer.class.getDeclaredField("helper");
                helper.setAccessible(true);
                helper.set(layers[0], forwardOnOneDnn);
            }
            default -> throw new IllegalArgumentException("unknown shortcut " + shortcut
                    + "; expected dense, output, dropout or first-forward");
        }
    }

    /** Puts a DL4J layer object, on the same configuration and parameters, in place of each fast one. */
    private static void putBackPlain(Layer[] layers, Class<? extends BaseLayer<?>> fastType,
            BiFunction<NeuralNetConfiguration, DataType, BaseLayer<?>> plainLayer) {
        for (int i = 0; i < layers.length; i++) {
            if (fastType.isInstance(layers[i])) {
                BaseLayer<?> fast = (BaseLayer<?>) layers[i];
                BaseLayer<?> plain = plainLayer.apply(fast.conf(), fast.getParam("W").dataType());
                plain.setParamTable(new LinkedHashMap<>(fast.paramTable()));
                plain.setParamsViewArray(fast.params());
                plain.setIndex(i);
                layers[i] = plain; // the gradient view comes with the first fit()
            }
        }
    }

    private static double millisPerStep(MultiLayerNetwork network, List<DataSet> block) {
        long start = System.nanoTime();
        for (DataSet batch : block) {
            network.fit(batch);
        }
        return (System.nanoTime() - start) / 1e6 / block.size();
    }

    private static double quantile(List<Double> values, double q) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.round(q * (sorted.size() - 1)));
    }
}
