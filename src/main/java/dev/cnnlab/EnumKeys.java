package dev.cnnlab;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Looks up the constant of an enum by the name a user types for it (its key), in any case and spacing. */
public final class EnumKeys {
    private EnumKeys() {
    }

    /**
     * @param values the enum's constants
     * @param key    each constant's key, lower case
     * @param text   what was typed
     * @param <E>    the enum
     * @return the constant whose key is {@code text}, stripped and in lower case, if there is one
     */
    public static <E> Optional<E> find(E[] values, Function<E, String> key, String text) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values).filter(v -> key.apply(v).equals(wanted)).findFirst();
    }

    /**
     * @param values the enum's constants
     * @param key    each constant's key, lower case
     * @param text   what was typed
     * @param <E>    the enum
     * @return the constant whose key is {@code text}
     * @throws IllegalArgumentException {@code expected one of KEY, KEY, got 'TEXT'} when there is none
     */
    public static <E> E require(E[] values, Function<E, String> key, String text) {
        return find(values, key, text).orElseThrow(() -> new IllegalArgumentException("expected one of "
                + Arrays.stream(values).map(key).collect(Collectors.joining(", ")) + ", got '" + text + "'"));
    }
}
