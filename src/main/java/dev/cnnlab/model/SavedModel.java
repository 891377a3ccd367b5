package dev.cnnlab.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

/**
 * A trained network with everything needed to use it: its input normaliser and description.
 *
 * @param network    the network, with its updater state
 * @param normalizer the normaliser fitted on the training data
 * @param info       classes, input shape and provenance
 */
public record SavedModel(MultiLayerNetwork network, DataNormalization normalizer, ModelInfo info) {
    /**
     * @param features a batch already scaled with {@link #normalizer()}
     * @return class probabilities, computed the way the model was trained to be scored ({@link ModelInfo#testTime()})
     */
    public INDArray output(INDArray features) {
        return info.testTime().output(network, features);
    }
}
