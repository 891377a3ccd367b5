package dev.cnnlab.data.store;

import java.nio.file.Path;

/**
 * Chooses the data directory: the {@code --data-dir} flag, else the {@code CNNLAB_DATA} environment
 * variable, else {@code ~/.cnnlab/data}.
 */
public final class DataDirectory {
    /** The environment variable that overrides the default data directory. */
    public static final String ENV = "CNNLAB_DATA";

    private DataDirectory() {
    }

    /**
     * @param flag the {@code --data-dir} value, or null when not given
     * @return the data directory to use
     */
    public static Path resolve(Path flag) {
        if (flag != null) {
            return flag;
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cnnlab", "data");
    }
}
