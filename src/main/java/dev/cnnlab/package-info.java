/**
 * cnnlab: train, evaluate, explain and export convolutional networks with Deeplearning4j.
 *
 * <p>Data flows one way through the packages: {@code data} (datasets and iterators) to {@code zoo} (network
 * configurations) to {@code training} to {@code evaluation} to {@code explain} (summaries and reports);
 * {@code model} holds the saved-model format they share, {@code inference} predicts with a saved model,
 * {@code platform} prepares ND4J's native runtime and {@code cli} is a thin shell over all of them.
 */
package dev.cnnlab;
