package dev.cnnlab.inference;

import java.util.List;

/**
 * The most probable classes for one image, best first.
 *
 * @param source the image's name
 * @param top    classes with their probabilities, best first
 */
public record Prediction(String source, List<ClassScore> top) {
    /**
     * One class and its probability.
     *
     * @param label       the class index
     * @param name        the class name
     * @param probability the softmax probability
     */
    public record ClassScore(int label, String name, double probability) {
    }

    /** @return the best class */
    public ClassScore best() {
        return top.get(0);
    }
}
