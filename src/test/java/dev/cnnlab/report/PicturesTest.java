package dev.cnnlab.report;

import dev.cnnlab.training.MetricsHistory.EpochMetrics;
import dev.cnnlab.training.MetricsHistory.IterationLoss;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The drawing helpers, without a network. */
class PicturesTest {
    @Test
    void smoothingFollowsAConstantAtOnceAndDampsNoise() {
        assertThat(Smoothing.exponential(new double[] {2, 2, 2}, 10)).containsExactly(2, 2, 2);
        double[] noisy = new double[200];
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] = i % 2 == 0 ? 0 : 1;
        }
        double[] smooth = Smoothing.exponential(noisy, 20);
        assertThat(smooth[199]).isCloseTo(0.5, within(0.05));
        assertThat(Smoothing.windowFor(10)).isEqualTo(5);
        assertThat(Smoothing.windowFor(3000)).isEqualTo(100);
    }

    @Test
    void colourMapsRunFromEndToEnd() {
        assertThat(Palette.diverging(0)).isEqualTo(new Color(0xf7f7f7));
        assertThat(Palette.diverging(-1)).isEqualTo(new Color(0x2166ac));
        assertThat(Palette.diverging(5)).isEqualTo(new Color(0xb2182b));
        assertThat(Palette.viridis(Double.NaN)).isEqualTo(new Color(0x440154));
        assertThat(Palette.textOn(Palette.oranges(1))).isEqualTo(Color.WHITE);
        assertThat(Palette.textOn(Palette.oranges(0))).isEqualTo(Palette.INK);
    }

    @Test
    void layoutHelpers() {
        assertThat(TileGrid.columnsFor(20, 10)).isEqualTo(7);
        assertThat(TileGrid.columnsFor(3, 10)).isEqualTo(3);
        assertThat(TileGrid.columnsFor(500, 10)).isEqualTo(10);
        assertThat(Charts.niceStep(189, 8)).isEqualTo(50);
        assertThat(Charts.niceStep(3749, 8)).isEqualTo(500);
        assertThat(Charts.niceStep(5, 8)).isEqualTo(1);
    }

    @Test
    void chartsOfOneEpochAndOfAValidationRunAreDrawn() {
        List<IterationLoss> iterations = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            iterations.add(new IterationLoss(i, 1 + i / 20, 2.3 / (1 + i)));
        }
        List<EpochMetrics> one = List.of(new EpochMetrics(1, 0.9, 0.86, 0.4, 0.88, "validation", 3, 500));
        for (BufferedImage image : List.of(LossChart.perIteration(iterations), LossChart.perEpoch(one),
                AccuracyChart.perEpoch(one, 0.9))) {
            assertThat(image.getWidth()).isEqualTo(Charts.WIDTH);
            assertThat(image.getHeight()).isEqualTo(Charts.HEIGHT);
            assertThat(PngAssert.variance(image)).isPositive();
        }
    }

    @Test
    void heatmapWithLongClassNamesIsDrawn() {
        List<String> names = List.of("T-shirt/top", "Trouser", "Ankle boot");
        ConfusionHeatmap h = new ConfusionHeatmap(new int[][] {{5, 1, 0}, {0, 7, 0}, {2, 0, 9}}, names, "test images");
        assertThat(h.total()).isEqualTo(24);
        assertThat(h.accuracy()).isCloseTo(21 / 24.0, within(1e-12));
        assertThat(PngAssert.variance(h.render())).isPositive();
    }

    @Test
    void htmlEscapesUserText() {
        assertThat(ReportPage.esc("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }
}
