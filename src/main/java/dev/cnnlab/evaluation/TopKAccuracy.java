package dev.cnnlab.evaluation;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Top-k accuracy that a tie cannot inflate. An image counts as a hit only when its true class is within the top
 * {@code k} however ties are broken: when at most {@code k} classes (the true class included) have a probability at
 * least as high as the true class's. A network whose saturated outputs are all zero therefore scores no hit,
 * where DL4J's own count ({@code Evaluation.topNAccuracy}, which counts a tie as a hit) scores every
 * image as one.
 */
public final class TopKAccuracy {
    private final int k;
    private long hits;
    private long images;

    /** @param k how many of the highest classes may hold the true one (at least 1) */
    public TopKAccuracy(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        this.k = k;
    }

    /**
     * Counts a batch.
     *
     * @param labels        one-hot labels, {@code [images, classes]}
     * @param probabilities the network's outputs, the same shape
     */
    public void add(INDArray labels, INDArray probabilities) {
        double[][] truth = labels.toDoubleMatrix();
        double[][] scores = probabilities.toDoubleMatrix();
        for (int row = 0; row < truth.length; row++) {
            if (isHit(trueClass(truth[row]), scores[row])) {
                hits++;
            }
            images++;
        }
    }

    /**
     * @param trueClass the image's class
     * @param scores    the image's class probabilities
     * @return whether at most {@code k} classes score at least as high as the true class
     */
    boolean isHit(int trueClass, double[] scores) {
        double own = scores[trueClass];
        if (Double.isNaN(own)) {
            return false;
        }
        int atLeastAsHigh = 0;
        for (double s : scores) {
            // A NaN score compares false here: it never outranks the true class.
            if (s >= own) {
                atLeastAsHigh++;
            }
        }
        return atLeastAsHigh <= k;
    }

    private static int trueClass(double[] oneHot) {
        int best = 0;
        for (int c = 1; c < oneHot.length; c++) {
            if (oneHot[c] > oneHot[best]) {
                best = c;
            }
        }
        return best;
    }

    /** @return the {@code k} of top-k */
    public int k() {
        return k;
    }

    /** @return images counted so far */
    public long images() {
        return images;
    }

    /** @return share of the images counted that were hits (NaN before any) */
    public double accuracy() {
        return images == 0 ? Double.NaN : (double) hits / images;
    }
}
