package dev.cnnlab.data;

import dev.cnnlab.CnnlabException;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxAugmentationTest {
    /** A 3x3 image with a single bright pixel in the middle of the top row, class "b". */
    private static final LabelledImages ONE = new LabelledImages(new byte[] {0, 9, 0, 0, 0, 0, 0, 0, 0}, new int[] {1},
            3, 3, 1, List.of("a", "b"));

    @Test
    void shiftsAndFlipsAddCopiesWithTheSameLabels() {
        LabelledImages out = IdxAugmentation.expand(ONE, EnumSet.allOf(IdxAugmentation.Copy.class));
        assertThat(out.count()).isEqualTo(6);
        assertThat(out.labels()).containsOnly(1);
        assertThat(image(out, 0)).containsExactly(0, 9, 0, 0, 0, 0, 0, 0, 0);
        assertThat(image(out, 1)).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0); // up: pushed out of the image
        assertThat(image(out, 2)).containsExactly(0, 0, 0, 0, 9, 0, 0, 0, 0); // down
        assertThat(image(out, 3)).containsExactly(9, 0, 0, 0, 0, 0, 0, 0, 0); // left
        assertThat(image(out, 4)).containsExactly(0, 0, 9, 0, 0, 0, 0, 0, 0); // right
        assertThat(image(out, 5)).containsExactly(0, 9, 0, 0, 0, 0, 0, 0, 0); // mirrored: symmetric here
    }

    @Test
    void parsesTheFlagAndRejectsUnknownKinds() {
        assertThat(IdxAugmentation.parse("shift, flip")).containsExactlyInAnyOrder(IdxAugmentation.Copy.SHIFT,
                IdxAugmentation.Copy.FLIP);
        assertThat(IdxAugmentation.parse("none")).isEmpty();
        assertThatThrownBy(() -> IdxAugmentation.parse("shift,rotate")).isInstanceOf(CnnlabException.class)
                .hasMessageContaining("--augment").hasMessageContaining("rotate");
    }

    private static byte[] image(LabelledImages images, int i) {
        return java.util.Arrays.copyOfRange(images.pixels(), i * images.imageSize(), (i + 1) * images.imageSize());
    }
}
