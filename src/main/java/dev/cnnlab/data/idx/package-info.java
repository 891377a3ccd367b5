/**
 * The IDX datasets (MNIST, Fashion-MNIST): their files and checksums, reading them plain or gzipped, and the digit
 * tutorial's shifted-copies augmentation.
 */
package dev.cnnlab.data.idx;
