package dev.cnnlab.zoo;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * The cats-vs-dogs tutorial's one-convolution network: conv 10 5x5 ReLU, max-pool 2, softmax over the
 * flattened maps. Built for 300x300x3 photographs, with Keras's default Glorot-uniform weights as the tutorial's
 * code leaves them.
 */
public final class CatsDogsBasicNet implements Architecture {
    @Override
    public String name() {
        return "catsdogs-basic";
    }

    @Override
    public String description() {
        return "conv 5x5x10 ReLU, pool 2, softmax";
    }

    @Override
    public MultiLayerConfiguration configure(NetworkSpec spec) {
        return Layers.base(spec, WeightInit.XAVIER_UNIFORM).list()
                .layer(Layers.conv(10, 5, Activation.RELU, ConvolutionMode.Truncate))
                .layer(Layers.maxPool(2, 2))
                .layer(Layers.softmax(spec.numClasses()))
                .setInputType(spec.input().toInputType())
                .build();
    }
}
