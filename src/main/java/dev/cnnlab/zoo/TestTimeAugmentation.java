package dev.cnnlab.zoo;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

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
        INDArray mirrored = forward.apply(Nd4j.exec(new Reverse(features, WIDTH_AXIS))[0]);
        return plain.addi(mirrored).divi(2);
    }

    /**
     * @param key a name, in any case
     * @return the augmentation
     * @throws IllegalArgumentException listing the names when there is none of that name
     */
    public static TestTimeAugmentation byKey(String key) {
        for (TestTimeAugmentation t : values()) {
            if (t.key.equals(key.strip().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("expected one of " + Arrays.stream(values())
                .map(TestTimeAugmentation::key).collect(Collectors.joining(", ")) + ", got '" + key + "'");
    }
}
