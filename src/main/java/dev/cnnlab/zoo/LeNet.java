package dev.cnnlab.zoo;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.activations.Activation;

/**
 * LeNet as in DL4J's MNIST example: conv 5x5x20 ReLU, max-pool 2, conv 5x5x50 ReLU, max-pool 2, dense 500 ReLU,
 * softmax. 431,080 parameters on 28x28x1 input with 10 classes.
 */
public final class LeNet implements Architecture {
    @Override
    public String name() {
        return "lenet";
    }

    @Override
    public String description() {
        return "conv 5x5x20 ReLU, max-pool 2, conv 5x5x50 ReLU, max-pool 2, dense 500 ReLU, softmax";
    }

    @Override
    public MultiLayerConfiguration configure(NetworkSpec spec) {
        return Layers.base(spec).list()
                .layer(Layers.conv(20, 5, Activation.RELU, ConvolutionMode.Truncate))
                .layer(Layers.maxPool(2, 2))
                .layer(Layers.conv(50, 5, Activation.RELU, ConvolutionMode.Truncate))
                .layer(Layers.maxPool(2, 2))
                .layer(Layers.dense(500, Activation.RELU))
                .layer(Layers.softmax(spec.numClasses()))
                .setInputType(spec.input().toInputType())
                .build();
    }
}
