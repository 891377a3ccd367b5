package dev.cnnlab.data.photo;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.TestData;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.batches.ImageBatchIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Per-pass random augmentation of 48 real photos: pixels change, labels and shapes do not, passes replay. */
class AugmentationTest {
    private static final String ALL = "flip,shift:4,crop:3,rotate:10,warp:2,brightness:0.2,contrast:0.2";
    private static LabelledImages photos;

    @BeforeAll
    static void decode() {
        ImageFolder folder = ImageFolder.scan(TestData.catsDogsDir());
        List<LabelledFile> some = PhotoDataset.sample(folder.test(), 48, 1);
        photos = PhotoLoader.load(some, folder.classNames(), 40, 48, 3, 2, "test");
    }

    @Test
    void changesPixelsButKeepsLabelsAndShapes() {
        ImageBatchIterator augmented = PhotoAugmentation.parse(ALL).batches(photos, 16, 5);
        ImageBatchIterator plain = new ImageBatchIterator(photos, 16, true, 5);
        int changed = 0;
        while (plain.hasNext()) {
            DataSet a = augmented.next();
            DataSet p = plain.next();
            assertThat(a.getFeatures().shape()).isEqualTo(p.getFeatures().shape()).containsExactly(16, 3, 40, 48);
            assertThat(a.getLabels()).isEqualTo(p.getLabels());
            for (int i = 0; i < 16; i++) {
                if (!a.getFeatures().slice(i).equalsWithEps(p.getFeatures().slice(i), 0.5)) {
                    changed++;
                }
            }
            assertThat(a.getFeatures().minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
            assertThat(a.getFeatures().maxNumber().doubleValue()).isLessThanOrEqualTo(255);
        }
        assertThat(augmented.hasNext()).isFalse();
        assertThat(changed).isGreaterThanOrEqualTo(46);
    }

    @Test
    void aPassIsAPureFunctionOfSeedAndPass() {
        ImageBatchIterator it = PhotoAugmentation.parse(ALL).batches(photos, 16, 9);
        it.seekEpoch(3);
        List<DataSet> third = drain(it);
        it.reset();
        List<DataSet> fourth = drain(it);
        ImageBatchIterator replay = PhotoAugmentation.parse(ALL).batches(photos, 16, 9);
        replay.seekEpoch(3);
        replay.skipBatches(1);
        List<DataSet> replayed = drain(replay);
        assertThat(replayed).hasSize(2);
        for (int b = 0; b < 2; b++) {
            assertThat(replayed.get(b).getFeatures()).isEqualTo(third.get(b + 1).getFeatures());
            assertThat(replayed.get(b).getLabels()).isEqualTo(third.get(b + 1).getLabels());
        }
        assertThat(fourth.get(0).getFeatures()).isNotEqualTo(third.get(0).getFeatures());
    }

    @Test
    void flipOnlyMirrorsLeftToRight() {
        LabelledImages one = photos.limit(1);
        ImageBatchIterator it = PhotoAugmentation.parse("flip").batches(one, 1, 0);
        float[] original = new ImageBatchIterator(one, 1, false, 0).next().getFeatures().reshape(3 * 40 * 48).toFloatVector();
        boolean mirroredSeen = false;
        for (int pass = 0; pass < 12; pass++) {
            it.seekEpoch(pass);
            float[] v = it.next().getFeatures().reshape(3 * 40 * 48).toFloatVector();
            boolean same = java.util.Arrays.equals(v, original);
            boolean mirrored = true;
            for (int c = 0; c < 3 && mirrored; c++) {
                for (int y = 0; y < 40 && mirrored; y++) {
                    for (int x = 0; x < 48; x++) {
                        if (v[(c * 40 + y) * 48 + x] != original[(c * 40 + y) * 48 + 47 - x]) {
                            mirrored = false;
                            break;
                        }
                    }
                }
            }
            assertThat(same || mirrored).as("pass %d is the photo or its mirror image", pass).isTrue();
            mirroredSeen |= mirrored && !same;
        }
        assertThat(mirroredSeen).isTrue();
    }

    @Test
    void cutoutCoversOneSquareWithTheMeanColourAndNothingElse() {
        LabelledImages one = photos.limit(1);
        ImageBatchIterator it = PhotoAugmentation.parse("cutout:12").batches(one, 1, 0);
        float[] original = new ImageBatchIterator(one, 1, false, 0).next().getFeatures().reshape(3 * 40 * 48).toFloatVector();
        int fullSquares = 0;
        for (int pass = 0; pass < 12; pass++) {
            it.seekEpoch(pass);
            float[] v = it.next().getFeatures().reshape(3 * 40 * 48).toFloatVector();
            int top = 40, bottom = -1, left = 48, right = -1;
            for (int i = 0; i < v.length; i++) {
                if (v[i] != original[i]) {
                    int y = i / 48 % 40, x = i % 48;
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                    left = Math.min(left, x);
                    right = Math.max(right, x);
                }
            }
            assertThat(bottom).as("pass %d changed something", pass).isGreaterThanOrEqualTo(0);
            assertThat(bottom - top + 1).isLessThanOrEqualTo(12);
            assertThat(right - left + 1).isLessThanOrEqualTo(12);
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                for (int p = 0; p < 40 * 48; p++) {
                    sum += original[c * 40 * 48 + p];
                }
                float mean = Math.round(sum / (40 * 48));
                for (int y = top; y <= bottom; y++) {
                    for (int x = left; x <= right; x++) {
                        assertThat(v[(c * 40 + y) * 48 + x]).as("pass %d, channel %d, (%d, %d)", pass, c, y, x)
                                .isEqualTo(mean);
                    }
                }
            }
            if (bottom - top + 1 == 12 && right - left + 1 == 12) {
                fullSquares++;
            }
        }
        assertThat(fullSquares).isPositive();
    }

