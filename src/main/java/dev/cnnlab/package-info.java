/**
 * cnnlab: train, evaluate, explain and export convolutional networks with Deeplearning4j.
 *
 * <p>Data flows one way through the packages: {@code data} (datasets and batch iterators) to {@code zoo} (network
 * configurations) to {@code training} to {@code evaluation} to {@code report}; {@code explain} describes networks,
 * {@code model} holds the saved-model format they share and {@code inference} predicts with a saved model.
 * {@code acceleration} holds every change to how DL4J computes on the CPU backend, built from {@code kernels};
 * {@code runtime} prepares ND4J's native runtime; {@code cli} is a thin shell over all of them.
 */
package dev.cnnlab;
