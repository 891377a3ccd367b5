package dev.cnnlab.zoo;

import org.nd4j.linalg.learning.config.IUpdater;

/**
 * What every network builder needs besides its own layers.
 *
 * @param input      the input image shape
 * @param numClasses the number of output classes
 * @param seed       the seed for weight initialisation
 * @param updater    the optimiser, for example Adam with its learning rate
 */
public record NetworkSpec(InputShape input, int numClasses, long seed, IUpdater updater) {
}