    @Test
    void theFlagIsCheckedAndIdxTermsKeepTheirMeaning() {
        assertThat(PhotoAugmentation.parse("none").isNone()).isTrue();
        assertThat(PhotoAugmentation.parse(ALL).isNone()).isFalse();
        assertThat(PhotoAugmentation.parse("cutout:16").isNone()).isFalse();
        assertThatThrownBy(() -> PhotoAugmentation.parse("cutout:0")).hasMessageContaining("'cutout:0'")
                .hasMessageContaining("from 1");
        assertThatThrownBy(() -> PhotoAugmentation.parse("flip,blur:3")).isInstanceOf(CnnlabException.class)
                .hasMessageStartingWith("unknown augmentation 'blur:3'");
        assertThatThrownBy(() -> PhotoAugmentation.parse("shift")).isInstanceOf(CnnlabException.class)
                .hasMessageContaining("shift:8");
        assertThatThrownBy(() -> PhotoAugmentation.parse("rotate:x")).hasMessageContaining("expected a number");
        assertThat(PhotoAugmentation.idxCopies("shift,flip,rotate:10")).isEqualTo("shift,flip");
        assertThat(PhotoAugmentation.idxRandom("shift,flip,rotate:10")).isEqualTo("rotate:10");
    }

    @Test
    void randomTermsWorkOnDigitsToo() {
        LabelledImages digits = TestData.mnistTest().limit(32);
        ImageBatchIterator it = PhotoAugmentation.parse("rotate:15,shift:2").batches(digits, 32, 3);
        DataSet a = it.next();
        DataSet p = new ImageBatchIterator(digits, 32, true, 3).next();
        assertThat(a.getFeatures().shape()).containsExactly(32, 1, 28, 28);
        assertThat(a.getLabels()).isEqualTo(p.getLabels());
        assertThat(a.getFeatures()).isNotEqualTo(p.getFeatures());
    }

    private static List<DataSet> drain(ImageBatchIterator it) {
        List<DataSet> out = new ArrayList<>();
        while (it.hasNext()) {
            out.add(it.next());
        }
        return out;
    }
}
