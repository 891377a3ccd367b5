package dev.cnnlab.evaluation;

import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The most frequent mistakes, read off a confusion matrix whose counts are known, and the text table. */
class EvaluationReportTest {
    private static final List<String> CLASSES = List.of("shirt", "coat", "bag");

    /** Evaluates one-hot predictions: {@code pairs} holds (actual, predicted) per image. */
    private static EvaluationReport report(int[][] pairs) {
        return report(CLASSES, pairs);
    }

    private static EvaluationReport report(List<String> classes, int[][] pairs) {
        double[][] labels = new double[pairs.length][classes.size()];
        double[][] outputs = new double[pairs.length][classes.size()];
        for (int i = 0; i < pairs.length; i++) {
            labels[i][pairs[i][0]] = 1;
            outputs[i][pairs[i][1]] = 1;
        }
        Evaluation evaluation = new Evaluation(classes);
        TopKAccuracy top3 = new TopKAccuracy(3);
        evaluation.eval(Nd4j.create(labels), Nd4j.create(outputs));
        top3.add(Nd4j.create(labels), Nd4j.create(outputs));
        return new EvaluationReport(evaluation, top3, 0, classes);
    }

    @Test
    void mostConfusedListsOffDiagonalCellsMostFrequentFirst() {
        EvaluationReport report = report(new int[][] {
                {0, 0}, {0, 1}, {0, 1}, {0, 1},   // shirt taken for coat 3 times
                {1, 0}, {1, 1}, {1, 2},           // coat for shirt once, for bag once
                {2, 2}, {2, 0}, {2, 0}});         // bag for shirt twice

        assertThat(report.mostConfused(10)).containsExactly(
                new EvaluationReport.Confusion("shirt", "coat", 3),
                new EvaluationReport.Confusion("bag", "shirt", 2),
                new EvaluationReport.Confusion("coat", "shirt", 1),
                new EvaluationReport.Confusion("coat", "bag", 1));
        assertThat(report.mostConfused(2)).extracting(EvaluationReport.Confusion::count).containsExactly(3, 2);
        assertThat(report.mostConfused(0)).isEmpty();
    }

    @Test
    void aPerfectClassifierConfusesNothing() {
        assertThat(report(new int[][] {{0, 0}, {1, 1}, {2, 2}}).mostConfused(5)).isEmpty();
    }

    @Test
    void confusionRowsStayAlignedWhenIndexAndNameAreWiderThanTheNames() {
        List<String> classes = List.of("T-shirt", "Trouser", "Pullover", "Ankle boot");
        String table = report(classes, new int[][] {{0, 0}, {1, 1}, {2, 2}, {3, 3}, {3, 2}}).format();
        List<String> matrix = table.lines().dropWhile(l -> !l.startsWith("confusion")).skip(1).toList();
        assertThat(matrix).hasSize(5);
        // Every row, the header included, ends its last count at the same column.
        assertThat(matrix).extracting(String::length).containsOnly(matrix.get(0).length());
        assertThat(matrix.get(4)).startsWith("3 Ankle boot ");
    }

    @Test
    void topThreeIsReportedOnlyWhenThereAreMoreThanThreeClasses() {
        EvaluationReport three = report(new int[][] {{0, 0}, {1, 2}});
        assertThat(three.hasTop3()).isFalse();
        assertThat(three.format()).doesNotContain("top-3");
        assertThat(three.toMap()).doesNotContainKey("top3_accuracy");

        EvaluationReport four = report(List.of("a", "b", "c", "d"), new int[][] {{0, 0}, {1, 2}});
        assertThat(four.hasTop3()).isTrue();
        assertThat(four.format()).contains("top-3 accuracy");
        assertThat(four.toMap()).containsKey("top3_accuracy");
    }
}
