package dev.cnnlab.data.photo;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.TestData;
import dev.cnnlab.data.LabelledImages;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link PhotoDataset#loadTest}: after training, the report and evaluation read the very test photos the run was
 * scored on, also when the run split a single tree itself.
 */
class TestPhotosOfARunTest {
    private static final Path SINGLE_TREE = TestData.catsDogsDir().resolve("train");
    private static final List<String> CLASSES = List.of("cat", "dog");

    @Test
    void aSingleTreesTestSplitIsRebuiltFromTheRunsShareAndSeed() {
        var settings = new PhotoDataset.Settings(16, 16, 3, 0, 0.2, 7, 50, 40, false, 2);
        LabelledImages trainedOn = PhotoDataset.load(SINGLE_TREE, settings).test();

        LabelledImages rebuilt = PhotoDataset.loadTest(SINGLE_TREE, CLASSES, 16, 16, 3, 0.2, 40, 7);
        LabelledImages otherSeed = PhotoDataset.loadTest(SINGLE_TREE, CLASSES, 16, 16, 3, 0.2, 40, 8);

        assertThat(rebuilt.count()).isEqualTo(40);
        assertThat(rebuilt.labels()).isEqualTo(trainedOn.labels());
        assertThat(rebuilt.pixels()).isEqualTo(trainedOn.pixels());
        assertThat(otherSeed.pixels()).isNotEqualTo(trainedOn.pixels());
    }

    @Test
    void withoutATestFolderOrAShareItSaysTheSplitCannotBeRebuilt() {
        assertThatThrownBy(() -> PhotoDataset.loadTest(SINGLE_TREE, CLASSES, 16, 16, 3, 0, 40, 7))
                .isInstanceOf(CnnlabException.class)
                .hasMessageContaining(SINGLE_TREE.toString())
                .hasMessageContaining("no test/<class>/ folders");
    }

    @Test
    void aTreeWithATestFolderGivesThatFolderWhateverTheShare() {
        LabelledImages folder = PhotoDataset.loadTest(TestData.catsDogsDir(), CLASSES, 16, 16, 3, 0, 30, 7);
        LabelledImages withShare = PhotoDataset.loadTest(TestData.catsDogsDir(), CLASSES, 16, 16, 3, 0.2, 30, 7);
        assertThat(withShare.pixels()).isEqualTo(folder.pixels());
        assertThat(folder.count()).isEqualTo(30);
    }
}
