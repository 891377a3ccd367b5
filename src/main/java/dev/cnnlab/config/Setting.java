package dev.cnnlab.config;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * One training setting, declared once in {@link Settings}: its key in {@code config.json}, its command-line flag,
 * its default, its description, whether a resumed run may change it, and the values it accepts. Everything else
 * (the {@code train} flags, reading and writing {@code config.json}, recipes, the checks of {@code --resume})
 * is derived from these declarations.
 *
 * <p>A boolean setting's flag takes no argument and turns its default over ({@code --no-batch-split} sets
 * {@code split_batch} to false; {@code --strict} sets {@code strict} to true).
 *
 * @param <T> the type of its values
 */
public final class Setting<T> {
    private final String key;
    private final String flag;
    private final String label;
    private final String description;
    private final SettingType<T> type;
    private final T defaultValue;
    private final Scope scope;
    private final boolean resumable;
    private final T older;
    private final Predicate<T> accepts;
    private final String expected;

    /** Which runs write a setting to {@code config.json}. */
    public enum Scope {
        /** Every run records it. */
        RUN,
        /** Only runs on photos record it; IDX runs ignore it. */
        PHOTOS,
        /** No run records it: it says how to run (where, how often to checkpoint), not what is trained. */
        INVOCATION
    }

    private Setting(String key, String flag, String label, String description, SettingType<T> type, T defaultValue,
                    Scope scope, boolean resumable, T older, Predicate<T> accepts, String expected) {
        this.key = key;
        this.flag = flag;
        this.label = label;
        this.description = description;
        this.type = type;
        this.defaultValue = defaultValue;
        this.scope = scope;
        this.resumable = resumable;
        this.older = older;
        this.accepts = accepts;
        this.expected = expected;
    }

    /**
     * A setting every run records, which a resumed run keeps, with no default for runs written before it existed
     * and no restriction on its values; refine it with the methods that return a changed copy.
     *
     * @param key          its key in {@code config.json}
     * @param flag         its command-line flag, such as {@code --epochs}
     * @param type         how its values are read and written
     * @param defaultValue its value when nothing sets it (null: none)
     * @param description  what it does, for the command's help
     * @param <T>          the type of its values
     * @return the setting
     */
    public static <T> Setting<T> of(String key, String flag, SettingType<T> type, T defaultValue, String description) {
        return new Setting<>(key, flag, "X", description, type, defaultValue, Scope.RUN, false, null, v -> true, null);
    }

    /**
     * @param newLabel the flag's argument in the help, such as {@code N}
     * @return this setting with that label
     */
    public Setting<T> label(String newLabel) {
        return new Setting<>(key, flag, newLabel, description, type, defaultValue, scope, resumable, older, accepts,
                expected);
    }

    /**
     * @param accepted which values are valid
     * @param what     the valid values in words, for the message, such as {@code a whole number of at least 1}
     * @return this setting, refusing other values
     */
    public Setting<T> accepts(Predicate<T> accepted, String what) {
        return new Setting<>(key, flag, label, description, type, defaultValue, scope, resumable, older, accepted,
                what);
    }

    /**
     * @param value what a run written before the setting existed trained with
     * @return this setting, read as that value from a {@code config.json} without it
     */
    public Setting<T> before(T value) {
        return new Setting<>(key, flag, label, description, type, defaultValue, scope, resumable, value, accepts,
                expected);
    }

    /** @return this setting, recorded by photo runs only */
    public Setting<T> photosOnly() {
        return new Setting<>(key, flag, label, description, type, defaultValue, Scope.PHOTOS, resumable, older, accepts,
                expected);
    }

    /** @return this setting, recorded by no run and free to change on {@code --resume} */
    public Setting<T> perInvocation() {
        return new Setting<>(key, flag, label, description, type, defaultValue, Scope.INVOCATION, true, older,
                accepts, expected);
    }

    /** @return this setting, which a resumed run may change */
    public Setting<T> resumable() {
        return new Setting<>(key, flag, label, description, type, defaultValue, scope, true, older, accepts,
                expected);
    }

    /** @return its key in {@code config.json} and its name in messages */
    public String key() {
        return key;
    }

    /** @return its command-line flag */
    public String flag() {
        return flag;
    }

    /** @return the flag's argument in the help */
    public String label() {
        return label;
    }

    /** @return what it does */
    public String description() {
        return description;
    }

    /** @return how its values are read and written */
    public SettingType<T> type() {
        return type;
    }

    /** @return its value when nothing sets it (may be null) */
    public T defaultValue() {
        return defaultValue;
    }

    /** @return which runs record it */
    public Scope scope() {
        return scope;
    }

    /** @return whether {@code --resume} may change it */
    public boolean isResumable() {
        return resumable;
    }

    /** @return whether its values are yes or no */
    public boolean isBoolean() {
        return type == SettingType.BOOLEAN;
    }

    /**
     * @param value a value of this setting
     * @throws InvalidSettingException naming this setting when the value is not accepted
     */
    public void check(T value) {
        if (!accepts.test(value)) {
            throw new InvalidSettingException(this, "expected " + expected + ", got " + value);
        }
    }

    /**
     * @param text a value as typed
     * @return the value
     * @throws InvalidSettingException naming this setting when the text is not a value
     */
    public T parse(String text) {
        try {
            return type.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(this, e.getMessage());
        }
    }

    /**
     * @param json the value as {@code config.json} held it; null when it held none
     * @return the value
     * @throws IllegalArgumentException naming the key when it is missing (and the setting is older than the file is
     *                                  not) or of the wrong kind
     */
    T fromJson(Object json) {
        if (json == null) {
            if (older != null) {
                return older;
            }
            throw new IllegalArgumentException("no value for '" + key + "'");
        }
        try {
            return type.fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + key + "': " + e.getMessage(), e);
        }
    }

    /**
     * @param value a value of this setting, or null
     * @return the value as {@code config.json} holds it
     */
    public Object toJson(Object value) {
        return value == null ? null : type.toJson(cast(value));
    }

    /**
     * @param value a value of this setting
     * @return it, as this setting's type
     */
    @SuppressWarnings("unchecked")
    public T cast(Object value) {
        return (T) value;
    }

    @Override
    public String toString() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Setting<?> s && s.key.equals(key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key);
    }
}
