package dev.cnnlab.data.photo;

import dev.cnnlab.ResidentMemory;
import dev.cnnlab.TestData;
import dev.cnnlab.bench.PhotoTreeBuilder;
import dev.cnnlab.data.ImageSet;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.batches.EpochIterator;
import dev.cnnlab.data.batches.ImageBatchIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Path;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Photos streamed from disk are the cached photos, batch for batch and pixel for pixel, on a small tree with the
 * odd files of the real download (a CMYK JPEG among them), and streaming them leaves no native memory behind.
 */
class StreamedPhotosTest {
    private static final long SEED = 11;
    private static final int BATCH = 8;
    private static final long MB = 1 << 20;
    private static final PhotoDataset.Settings SETTINGS = new PhotoDataset.Settings(40, 48, 3, 0.2, 0.2, SEED, 0, 0,
            false, 2);
    @TempDir
    static Path work;
    private static Path tree;
    private static PhotoDataset.Opened cached;
    private static PhotoDataset.Opened streamed;

    @BeforeAll
    static void open() {
        tree = new PhotoTreeBuilder(TestData.catsDogsDir().resolve("train"), 60, SEED, 2)
                .build(work.resolve("tree")).root();
        cached = PhotoDataset.open(tree, SETTINGS, PhotoCache.MEMORY, Runtime.getRuntime().maxMemory());
        streamed = PhotoDataset.open(tree, SETTINGS, PhotoCache.DISK, Runtime.getRuntime().maxMemory());
    }

    @Test
    void eachModeIsTheOneAskedForAndAutoCachesWhatFitsAThirdOfTheMemory() {
        assertThat(cached.mode()).isEqualTo(PhotoCache.MEMORY);
        assertThat(cached.train()).isInstanceOf(LabelledImages.class);
        assertThat(streamed.mode()).isEqualTo(PhotoCache.DISK);
        assertThat(streamed.train()).isInstanceOf(StreamedPhotos.class);
        assertThat(streamed.test()).isInstanceOf(StreamedPhotos.class);
        assertThat(streamed.validation()).isInstanceOf(StreamedPhotos.class);
        assertThat(streamed.skipped()).isEqualTo(cached.skipped()).isEqualTo(2);
        long bytes = PhotoCache.bytes(20_000, 64, 64, 3);
        assertThat(PhotoCache.AUTO.resolve(bytes, 3 * bytes)).isEqualTo(PhotoCache.MEMORY);
        assertThat(PhotoCache.AUTO.resolve(bytes, 3 * bytes - 3)).isEqualTo(PhotoCache.DISK);
        assertThat(PhotoCache.MEMORY.resolve(bytes, bytes)).isEqualTo(PhotoCache.MEMORY);
        assertThat(PhotoCache.DISK.resolve(bytes, 100 * bytes)).isEqualTo(PhotoCache.DISK);
        assertThat(PhotoCache.AUTO.describe(20_000, 64, 64, 3, 6144 * MB)).isEqualTo("decoded cache: 20,000 photos"
                + " x 64x64x3 = 235 MB of the 6,144 MB the JVM may use: caching in memory (auto caches up to a third)");
        assertThat(PhotoCache.AUTO.describe(20_000, 300, 300, 3, 6144 * MB)).contains("= 5,150 MB of the 6,144 MB",
                "streaming from disk");
    }

    @Test
    void streamedBatchesEqualTheCachedOnesWithoutAugmentation() {
        assertSameBatches(set -> new ImageBatchIterator(set, BATCH, true, SEED), 2);
        assertSameBatches(set -> new ImageBatchIterator(set, 7, false, 0), 1, true);
    }

    @Test
    void streamedBatchesEqualTheCachedOnesWithAugmentation() {
        PhotoAugmentation augmentation = PhotoAugmentation.parse("flip,crop:6,rotate:8,brightness:0.2");
        assertSameBatches(set -> augmentation.batches(set, BATCH, SEED), 2);
    }

    @Test
    void theTrainingSampleIsTheSameInMemoryInBothModes() {
        LabelledImages a = cached.trainSample(10);
        LabelledImages b = streamed.trainSample(10);
        assertThat(b.labels()).containsExactly(a.labels());
        assertThat(b.pixels()).containsExactly(a.pixels());
    }

    @Test
    void streamingLeavesNoNativeMemoryBehind() throws InterruptedException {
        ImageBatchIterator batches = new ImageBatchIterator(streamed.train(), BATCH, true, SEED);
        Runnable pass = () -> {
            while (batches.hasNext()) {
                batches.next();
            }
            batches.reset();
        };
        pass.run();
        long before = ResidentMemory.settledBytes();
        int passes = 40;
        for (int i = 0; i < passes; i++) {
            pass.run();
        }
        long after = ResidentMemory.settledBytes();
        assertThat((after - before) / MB).as("resident MB after decoding %d photos, from %d MB",
                passes * streamed.train().count(), before / MB).isLessThan(64);
    }

    private static void assertSameBatches(Function<ImageSet, EpochIterator> batches, int passes) {
        assertSameBatches(batches, passes, false);
    }

    /** Every batch of {@code passes} passes over the training photos (or the test photos), both modes. */
    private static void assertSameBatches(Function<ImageSet, EpochIterator> batches, int passes, boolean test) {
        EpochIterator fromMemory = batches.apply(test ? cached.test() : cached.train());
        EpochIterator fromDisk = batches.apply(test ? streamed.test() : streamed.train());
        int compared = 0;
        for (int pass = 0; pass < passes; pass++) {
            while (fromMemory.hasNext()) {
                assertThat(fromDisk.hasNext()).isTrue();
                DataSet a = fromMemory.next();
                DataSet b = fromDisk.next();
                assertThat(b.getFeatures().reshape(-1).toFloatVector())
                        .as("pass %d, batch %d", pass, compared)
                        .containsExactly(a.getFeatures().reshape(-1).toFloatVector());
                assertThat(b.getLabels().toFloatMatrix()).isDeepEqualTo(a.getLabels().toFloatMatrix());
                compared++;
            }
            assertThat(fromDisk.hasNext()).isFalse();
            fromMemory.reset();
            fromDisk.reset();
        }
        assertThat(compared).isGreaterThan(passes);
    }
}
