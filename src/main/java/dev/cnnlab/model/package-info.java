/**
 * The saved-model format: a DL4J ModelSerializer zip holding the network, its updater state, the fitted
 * input normaliser and cnnlab's own description of the model (classes, input shape, dataset).
 */
package dev.cnnlab.model;
