package dev.cnnlab.evaluation;

import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The most frequent mistakes, read off a confusion matrix whose counts are known. */
class EvaluationReportTest {
    private static final List<String> CLASSES = List.of("shirt", "coat", "bag");

    /** Evaluates one-hot predictions: {@code pairs} holds (actual, predicted) per image. */
    private static EvaluationReport report(int[][] pairs) {
        double[][] labels = new double[pairs.length][CLASSES.size()];
        double[][] outputs = new double[pairs.length][CLASSES.size()];
        for (int i = 0; i < pairs.length; i++) {
            labels[i][pairs[i][0]] = 1;
            outputs[i][pairs[i][1]] = 1;
        }
        Evaluation evaluation = new Evaluation(CLASSES, 1);
        evaluation.eval(Nd4j.create(labels), Nd4j.create(outputs));
        return new EvaluationReport(evaluation, 0, CLASSES);
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
}
