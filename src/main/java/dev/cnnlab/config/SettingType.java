package dev.cnnlab.config;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * How a {@link Setting}'s values are read from text (a flag's argument), written to {@code config.json} and read
 * back from it.
 *
 * @param <T> the value's type
 */
public interface SettingType<T> {
    /**
     * @param text the value as typed
     * @return the value
     * @throws IllegalArgumentException saying what was expected, without naming the setting
     */
    T parse(String text);

    /**
     * @param value a value
     * @return the value as {@code config.json} holds it (a string, number or boolean)
     */
    Object toJson(T value);

    /**
     * @param json the value as {@code config.json} held it
     * @return the value
     * @throws IllegalArgumentException when it is of the wrong kind
     */
    T fromJson(Object json);

    /** Whole numbers. */
    SettingType<Integer> INTEGER = new Numeric<>("a whole number", Integer::valueOf, Number::intValue);
    /** Long whole numbers. */
    SettingType<Long> LONG = new Numeric<>("a whole number", Long::valueOf, Number::longValue);
    /** Decimal numbers. */
    SettingType<Double> DECIMAL = new Numeric<>("a number", Double::valueOf, Number::doubleValue);
    /** Yes or no: a flag without argument turns the default over. */
    SettingType<Boolean> BOOLEAN = new SettingType<>() {
        @Override
        public Boolean parse(String text) {
            return Boolean.parseBoolean(text.strip());
        }

        @Override
        public Object toJson(Boolean value) {
            return value;
        }

        @Override
        public Boolean fromJson(Object json) {
            if (!(json instanceof Boolean b)) {
                throw new IllegalArgumentException("expected true or false, got " + json);
            }
            return b;
        }
    };
    /** Free text. */
    SettingType<String> TEXT = byName(Function.identity(), Function.identity());
    /** A file or directory. */
    SettingType<Path> PATH = byName(Path::of, Path::toString);

    /**
     * @param parse  reads a name, throwing {@link IllegalArgumentException} with the names expected
     * @param name   the name of a value
     * @param <T>    the values' type
     * @return values written as their names
     */
    static <T> SettingType<T> byName(Function<String, T> parse, Function<T, String> name) {
        return new SettingType<>() {
            @Override
            public T parse(String text) {
                return parse.apply(text);
            }

            @Override
            public Object toJson(T value) {
                return name.apply(value);
            }

            @Override
            public T fromJson(Object json) {
                if (!(json instanceof String s)) {
                    throw new IllegalArgumentException("expected text, got " + json);
                }
                return parse.apply(s);
            }
        };
    }

    /** Numbers, parsed from text and converted from whatever number type JSON gave. */
    record Numeric<T extends Number>(String expected, Function<String, T> parser, Function<Number, T> convert)
            implements SettingType<T> {
        @Override
        public T parse(String text) {
            try {
                return parser.apply(text.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected " + expected + ", got '" + text + "'");
            }
        }

        @Override
        public Object toJson(T value) {
            return value;
        }

        @Override
        public T fromJson(Object json) {
            if (!(json instanceof Number n)) {
                throw new IllegalArgumentException("expected " + expected + ", got " + json);
            }
            return convert.apply(n);
        }
    }
}
