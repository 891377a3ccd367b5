/**
 * Throughput benchmarks: how many images per second a zoo network trains and infers on the real images it trains on
 * (MNIST, or cats-vs-dogs photos for a photo network; {@link dev.cnnlab.bench.BenchImages}), and how much memory the
 * process needed, measured the same way as {@code scripts/bench-pytorch.py} so the two can be compared.
 *
 * <p>{@link dev.cnnlab.bench.WindowedRate} times a step in windows after a warm-up and
 * {@link dev.cnnlab.bench.Rates} takes their median; {@link dev.cnnlab.bench.ThroughputBenchmark} runs the three
 * measurements for one network; {@link dev.cnnlab.bench.BenchReport} writes the JSON and the table;
 * {@link dev.cnnlab.bench.ChildJvm} runs each network in a JVM of its own so that its peak memory is its own.
 * {@link dev.cnnlab.bench.PhotoTreeBuilder} builds a cats-vs-dogs tree of any size for timing the photo pipeline
 * ({@code scripts/bench-photo-tree.sh}).
 */
package dev.cnnlab.bench;
