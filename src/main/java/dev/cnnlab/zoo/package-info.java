/**
 * The model zoo: every network configuration cnnlab can build, one small builder each, the recipes
 * that pair a network with its dataset and training settings, and the optimisers they train with
 * ({@link dev.cnnlab.zoo.Optimizer}).
 */
package dev.cnnlab.zoo;
