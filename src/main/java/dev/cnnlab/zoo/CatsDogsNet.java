package dev.cnnlab.zoo;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.nd4j.linalg.activations.Activation;

/**
 * cnnlab's cats-vs-dogs network, small enough to train on two CPU cores at 64x64: four blocks of
 * two (conv 3x3 SAME, batch norm, ReLU) and max-pool 2 (16, 32, 64, 128 filters), then dropout 0.5, dense 128
 * ReLU, dropout 0.5 and softmax.
 */
public final class CatsDogsNet implements Architecture {
    private static final int[] FILTERS = {16, 32, 64, 128};
    private static final int CONVS_PER_BLOCK = 2;
    private static final double BN_MOMENTUM = 0.9;
    private static final double DROPOUT = 0.5;
    private static final int DENSE = 128;

    @Override
    public String name() {
        return "catsdogs";
    }

    @Override
    public String description() {
        return "4 x (2 x (conv 3x3 SAME, batch norm, ReLU), pool 2) with 16/32/64/128 filters, dropout 0.5, dense 128, dropout 0.5, softmax";
    }

    @Override
    public MultiLayerConfiguration configure(NetworkSpec spec) {
        NeuralNetConfiguration.ListBuilder list = Layers.base(spec).list();
        for (int filters : FILTERS) {
            for (int i = 0; i < CONVS_PER_BLOCK; i++) {
                list.layer(Layers.conv(filters, 3, Activation.IDENTITY, ConvolutionMode.Same));
                list.layer(Layers.batchNorm(BN_MOMENTUM));
                list.layer(new ActivationLayer(Activation.RELU));
            }
            list.layer(Layers.maxPool(2, 2));
        }
        return list.layer(Layers.dropout(DROPOUT))
                .layer(Layers.dense(DENSE, Activation.RELU))
                .layer(Layers.dropout(DROPOUT))
                .layer(Layers.softmax(spec.numClasses()))
                .setInputType(spec.input().toInputType())
                .build();
    }
}
