/**
 * A peer for {@code cnnlab bench}: cnnlab's zoo networks built with DJL and trained and run on its PyTorch engine
 * (libtorch for CPU), on the same images, batch size and windowed measurement, writing the same JSON. It is its own
 * Maven project under {@code tools/djl-bench}, outside cnnlab's build; {@code scripts/bench-compare.sh} runs it.
 */
package dev.cnnlab.djlbench;
