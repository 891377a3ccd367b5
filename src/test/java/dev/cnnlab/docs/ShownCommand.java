package dev.cnnlab.docs;

import dev.cnnlab.cli.Main;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cnnlab command shown in a Markdown code block ({@code scripts/cnnlab ...}, or {@code mvn ... exec:java
 * -Dexec.args="..."}), and whether picocli accepts it against {@link Main}'s command tree. Nothing is run.
 *
 * @param file where it is shown
 * @param line its line number there
 * @param args its arguments after {@code cnnlab}, placeholders replaced
 */
record ShownCommand(Path file, int line, List<String> args) {
    private static final Pattern COMMENT = Pattern.compile("\\s#\\s");
    private static final Pattern EXEC_ARGS = Pattern.compile("-Dexec\\.args=(\"[^\"]*\"|'[^']*'|\\S+)");
    /** Placeholders the docs use, and a value of the right kind for each. */
    private static final Map<String, String> PLACEHOLDERS = Map.of(
            "RUN_DIR", "runs/example", "MODEL", "runs/example/model.zip", "PHOTOS", "photos");

    /**
     * @param file a Markdown file
     * @return every cnnlab command in its fenced code blocks
     * @throws IOException when the file cannot be read
     */
    static List<ShownCommand> inCodeBlocks(Path file) throws IOException {
        List<ShownCommand> commands = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        boolean[] code = MarkdownLinks.inCodeBlocks(lines);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!code[i] || line.stripLeading().startsWith("```")) {
                continue;
            }
            StringBuilder joined = new StringBuilder(line);
            int first = i;
            while (joined.toString().stripTrailing().endsWith("\\") && i + 1 < lines.size()) {
                String text = joined.toString().stripTrailing();
                joined.setLength(0);
                joined.append(text, 0, text.length() - 1).append(' ').append(lines.get(++i).strip());
            }
            argsOf(joined.toString()).ifPresent(args -> commands.add(new ShownCommand(file, first + 1, args)));
        }
        return commands;
    }

    private static Optional<List<String>> argsOf(String line) {
        String text = stripComment(line);
        Matcher exec = EXEC_ARGS.matcher(text);
        if (text.contains("exec:java") && exec.find()) {
            String quoted = exec.group(1);
            String inner = quoted.startsWith("\"") || quoted.startsWith("'") ? quoted.substring(1, quoted.length() - 1)
                    : quoted;
            return Optional.of(words(inner));
        }
        int at = text.indexOf("scripts/cnnlab");
        if (at < 0 || at > 0 && !Character.isWhitespace(text.charAt(at - 1)) && text.charAt(at - 1) != '(') {
            return Optional.empty();
        }
        String rest = text.substring(at + "scripts/cnnlab".length());
        if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) {
            return Optional.empty(); // another file, e.g. scripts/cnnlab-something
        }
        return Optional.of(words(rest));
    }

    /** Shell words up to the first operator that ends the command (pipe, redirect, ;, &&, a closing parenthesis). */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(placeholder(word.toString()));
                    word.setLength(0);
                    inWord = false;
                }
            } else if ("|;&>)".indexOf(c) >= 0) {
                break;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(placeholder(word.toString()));
        }
        return words;
    }

    private static String placeholder(String word) {
        String replaced = word;
        for (Map.Entry<String, String> e : PLACEHOLDERS.entrySet()) {
            replaced = replaced.replace(e.getKey(), e.getValue());
        }
        return replaced;
    }

    private static String stripComment(String line) {
        Matcher m = COMMENT.matcher(line);
        return m.find() ? line.substring(0, m.start()) : line;
    }

    /** @return why picocli refuses the command (unknown command or flag, bad value), or empty when it parses */
    Optional<String> parseError() {
        try {
            CliReference.commandTree().parseArgs(args.toArray(String[]::new));
            return Optional.empty();
        } catch (CommandLine.ParameterException e) {
            return Optional.of(MarkdownLinks.shown(file) + ":" + line + ": cnnlab " + String.join(" ", args) + ": "
                    + e.getMessage());
        }
    }
}
