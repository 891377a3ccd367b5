package dev.cnnlab.report;

import java.awt.Color;

/**
 * The colours every picture shares, so that a reader learns them once: training is blue, evaluation
 * (validation or test) is orange, mistakes are red.
 */
public final class Palette {
    /** Training series. */
    public static final Color TRAIN = new Color(0x1f77b4);
    /** Raw, noisy training series drawn under their smoothed version: a light tint of {@link #TRAIN}. */
    public static final Color TRAIN_LIGHT = new Color(0xaec7e8);
    /** Evaluation series: the validation or test set. */
    public static final Color EVAL = new Color(0xff7f0e);
    /** A wrong prediction. */
    public static final Color MISTAKE = new Color(0xd62728);
    /** Text on a light background. */
    public static final Color INK = new Color(0x222222);
    /** Secondary text and frames. */
    public static final Color MUTED = new Color(0x888888);
    /** Picture background. */
    public static final Color PAPER = Color.WHITE;

    // Anchors of the colour maps, sampled from matplotlib's viridis, RdBu and Oranges: perceptually ordered,
    // and viridis and Oranges stay readable in greyscale print and for most colour-blind readers.
    private static final int[] VIRIDIS = {0x440154, 0x472c7a, 0x3b528b, 0x2c728e, 0x21918c, 0x28ae80, 0x5ec962,
        0xaddc30, 0xfde725};
    private static final int[] DIVERGING = {0x2166ac, 0x67a9cf, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xef8a62, 0xb2182b};
    private static final int[] ORANGES = {0xfff5eb, 0xfee6ce, 0xfdd0a2, 0xfdae6b, 0xfd8d3c, 0xf16913, 0xd94801,
        0xa63603, 0x7f2704};

    private Palette() {
    }

    /**
     * Activation strength, for feature maps.
     *
     * @param t a value in [0, 1] (clamped)
     * @return dark purple at 0 through green to yellow at 1
     */
    public static Color viridis(double t) {
        return ramp(VIRIDIS, t);
    }

    /**
     * Signed values such as weights, for filters.
     *
     * @param t a value in [-1, 1] (clamped)
     * @return blue for negative, white for zero, red for positive
     */
    public static Color diverging(double t) {
        return ramp(DIVERGING, (t + 1) / 2);
    }

    /**
     * Shares of the evaluation set, for the confusion matrix: a ramp towards {@link #EVAL}'s dark end.
     *
     * @param t a value in [0, 1] (clamped)
     * @return near-white at 0, dark orange-brown at 1
     */
    public static Color oranges(double t) {
        return ramp(ORANGES, t);
    }

    /**
     * @param background a fill colour
     * @return white or near-black, whichever reads better on it
     */
    public static Color textOn(Color background) {
        double luminance = (0.299 * background.getRed() + 0.587 * background.getGreen()
                + 0.114 * background.getBlue()) / 255;
        return luminance < 0.55 ? Color.WHITE : INK;
    }

    private static Color ramp(int[] anchors, double t) {
        double x = Double.isNaN(t) ? 0 : Math.max(0, Math.min(1, t)) * (anchors.length - 1);
        int i = Math.min((int) x, anchors.length - 2);
        double f = x - i;
        Color a = new Color(anchors[i]);
        Color b = new Color(anchors[i + 1]);
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f),
                mix(a.getBlue(), b.getBlue(), f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
