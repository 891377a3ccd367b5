package dev.cnnlab.config;

import dev.cnnlab.CnnlabException;

/**
 * A setting has a value it cannot have. The message names the setting by its {@code config.json} key; a command
 * line names it by its flag instead ({@link #describe(String)}).
 */
public final class InvalidSettingException extends CnnlabException {
    private static final long serialVersionUID = 1L;
    private final transient Setting<?> setting;
    private final String problem;

    /**
     * @param setting the setting
     * @param problem what is wrong, such as {@code expected a whole number of at least 1, got 0}
     */
    public InvalidSettingException(Setting<?> setting, String problem) {
        super(setting.key() + ": " + problem);
        this.setting = setting;
        this.problem = problem;
    }

    /** @return the setting whose value is wrong */
    public Setting<?> setting() {
        return setting;
    }

    /**
     * @param name how the reader knows the setting, such as its flag
     * @return the message with that name in front
     */
    public String describe(String name) {
        return name + ": " + problem;
    }
}
