/**
 * Mini-batches for DL4J: shuffled per pass from a seed, so a pass can be replayed for resume, assembled from any
 * {@link dev.cnnlab.data.ImageSet} into {@code [batch, channels, height, width]} features and one-hot labels.
 */
package dev.cnnlab.data.batches;
