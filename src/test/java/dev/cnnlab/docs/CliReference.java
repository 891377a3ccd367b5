package dev.cnnlab.docs;

import dev.cnnlab.cli.Main;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes docs/cli.md, the reference of every command and flag, from picocli's own usage help of
 * {@link Main}'s command tree, so that the reference cannot drift from the code.
 *
 * <p>Regenerate it after changing a command: {@code mvn -q -o test -Dtest=DocsTest -Dcnnlab.docs.update=true}, or run
 * {@link #main(String[])} with the test classpath. {@link DocsTest} fails while the file differs.
 */
public final class CliReference {
    /** Where the reference lives, relative to the checkout. */
    public static final Path FILE = Path.of("docs", "cli.md");
    /** Fixed width, so the text does not depend on the terminal that generates it. */
    private static final int WIDTH = 110;

    private CliReference() {
    }

    /**
     * Writes docs/cli.md in the current directory (the checkout).
     *
     * @param args ignored
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        Files.writeString(FILE, markdown(), StandardCharsets.UTF_8);
    }

    /** @return the whole text of docs/cli.md as the code describes the commands today */
    public static String markdown() {
        CommandLine root = commandTree();
        StringBuilder md = new StringBuilder();
        md.append("# Command reference\n\n")
                .append("<!-- Generated from picocli's usage help by src/test/java/dev/cnnlab/docs/CliReference.java;")
                .append(" do not edit by hand.\n")
                .append("     Regenerate: mvn -q -o test -Dtest=DocsTest -Dcnnlab.docs.update=true -->\n\n")
                .append("Every command as `scripts/cnnlab COMMAND --help` prints it. `mvn -q compile exec:java")
                .append(" -Dexec.args=\"COMMAND ...\"` takes the same arguments. Exit codes: 0 success; 1 a failed run")
                .append(" (one line naming the file and what was expected); 2 an unknown or invalid flag; 130 / 143")
                .append(" a training run stopped by Ctrl-C / SIGTERM after writing a checkpoint.\n\n");
        List<CommandLine> commands = new ArrayList<>();
        commands.add(root);
        root.getSubcommands().values().stream().filter(c -> !"help".equals(c.getCommandName()))
                .forEach(commands::add);
        md.append("Commands: ");
        for (int i = 1; i < commands.size(); i++) {
            String name = commands.get(i).getCommandName();
            md.append(i > 1 ? ", " : "").append('[').append(name).append("](#").append(name).append(')');
        }
        md.append(".\n");
        for (CommandLine command : commands) {
            String title = command == root ? "cnnlab" : command.getCommandName();
            md.append("\n## ").append(title).append("\n\n```text\n")
                    .append(command.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing())
                    .append("\n```\n");
        }
        return md.toString();
    }

    /** @return {@link Main}'s command tree as the command line builds it, at a fixed usage width */
    public static CommandLine commandTree() {
        CommandLine root = new CommandLine(new Main());
        root.setUsageHelpAutoWidth(false);
        root.setUsageHelpWidth(WIDTH);
        return root;
    }
}
