package dev.cnnlab.model;

import dev.cnnlab.zoo.InputShape;

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
 */
public record ModelInfo(String architecture, String dataset, List<String> classNames, InputShape input,
                        boolean lightOnDark) {
    /** Copies the class list. */
    public ModelInfo {
        classNames = List.copyOf(classNames);
    }
}
