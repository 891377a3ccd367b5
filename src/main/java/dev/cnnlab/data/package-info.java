/**
 * Datasets and input pipelines: fetching and verifying the IDX files of MNIST and Fashion-MNIST, reading
 * them, splitting, scaling, and feeding them to DL4J as shuffled mini-batch iterators.
 */
package dev.cnnlab.data;
