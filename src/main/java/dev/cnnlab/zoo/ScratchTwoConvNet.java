package dev.cnnlab.zoo;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.distribution.NormalDistribution;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The from-scratch NumPy tutorial's network: conv 8 5x5 ReLU, conv 8 5x5 ReLU, max-pool 2, dense 128
 * ReLU, softmax; 105,634 parameters on 28x28x1 with 10 classes.
 *
 * <p>It keeps the tutorial's initialisation too: filters drawn with standard deviation 1/sqrt(filter size)
 * and dense weights with 0.01. With DL4J's Xavier default, the tutorial's Adam (learning rate 0.01) often
 * diverges in the first epoch.
 */
public final class ScratchTwoConvNet implements Architecture {
    private static final double DENSE_STD = 0.01;

    @Override
    public String name() {
        return "scratch-2conv";
    }

    @Override
    public String description() {
        return "conv 5x5x8, conv 5x5x8, pool 2, dense 128 ReLU, softmax; the tutorial's initialisation";
    }

    @Override
    public MultiLayerConfiguration configure(NetworkSpec spec) {
        int channels = spec.input().channels();
        return Layers.base(spec).list()
                .layer(conv(8, 5, channels))
                .layer(conv(8, 5, 8))
                .layer(Layers.maxPool(2, 2))
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU)
                        .weightInit(new NormalDistribution(0, DENSE_STD)).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(spec.numClasses())
                        .activation(Activation.SOFTMAX).weightInit(new NormalDistribution(0, DENSE_STD)).build())
                .setInputType(spec.input().toInputType())
                .build();
    }

    private static ConvolutionLayer conv(int filters, int kernel, int inChannels) {
        return new ConvolutionLayer.Builder(kernel, kernel).nOut(filters).stride(1, 1)
                .convolutionMode(ConvolutionMode.Truncate).activation(Activation.RELU)
                .weightInit(new NormalDistribution(0, 1.0 / Math.sqrt((double) filters * inChannels * kernel * kernel)))
                .build();
    }
}
