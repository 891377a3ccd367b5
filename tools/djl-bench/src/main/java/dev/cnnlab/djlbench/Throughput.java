package dev.cnnlab.djlbench;

import ai.djl.ndarray.NDArray;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Measures one network as {@code cnnlab bench} does: training, then inference at batch 1 and 256, then peak memory. */
public final class Throughput {
    private Throughput() {
    }

    /**
     * @param name    the network
     * @param pool    its images
     * @param options how to measure
     * @return the JSON members of {@code cnnlab bench --json}: train_img_s, infer_b1_img_s, infer_b256_img_s,
     *     peak_rss_mb
     */
    public static Map<String, Object> measure(String name, ImagePool pool, BenchOptions options) {
        int b = options.batchSize();
        if (b > pool.size()) {
            throw new BenchInputException("--batch-size: " + name + "'s pool holds " + pool.size()
                    + " images, fewer than " + b);
        }
        WindowedRate timing = new WindowedRate(options.seconds(), options.windows());
        try (DjlNetwork network = new DjlNetwork(name, pool.classes(), pool.batchShape(b), options.seed())) {
            List<NDArray> images = pool.inputBatches(network.manager(), b);
            List<NDArray> labels = pool.labelBatches(network.manager(), b);
            int[] next = {0};
            List<Double> training = timing.measure(() -> {
                int i = next[0]++ % images.size();
                network.trainStep(images.get(i), labels.get(i));
                return b;
            });
            List<Double> single = inference(network, timing, pool.inputBatches(network.manager(), 1));
            List<Double> large = inference(network, timing,
                    pool.inputBatches(network.manager(), ImagePool.LARGE_BATCH));
            report(name, "training at batch " + b, training);
            report(name, "inference at batch 1", single);
            report(name, "inference at batch " + ImagePool.LARGE_BATCH, large);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("train_img_s", round(WindowedRate.median(training)));
            result.put("infer_b1_img_s", round(WindowedRate.median(single)));
            result.put("infer_b256_img_s", round(WindowedRate.median(large)));
            Double peak = PeakMemory.peakResidentMb();
            result.put("peak_rss_mb", peak == null ? null : round(peak));
            return result;
        }
    }

    private static List<Double> inference(DjlNetwork network, WindowedRate timing, List<NDArray> batches) {
        int[] next = {0};
        return timing.measure(() -> {
            NDArray x = batches.get(next[0]++ % batches.size());
            network.infer(x);
            return (int) x.getShape().get(0);
        });
    }

    private static void report(String name, String what, List<Double> rates) {
        System.err.println(name + ": " + what + ": " + rates.stream().map(r -> Long.toString(Math.round(r))).toList()
                + " img/s per window");
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
