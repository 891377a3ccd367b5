package dev.cnnlab.zoo;

import java.util.Locale;

/**
 * Whether a recipe is a tutorial's own network and training, or cnnlab's improvement on one.
 */
public enum RecipeKind {
    /**
     * The tutorial's own settings, exactly as it states them; where it is silent, its framework's default.
     * Its figure is comparable with the tutorial's.
     */
    TUTORIAL,
    /** cnnlab's own settings (learning-rate decay, other initialisation, more data or epochs), to beat the tutorial. */
    IMPROVED;

    /** @return the kind's name as {@code cnnlab recipes} and the results table print it */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
