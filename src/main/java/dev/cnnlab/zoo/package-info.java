/**
 * The model zoo: every network configuration cnnlab can build, one small builder each, and the recipes
 * that pair a network with its dataset and training settings.
 */
package dev.cnnlab.zoo;
