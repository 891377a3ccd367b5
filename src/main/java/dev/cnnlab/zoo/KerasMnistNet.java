package dev.cnnlab.zoo;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * The Keras tutorial's three-convolution MNIST network: conv 32, conv 64, pool, dropout, conv 128, pool,
 * dropout, dense 128, dropout, dense 64, dropout, softmax; 511,306 parameters on 28x28x1 with 10 classes.
 *
 * <p>The tutorial's own version ({@link #tutorial()}) draws Keras's default Glorot-uniform weights; cnnlab's
 * ({@link #improved()}) draws Xavier-normal ones. Both drop a quarter after pooling and half after each dense
 * layer, the rates of Keras's own MNIST example: the tutorial's listing cuts them off.
 */
public final class KerasMnistNet implements Architecture {
    private static final double CONV_DROPOUT = 0.25;
    private static final double DENSE_DROPOUT = 0.5;

    private final boolean kerasDefaults;

    private KerasMnistNet(boolean kerasDefaults) {
        this.kerasDefaults = kerasDefaults;
    }

    /** @return the tutorial's network with Keras's default initialisation */
    public static KerasMnistNet tutorial() {
        return new KerasMnistNet(true);
    }

    /** @return the same layers with Xavier-normal weights */
    public static KerasMnistNet improved() {
        return new KerasMnistNet(false);
    }

    @Override
    public String name() {
        return kerasDefaults ? "keras-mnist" : "keras-mnist-plus";
    }

    @Override
    public String description() {
        return "conv 3x3x32, conv 3x3x64, pool 2, conv 3x3x128, pool 2, dense 128, dense 64, softmax; dropout"
                + (kerasDefaults ? "; Keras's defaults" : "");
    }

    @Override
    public MultiLayerConfiguration configure(NetworkSpec spec) {
        return Layers.base(spec, kerasDefaults ? WeightInit.XAVIER_UNIFORM : WeightInit.XAVIER).list()
                .layer(Layers.conv(32, 3, Activation.RELU, ConvolutionMode.Truncate))
                .layer(Layers.conv(64, 3, Activation.RELU, ConvolutionMode.Truncate))
                .layer(Layers.maxPool(2, 2))
                .layer(Layers.dropout(CONV_DROPOUT))
                .layer(Layers.conv(128, 3, Activation.RELU, ConvolutionMode.Truncate))
                .layer(Layers.maxPool(2, 2))
                .layer(Layers.dropout(CONV_DROPOUT))
                .layer(Layers.dense(128, Activation.RELU))
                .layer(Layers.dropout(DENSE_DROPOUT))
                .layer(Layers.dense(64, Activation.RELU))
                .layer(Layers.dropout(DENSE_DROPOUT))
                .layer(Layers.softmax(spec.numClasses()))
                .setInputType(spec.input().toInputType())
                .build();
    }
}
