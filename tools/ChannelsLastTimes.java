import dev.cnnlab.acceleration.Acceleration;
import dev.cnnlab.acceleration.AccelerationSettings;
import dev.cnnlab.runtime.NativeSetup;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Locale;

/**
 * Whether channels-last layers would spare DL4J 1.0.0-M2.1 the reorders its oneDNN helpers make around every
 * convolution: trains LeNet (or, with {@code keras}, the 3-conv MNIST network) built once with NCHW and once with
 * NHWC layers, on the same random batch of 64, alternating four times, and prints milliseconds per training step.
 * Both get cnnlab's backprop shortcuts where they apply (the first-layer one is NCHW-only).
 *
 * <p>Run: {@code java -cp target/cnnlab.jar tools/ChannelsLastTimes.java [lenet|keras]} (after {@code mvn package}).
 */
public class ChannelsLastTimes {
    /** The backprop shortcuts and the Adam loop, no batch split: one network per JVM thread, as measured here. */
    private static final AccelerationSettings SHORTCUTS_ONLY = new AccelerationSettings(false, false, true);
    private static final int BATCH = 64;
    private static final int STEPS = 40;

    public static void main(String[] args) {
        NativeSetup.configure();
        boolean keras = args.length > 0 && args[0].equals("keras");
        MultiLayerNetwork nchw = network(CNN2DFormat.NCHW, keras);
        MultiLayerNetwork nhwc = network(CNN2DFormat.NHWC, keras);
        System.out.println("NCHW shortcuts: " + Acceleration.prepareForTraining(nchw, SHORTCUTS_ONLY).applied());
        System.out.println("NHWC shortcuts: " + Acceleration.prepareForTraining(nhwc, SHORTCUTS_ONLY).applied());
        INDArray labels = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
        for (int i = 0; i < BATCH; i++) {
            labels.putScalar(i, i % 10, 1f);
        }
        // One grey channel: the same values are a valid NCHW and NHWC batch, shaped differently.
        INDArray images = Nd4j.rand(DataType.FLOAT, BATCH, 1, 28, 28);
        DataSet channelsFirst = new DataSet(images, labels);
        DataSet channelsLast = new DataSet(images.reshape(BATCH, 28, 28, 1), labels);
        for (int round = 0; round < 4; round++) {
            report("NCHW", nchw, channelsFirst);
            report("NHWC", nhwc, channelsLast);
        }
        System.exit(0);
    }

    private static void report(String name, MultiLayerNetwork network, DataSet batch) {
        for (int i = 0; i < 5; i++) {
            network.fit(batch);
        }
        long start = System.nanoTime();
        for (int i = 0; i < STEPS; i++) {
            network.fit(batch);
        }
        double ms = (System.nanoTime() - start) / 1e6 / STEPS;
        System.out.printf(Locale.ROOT, "%s %6.1f ms per step (%,.0f img/s)%n", name, ms, BATCH * 1000 / ms);
    }

    private static MultiLayerNetwork network(CNN2DFormat format, boolean keras) {
        var layers = new NeuralNetConfiguration.Builder().seed(1).updater(new Adam(1e-3)).weightInit(WeightInit.XAVIER)
                .list();
        if (keras) {
            layers.layer(conv(32, 3, format)).layer(conv(64, 3, format)).layer(pool(format)).layer(conv(128, 3, format))
                    .layer(pool(format)).layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build());
        } else {
            layers.layer(conv(20, 5, format)).layer(pool(format)).layer(conv(50, 5, format)).layer(pool(format))
                    .layer(new DenseLayer.Builder().nOut(500).activation(Activation.RELU).build());
        }
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1, format));
        MultiLayerNetwork network = new MultiLayerNetwork(layers.build());
        network.init();
        return network;
    }

    private static ConvolutionLayer conv(int filters, int size, CNN2DFormat format) {
        return new ConvolutionLayer.Builder(size, size).nOut(filters).activation(Activation.RELU).dataFormat(format)
                .build();
    }

    private static SubsamplingLayer pool(CNN2DFormat format) {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                .dataFormat(format).build();
    }
}
