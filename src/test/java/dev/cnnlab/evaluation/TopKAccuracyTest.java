package dev.cnnlab.evaluation;

import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Top-3 accuracy on outputs whose ties decide the count: saturated all-zero rows and ties at the k-th place. */
class TopKAccuracyTest {
    private static INDArray oneHot(int images, int classes, int... labels) {
        double[][] m = new double[images][classes];
        for (int i = 0; i < images; i++) {
            m[i][labels[i]] = 1;
        }
        return Nd4j.create(m);
    }

    @Test
    void saturatedAllZeroOutputsAreNoHitsThoughDl4jCountsEveryOne() {
        INDArray labels = oneHot(4, 10, 0, 3, 7, 9);
        INDArray zeros = Nd4j.zeros(4, 10);
        TopKAccuracy top3 = new TopKAccuracy(3);

        top3.add(labels, zeros);

        assertThat(top3.accuracy()).isZero();
        Evaluation dl4j = new Evaluation(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), 3);
        dl4j.eval(labels, zeros);
        assertThat(dl4j.topNAccuracy()).as("DL4J counts the ties as hits").isEqualTo(1.0);
    }

    @Test
    void aTrueClassTiedAcrossTheKthPlaceIsAMissAndOneClearlyInsideIsAHit() {
        INDArray labels = oneHot(3, 5, 2, 2, 4);
        INDArray outputs = Nd4j.create(new double[][] {
                {0.4, 0.3, 0.1, 0.1, 0.1},   // class 2 tied with 3 and 4 for third place: could be fifth
                {0.4, 0.3, 0.2, 0.05, 0.05}, // class 2 third, nothing tied: a hit
                {0.1, 0.1, 0.1, 0.1, 0.6}}); // class 4 first: a hit
        TopKAccuracy top3 = new TopKAccuracy(3);

        top3.add(labels, outputs);

        assertThat(top3.images()).isEqualTo(3);
        assertThat(top3.accuracy()).isEqualTo(2.0 / 3);
    }

    @Test
    void aFourthPlaceIsAMiss() {
        INDArray labels = oneHot(1, 5, 3);
        INDArray outputs = Nd4j.create(new double[][] {{0.4, 0.3, 0.15, 0.1, 0.05}});
        TopKAccuracy top3 = new TopKAccuracy(3);

        top3.add(labels, outputs);

        assertThat(top3.accuracy()).isZero();
    }
}
