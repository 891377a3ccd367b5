package dev.cnnlab.data;

import dev.cnnlab.data.batches.ImageBatchIterator;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.ImagePreProcessingScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

import java.util.Locale;

/**
 * How raw 0-255 pixel values are turned into network inputs. The fitted normaliser is saved inside the
 * model zip, so prediction preprocesses exactly as training did.
 */
public enum Scaling {
    /** Divide by 255: inputs in [0, 1]. */
    UNIT("unit"),
    /** Subtract the training set's mean and divide by its standard deviation, per channel. */
    STANDARDIZE("standardize"),
    /** Raw 0-255 values, unscaled, as a tutorial's code that never divides them feeds them. */
    RAW("raw");

    /** Images per batch while the statistics are gathered: the size training data was fitted with before, same sums. */
    private static final int STATISTICS_BATCH = 256;

    private final String key;

    Scaling(String key) {
        this.key = key;
    }

    /** @return the name used on the command line */
    public String key() {
        return key;
    }

    /**
     * Fits the normaliser on training data (which is read once, then reset).
     *
     * @param training the training images, unscaled
     * @return the fitted normaliser
     */
    public DataNormalization fit(DataSetIterator training) {
        DataNormalization normalizer = this == STANDARDIZE ? new NormalizerStandardize() : scaler();
        normalizer.fit(training);
        training.reset();
        return normalizer;
    }

    /**
     * Fits the normaliser on labelled images. Only {@link #STANDARDIZE} reads them: the fixed scalings have no use
     * for 300,000 augmented digits.
     *
     * @param training the training images, unscaled
     * @return the fitted normaliser
     */
    public DataNormalization fit(ImageSet training) {
        return this == STANDARDIZE ? fit(new ImageBatchIterator(training, STATISTICS_BATCH, false, 0)) : scaler();
    }

    /** {@link #UNIT} maps 0-255 onto [0, 1]; {@link #RAW} onto [0, 255], which leaves 8-bit pixels as they are. */
    private ImagePreProcessingScaler scaler() {
        return new ImagePreProcessingScaler(0, this == RAW ? 255 : 1);
    }

    /**
     * @param key a name as typed by a user
     * @return the scaling of that name
     * @throws IllegalArgumentException if there is none
     */
    public static Scaling byKey(String key) {
        for (Scaling s : values()) {
            if (s.key.equals(key.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("expected unit, standardize or raw, got '" + key + "'");
    }
}
