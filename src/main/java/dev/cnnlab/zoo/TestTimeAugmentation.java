package dev.cnnlab.zoo;

import dev.cnnlab.EnumKeys;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * How a trained network turns a batch of images into class probabilities. It is saved with the model, so
 * training's per-epoch scores, {@code evaluate}, {@code predict} and the report all score a network the same way.
 */
public enum TestTimeAugmentation {
    /** One pass over each image. */
    NONE("none"),
    /**
     * The softmax of each image and of its mirror image, averaged. A network trained with random flips has seen
     * both; averaging the two views steadies its answer on photographs (not on digits, which have a handedness).
     */
    FLIP("flip");

    /** NCHW: the width axis, which a left-right mirror reverses. */
    private static final int WIDTH_AXIS = 3;

    private final String key;

    TestTimeAugmentation(String key) {
        this.key = key;
    }

    /** @return the name used with {@code --tta} and in a run's saved options */
    public String key() {
        return key;
    }

    /**
     * @param network  a network in inference mode
     * @param features a preprocessed {@code [n, c, h, w]} batch
     * @return the {@code [n, classes]} probabilities
     */
    public INDArray output(MultiLayerNetwork network, INDArray features) {
        return output(x -> network.output(x, false), features);
    }

    /**
     * @param forward  a network's inference: a {@code [n, c, h, w]} batch to its {@code [n, classes]} probabilities
     * @param features a preprocessed {@code [n, c, h, w]} batch
     * @return the {@code [n, classes]} probabilities
     */
    public INDArray output(UnaryOperator<INDArray> forward, INDArray features) {
        INDArray plain = forward.apply(features);
        if (this == NONE) {
            return plain;
        }
        INDArray mirrored = forward.apply(mirror(features));
        return plain.addi(mirrored).divi(2);
    }

    /**
     * The batch mirrored left to right, copied in Java. Not with ND4J's {@code reverse} op: in 1.0.0-M2.1 each call
     * of it on the CPU backend leaves its output and a scratch buffer in native memory that neither the garbage
     * collector nor {@code close()} gives back (see docs/photographs.md), so a run that scored photos with their
     * mirror images after every epoch grew without bound.
     *
     * @param features a {@code [n, c, h, w]} batch
     * @return a new array of the same shape and type, each row reversed along the width
     */
    static INDArray mirror(INDArray features) {
        if (features.rank() != 4) {
            throw new IllegalArgumentException("expected a [n, c, h, w] batch, got shape "
                    + Arrays.toString(features.shape()));
        }
        long[] shape = features.shape();
        int width = (int) shape[WIDTH_AXIS];
        float[] values = features.castTo(DataType.FLOAT).dup('c').data().asFloat();
        for (int row = 0; row < values.length; row += width) {
            for (int i = row, j = row + width - 1; i < j; i++, j--) {
                float t = values[i];
                values[i] = values[j];
                values[j] = t;
            }
        }
        INDArray mirrored = Nd4j.create(values, shape, DataType.FLOAT);
        return features.dataType() == DataType.FLOAT ? mirrored : mirrored.castTo(features.dataType());
    }

    /**
     * @param key a name, in any case
     * @return the augmentation
     * @throws IllegalArgumentException listing the names when there is none of that name
     */
    public static TestTimeAugmentation byKey(String key) {
        return EnumKeys.require(values(), TestTimeAugmentation::key, key);
    }
}
