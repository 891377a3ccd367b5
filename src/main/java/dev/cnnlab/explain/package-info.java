/**
 * Explaining networks: layer-by-layer summaries of output shapes and parameter counts.
 */
package dev.cnnlab.explain;
