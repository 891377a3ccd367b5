package dev.cnnlab.cli;

import dev.cnnlab.CnnlabException;
import dev.cnnlab.InvalidValueException;
import dev.cnnlab.config.Setting;
import dev.cnnlab.config.Settings;
import java.util.Map;

/**
 * The flag that sets each thing the library names in an error: a training setting's flag comes from its
 * declaration in {@link Settings}, the others from the table below, kept beside the options that declare them.
 */
final class SubjectFlags {
    /** Subjects that are not training settings, and the flags that set them. */
    private static final Map<String, String> OTHERS = Map.ofEntries(
            Map.entry("recipe", "--recipe"),
            Map.entry("ui_port", "--ui-port"),
            Map.entry("ui_host", "--ui-host"),
            Map.entry("ui_frequency", "--ui-frequency"),
            Map.entry("ui_keep", "--ui-keep"),
            Map.entry("ui_remote", "--ui-remote"),
            Map.entry("bench models", "--models"),
            Map.entry("bench seconds", "--seconds"),
            Map.entry("bench windows", "--windows"),
            Map.entry("bench batch_size", "--batch-size"));

    private SubjectFlags() {
    }

    /**
     * @param subject the library's name for a thing, such as {@code dataset} or {@code ui_port}
     * @return the flag that sets it, or the subject itself when no flag does
     */
    static String flag(String subject) {
        for (Setting<?> s : Settings.ALL) {
            if (s.key().equals(subject)) {
                return s.flag();
            }
        }
        return OTHERS.getOrDefault(subject, subject);
    }

    /**
     * @param e a problem the user can fix
     * @return the one-line message a user reads: for a wrong value, naming the flag that sets it
     */
    static String message(CnnlabException e) {
        return e instanceof InvalidValueException bad ? bad.describe(flag(bad.subject())) : e.getMessage();
    }
}
