package dev.cnnlab.report;

import dev.cnnlab.evaluation.EvaluationReport.ClassMetrics;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Recall per class as bars: the share of each class's images the network got right, which shows which
 * classes it finds hard even when the overall accuracy looks good.
 */
public final class RecallChart {
    private RecallChart() {
    }

    /**
     * @param classes per-class metrics of an evaluation, in class order
     * @param images  number of images evaluated, for the title
     * @return the chart: class names on x, recall in percent on y, each bar labelled with its value
     */
    public static BufferedImage of(List<ClassMetrics> classes, int images) {
        CategoryChart chart = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT)
                .title("Recall per class (" + images + " test images)").xAxisTitle("true class")
                .yAxisTitle("recall: share of the class predicted right (%)").build();
        Charts.style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(100.0);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(Pictures.SMALL);
        chart.getStyler().setLabelsFontColorAutomaticEnabled(false);
        chart.getStyler().setLabelsFontColor(Palette.INK);
        chart.getStyler().setLabelsPosition(1.0);
        chart.getStyler().setDecimalPattern("0.0");
        chart.getStyler().setYAxisDecimalPattern("0");
        chart.getStyler().setAvailableSpaceFill(0.7);
        // Long class names (Fashion-MNIST's "T-shirt/top") collide horizontally at ten bars.
        int longest = classes.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        if (longest * classes.size() > 70) {
            chart.getStyler().setXAxisLabelRotation(30);
        }
        List<String> names = classes.stream().map(ClassMetrics::name).toList();
        List<Double> recall = classes.stream().map(c -> 100 * (Double.isFinite(c.recall()) ? c.recall() : 0)).toList();
        CategorySeries series = chart.addSeries("recall", names, recall);
        series.setFillColor(Palette.EVAL);
        return Charts.render(chart);
    }
}
