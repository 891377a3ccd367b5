package dev.cnnlab.data.photo;

import dev.cnnlab.TestData;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Scanning and splitting the shared 3,200 cats-vs-dogs photos (no decoding). */
class ImageFolderTest {
    private static final ImageFolder PHOTOS = ImageFolder.scan(TestData.catsDogsDir());

    @Test
    void findsTheTrainAndTestFoldersAndOneLabelList() {
        assertThat(PHOTOS.classNames()).containsExactly("cat", "dog");
        assertThat(PHOTOS.train()).hasSize(2560);
        assertThat(PHOTOS.test()).hasSize(640);
        assertThat(PHOTOS.train()).allSatisfy(f ->
                assertThat(f.path().getParent().getFileName().toString()).isEqualTo(PHOTOS.classNames().get(f.label())));
    }

    @Test
    void aStratifiedSplitIsDisjointCompleteAndReproducible() {
        ImageFolder.Split split = ImageFolder.split(PHOTOS.train(), 0.3, 42);
        Set<Path> kept = paths(split.kept());
        Set<Path> heldOut = paths(split.heldOut());
        assertThat(kept).doesNotContainAnyElementsOf(heldOut);
        assertThat(kept.size() + heldOut.size()).isEqualTo(2560);
        assertThat(split.heldOut().stream().filter(f -> f.label() == 0).count()).isEqualTo(384);
        assertThat(split.heldOut().stream().filter(f -> f.label() == 1).count()).isEqualTo(384);
        assertThat(ImageFolder.split(PHOTOS.train(), 0.3, 42)).isEqualTo(split);
        assertThat(paths(ImageFolder.split(PHOTOS.train(), 0.3, 43).heldOut())).isNotEqualTo(heldOut);
    }

    @Test
    void aSingleTreeIsSplitIntoTrainAndTestWithNoFileInBoth() {
        ImageFolder whole = ImageFolder.scan(TestData.catsDogsDir().resolve("train"));
        assertThat(whole.hasTestFolder()).isFalse();
        ImageFolder.Split test = ImageFolder.split(whole.train(), 0.2, 1);
        ImageFolder.Split validation = ImageFolder.split(test.kept(), 0.25, 2);
        Set<Path> a = paths(validation.kept());
        Set<Path> b = paths(validation.heldOut());
        Set<Path> c = paths(test.heldOut());
        assertThat(a).doesNotContainAnyElementsOf(b).doesNotContainAnyElementsOf(c);
        assertThat(b).doesNotContainAnyElementsOf(c);
        assertThat(a.size() + b.size() + c.size()).isEqualTo(2560);
    }

    @Test
    void aLimitIsAStratifiedSample() {
        List<LabelledFile> sample = PhotoDataset.sample(PHOTOS.train(), 200, 42);
        assertThat(sample).hasSize(200);
        assertThat(sample.stream().filter(f -> f.label() == 0).count()).isEqualTo(100);
    }

    private static Set<Path> paths(List<LabelledFile> files) {
        Set<Path> s = new HashSet<>();
        files.forEach(f -> s.add(f.path()));
        return s;
    }
}
