package dev.cnnlab.report;

import dev.cnnlab.training.MetricsHistory.EpochMetrics;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Accuracy per epoch: on a fixed sample of training images and on the evaluation set.
 */
public final class AccuracyChart {
    private AccuracyChart() {
    }

    /**
     * @param epochs    every epoch's summary, in order; at least one
     * @param finalTest the final model's test accuracy in [0, 1], drawn at the last epoch when the epochs
     *                  were evaluated on a validation set; NaN for none
     * @return the chart: epoch on x, accuracy in percent on y
     */
    public static BufferedImage perEpoch(List<EpochMetrics> epochs, double finalTest) {
        String evalSet = LossChart.evalSet(epochs);
        CategoryChart chart = Charts.epochChart("Accuracy per epoch (" + evalSet + " set)", "accuracy (%)");
        // Below the plot: inside, the legend can hide a low early epoch.
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        List<String> x = Charts.epochLabels(epochs);
        List<Double> y = epochs.stream().map(e -> 100 * e.evalAccuracy()).toList();
        List<Double> train = epochs.stream().map(e -> 100 * e.trainAccuracy()).toList();
        double lowest = java.util.stream.Stream.concat(y.stream(), train.stream())
                .mapToDouble(Double::doubleValue).min().orElse(100);
        // Start a little below the worst epoch so that fractions of a percent show, at a round ten so the
        // reader is not misled about the scale.
        chart.getStyler().setYAxisMin(Math.max(0, Math.floor((lowest - 2) / 10) * 10));
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setYAxisDecimalPattern("0");
        String last = y.isEmpty() ? "" : String.format(Locale.ROOT, " (last: %.2f%%)", y.get(y.size() - 1));
        String lastTrain = train.isEmpty() ? "" : String.format(Locale.ROOT, " (last: %.2f%%)", train.get(train.size() - 1));
        CategorySeries trainSeries = chart.addSeries("training accuracy (1,000-image sample)" + lastTrain, x, train);
        Charts.colour(trainSeries, Palette.TRAIN, SeriesMarkers.CIRCLE);
        CategorySeries eval = chart.addSeries(evalSet + " accuracy after each epoch" + last, x, y);
        Charts.colour(eval, Palette.EVAL, SeriesMarkers.DIAMOND);
        if (!"test".equals(evalSet) && Double.isFinite(finalTest) && !x.isEmpty()) {
            // One point at the last epoch; the earlier epochs have no test measurement (null leaves a gap).
            List<Double> test = new ArrayList<>();
            for (int i = 0; i < x.size(); i++) {
                test.add(i == x.size() - 1 ? 100 * finalTest : null);
            }
            CategorySeries s = chart.addSeries(String.format(Locale.ROOT, "test accuracy of the final model: %.2f%%",
                    100 * finalTest), x, test);
            Charts.colour(s, Palette.INK, SeriesMarkers.SQUARE);
        }
        return Charts.render(chart);
    }
}
