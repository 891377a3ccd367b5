package dev.cnnlab.data.batches;

import dev.cnnlab.TestData;
import dev.cnnlab.data.LabelledImages;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchAssemblerTest {
    private final LabelledImages images = TestData.mnistTest().limit(10);

    @Test
    void aBatchKeepsTheOrderOfItsRowsAndItsValuesAfterTheArraysAreReused() {
        BatchAssembler assembler = new BatchAssembler();
        DataSet first = batch(assembler, 2, 0);
        float[] firstValues = first.getFeatures().reshape(2 * 784).toFloatVector();
        DataSet second = batch(assembler, 5, 7);

        assertThat(first.getFeatures().shape()).containsExactly(2, 1, 28, 28);
        assertThat(first.getLabels().argMax(1).toIntVector()).containsExactly(images.label(2), images.label(0));
        assertThat(second.getLabels().argMax(1).toIntVector()).containsExactly(images.label(5), images.label(7));
        assertThat(first.getLabels().sum(1).toFloatVector()).containsExactly(1f, 1f);
        for (int i = 0; i < 784; i++) {
            assertThat(firstValues[i]).isEqualTo(images.pixels()[2 * 784 + i] & 0xff);
            assertThat(firstValues[784 + i]).isEqualTo(images.pixels()[i] & 0xff);
        }
        // the second batch wrote over the same Java arrays; the first one's features were copied out before
        assertThat(first.getFeatures().reshape(2 * 784).toFloatVector()).containsExactly(firstValues);
        assertThat(second.getFeatures().reshape(2 * 784).toFloatVector()).isNotEqualTo(firstValues);
    }

    @Test
    void refusesPixelsSizedForAnotherBatch() {
        BatchAssembler assembler = new BatchAssembler();
        assembler.pixels(images, 3);
        assertThatThrownBy(() -> assembler.dataSet(images, new int[] {0, 1})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2352 bytes");
    }

    private DataSet batch(BatchAssembler assembler, int... rows) {
        byte[] pixels = assembler.pixels(images, rows.length);
        for (int r = 0; r < rows.length; r++) {
            images.readPixels(rows[r], pixels, r * images.imageSize());
        }
        return assembler.dataSet(images, rows);
    }
}
