package dev.cnnlab.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cnnlab.zoo.LearningRateSchedule;
import dev.cnnlab.zoo.Optimizer;
import dev.cnnlab.zoo.TestTimeAugmentation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The declarations of the settings and what is derived from them: config.json, checks, older runs. */
class SettingsTest {
    private static Map<String, Object> releasedConfig() throws IOException {
        try (InputStream in = SettingsTest.class.getResourceAsStream("/runs/mnist-lenet/config.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<>() { });
        }
    }

    @Test
    void everySettingHasItsOwnKeyAndFlag() {
        Set<String> keys = new HashSet<>();
        Set<String> flags = new HashSet<>();
        for (Setting<?> s : Settings.ALL) {
            assertThat(keys.add(s.key())).as("key %s", s.key()).isTrue();
            assertThat(flags.add(s.flag())).as("flag %s", s.flag()).isTrue();
            assertThat(s.description()).as(s.key()).isNotBlank();
        }
        assertThat(Settings.ALL.get(0)).isSameAs(Settings.DATASET);
    }

    @Test
    void configJsonOfTheCurrentReleaseHoldsExactlyTheRecordedSettingsInOrder() throws IOException {
        List<String> recorded = releasedConfig().keySet().stream()
                .filter(k -> Settings.ALL.stream().anyMatch(s -> s.key().equals(k))).collect(Collectors.toList());

        // Settings declared after that release are the only keys a run writes today that it did not.
        List<String> addedSince = List.of(Settings.PLAIN_DL4J.key(), Settings.LR_SCHEDULE.key(),
                Settings.WARMUP_EPOCHS.key(), Settings.LABEL_SMOOTHING.key());
        assertThat(TrainingConfig.defaults().toMap().keySet().stream().filter(k -> !addedSince.contains(k)))
                .containsExactlyElementsOf(recorded);
        TrainingConfig read = TrainingConfig.fromMap(releasedConfig());
        assertThat(read.get(Settings.LIMIT)).isEqualTo(600);
        assertThat(read.get(Settings.TEST_LIMIT)).isEqualTo(100);
        assertThat(read.get(Settings.EPOCHS)).isEqualTo(1);
        assertThat(read.with(Settings.LIMIT, 0).with(Settings.TEST_LIMIT, 0).with(Settings.EPOCHS, 2))
                .isEqualTo(TrainingConfig.defaults());
    }

    @Test
    void aPhotoRunRecordsItsPhotoSettingsAndAnIdxRunDoesNot() {
        TrainingConfig photos = TrainingConfig.defaults().with(Settings.DATASET, DatasetSource.parse("folder:/p"))
                .with(Settings.IMAGE_SIZE, new ImageSize(32, 48));

        Map<String, Object> map = photos.toMap();

        assertThat(map).containsEntry("dataset", "folder:/p").containsEntry("image_size", "32x48")
                .containsEntry("channels", 3).containsEntry("strict", false);
        assertThat(TrainingConfig.fromMap(map)).isEqualTo(photos);
        assertThat(photos.photos()).isEqualTo("/p");
        assertThat(TrainingConfig.defaults().toMap()).doesNotContainKeys("image_size", "channels", "strict", "test_split");
    }

    @Test
    void aSettingMissingFromAnOlderRunTakesWhatOlderRunsTrainedWith() throws IOException {
        Map<String, Object> older = releasedConfig();
        older.remove("optimizer");
        older.remove("bn_recalibration");

        TrainingConfig read = TrainingConfig.fromMap(older);

        assertThat(read.get(Settings.OPTIMIZER)).isEqualTo(Optimizer.ADAM);
        assertThat(read.get(Settings.BN_RECALIBRATION)).isFalse();
        assertThat(read.get(Settings.LR_SCHEDULE)).as("not in the released run").isEqualTo(LearningRateSchedule.EXPONENTIAL);
        assertThat(read.get(Settings.WARMUP_EPOCHS)).isZero();
        assertThat(read.get(Settings.LABEL_SMOOTHING)).isZero();
        older.remove("seed");
        assertThatThrownBy(() -> TrainingConfig.fromMap(older)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'seed'");
    }

    @Test
    void aBadValueIsNamedBySettingWithoutAFlag() {
        assertThatThrownBy(() -> TrainingConfig.defaults().with(Settings.BATCH_SIZE, 0).validate())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("batch_size: expected a whole number of at least 1, got 0")
                .satisfies(e -> assertThat(((InvalidSettingException) e).describe("--batch-size"))
                        .isEqualTo("--batch-size: expected a whole number of at least 1, got 0"));
        assertThatThrownBy(() -> TrainingConfig.defaults().with(Settings.AUGMENT, "spin").validate())
                .hasMessageStartingWith("augment: unknown augmentation 'spin', expected");
        assertThatThrownBy(() -> Settings.IMAGE_SIZE.parse("big"))
                .hasMessage("image_size: expected HxW such as 64x64, got 'big'");
    }

    @Test
    void aBareCentreIsHalfOfTrainingsCrop() {
        TrainingConfig photos = TrainingConfig.defaults().with(Settings.DATASET, DatasetSource.parse("folder:photos"))
                .with(Settings.TEST_TIME, TestTimeAugmentation.byKey("flip,centre"));
        assertThat(photos.with(Settings.AUGMENT, "flip,crop:10").validate().testTime())
                .isEqualTo(new TestTimeAugmentation(true, 5));
        assertThat(photos.with(Settings.AUGMENT, "crop:7").testTime()).isEqualTo(new TestTimeAugmentation(true, 3));
        assertThat(photos.with(Settings.TEST_TIME, TestTimeAugmentation.byKey("centre:2"))
                .with(Settings.AUGMENT, "crop:10").testTime()).isEqualTo(new TestTimeAugmentation(false, 2));
        assertThat(photos.with(Settings.AUGMENT, "flip,rotate:5").validate().testTime()).as("no crops: whole photos")
                .isEqualTo(TestTimeAugmentation.FLIP);
        assertThatThrownBy(() -> TrainingConfig.defaults().with(Settings.TEST_TIME, TestTimeAugmentation.byKey("centre:14"))
                .validate())
                .isInstanceOf(InvalidSettingException.class)
                .satisfies(e -> assertThat(((InvalidSettingException) e).describe("--tta"))
                        .isEqualTo("--tta: centre:14 leaves nothing of a 28x28 image"));
    }
}
