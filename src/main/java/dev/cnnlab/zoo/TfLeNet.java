package dev.cnnlab.zoo;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;

/**
 * The TensorFlow tutorial's LeNet: conv 12 3x3 SAME, max-pool 3x3 stride 2 (13x13x12), conv 16 3x3 SAME,
 * the same pooling (6x6x16), dense 288 SELU, dense 144 SELU, softmax. The batch-norm variant adds batch
 * normalisation (momentum 0.9) after each convolution and dropout 0.5 before each dense layer.
 *
 * <p>The tutorial's own version ({@link #tutorial(boolean)}) fills what the text leaves unsaid with TensorFlow's
 * layer defaults: no activation on the convolutions, Glorot-uniform weights, batch-norm epsilon 0.001. cnnlab's
 * version ({@link #improved()}) puts a ReLU after each convolution and draws Xavier-normal weights.
 */
public final class TfLeNet implements Architecture {
    private static final double BN_MOMENTUM = 0.9;
    /** TensorFlow's {@code batch_normalization} default. */
    private static final double TF_BN_EPSILON = 1e-3;
    private static final double DROPOUT = 0.5;

    private final boolean batchNorm;
    private final boolean tensorFlowDefaults;

    private TfLeNet(boolean batchNorm, boolean tensorFlowDefaults) {
        this.batchNorm = batchNorm;
        this.tensorFlowDefaults = tensorFlowDefaults;
    }

    /**
     * @param batchNorm whether to add batch normalisation and dropout
     * @return the tutorial's network, TensorFlow's defaults where the text is silent
     */
    public static TfLeNet tutorial(boolean batchNorm) {
        return new TfLeNet(batchNorm, true);
    }

    /** @return cnnlab's version without batch norm: ReLU after each convolution, Xavier-normal weights */
    public static TfLeNet improved() {
        return new TfLeNet(false, false);
    }

    @Override
    public String name() {
        return (batchNorm ? "tf-lenet-bn" : "tf-lenet") + (tensorFlowDefaults ? "" : "-plus");
    }

    @Override
    public String description() {
        String conv = tensorFlowDefaults ? "" : " ReLU";
        return "conv 3x3x12 SAME" + conv + ", pool 3/2, conv 3x3x16 SAME" + conv
                + ", pool 3/2, dense 288 SELU, dense 144 SELU, softmax"
                + (batchNorm ? "; batch norm and dropout 0.5" : "")
                + (tensorFlowDefaults ? "; TensorFlow's defaults" : "");
    }

    @Override
    public MultiLayerConfiguration configure(NetworkSpec spec) {
        NeuralNetConfiguration.ListBuilder list = Layers.base(spec,
                tensorFlowDefaults ? WeightInit.XAVIER_UNIFORM : WeightInit.XAVIER).list();
        Activation convActivation = tensorFlowDefaults ? Activation.IDENTITY : Activation.RELU;
        for (int filters : new int[] {12, 16}) {
            list.layer(Layers.conv(filters, 3, batchNorm ? Activation.IDENTITY : convActivation, ConvolutionMode.Same));
            if (batchNorm) {
                list.layer(tensorFlowDefaults ? Layers.batchNorm(BN_MOMENTUM, TF_BN_EPSILON) : Layers.batchNorm(BN_MOMENTUM));
                if (convActivation != Activation.IDENTITY) {
                    list.layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer(convActivation));
                }
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
