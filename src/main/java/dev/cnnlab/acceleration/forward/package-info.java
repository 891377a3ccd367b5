/**
 * A trained network's forward pass in plain Java, one image at a time: what {@code predict} and the batch-1 column of
 * {@code bench} run. At batch 1, DL4J 1.0.0-M2.1 spends most of a call in libnd4j's per-operation set-up rather than
 * in arithmetic (docs/performance.md); here only the large convolutions call into ND4J, for one matrix product each,
 * and each layer is cut into parts that the cores compute at once. Batches keep DL4J's {@code output}, whose oneDNN
 * kernels win there.
 */
package dev.cnnlab.acceleration.forward;
