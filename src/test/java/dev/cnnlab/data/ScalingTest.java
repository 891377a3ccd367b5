package dev.cnnlab.data;

import dev.cnnlab.TestData;
import dev.cnnlab.data.batches.ImageBatchIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.factory.Nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@link Scaling#fit(LabelledImages)}: the normaliser fitted from an iterator, without one where none is needed. */
class ScalingTest {
    private final LabelledImages images = TestData.mnistTrain().limit(600);

    @Test
    void unitScalingMapsTheWholeByteRangeOntoZeroToOne() {
        DataNormalization unit = Scaling.UNIT.fit(images);
        assertThat(unit).isInstanceOf(ImagePreProcessingScaler.class);
        var pixels = Nd4j.createFromArray(0f, 51f, 255f).castTo(DataType.FLOAT);
        unit.transform(pixels);
        assertThat(pixels.toDoubleVector()).containsExactly(new double[] {0, 0.2, 1}, within(1e-6));
    }

    @Test
    void standardisationHasTheStatisticsOfTheIteratorTrainingUsedBefore() {
        var fromImages = (NormalizerStandardize) Scaling.STANDARDIZE.fit(images);
        // Batches of 256, as TrainingData fitted before: float sums in batches of another size differ in the 6th digit.
        var fromIterator = (NormalizerStandardize) Scaling.STANDARDIZE.fit(new ImageBatchIterator(images, 256, false, 0));
        assertThat(fromImages.getMean().toDoubleVector()).containsExactly(fromIterator.getMean().toDoubleVector());
        assertThat(fromImages.getStd().toDoubleVector()).containsExactly(fromIterator.getStd().toDoubleVector());
        assertThat(fromImages.getMean().meanNumber().doubleValue()).as("mean pixel").isBetween(20.0, 50.0);
    }
}
