package dev.cnnlab.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The git commit cnnlab was built from, so that a result names the source it was measured with. The build
 * writes it (pom.xml, execution {@code record-source-commit}) as {@value #RESOURCE}, followed by
 * {@link #MODIFIED} when the sources differed from the commit.
 */
public final class SourceCommit {
    /** What {@link #ofBuild()} answers for a build made outside a git working tree or without git. */
    public static final String UNKNOWN = "unknown";
    /** Appended to the commit when src/main or pom.xml differed from it at build time. */
    public static final String MODIFIED = "+modified";
    /** The class-path resource the build writes the commit to. */
    static final String RESOURCE = "source-commit.txt";

    private SourceCommit() {
    }

    /** @return the abbreviated commit of this build, possibly followed by {@link #MODIFIED}; or {@link #UNKNOWN} */
    public static String ofBuild() {
        try (InputStream in = SourceCommit.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return UNKNOWN;
            }
            String commit = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            return commit.isEmpty() ? UNKNOWN : commit;
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
