package dev.cnnlab.zoo;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.activations.Activation;

/**
 * The TensorFlow tutorial's LeNet: conv 12 3x3 SAME, max-pool 3x3 stride 2 (13x13x12), conv 16 3x3 SAME,
 * the same pooling (6x6x16), dense 288 SELU, dense 144 SELU, softmax. The batch-norm variant adds batch
 * normalisation (momentum 0.9) after each convolution and dropout 0.5 before each dense layer.
 */
public final class TfLeNet implements Architecture {
    private static final double BN_MOMENTUM = 0.9;
    private static final double DROPOUT = 0.5;

    private final boolean batchNorm;

    /**
     * @param batchNorm whether to add batch normalisation and dropout
     */
    public TfLeNet(boolean batchNorm) {
        this.batchNorm = batchNorm;
    }

    @Override
    public String name() {
        return batchNorm ? "tf-lenet-bn" : "tf-lenet";
    }

    @Override
    public String description() {
        return "conv 3x3x12 SAME, pool 3/2, conv 3x3x16 SAME, pool 3/2, dense 288 SELU, dense 144 SELU, softmax"
                + (batchNorm ? "; batch norm and dropout 0.5" : "");
    }

    @Override
    public MultiLayerConfiguration configure(NetworkSpec spec) {
        NeuralNetConfiguration.ListBuilder list = Layers.base(spec).list();
        for (int filters : new int[] {12, 16}) {
            list.layer(Layers.conv(filters, 3, batchNorm ? Activation.IDENTITY : Activation.RELU, ConvolutionMode.Same));
            if (batchNorm) {
                list.layer(Layers.batchNorm(BN_MOMENTUM));
                list.layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer(Activation.RELU));
            }
            list.layer(Layers.maxPool(3, 2));
        }
        for (int units : new int[] {288, 144}) {
            if (batchNorm) {
                list.layer(Layers.dropout(DROPOUT));
            }
            list.layer(Layers.dense(units, Activation.SELU));
        }
        return list.layer(Layers.softmax(spec.numClasses()))
                .setInputType(spec.input().toInputType())
                .build();
    }
}
