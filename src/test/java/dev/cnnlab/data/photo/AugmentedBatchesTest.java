package dev.cnnlab.data.photo;

import dev.cnnlab.TestData;
import dev.cnnlab.data.LabelledImages;
import dev.cnnlab.data.batches.EpochIterator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The augmented training batches for a seed are the ones cnnlab has always cut: a checksum of every feature and
 * label of two passes (the first, and the fourth replayed from its second batch on) equals the one the photo
 * iterator gave before it shared the IDX iterator's loop for the same 200 digits, augmentation and seed.
 */
class AugmentedBatchesTest {
    private static final String AUGMENT = "rotate:15,shift:2,brightness:0.2,flip";
    private static final long FIRST_PASS = 0x1b7dc26eL;
    private static final long FOURTH_PASS_FROM_SECOND_BATCH = 0xf830845dL;

    private static long checksum(EpochIterator it) {
        CRC32 crc = new CRC32();
        while (it.hasNext()) {
            DataSet ds = it.next();
            for (float f : ds.getFeatures().dup().data().asFloat()) {
                crc.update(ByteBuffer.allocate(4).putFloat(f).array());
            }
            for (float f : ds.getLabels().dup().data().asFloat()) {
                crc.update(ByteBuffer.allocate(4).putFloat(f).array());
            }
        }
        return crc.getValue();
    }

    @Test
    void batchesForASeedAreTheEarlierIteratorsOnes() {
        LabelledImages digits = TestData.mnistTest().limit(200);
        EpochIterator first = PhotoAugmentation.parse(AUGMENT).batches(digits, 32, 11);
        EpochIterator replay = PhotoAugmentation.parse(AUGMENT).batches(digits, 32, 11);
        replay.seekEpoch(3);
        replay.skipBatches(1);

        assertThat(checksum(first)).isEqualTo(FIRST_PASS);
        assertThat(checksum(replay)).isEqualTo(FOURTH_PASS_FROM_SECOND_BATCH);
    }
}
