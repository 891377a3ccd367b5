package dev.cnnlab.zoo;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The few layer shapes the zoo's builders share, so each builder reads as the tutorial's layer list.
 */
final class Layers {
    private Layers() {
    }

    /** The settings every network starts from: its seed, its optimiser and Xavier (normal) initialisation. */
    static NeuralNetConfiguration.Builder base(NetworkSpec spec) {
        return base(spec, WeightInit.XAVIER);
    }

    /**
     * The settings every network starts from, with the given weight initialisation: Keras and TensorFlow layers
     * default to Glorot uniform ({@link WeightInit#XAVIER_UNIFORM}), DL4J's networks here use Xavier normal.
     */
    static NeuralNetConfiguration.Builder base(NetworkSpec spec, WeightInit weightInit) {
        return new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .updater(spec.updater())
                .weightInit(weightInit)
                // DL4J defaults to sigmoid for any layer that names no activation, batch norm and dropout included.
                .activation(Activation.IDENTITY);
    }

    /** A square convolution, stride 1. */
    static ConvolutionLayer conv(int filters, int kernel, Activation activation, ConvolutionMode mode) {
        return new ConvolutionLayer.Builder(kernel, kernel)
                .nOut(filters)
                .stride(1, 1)
                .convolutionMode(mode)
                .activation(activation)
                .build();
    }

    /** Square max pooling. */
    static SubsamplingLayer maxPool(int kernel, int stride) {
        return new SubsamplingLayer.Builder(PoolingType.MAX)
                .kernelSize(kernel, kernel)
                .stride(stride, stride)
                .build();
    }

    /** Batch normalisation with the given running-average momentum (TensorFlow's name for DL4J's decay). */
    static org.deeplearning4j.nn.conf.layers.BatchNormalization batchNorm(double momentum) {
        return new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().decay(momentum).build();
    }

    /** Batch normalisation with the given momentum and the epsilon added to the variance. */
    static org.deeplearning4j.nn.conf.layers.BatchNormalization batchNorm(double momentum, double epsilon) {
        return new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder().decay(momentum).eps(epsilon).build();
    }

    /**
     * Dropout as the tutorials state it: the share of activations dropped (DL4J itself takes the share kept).
     */
    static org.deeplearning4j.nn.conf.layers.DropoutLayer dropout(double dropRate) {
        return new org.deeplearning4j.nn.conf.layers.DropoutLayer.Builder(1.0 - dropRate).build();
    }

    /** A fully connected layer. */
    static DenseLayer dense(int units, Activation activation) {
        return new DenseLayer.Builder().nOut(units).activation(activation).build();
    }

    /** Softmax over the classes with cross-entropy loss. */
    static OutputLayer softmax(int classes) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(classes)
                .activation(Activation.SOFTMAX)
                .build();
    }
}
