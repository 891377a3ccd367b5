package dev.cnnlab.report;

import dev.cnnlab.training.MetricsHistory.EpochMetrics;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The look every XChart chart of a report shares: size, fonts, white background, legend placement.
 */
final class Charts {
    /** Width of every chart: two fit side by side on a wide screen, one on a narrow one. */
    static final int WIDTH = 800;
    /** Height of every chart. */
    static final int HEIGHT = 450;

    private Charts() {
    }

    /** Applies the shared style to a chart's styler. */
    static void style(AxesChartStyler s) {
        Pictures.init();
        s.setChartBackgroundColor(Palette.PAPER);
        s.setPlotBackgroundColor(Palette.PAPER);
        s.setPlotBorderColor(Palette.MUTED);
        s.setChartFontColor(Palette.INK);
        s.setAxisTickLabelsColor(Palette.INK);
        s.setPlotGridLinesColor(new Color(0xe5e5e5));
        s.setChartTitleFont(Pictures.TITLE);
        s.setChartTitleBoxVisible(false);
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(Pictures.LABEL);
        s.setLegendFont(Pictures.LABEL);
        s.setLegendBorderColor(Palette.MUTED);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setAntiAlias(true);
        s.setLocale(java.util.Locale.ROOT);
    }

    /**
     * A chart with one point per epoch. It is a category chart drawn as lines rather than an XY chart: XChart
     * puts XY ticks at 1.5, 2.5 ... on short axes, which would read as half epochs.
     *
     * @param title  the chart's title
     * @param yTitle the y axis's title
     * @return the empty chart, styled
     */
    static CategoryChart epochChart(String title, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("epoch").yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        // Side by side is for bars; lines of different series must share each epoch's x position.
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setMarkerSize(9);
        chart.getStyler().setXAxisMaxLabelCount(25);
        return chart;
    }

    /** @return the epoch numbers as category labels */
    static List<String> epochLabels(List<EpochMetrics> epochs) {
        return epochs.stream().map(e -> String.valueOf(e.epoch())).toList();
    }

    /** Colours a series' line and markers alike. */
    static void colour(CategorySeries series, Color colour, Marker marker) {
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        series.setMarker(marker);
        series.setLineStyle(new BasicStroke(2f));
    }

    /**
     * @param range the span of the axis
     * @param ticks about how many ticks are wanted
     * @return a round step (1, 2 or 5 times a power of ten, at least 1) giving at most about that many ticks
     */
    static long niceStep(double range, int ticks) {
        double raw = Math.max(1, range / ticks);
        long power = 1;
        while (power * 10 <= raw) {
            power *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    /** @return the chart drawn as an image */
    static BufferedImage render(Chart<?, ?> chart) {
        return BitmapEncoder.getBufferedImage(chart);
    }
}
