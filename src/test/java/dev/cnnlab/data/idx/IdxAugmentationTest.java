package dev.cnnlab.data.idx;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.ImageSet;
import dev.cnnlab.data.LabelledImages;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdxAugmentationTest {
    /** A 3x3 image with a single bright pixel in the middle of the top row, class "b". */
    private static final LabelledImages ONE = new LabelledImages(new byte[] {0, 9, 0, 0, 0, 0, 0, 0, 0}, new int[] {1},
            3, 3, 1, List.of("a", "b"));

    @Test
    void shiftsAndFlipsAddCopiesWithTheSameLabels() {
        ImageSet out = IdxAugmentation.expand(ONE, EnumSet.allOf(IdxAugmentation.Copy.class));
        assertThat(out.count()).isEqualTo(6);
        assertThat(IntStream.range(0, 6).map(out::label)).containsOnly(1);
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
                .hasMessageContaining("unknown augmentation").hasMessageContaining("rotate");
    }

    @Test
    void noCopiesLeavesTheImagesAsTheyAre() {
        assertThat(IdxAugmentation.expand(ONE, EnumSet.noneOf(IdxAugmentation.Copy.class))).isSameAs(ONE);
    }

    @Test
    void copiesOfSeveralImagesFollowTheOriginalsInOrder() {
        LabelledImages two = new LabelledImages(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 20, 30, 40, 50, 60, 70, 80,
                90}, new int[] {0, 1}, 3, 3, 1, List.of("a", "b"));
        ImageSet out = IdxAugmentation.expand(two, EnumSet.of(IdxAugmentation.Copy.FLIP));
        assertThat(out.count()).isEqualTo(4);
        assertThat(IntStream.range(0, 4).map(out::label)).containsExactly(0, 1, 0, 1);
        assertThat(image(out, 1)).containsExactly(10, 20, 30, 40, 50, 60, 70, 80, 90);
        assertThat(image(out, 2)).containsExactly(3, 2, 1, 6, 5, 4, 9, 8, 7);
        assertThat(image(out, 3)).containsExactly(30, 20, 10, 60, 50, 40, 90, 80, 70);
    }

    private static byte[] image(ImageSet images, int i) {
        byte[] pixels = new byte[images.imageSize()];
        images.readPixels(i, pixels, 0);
        return pixels;
    }
}
