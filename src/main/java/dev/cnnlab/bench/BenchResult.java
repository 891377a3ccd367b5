package dev.cnnlab.bench;

import java.util.OptionalDouble;

/**
 * What {@code cnnlab bench} measured for one network: the median window of each throughput measurement.
 *
 * @param model the zoo network's name, e.g. {@code lenet}
 * @param trainImgPerSec training throughput at the benchmark's batch size (forward, backward, Adam update), images/s
 * @param inferBatch1ImgPerSec inference throughput one image per call, images/s, the way {@code cnnlab predict} runs
 *                             a network: its Java forward pass ({@link dev.cnnlab.acceleration.Acceleration}) when it compiles
 *                             the network, else DL4J's {@code output}
 * @param inferBatch256ImgPerSec inference throughput in batches of 256, images/s
 * @param peakRssMb the process's peak resident memory in MiB, when the operating system reports it
 * @param inferBatch1Dl4jImgPerSec DL4J's {@code output} one image per call, when the Java forward pass was what
 *                                 {@code inferBatch1ImgPerSec} measured
 */
public record BenchResult(String model, double trainImgPerSec, double inferBatch1ImgPerSec,
                          double inferBatch256ImgPerSec, OptionalDouble peakRssMb,
                          OptionalDouble inferBatch1Dl4jImgPerSec) {
}
