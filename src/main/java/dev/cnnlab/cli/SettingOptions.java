package dev.cnnlab.cli;

import dev.cnnlab.config.InvalidSettingException;
import dev.cnnlab.config.Setting;
import dev.cnnlab.config.Settings;
import dev.cnnlab.config.TrainingConfig;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.util.List;

/**
 * The {@code train} flags, one per training setting, built from {@link Settings#ALL}: a command naming this class
 * as its model transformer gets an option for every setting whose flag it does not already have (from a mixin such
 * as {@link CommonOptions}).
 */
final class SettingOptions implements CommandLine.IModelTransformer {
    @Override
    public CommandSpec transform(CommandSpec spec) {
        for (Setting<?> s : Settings.ALL) {
            if (spec.findOption(s.flag()) == null) {
                spec.addOption(option(s));
            }
        }
        return spec;
    }

    private static OptionSpec option(Setting<?> s) {
        OptionSpec.Builder b = OptionSpec.builder(s.flag());
        if (s.isBoolean()) {
            return b.arity("0").type(boolean.class).description(s.description()).build();
        }
        String text = s.description();
        Object shown = s.toJson(s.defaultValue());
        if (shown != null && !shown.toString().isEmpty()) {
            text += " (default: " + shown + ")";
        }
        return b.arity("1").type(String.class).paramLabel(s.label()).description(text).build();
    }

    /**
     * @param given what the command line said
     * @param base  the configuration to start from (the defaults, or a recipe's)
     * @return {@code base} with the value of every setting whose flag was given
     * @throws InvalidSettingException naming the setting whose flag's value is not a value of it
     */
    static TrainingConfig apply(ParseResult given, TrainingConfig base) {
        TrainingConfig c = base;
        for (Setting<?> s : Settings.ALL) {
            c = applyOne(given, c, s);
        }
        return c;
    }

    private static <T> TrainingConfig applyOne(ParseResult given, TrainingConfig c, Setting<T> s) {
        CommandLine.Model.OptionSpec matched = given.matchedOption(s.flag());
        if (matched == null) {
            return c;
        }
        if (s.isBoolean()) {
            return c.with(s, s.cast(!(Boolean) s.defaultValue()));
        }
        List<String> values = matched.stringValues();
        return c.with(s, s.parse(values.get(values.size() - 1)));
    }
}
