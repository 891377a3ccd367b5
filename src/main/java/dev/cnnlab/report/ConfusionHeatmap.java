package dev.cnnlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The confusion matrix as a heat map: true classes down, predicted classes across, every non-zero count
 * written in its cell, and each row's total at its end.
 *
 * <p>Cells are coloured by their share of the row (a recall-like rate) rather than by the raw count, so a
 * rare class's mistakes are as visible as a common one's; a square-root scale lets a handful of mistakes
 * show against a diagonal of hundreds.
 */
public final class ConfusionHeatmap {
    private static final int MARGIN = 16;
    private static final int HEADER = 56;
    private static final int GAP = 8;

    private final int[][] counts;
    private final List<String> classNames;
    private final String evaluatedSet;

    /**
     * @param counts       {@code [actual][predicted]} counts, square, one row per class
     * @param classNames   class names, indexed by label
     * @param evaluatedSet what was evaluated, for the title, such as {@code test images}
     */
    public ConfusionHeatmap(int[][] counts, List<String> classNames, String evaluatedSet) {
        if (counts.length != classNames.size()) {
            throw new IllegalArgumentException(counts.length + " confusion rows for " + classNames.size() + " classes");
        }
        this.counts = new int[counts.length][];
        for (int a = 0; a < counts.length; a++) {
            if (counts[a].length != counts.length) {
                throw new IllegalArgumentException("confusion matrix row " + a + " has " + counts[a].length
                        + " columns, expected " + counts.length);
            }
            this.counts[a] = counts[a].clone();
        }
        this.classNames = List.copyOf(classNames);
        this.evaluatedSet = evaluatedSet;
    }

    /**
     * @param actual    a true class
     * @param predicted a predicted class
     * @return the count drawn in that cell
     */
    public int count(int actual, int predicted) {
        return counts[actual][predicted];
    }

    /** @return the sum of every cell: the number of images evaluated */
    public int total() {
        int sum = 0;
        for (int[] row : counts) {
            for (int c : row) {
                sum += c;
            }
        }
        return sum;
    }

    /** @return the share of images on the diagonal */
    public double accuracy() {
        int right = 0;
        for (int i = 0; i < counts.length; i++) {
            right += counts[i][i];
        }
        int total = total();
        return total == 0 ? Double.NaN : (double) right / total;
    }

    /** @return side of one cell in pixels: large enough for a four-digit count */
    public int cellSize() {
        return counts.length <= 12 ? 52 : counts.length <= 30 ? 36 : 24;
    }

    /** @return the picture */
    public BufferedImage render() {
        Pictures.init();
        int n = counts.length;
        int cell = cellSize();
        // Measure the labels first: the plot's position depends on the longest class name.
        BufferedImage probe = Pictures.canvas(1, 1);
        Graphics2D pg = Pictures.graphics(probe);
        pg.setFont(Pictures.LABEL);
        FontMetrics fm = pg.getFontMetrics();
        int longest = classNames.stream().mapToInt(fm::stringWidth).max().orElse(0);
        int totalWidth = fm.stringWidth("n = 00000");
        pg.dispose();
        boolean vertical = longest > cell - 4;
        int left = MARGIN + 20 + longest + GAP;
        int top = HEADER;
        int plot = n * cell;
        int xLabels = vertical ? longest + GAP : fm.getHeight() + GAP;
        int width = Math.max(left + plot + GAP + totalWidth + MARGIN, 520);
        int height = top + plot + xLabels + 24 + MARGIN;

        BufferedImage out = Pictures.canvas(width, height);
        Graphics2D g = Pictures.graphics(out);
        g.setColor(Palette.INK);
        g.setFont(Pictures.TITLE);
        g.drawString(String.format(Locale.ROOT, "Confusion matrix: %,d %s, accuracy %.1f%%", total(), evaluatedSet,
                100 * accuracy()), MARGIN, 24);
        g.setFont(Pictures.LABEL);
        g.setColor(Palette.MUTED);
        g.drawString("rows: true class, columns: predicted class; colour: share of the row", MARGIN, 42);

        g.setFont(Pictures.LABEL);
        for (int a = 0; a < n; a++) {
            int rowTotal = 0;
            for (int p = 0; p < n; p++) {
                rowTotal += counts[a][p];
            }
            for (int p = 0; p < n; p++) {
                int x = left + p * cell;
                int y = top + a * cell;
                double share = rowTotal == 0 ? 0 : (double) counts[a][p] / rowTotal;
                Color fill = Palette.oranges(Math.sqrt(share));
                g.setColor(fill);
                g.fillRect(x, y, cell, cell);
                if (counts[a][p] != 0) {
                    String text = String.valueOf(counts[a][p]);
                    g.setColor(Palette.textOn(fill));
                    g.drawString(text, x + (cell - fm.stringWidth(text)) / 2, y + (cell + fm.getAscent()) / 2 - 2);
                }
            }
            // Row label, right-aligned against the plot.
            g.setColor(Palette.INK);
            String name = classNames.get(a);
            g.drawString(name, left - GAP - fm.stringWidth(name), top + a * cell + (cell + fm.getAscent()) / 2 - 2);
            g.setColor(Palette.MUTED);
            g.drawString("n = " + rowTotal, left + plot + GAP, top + a * cell + (cell + fm.getAscent()) / 2 - 2);
        }
        // The diagonal holds the right answers: frame it so the eye finds it at once.
        g.setColor(Palette.INK);
        g.setStroke(new BasicStroke(1.5f));
        for (int i = 0; i < n; i++) {
            g.drawRect(left + i * cell, top + i * cell, cell, cell);
        }
        g.setColor(Palette.MUTED);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, top, plot, plot);

        g.setColor(Palette.INK);
        for (int p = 0; p < n; p++) {
            String name = classNames.get(p);
            int cx = left + p * cell + cell / 2;
            if (vertical) {
                AffineTransform saved = g.getTransform();
                g.translate(cx + fm.getAscent() / 2.0 - 2, top + plot + GAP + fm.stringWidth(name));
                g.rotate(-Math.PI / 2);
                g.drawString(name, 0, 0);
                g.setTransform(saved);
            } else {
                g.drawString(name, cx - fm.stringWidth(name) / 2, top + plot + GAP + fm.getAscent());
            }
        }
        g.setFont(Pictures.LABEL.deriveFont(13f));
        FontMetrics axis = g.getFontMetrics();
        String predicted = "predicted class";
        g.drawString(predicted, left + (plot - axis.stringWidth(predicted)) / 2, top + plot + xLabels + 18);
        String actual = "true class";
        AffineTransform saved = g.getTransform();
        g.translate(MARGIN + axis.getAscent(), top + (plot + axis.stringWidth(actual)) / 2.0);
        g.rotate(-Math.PI / 2);
        g.drawString(actual, 0, 0);
        g.setTransform(saved);
        g.dispose();
        return out;
    }
}
