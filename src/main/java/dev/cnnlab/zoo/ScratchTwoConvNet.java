package dev.cnnlab.zoo;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.activations.Activation;

/**
 * The from-scratch NumPy tutorial's network: conv 8 5x5 ReLU, conv 8 5x5 ReLU, max-pool 2, dense 128
 * ReLU, softmax; 105,634 parameters on 28x28x1 with 10 classes.
 */
public final class ScratchTwoConvNet implements Architecture {
    @Override
    public String name() {
        return "scratch-2conv";
    }

    @Override
    public String description() {
        return "conv 5x5x8, conv 5x5x8, pool 2, dense 128 ReLU, softmax";
    }

    @Override
    public MultiLayerConfiguration configure(NetworkSpec spec) {
        return Layers.base(spec).list()
                .layer(Layers.conv(8, 5, Activation.RELU, ConvolutionMode.Truncate))
                .layer(Layers.conv(8, 5, Activation.RELU, ConvolutionMode.Truncate))
                .layer(Layers.maxPool(2, 2))
                .layer(Layers.dense(128, Activation.RELU))
                .layer(Layers.softmax(spec.numClasses()))
                .setInputType(spec.input().toInputType())
                .build();
    }
}
