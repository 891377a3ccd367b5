package dev.cnnlab.report;

import dev.cnnlab.training.MetricsHistory.EpochMetrics;
import dev.cnnlab.training.MetricsHistory.IterationLoss;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Loss charts: every mini-batch's loss with a smoothed trend, and the mean loss per epoch on the training
 * set against the loss on the evaluation set.
 */
public final class LossChart {
    private LossChart() {
    }

    /**
     * Mini-batch losses jump from batch to batch; the smoothed line shows the trend, the faint raw line
     * how noisy it is, and thin vertical lines mark where each epoch ends.
     *
     * @param iterations every iteration's loss, in order
     * @return the chart: iteration on x, cross-entropy loss on y
     */
    public static BufferedImage perIteration(List<IterationLoss> iterations) {
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title("Training loss per iteration").xAxisTitle(iterations.stream().map(IterationLoss::epoch).distinct().count() > 1
                        ? "iteration (mini-batch); dashed lines: end of each epoch" : "iteration (mini-batch)")
                .yAxisTitle("cross-entropy loss").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        double[] x = iterations.stream().mapToDouble(IterationLoss::iteration).toArray();
        double[] raw = iterations.stream().mapToDouble(IterationLoss::loss).toArray();
        if (x.length == 0) {
            x = new double[] {0};
            raw = new double[] {0};
        }
        // XChart 3.8 puts x ticks on data values, as densely as the labels fit ("0 7 14 ... 105112119");
        // labelling only round multiples keeps about eight readable ticks.
        long step = Charts.niceStep(x[x.length - 1] - x[0], 8);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> Math.abs(v / step - Math.rint(v / step)) < 1e-9
                ? String.format(Locale.ROOT, "%,d", (long) Math.rint(v)) : "");
        chart.getStyler().setAnnotationLineColor(new Color(0xbbbbbb));
        chart.getStyler().setAnnotationLineStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {4f, 4f}, 0f));
        for (int i = 1; i < iterations.size(); i++) {
            if (iterations.get(i).epoch() != iterations.get(i - 1).epoch()) {
                chart.addAnnotation(new AnnotationLine(x[i - 1] + 0.5, true, false));
            }
        }
        XYSeries rawSeries = chart.addSeries("mini-batch loss", x, raw);
        rawSeries.setLineColor(Palette.TRAIN_LIGHT);
        rawSeries.setLineStyle(new BasicStroke(1f));
        rawSeries.setMarker(SeriesMarkers.NONE);
        int window = Smoothing.windowFor(raw.length);
        XYSeries smooth = chart.addSeries("smoothed (moving average, ~" + window + " iterations)", x,
                Smoothing.exponential(raw, window));
        smooth.setLineColor(Palette.TRAIN);
        smooth.setLineStyle(new BasicStroke(2.5f));
        smooth.setMarker(SeriesMarkers.NONE);
        return Charts.render(chart);
    }

    /**
     * The training loss is averaged over the epoch while the weights were still changing, the evaluation
     * loss is measured after the epoch: a gap that grows with the epochs is overfitting.
     *
     * @param epochs every epoch's summary, in order; at least one
     * @return the chart: epoch on x, loss on y, training blue and evaluation orange
     */
    public static BufferedImage perEpoch(List<EpochMetrics> epochs) {
        CategoryChart chart = Charts.epochChart("Loss per epoch", "cross-entropy loss");
        // Below the plot: inside, the legend can hide a high first epoch.
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern("0.0#");
        List<String> x = Charts.epochLabels(epochs);
        CategorySeries train = chart.addSeries("training (mean over the epoch's mini-batches)", x,
                epochs.stream().map(EpochMetrics::trainLoss).toList());
        Charts.colour(train, Palette.TRAIN, SeriesMarkers.CIRCLE);
        CategorySeries eval = chart.addSeries(evalSet(epochs) + " (after the epoch)", x,
                epochs.stream().map(EpochMetrics::evalLoss).toList());
        Charts.colour(eval, Palette.EVAL, SeriesMarkers.DIAMOND);
        return Charts.render(chart);
    }

    /** @return the evaluation set's name, {@code validation} or {@code test} */
    static String evalSet(List<EpochMetrics> epochs) {
        return epochs.isEmpty() || epochs.get(0).evalSet() == null ? "test" : epochs.get(0).evalSet();
    }
}
