package dev.cnnlab.config;

import dev.cnnlab.InvalidValueException;

/**
 * A setting has a value it cannot have. The message names the setting by its {@code config.json} key; a command
 * line names it by its flag instead ({@link #describe(String)}).
 */
public final class InvalidSettingException extends InvalidValueException {
    private static final long serialVersionUID = 1L;
    private final transient Setting<?> setting;

    /**
     * @param setting the setting
     * @param problem what is wrong, such as {@code expected a whole number of at least 1, got 0}
     */
    public InvalidSettingException(Setting<?> setting, String problem) {
        this(setting, problem, null);
    }

    /**
     * @param setting the setting
     * @param problem what is wrong, such as {@code cannot list data/photos: Permission denied}
     * @param cause   the underlying failure, kept for {@code --verbose} logs
     */
    public InvalidSettingException(Setting<?> setting, String problem, Throwable cause) {
        super(setting.key(), problem, cause);
        this.setting = setting;
    }

    /** @return the setting whose value is wrong */
    public Setting<?> setting() {
        return setting;
    }
}
