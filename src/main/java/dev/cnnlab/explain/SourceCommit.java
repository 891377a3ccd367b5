package dev.cnnlab.explain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git commit of the working tree a run starts in, so that a result names the source it was measured with.
 */
public final class SourceCommit {
    /** What {@link #of(Path)} answers outside a git working tree or without git. */
    public static final String UNKNOWN = "unknown";
    /** Appended to the commit when tracked files differ from it. */
    public static final String MODIFIED = "+modified";
    private static final long TIMEOUT_SECONDS = 10;

    private SourceCommit() {
    }

    /**
     * @param dir     a directory inside the working tree
     * @param results the results file, whose own changes do not count: each run appends to it
     * @return the abbreviated commit, followed by {@link #MODIFIED} when other tracked files were changed since;
     *         or {@link #UNKNOWN}
     */
    public static String of(Path dir, Path results) {
        String commit = git(dir, "rev-parse", "--short=12", "HEAD");
        if (commit == null || commit.isEmpty()) {
            return UNKNOWN;
        }
        String changes = git(dir, "status", "--porcelain", "--untracked-files=no");
        boolean modified = changes == null || changes.lines()
                .map(line -> Path.of(line.substring(Math.min(3, line.length())).strip()).getFileName())
                .anyMatch(name -> name == null || !name.equals(results.getFileName()));
        return modified ? commit + MODIFIED : commit;
    }

    private static String git(Path dir, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroy();
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
