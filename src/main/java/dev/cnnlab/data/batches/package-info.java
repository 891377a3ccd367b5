/**
 * Mini-batches for DL4J, cut by one iterator ({@link dev.cnnlab.data.batches.ImageBatchIterator}) for every source:
 * shuffled per pass from a seed, so a pass can be replayed for resume, optionally changed image by image through an
 * {@link dev.cnnlab.data.batches.ImageAugmentation} hook, assembled from any {@link dev.cnnlab.data.ImageSet} into
 * {@code [batch, channels, height, width]} features and one-hot labels.
 */
package dev.cnnlab.data.batches;
