package dev.cnnlab.data;

import dev.cnnlab.TestData;
import dev.cnnlab.data.idx.IdxAugmentation;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

class OffHeapImagesTest {
    private final LabelledImages images = TestData.mnistTest().limit(20);

    @Test
    void servesTheSameImagesAndLabelsAsTheHeapCopy() {
        OffHeapImages offHeap = OffHeapImages.of(images);
        assertThat(offHeap.count()).isEqualTo(20);
        assertThat(offHeap.classNames()).isEqualTo(images.classNames());
        assertThat(offHeap.imageSize()).isEqualTo(784);
        byte[] expected = new byte[784];
        byte[] actual = new byte[784 + 3];
        for (int i = 0; i < 20; i++) {
            images.readPixels(i, expected, 0);
            offHeap.readPixels(i, actual, 3);
            assertThat(Arrays.copyOfRange(actual, 3, 787)).as("image " + i).isEqualTo(expected);
            assertThat(offHeap.pixel(i, 400)).isEqualTo(expected[400]);
            assertThat(offHeap.label(i)).isEqualTo(images.label(i));
        }
    }

    @Test
    void keepsHeapImagesOffTheHeapAndOtherSetsAsTheyAre() {
        assertThat(OffHeapImages.keep(images)).isInstanceOf(OffHeapImages.class);
        ImageSet copies = IdxAugmentation.expand(images, EnumSet.of(IdxAugmentation.Copy.FLIP));
        assertThat(OffHeapImages.keep(copies)).isSameAs(copies);
    }
}
