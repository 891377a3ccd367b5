/**
 * Datasets and input pipelines: fetching and verifying the IDX files of MNIST and Fashion-MNIST, reading
 * them, splitting, scaling, and feeding them to DL4J as shuffled mini-batch iterators. The iterators read any
 * {@link dev.cnnlab.data.ImageSet}: images held off the Java heap for the run, or augmented copies written as they
 * are read.
 */
package dev.cnnlab.data;
