/**
 * Prediction: turning a PNG or JPEG of any size into the input a saved network expects, and reading off
 * its most probable classes.
 */
package dev.cnnlab.inference;
