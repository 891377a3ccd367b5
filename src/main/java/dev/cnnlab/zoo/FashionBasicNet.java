package dev.cnnlab.zoo;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.nd4j.linalg.activations.Activation;

/**
 * The Fashion-MNIST tutorial's minimal network: conv 4 5x5 ReLU, max-pool 2, dropout, softmax.
 */
public final class FashionBasicNet implements Architecture {
    private static final double DROPOUT = 0.2;

    @Override
    public String name() {
        return "fashion-basic";
    }

    @Override
    public String description() {
        return "conv 5x5x4 ReLU, pool 2, dropout 0.2, softmax";
    }

    @Override
    public MultiLayerConfiguration configure(NetworkSpec spec) {
        return Layers.base(spec).list()
                .layer(Layers.conv(4, 5, Activation.RELU, ConvolutionMode.Truncate))
                .layer(Layers.maxPool(2, 2))
                .layer(Layers.dropout(DROPOUT))
                .layer(Layers.softmax(spec.numClasses()))
                .setInputType(spec.input().toInputType())
                .build();
    }
}
