package dev.cnnlab.zoo;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;

/**
 * A network design that can be built for any input shape and class count.
 */
public interface Architecture {
    /** @return the name used on the command line, such as {@code lenet} */
    String name();

    /** @return one line saying what the network is */
    String description();

    /**
     * @param spec input shape, classes, seed and optimiser
     * @return the network's configuration, ready for {@code new MultiLayerNetwork(conf).init()}
     */
    MultiLayerConfiguration configure(NetworkSpec spec);
}
