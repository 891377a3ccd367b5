package dev.cnnlab.evaluation;

import org.nd4j.evaluation.classification.Evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The result of evaluating a classifier on a labelled dataset.
 *
 * @param evaluation DL4J's evaluation, with counts per class
 * @param top3       top-3 accuracy, ties with the true class not counted as hits ({@link TopKAccuracy})
 * @param loss       mean cross-entropy per image
 * @param classNames class names, indexed by label
 */
public record EvaluationReport(Evaluation evaluation, TopKAccuracy top3, double loss, List<String> classNames) {

    /** @return share of images whose top class is right */
    public double accuracy() {
        return evaluation.accuracy();
    }

    /** @return share of images whose right class is among the top three, however ties are broken */
    public double top3Accuracy() {
        return top3.accuracy();
    }

    /** @return whether top-3 accuracy says anything: with three classes or fewer it is always 100% */
    public boolean hasTop3() {
        return classNames.size() > 3;
    }

    /** @return number of images evaluated */
    public int count() {
        return evaluation.getNumRowCounter();
    }

    /**
     * @return the confusion matrix: {@code [actual][predicted]} counts
     */
    public int[][] confusion() {
        int k = classNames.size();
        int[][] m = new int[k][k];
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) {
                m[a][p] = evaluation.getConfusionMatrix().getCount(a, p);
            }
        }
        return m;
    }

    /** @return per class: precision, recall, F1 and the number of images */
    public List<ClassMetrics> perClass() {
        List<ClassMetrics> rows = new ArrayList<>();
        int[][] m = confusion();
        for (int c = 0; c < classNames.size(); c++) {
            int support = 0;
            for (int p = 0; p < m[c].length; p++) {
                support += m[c][p];
            }
            rows.add(new ClassMetrics(classNames.get(c), evaluation.precision(c), evaluation.recall(c),
                    evaluation.f1(c), support));
        }
        return rows;
    }

    /**
     * Metrics of one class.
     *
     * @param name      class name
     * @param precision share of predictions of this class that are right
     * @param recall    share of this class's images predicted as it
     * @param f1        harmonic mean of precision and recall
     * @param support   images of this class
     */
    public record ClassMetrics(String name, double precision, double recall, double f1, int support) {
    }

    /**
     * The classes the classifier mixes up most: the largest off-diagonal cells of the confusion matrix.
     *
     * @param n how many to return at most
     * @return up to {@code n} non-zero mistakes, the most frequent first (ties: in row, then column order)
     */
    public List<Confusion> mostConfused(int n) {
        int[][] m = confusion();
        List<Confusion> mistakes = new ArrayList<>();
        for (int a = 0; a < m.length; a++) {
            for (int p = 0; p < m.length; p++) {
                if (a != p && m[a][p] > 0) {
                    mistakes.add(new Confusion(classNames.get(a), classNames.get(p), m[a][p]));
                }
            }
        }
        // A stable sort keeps row-then-column order among equal counts.
        mistakes.sort(Comparator.comparingInt(Confusion::count).reversed());
        return List.copyOf(mistakes.subList(0, Math.min(Math.max(n, 0), mistakes.size())));
    }

    /**
     * One cell of the confusion matrix off its diagonal.
     *
     * @param actual    the images' true class
     * @param predicted the class they were taken for
     * @param count     how many images
     */
    public record Confusion(String actual, String predicted, int count) {
    }

    /** @return a map ready to be written as JSON */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("images", count());
        map.put("accuracy", accuracy());
        if (hasTop3()) {
            map.put("top3_accuracy", top3Accuracy());
        }
        map.put("loss", loss);
        map.put("classes", classNames);
        map.put("per_class", perClass());
        map.put("confusion_matrix", confusion());
        return map;
    }

    /** @return a text table: totals, per-class metrics and the confusion matrix */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "images %d   accuracy %.2f%%", count(), 100 * accuracy()));
        if (hasTop3()) {
            sb.append(String.format(Locale.ROOT, "   top-3 accuracy %.2f%%", 100 * top3Accuracy()));
        }
        sb.append(String.format(Locale.ROOT, "   loss %.4f%n", loss));
        int w = Math.max(5, classNames.stream().mapToInt(String::length).max().orElse(5));
        sb.append(String.format(Locale.ROOT, "%n%-" + w + "s  precision  recall     F1  images%n", "class"));
        for (ClassMetrics c : perClass()) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  %9.4f  %6.4f  %.4f  %6d%n",
                    c.name(), c.precision(), c.recall(), c.f1(), c.support()));
        }
        sb.append(String.format(Locale.ROOT, "%nconfusion matrix (rows: actual, columns: predicted)%n"));
        int[][] m = confusion();
        // Rows are labelled "index name", which can be wider than the widest name.
        int rowWidth = w;
        for (int a = 0; a < m.length; a++) {
            rowWidth = Math.max(rowWidth, (a + " " + classNames.get(a)).length());
        }
        sb.append(String.format(Locale.ROOT, "%-" + rowWidth + "s", ""));
        for (int p = 0; p < m.length; p++) {
            sb.append(String.format(Locale.ROOT, " %5d", p));
        }
        sb.append(System.lineSeparator());
        for (int a = 0; a < m.length; a++) {
            sb.append(String.format(Locale.ROOT, "%-" + rowWidth + "s", a + " " + classNames.get(a)));
            for (int p = 0; p < m.length; p++) {
                sb.append(String.format(Locale.ROOT, " %5d", m[a][p]));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }
}
