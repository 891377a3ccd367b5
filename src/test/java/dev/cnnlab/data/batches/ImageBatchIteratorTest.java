package dev.cnnlab.data.batches;

import dev.cnnlab.TestData;
import dev.cnnlab.data.ImageSet;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.Scaling;
import dev.cnnlab.data.idx.IdxAugmentation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ImageBatchIteratorTest {
    private final LabelledImages images = TestData.mnistTest().limit(1000);

    @Test
    void batchesHaveImageShapeAndOneHotLabels() {
        ImageBatchIterator it = new ImageBatchIterator(images, 64, true, 1);
        DataSet batch = it.next();
        assertThat(batch.getFeatures().shape()).containsExactly(64, 1, 28, 28);
        assertThat(batch.getLabels().shape()).containsExactly(64, 10);
        assertThat(batch.getLabels().sum(1).minNumber().doubleValue()).isEqualTo(1.0);
        assertThat(batch.getFeatures().maxNumber().doubleValue()).isEqualTo(255.0);
    }

    @Test
    void anEpochVisitsEveryImageOnceWithALastPartialBatch() {
        ImageBatchIterator it = new ImageBatchIterator(images, 64, true, 1);
        int seen = 0;
        int batches = 0;
        double labelSum = 0;
        while (it.hasNext()) {
            DataSet b = it.next();
            seen += b.numExamples();
            batches++;
            labelSum += b.getLabels().argMax(1).sumNumber().doubleValue();
        }
        assertThat(seen).isEqualTo(1000);
        assertThat(batches).isEqualTo(16);
        assertThat(labelSum).isEqualTo(java.util.Arrays.stream(images.labels()).sum());
    }

    @Test
    void shufflesDifferentlyEachEpochAndReproduciblyFromTheSeed() {
        List<Double> a = firstLabels(new ImageBatchIterator(images, 32, true, 5), 2);
        List<Double> b = firstLabels(new ImageBatchIterator(images, 32, true, 5), 2);
        assertThat(a).isEqualTo(b);
        assertThat(a.subList(0, 32)).isNotEqualTo(a.subList(32, 64));
        List<Double> unshuffled = firstLabels(new ImageBatchIterator(images, 32, false, 5), 1);
        assertThat(unshuffled.subList(0, 3)).containsExactly(7.0, 2.0, 1.0);
    }

    @Test
    void unitScalingMapsPixelsToZeroOne() {
        ImageBatchIterator it = new ImageBatchIterator(images, 100, false, 0);
        it.setPreProcessor(Scaling.UNIT.fit(new ImageBatchIterator(images, 100, false, 0)));
        INDArray f = it.next().getFeatures();
        assertThat(f.minNumber().doubleValue()).isEqualTo(0.0);
        assertThat(f.maxNumber().doubleValue()).isEqualTo(1.0);
    }

    @Test
    void standardizationUsesTheTrainingMeanAndStd() {
        DataNormalization norm = Scaling.STANDARDIZE.fit(new ImageBatchIterator(images, 100, false, 0));
        ImageBatchIterator it = new ImageBatchIterator(images, 1000, false, 0);
        it.setPreProcessor(norm);
        INDArray f = it.next().getFeatures();
        assertThat(f.meanNumber().doubleValue()).isCloseTo(0.0, within(1e-3));
        assertThat(f.stdNumber().doubleValue()).isCloseTo(1.0, within(1e-2));
    }

    @Test
    void anAugmentedSetIsVisitedWholeWithEveryCopyCutAsItIsRead() {
        LabelledImages hundred = images.limit(100);
        ImageSet shifted = IdxAugmentation.expand(hundred, EnumSet.of(IdxAugmentation.Copy.SHIFT));
        ImageBatchIterator it = new ImageBatchIterator(shifted, 64, true, 3);
        assertThat(it.size()).isEqualTo(500);
        int[] perClass = new int[10];
        double pixelSum = 0;
        while (it.hasNext()) {
            DataSet b = it.next();
            INDArray classes = b.getLabels().argMax(1);
            for (int i = 0; i < classes.length(); i++) {
                perClass[classes.getInt(i)]++;
            }
            pixelSum += b.getFeatures().sumNumber().doubleValue();
        }
        int[] expected = new int[10];
        for (int label : hundred.labels()) {
            expected[label] += 5;
        }
        assertThat(perClass).containsExactly(expected);
        double copiesSum = 0;
        byte[] one = new byte[shifted.imageSize()];
        for (int i = 0; i < 500; i++) {
            shifted.readPixels(i, one, 0);
            for (byte p : one) {
                copiesSum += p & 0xff;
            }
        }
        assertThat(pixelSum).isEqualTo(copiesSum);
        // Shifting pushes some ink out of the image, so the copies hold less than five times the originals.
        assertThat(copiesSum).isLessThan(5 * new ImageBatchIterator(hundred, 100, false, 0).next().getFeatures()
                .sumNumber().doubleValue());
    }

    private static List<Double> firstLabels(ImageBatchIterator it, int epochs) {
        List<Double> labels = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            INDArray l = it.next().getLabels().argMax(1);
            for (int i = 0; i < l.length(); i++) {
                labels.add(l.getDouble(i));
            }
            it.reset();
        }
        return labels;
    }
}
