package dev.cnnlab.config;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.data.idx.IdxAugmentation;
import dev.cnnlab.data.idx.IdxDataset;
import dev.cnnlab.data.photo.PhotoAugmentation;
import dev.cnnlab.training.checkpoint.CheckpointSchedule;
import dev.cnnlab.zoo.TestTimeAugmentation;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that defines a training run, immutable: a value for each of {@link Settings#ALL}. {@link #defaults()}
 * trains LeNet on MNIST the way the default job does; {@link #with} gives a changed copy.
 */
public final class TrainingConfig {
    private static final TrainingConfig DEFAULTS = new TrainingConfig(defaultValues());
    private final Map<Setting<?>, Object> values;

    private TrainingConfig(Map<Setting<?>, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    private static Map<Setting<?>, Object> defaultValues() {
        Map<Setting<?>, Object> m = new LinkedHashMap<>();
        Settings.ALL.forEach(s -> m.put(s, s.defaultValue()));
        return m;
    }

    /** @return every setting at its default */
    public static TrainingConfig defaults() {
        return DEFAULTS;
    }

    /**
     * @param setting a setting
     * @param <T>     its type
     * @return its value here (null only for a setting whose default is null)
     */
    public <T> T get(Setting<T> setting) {
        return setting.cast(values.get(setting));
    }

    /**
     * @param setting a setting
     * @param value   its new value
     * @param <T>     its type
     * @return a copy with that value
     */
    public <T> TrainingConfig with(Setting<T> setting, T value) {
        Map<Setting<?>, Object> m = new LinkedHashMap<>(values);
        m.put(setting, value);
        return new TrainingConfig(m);
    }

    /**
     * @param setting a setting of whole numbers
     * @param value   its new value
     * @return a copy with that value
     */
    public TrainingConfig with(Setting<Long> setting, long value) {
        return with(setting, Long.valueOf(value));
    }

    /**
     * @param setting a setting of decimal numbers
     * @param value   its new value
     * @return a copy with that value
     */
    public TrainingConfig with(Setting<Double> setting, double value) {
        return with(setting, Double.valueOf(value));
    }

    /**
     * @param changes values for some settings
     * @return a copy with those values
     */
    public TrainingConfig withAll(Map<Setting<?>, ?> changes) {
        Map<Setting<?>, Object> m = new LinkedHashMap<>(values);
        m.putAll(changes);
        return new TrainingConfig(m);
    }

    /** @return the dataset's name: an IDX key, {@code cats-dogs}, or {@code folder:PATH} */
    public String datasetKey() {
        return get(Settings.DATASET).key();
    }

    /** @return whether the run trains on photos rather than an IDX dataset */
    public boolean isPhotos() {
        return get(Settings.DATASET).isPhotos();
    }

    /** @return the IDX dataset; null for photos */
    public IdxDataset idxDataset() {
        return get(Settings.DATASET).idx().orElse(null);
    }

    /** @return {@code cats-dogs} or a photo tree's path; null for an IDX dataset */
    public String photos() {
        return get(Settings.DATASET).photos();
    }

    /**
     * @param setting a setting
     * @return whether a run of this configuration records it in {@code config.json} and checks it
     */
    public boolean applies(Setting<?> setting) {
        return setting.scope() == Setting.Scope.RUN || setting.scope() == Setting.Scope.PHOTOS && isPhotos();
    }

    /**
     * Checks every value.
     *
     * @return this
     * @throws InvalidSettingException naming the first setting with a bad value
     */
    public TrainingConfig validate() {
        for (Setting<?> s : Settings.ALL) {
            if (applies(s) || s.scope() == Setting.Scope.INVOCATION) {
                checkValue(s);
            }
        }
        String augment = get(Settings.AUGMENT);
        try {
            if (!isPhotos()) {
                IdxAugmentation.parse(PhotoAugmentation.idxCopies(augment));
            }
            randomAugmentation();
        } catch (CnnlabException e) {
            throw new InvalidSettingException(Settings.AUGMENT, e.getMessage());
        }
        ImageSize size = isPhotos() ? get(Settings.IMAGE_SIZE) : new ImageSize(IdxDataset.SIDE, IdxDataset.SIDE);
        try {
            testTime().requireFits(size.height(), size.width());
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(Settings.TEST_TIME, e.getMessage());
        }
        return this;
    }

    /**
     * @return how a run of this configuration scores its network ({@link Settings#TEST_TIME}), a bare {@code centre}
     *         resolved from the crops of {@link Settings#AUGMENT}
     */
    public TestTimeAugmentation testTime() {
        return get(Settings.TEST_TIME).forTrainingCrop(randomAugmentation().crop());
    }

    /** The augmentation redrawn every pass: all of {@link Settings#AUGMENT} on photos, its random terms on digits. */
    private PhotoAugmentation randomAugmentation() {
        String augment = get(Settings.AUGMENT);
        return PhotoAugmentation.parse(isPhotos() ? augment : PhotoAugmentation.idxRandom(augment));
    }

    private <T> void checkValue(Setting<T> s) {
        T value = get(s);
        if (value != null) {
            s.check(value);
        }
    }

    /**
     * @return the learning rate by epoch a run of this configuration trains at ({@link Settings#LR_SCHEDULE},
     *         {@link Settings#WARMUP_EPOCHS}, {@link Settings#LR_DECAY} over {@link Settings#EPOCHS}), or null for
     *         a constant {@link Settings#LEARNING_RATE}
     */
    public ISchedule learningRateSchedule() {
        return get(Settings.LR_SCHEDULE).schedule(get(Settings.LEARNING_RATE), get(Settings.LR_DECAY),
                get(Settings.EPOCHS), get(Settings.WARMUP_EPOCHS));
    }

    /** @return the optimiser a new network of this configuration is built with, its learning-rate schedule set */
    public IUpdater updater() {
        return get(Settings.OPTIMIZER).updater(get(Settings.LEARNING_RATE), learningRateSchedule(),
                get(Settings.BETA1), get(Settings.BETA2));
    }

    /** @return when to write checkpoints */
    public CheckpointSchedule checkpointSchedule() {
        return new CheckpointSchedule(get(Settings.CHECKPOINT_EVERY), get(Settings.CHECKPOINT_MINUTES),
                get(Settings.KEEP_CHECKPOINTS));
    }

    /** @return the run directory: {@link Settings#OUT}, or a new name under {@code runs/} */
    public Path resolveOutDir() {
        Path out = get(Settings.OUT);
        if (out != null) {
            return out;
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        return Path.of("runs", get(Settings.DATASET).shortName() + "-" + get(Settings.MODEL) + "-" + stamp);
    }

    /** @return the settings a run records, by their keys, as its {@code config.json} holds them */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Setting<?> s : Settings.ALL) {
            if (applies(s)) {
                m.put(s.key(), s.toJson(values.get(s)));
            }
        }
        return m;
    }

    /**
     * The configuration {@link #toMap()} wrote, as a run's {@code config.json} holds it; a setting added since has
     * the value runs had before it existed. Keys that are not settings are ignored.
     *
     * @param map the values by their keys
     * @return the configuration, with the settings no run records at their defaults
     * @throws IllegalArgumentException naming the key of a value that is missing or of the wrong kind
     */
    public static TrainingConfig fromMap(Map<String, ?> map) {
        Map<Setting<?>, Object> m = defaultValues();
        m.put(Settings.DATASET, Settings.DATASET.fromJson(map.get(Settings.DATASET.key())));
        boolean photos = ((DatasetSource) m.get(Settings.DATASET)).isPhotos();
        for (Setting<?> s : Settings.ALL) {
            if (s.scope() == Setting.Scope.RUN || s.scope() == Setting.Scope.PHOTOS && photos) {
                m.put(s, s.fromJson(map.get(s.key())));
            }
        }
        return new TrainingConfig(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrainingConfig c && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
