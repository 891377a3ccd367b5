package dev.cnnlab.data.photo;

import dev.cnnlab.CnnlabException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the {@code cats-dogs} dataset lives: the folder named by {@code CNNLAB_CATS_DOGS}, else
 * {@code <data dir>/cats-dogs}, where {@code cnnlab fetch cats-dogs} lays it out.
 */
public final class CatsDogsLocation {
    /** The dataset's name on the command line and in recipes. */
    public static final String KEY = "cats-dogs";
    /** The environment variable that points at a cats-vs-dogs folder. */
    public static final String ENV = "CNNLAB_CATS_DOGS";

    private CatsDogsLocation() {
    }

    /**
     * @param dataDir the data directory
     * @return the folder {@code fetch cats-dogs} fills
     */
    public static Path fetchedDir(Path dataDir) {
        return dataDir.resolve(KEY);
    }

    /**
     * @param dataDir the data directory
     * @return the cats-vs-dogs folder
     * @throws CnnlabException saying how to get the photos when there are none
     */
    public static Path resolve(Path dataDir) {
        String env = System.getenv(ENV);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            if (!Files.isDirectory(p)) {
                throw new CnnlabException(ENV + ": " + p + " is not a folder");
            }
            return p;
        }
        Path fetched = fetchedDir(dataDir);
        if (Files.isDirectory(fetched)) {
            return fetched;
        }
        throw new CnnlabException("cats-dogs: no photos in " + fetched + "; run 'cnnlab fetch cats-dogs' or set "
                + ENV + " to a folder of <class>/ photos");
    }
}
