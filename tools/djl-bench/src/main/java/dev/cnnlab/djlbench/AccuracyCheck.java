package dev.cnnlab.djlbench;

import ai.djl.ndarray.NDArray;

import java.util.List;

/**
 * Shows that the peer trains what it measures: one epoch on the first 6,000 MNIST training images at the bench's
 * batch size, the loss of the first and last tenth of the batches, and the accuracy on the 10,000 test images.
 */
public final class AccuracyCheck {
    private static final int TRAIN_IMAGES = 6000;
    private static final int TEST_LIMIT = 10_000;

    private AccuracyCheck() {
    }

    /**
     * @param name    an MNIST network
     * @param options the data directory, batch size and seed
     * @return true when the loss fell (last tenth's mean below the first tenth's)
     */
    public static boolean run(String name, BenchOptions options) {
        if (Networks.onPhotos(name)) {
            throw new BenchInputException("--check: trains on MNIST; choose lenet or keras-mnist with --models");
        }
        ImagePool train = MnistImages.read(options.dataDir(), "train", TRAIN_IMAGES);
        ImagePool test = MnistImages.read(options.dataDir(), "t10k", TEST_LIMIT);
        int b = options.batchSize();
        try (DjlNetwork network = new DjlNetwork(name, train.classes(), train.batchShape(b), options.seed())) {
            List<NDArray> images = train.inputBatches(network.manager(), b);
            List<NDArray> labels = train.labelBatches(network.manager(), b);
            float[] losses = new float[images.size()];
            for (int i = 0; i < images.size(); i++) {
                losses[i] = network.trainStep(images.get(i), labels.get(i));
            }
            int tenth = Math.max(1, losses.length / 10);
            double first = mean(losses, 0, tenth);
            double last = mean(losses, losses.length - tenth, losses.length);
            int correct = 0;
            for (int start = 0; start < test.size(); start += ImagePool.LARGE_BATCH) {
                int count = Math.min(ImagePool.LARGE_BATCH, test.size() - start);
                long[] predicted;
                try (NDArray batch = test.images(network.manager(), start, count)) {
                    predicted = network.predict(batch);
                }
                for (int i = 0; i < count; i++) {
                    correct += predicted[i] == test.labels()[start + i] ? 1 : 0;
                }
            }
            System.out.printf("%s (DJL): 1 epoch on %,d MNIST training images, batch %d: mean loss %.3f in the first "
                            + "%d batches, %.3f in the last %d; test accuracy %.2f%% (%,d of %,d)%n", name,
                    images.size() * b, b, first, tenth, last, tenth, 100.0 * correct / test.size(), correct,
                    test.size());
            return last < first;
        }
    }

    private static double mean(float[] values, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += values[i];
        }
        return sum / (to - from);
    }
}
