package dev.cnnlab.model;

import dev.cnnlab.zoo.InputShape;
import dev.cnnlab.zoo.TestTimeAugmentation;

import java.util.List;

/**
 * What a saved network needs besides its weights to be used on new images.
 *
 * @param architecture the zoo name of the network, such as {@code lenet}
 * @param dataset      what it was trained on, such as {@code mnist}
 * @param classNames   class names, indexed by output
 * @param input        the input shape the network expects
 * @param lightOnDark  whether training images show light strokes on a dark background (MNIST does), so
 *                     prediction can flip a dark-on-light photo or scan to match
 * @param testTime     how the network is run on a batch at inference (null, as in zips from before it was saved:
 *                     {@link TestTimeAugmentation#NONE})
 */
public record ModelInfo(String architecture, String dataset, List<String> classNames, InputShape input,
                        boolean lightOnDark, TestTimeAugmentation testTime) {
    /** Copies the class list. */
    public ModelInfo {
        classNames = List.copyOf(classNames);
        testTime = testTime == null ? TestTimeAugmentation.NONE : testTime;
    }

    /**
     * A model scored with one pass per image.
     *
     * @param architecture the zoo name of the network
     * @param dataset      what it was trained on
     * @param classNames   class names, indexed by output
     * @param input        the input shape the network expects
     * @param lightOnDark  whether training images show light strokes on a dark background
     */
    public ModelInfo(String architecture, String dataset, List<String> classNames, InputShape input,
                     boolean lightOnDark) {
        this(architecture, dataset, classNames, input, lightOnDark, TestTimeAugmentation.NONE);
    }

    /**
     * @param other another way to score the network
     * @return this description, scored that way
     */
    public ModelInfo withTestTime(TestTimeAugmentation other) {
        return new ModelInfo(architecture, dataset, classNames, input, lightOnDark, other);
    }
}
