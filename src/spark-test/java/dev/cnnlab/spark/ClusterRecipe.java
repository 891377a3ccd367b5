package dev.cnnlab.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one-machine standalone cluster recipe of {@code docs/scale-out.md}, read from the fenced block between the
 * {@code spark-cluster:begin} and {@code spark-cluster:end} markers, so that the test runs the commands the
 * documentation shows. Lines starting with {@code java} start the cluster's JVMs (a trailing {@code &} dropped); every
 * other line is set-up, run before each of them in the same shell.
 *
 * @param setup    the set-up lines, in order
 * @param commands the {@code java} command lines, in order
 */
record ClusterRecipe(List<String> setup, List<String> commands) {
    private static final String BEGIN = "<!-- spark-cluster:begin";
    private static final String END = "<!-- spark-cluster:end";

    /**
     * @param doc the Markdown file
     * @return its cluster recipe
     * @throws IOException when the file cannot be read
     */
    static ClusterRecipe read(Path doc) throws IOException {
        List<String> lines = Files.readAllLines(doc, StandardCharsets.UTF_8);
        int begin = indexStartingWith(lines, BEGIN, 0, doc);
        int end = indexStartingWith(lines, END, begin, doc);
        List<String> setup = new ArrayList<>();
        List<String> commands = new ArrayList<>();
        StringBuilder joined = new StringBuilder();
        for (String line : lines.subList(begin + 1, end)) {
            if (line.startsWith("```")) {
                continue;
            }
            if (line.endsWith("\\")) {
                joined.append(line, 0, line.length() - 1);
                continue;
            }
            String command = joined.append(line).toString().strip().replaceAll("\\s+", " ");
            joined.setLength(0);
            if (command.isEmpty() || command.startsWith("#")) {
                continue;
            }
            if (command.startsWith("java ")) {
                commands.add(command.endsWith(" &") ? command.substring(0, command.length() - 2) : command);
            } else {
                setup.add(command);
            }
        }
        return new ClusterRecipe(List.copyOf(setup), List.copyOf(commands));
    }

    /**
     * @param className the main class, such as {@code org.apache.spark.deploy.worker.Worker}
     * @return the commands running it, in order
     */
    List<String> running(String className) {
        return commands.stream().filter(c -> c.contains(" " + className + " ")).toList();
    }

    /**
     * @param command one of {@link #commands}
     * @return a bash script of the set-up lines and then {@code exec} of the command, so that the started process
     *         is the JVM itself
     */
    String script(String command) {
        return String.join("\n", setup) + "\nexec " + command + "\n";
    }

    private static int indexStartingWith(List<String> lines, String prefix, int from, Path doc) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new IllegalStateException(doc + ": no line starting with " + prefix);
    }
}
