package dev.cnnlab.data;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.TestData;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LabelledImagesTest {

    @Test
    void splitIsDisjointCompleteAndStratified() {
        LabelledImages images = TestData.mnistTrain().limit(5000);
        LabelledImages.Split split = images.split(0.3, 7);
        assertThat(split.kept().count() + split.heldOut().count()).isEqualTo(5000);
        assertThat(split.heldOut().count()).isCloseTo(1500, within(10));
        // Every image keeps its own pixels: match each held-out image back to a distinct source image.
        Set<String> kept = fingerprints(split.kept());
        for (String f : fingerprints(split.heldOut())) {
            assertThat(kept).doesNotContain(f);
        }
        for (int c = 0; c < 10; c++) {
            int cls = c;
            long all = Arrays.stream(images.labels()).filter(l -> l == cls).count();
            long held = Arrays.stream(split.heldOut().labels()).filter(l -> l == cls).count();
            assertThat((double) held / all).isCloseTo(0.3, within(0.01));
        }
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        LabelledImages images = TestData.mnistTrain().limit(2000);
        assertThat(images.split(0.2, 1).heldOut().pixels()).isEqualTo(images.split(0.2, 1).heldOut().pixels());
        assertThat(images.split(0.2, 1).heldOut().pixels()).isNotEqualTo(images.split(0.2, 2).heldOut().pixels());
    }

    @Test
    void rejectsASplitOutsideZeroAndOne() {
        LabelledImages images = TestData.mnistTest().limit(100);
        assertThatThrownBy(() -> images.split(1.5, 0)).isInstanceOf(CnnlabException.class)
                .hasMessageStartingWith("validation_split: expected a fraction between 0 and 1, got 1.5");
    }

    @Test
    void limitKeepsTheFirstImages() {
        LabelledImages first = TestData.mnistTest().limit(3);
        assertThat(first.count()).isEqualTo(3);
        assertThat(first.labels()).containsExactly(7, 2, 1);
    }

    private static Set<String> fingerprints(LabelledImages images) {
        Set<String> set = new HashSet<>();
        int size = images.imageSize();
        for (int i = 0; i < images.count(); i++) {
            set.add(i + ":" + Arrays.hashCode(Arrays.copyOfRange(images.pixels(), i * size, (i + 1) * size)));
        }
        Set<String> withoutIndex = new HashSet<>();
        set.forEach(s -> withoutIndex.add(s.substring(s.indexOf(':') + 1)));
        return withoutIndex;
    }
}
