/**
 * Replacements for DL4J layers, helpers and activations whose shipped versions are slow on the CPU backend: the
 * first convolution's passes as a Java im2col and matrix products (skipping the input gradient nothing reads), dense
 * and output layers through row-major BLAS products, ReLU's backward pass in place, and Bernoulli dropout masks.
 * Each computes what DL4J's own would, to floating-point rounding.
 */
package dev.cnnlab.acceleration.layers;
