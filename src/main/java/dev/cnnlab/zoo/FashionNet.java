package dev.cnnlab.zoo;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * cnnlab's own Fashion-MNIST network: two blocks of two 3x3 SAME convolutions with batch normalisation,
 * each closed by max-pooling and dropout, then dense 256 with dropout and softmax.
 */
public final class FashionNet implements Architecture {
    private static final double BN_MOMENTUM = 0.9;

    @Override
    public String name() {
        return "fashion";
    }

    @Override
    public String description() {
        return "2 x (2 x conv 3x3 SAME + batch norm, pool 2, dropout 0.25) with 32 then 64 filters, dense 256, softmax";
    }

    @Override
    public MultiLayerConfiguration configure(NetworkSpec spec) {
        NeuralNetConfiguration.ListBuilder list = Layers.base(spec).list();
        for (int filters : new int[] {32, 64}) {
            for (int i = 0; i < 2; i++) {
                list.layer(Layers.conv(filters, 3, Activation.IDENTITY, ConvolutionMode.Same));
                list.layer(Layers.batchNorm(BN_MOMENTUM));
                list.layer(new ActivationLayer(Activation.RELU));
            }
            list.layer(Layers.maxPool(2, 2));
            list.layer(Layers.dropout(0.25));
        }
        return list.layer(Layers.dense(256, Activation.RELU))
                .layer(Layers.dropout(0.5))
                .layer(Layers.softmax(spec.numClasses()))
                .setInputType(spec.input().toInputType())
                .build();
    }
}
